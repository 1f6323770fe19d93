from django.core.cache import cache

from wagtail.models import Site

import pytest

from portal.challenges.models import ChallengeIndexPage, StoryIndexPage
from tests.factories import ChallengePageFactory, IdeaFormPageFactory, NeedsSurveyPageFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Form limits count in the cache: each test starts from zero."""
    cache.clear()


@pytest.fixture
def home(db):
    """The home page created by the site-skeleton migration."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def challenge_index(home):
    return ChallengeIndexPage.objects.child_of(home).get()


@pytest.fixture
def story_index(home):
    return StoryIndexPage.objects.child_of(home).get()


@pytest.fixture
def catalogue(challenge_index):
    """The challenge catalogue with one challenge, themed "open source"."""
    ChallengePageFactory(parent=challenge_index, title="Comment m'engager dans l'open source ?", themes=["open source"])
    return challenge_index


@pytest.fixture
def ideas(home):
    """The ideas form page, with its honeypot on."""
    return IdeaFormPageFactory(parent=home)


@pytest.fixture
def survey(home, catalogue):
    """The needs survey, offering the catalogue's themes "open source" and "culture client"."""
    ChallengePageFactory(parent=catalogue, title="Développer la culture client", themes=["culture client"])
    return NeedsSurveyPageFactory(parent=home)


@pytest.fixture
def editor(db):
    user = UserFactory(editor=True)
    user.save()
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def directory(home):
    """The mentor directory page created by the migrations, with a published charter (version 2026-1)."""
    from portal.mentors.models import MentorIndexPage
    from tests.factories import CharterPageFactory

    CharterPageFactory(parent=home, version="2026-1")
    return MentorIndexPage.objects.child_of(home).get()


# --- Elasticsearch (make test-services) -----------------------------------------------------------
# The database rolls back after each test; an Elasticsearch index does not. The session starts from
# fresh indexes holding what the migrations created; after each test, every other document goes.
@pytest.fixture(scope="session")
def search_baseline(django_db_setup, django_db_blocker):
    from search import engine

    if not engine.has_fallback():
        return None
    with django_db_blocker.unblock():
        engine.rebuild_elasticsearch()
        backend = engine.state.backend("default")
        indexes = engine.elasticsearch_indexes(backend)
        return {
            name: [hit["_id"] for hit in backend.es.search(index=name, size=10_000, source=False)["hits"]["hits"]]
            for name in indexes
        }


@pytest.fixture(autouse=True)
def clean_search_index(request, search_baseline):
    yield
    if search_baseline:
        from search import engine

        engine.refresh_elasticsearch()
        backend = engine.state.backend("default")
        # The minimal distribution has no _delete_by_query: find the documents, then delete them in bulk.
        for name, kept in search_baseline.items():
            query = {"bool": {"must_not": {"ids": {"values": kept}}}}
            hits = backend.es.search(index=name, query=query, size=10_000, source=False)["hits"]["hits"]
            if hits:
                operations = [{"delete": {"_index": hit["_index"], "_id": hit["_id"]}} for hit in hits]
                backend.es.bulk(operations=operations, refresh=True)
