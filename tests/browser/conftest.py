"""Browser tests: Debian's Chromium, driven by Playwright, against the portal served by a live server with
the demo content, at a desktop and a phone width.

The site runs in this process (a thread), on a SQLite file of its own, so the test and the server see
the same committed data and the same outbox (django.core.mail.outbox). Nothing is rolled back between
tests: each test makes its own people (unique names and addresses) on top of the demo, as on a real site.
Run them alone with `make test-browser`; `make test` runs them after the rest of the suite.
"""

import os

from django.core.management import call_command

import pytest

from tests.browser.person import Person

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}


@pytest.fixture(scope="session", autouse=True)
def orm_beside_playwright():
    """Playwright's synchronous API keeps an event loop in the test's thread; the ORM calls a test makes
    between two clicks are synchronous all the same. Only for the browser tests: `check --deploy` refuses it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.access(CHROMIUM, os.X_OK):
        raise pytest.UsageError(f"No Chromium at {CHROMIUM}: run scripts/chromium.sh (or set CHROMIUM_PATH).")
    # The machine has no network: Chromium must not try to reach Google's services at start.
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": flags}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """A database file of its own: the server thread and the test each open their own connection to it."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["TEST"]["NAME"] = str(tmp_path_factory.mktemp("browser") / "portal.sqlite3")
        # A throw-away file: no need to wait for the disk; WAL lets the site write while the test reads.
        database["OPTIONS"] |= {"timeout": 30, "init_command": "PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL;"}


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """The test database, created for the session whatever the tests ask (they ask none: see committed_data)."""
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(databases, verbosity=0)


@pytest.fixture(scope="session")
def site_url(django_db_setup, django_db_blocker):
    """The demo site, served on 127.0.0.1 for the whole session."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
    server = LiveServer("127.0.0.1:0")
    yield server.url
    server.stop()


@pytest.fixture(autouse=True)
def committed_data(django_db_blocker, settings):
    """The test reads and writes the database as the site does: committed at once, seen by the server.
    Each test has the form limits to itself (the cache is emptied by tests/conftest.py)."""
    settings.FORM_RATE_PER_IP = "1000/h"
    with django_db_blocker.unblock():
        yield


@pytest.fixture(params=list(VIEWPORTS))
def person(request, new_context, site_url):
    """Someone at a desktop (1280 px) or on a phone (390 px), in French, who clicks and types."""
    context = new_context(**VIEWPORTS[request.param], locale="fr-FR", base_url=site_url)
    context.set_default_timeout(10_000)
    return Person(context.new_page(), site_url, request.param)
