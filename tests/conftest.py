import io
import os
import shutil

from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from wagtail.models import Site

import pytest

from portal.challenges.models import ChallengeIndexPage, StoryIndexPage
from tests.factories import ChallengePageFactory, IdeaFormPageFactory, NeedsSurveyPageFactory, UserFactory


@pytest.fixture
def in_french():
    """Messages read in French, as the people the rules speak to read them (`usefixtures("in_french")`)."""
    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Form limits count in the cache, and anonymous pages are cached (portal/pagecache/): each test starts from
    zero."""
    cache.clear()
    caches["pages"].clear()


@pytest.fixture
def home(db):
    """The home page created by the site-skeleton migration."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def programme(home):
    """The programme page, under which the mentoring models and their iterations live."""
    from tests.factories import ProgrammePageFactory

    return ProgrammePageFactory(parent=home)


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
        return {name: indexed_ids(backend, name) for name in indexes}


def indexed_ids(backend, index):
    return [hit["_id"] for hit in backend.es.search(index=index, size=10_000, source=False)["hits"]["hits"]]


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


# --- The demo site --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, search_baseline, tmp_path_factory):
    """The founding text's demo content (`load_demo`, about 2 s), loaded once for a whole test module.

    Only for modules whose every test runs on the demo site (`pytestmark = pytest.mark.usefixtures("demo_site")`):
    the content stays in the database until the module ends. Each test still runs in its own savepoint,
    rolled back at its end, so a test that changes the demo leaves the next one the demo as loaded. Elasticsearch
    keeps the demo's documents while the module runs (a test's own changes to them stay until the module ends)
    and is rebuilt from the database once the module is done.
    """
    from search import engine

    baseline = dict(search_baseline or {})
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")):
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            if baseline:
                engine.refresh_elasticsearch()
                backend = engine.state.backend("default")
                search_baseline.update({name: indexed_ids(backend, name) for name in baseline})
            yield
        finally:
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)
            if baseline:
                search_baseline.update(baseline)
                engine.rebuild_elasticsearch()


# --- The test database ----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_keepdb, tmp_path_factory):
    """SQLite's test database lives in memory, made afresh by the migrations on each run. With `--reuse-db`
    (local runs: `make test PYTEST_ARGS=--reuse-db`) it lives in a file kept between runs instead, so later
    runs skip the migrations; `--create-db` makes it afresh (after adding a migration). CI never reuses it.

    `make mutation` runs the tests once per mutant, several at a time: each run starts from its own copy of a
    database migrated once by scripts/mutation.sh (MUTATION_TEST_DB, with --reuse-db)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if django_db_keepdb and database["ENGINE"] == "django.db.backends.sqlite3":
        if template := os.environ.get("MUTATION_TEST_DB"):
            copy = tmp_path_factory.mktemp("db") / "test.sqlite3"
            shutil.copyfile(template, copy)
            database.setdefault("TEST", {})["NAME"] = str(copy)
        else:
            database.setdefault("TEST", {})["NAME"] = str(settings.BASE_DIR / ".test-db.sqlite3")
