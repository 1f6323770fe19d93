from django.core.cache import cache

from wagtail.models import Site

import pytest

from portal.challenges.models import ChallengeIndexPage, StoryIndexPage
from tests.factories import UserFactory


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
