"""The page cache's settings, and a CDN or Varnish in front (Wagtail's frontend cache): it may keep pages as long as
the page cache, and is purged with it, once the change is committed, in a task."""

import tempfile
from types import SimpleNamespace

from django.test import Client

from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Site

import pytest

from portal.home.models import SiteSettings
from tests.factories import ChallengePageFactory, MentorProfileFactory
from tests.test_settings import STRONG_SECRET, settings_values

PURGED = []


class RecordingBackend(BaseBackend):
    """A CDN that notes what it is asked to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "tests.test_page_cache_frontend.RecordingBackend"}}
    PURGED.clear()
    yield PURGED
    PURGED.clear()


def test_with_a_cdn_in_front_pages_may_be_kept_by_it_and_not_by_browsers(cdn, home):
    for state in ("miss", "hit"):
        response = Client().get("/")
        assert response["X-Page-Cache"] == state
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"


def test_a_change_to_mentors_purges_the_cdn_of_their_pages_once_committed(
    cdn, directory, challenge_index, django_capture_on_commit_callbacks
):
    challenge = ChallengePageFactory(parent=challenge_index, title="Ouvrir nos données")
    mentor = MentorProfileFactory(full_name="Claire Morvan")
    cdn.clear()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mentor.headline = "Nouvelle accroche"
        mentor.save()
    assert cdn == []  # nothing while the change may still be rolled back
    for callback in callbacks:
        callback()

    root = Site.objects.get(is_default_site=True).root_url
    assert {f"{root}{challenge.url}", f"{root}{directory.url}", f"{root}{directory.url}{mentor.slug}/"} <= set(cdn)
    assert f"{root}/" not in cdn  # the home page shows no mentor


def test_a_change_to_every_page_s_frame_purges_the_cdn_of_every_live_page(
    cdn, home, challenge_index, django_capture_on_commit_callbacks
):
    challenge = ChallengePageFactory(parent=challenge_index)
    cdn.clear()

    with django_capture_on_commit_callbacks(execute=True):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.tagline = "Un commun de la mobilité"
        settings.save()

    root = Site.objects.get(is_default_site=True).root_url
    assert {f"{root}/", f"{root}{challenge_index.url}", f"{root}{challenge.url}"} <= set(cdn)


def test_publishing_a_page_purges_it_from_the_cdn_through_wagtail_s_own_hooks(cdn, challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index)
    cdn.clear()

    challenge.save_revision().publish()  # outside the suite's transaction callbacks: Wagtail's handler alone

    assert f"{Site.objects.get(is_default_site=True).root_url}{challenge.url}" in cdn


def test_without_a_cdn_nothing_is_sent(home, challenge_index, django_capture_on_commit_callbacks, monkeypatch):
    from portal.pagecache import frontend

    def fail(*args):
        pytest.fail("a purge task without a CDN")

    monkeypatch.setattr(frontend, "purge_task", SimpleNamespace(enqueue=fail))
    with django_capture_on_commit_callbacks(execute=True):
        MentorProfileFactory()


# --- Settings ------------------------------------------------------------------------------------------------------
NAMES = ["PAGE_CACHE_SECONDS", "CACHES", "WAGTAILFRONTENDCACHE", "MIDDLEWARE", "INSTALLED_APPS"]


def test_pages_are_cached_five_minutes_in_files_shared_by_the_processes_of_a_machine():
    production = settings_values(
        "portal.settings.production", NAMES, SECRET_KEY=STRONG_SECRET, ALLOWED_HOSTS="mentorat.example.org"
    )
    assert production["PAGE_CACHE_SECONDS"] == 300
    pages = production["CACHES"]["pages"]
    assert pages["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert pages["LOCATION"].startswith(f"{tempfile.gettempdir()}/mentorat-pages-")
    assert production["WAGTAILFRONTENDCACHE"] == {}
    middleware = production["MIDDLEWARE"]
    position = middleware.index("portal.pagecache.middleware.PageCacheMiddleware")
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") < position
    assert position < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert {"portal.pagecache", "wagtail.contrib.frontend_cache"} <= set(production["INSTALLED_APPS"])
    assert settings_values("portal.settings.dev", ["PAGE_CACHE_SECONDS"]) == {"PAGE_CACHE_SECONDS": 0}


def test_the_environment_sets_the_duration_the_folder_memcached_and_the_cdn():
    bench = settings_values("portal.settings.bench", NAMES, PAGE_CACHE_SECONDS="0", PAGE_CACHE_DIR="/srv/pages")
    assert (bench["PAGE_CACHE_SECONDS"], bench["CACHES"]["pages"]["LOCATION"]) == (0, "/srv/pages")
    env = {
        "MEMCACHED_LOCATION": "127.0.0.1:11211",
        "FRONTEND_CACHE_VARNISH_URL": "http://127.0.0.1:6081",
        "FRONTEND_CACHE_CLOUDFLARE_ZONEID": "zone",
        "FRONTEND_CACHE_CLOUDFLARE_TOKEN": "token",
    }
    values = settings_values("portal.settings.bench", NAMES, **env)
    assert values["CACHES"]["pages"] == {
        "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
        "LOCATION": "127.0.0.1:11211",
        "KEY_PREFIX": "pages",
    }
    assert values["WAGTAILFRONTENDCACHE"] == {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:6081",
        },
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": "zone",
            "BEARER_TOKEN": "token",
        },
    }
