"""A moderator schedules a page in the page editor (status panel, « Programmer »: its go-live date, then
« Programmer pour publication »); it stays out of the visitors' sight until the production cron runs
Wagtail's `publish_scheduled` past that date, then a visitor reads it."""

import re
import uuid
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Site

import pytest

from portal.home.models import StandardPage
from tests.browser.conftest import VIEWPORTS
from tests.browser.person import Person
from tests.factories import MODERATORS_GROUP, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@contextmanager
def clock_moved(**delta):
    now = timezone.now
    with mock.patch("django.utils.timezone.now", lambda: now() + timedelta(**delta)):
        yield


@pytest.fixture
def moderator():
    """A member of the moderators' group: publishes and schedules pages; no superuser rights."""
    return UserFactory(username=f"moderatrice-{uuid.uuid4().hex[:6]}", groups=[MODERATORS_GROUP])


@pytest.fixture
def draft(site_url):
    suffix = uuid.uuid4().hex[:6]
    home = Site.objects.get(is_default_site=True).root_page
    page = StandardPage(title=f"Appel à mentors {suffix}", slug=f"appel-a-mentors-{suffix}", body=[], live=False)
    home.add_child(instance=page)
    page.save_revision()
    return page


@pytest.fixture
def visitor(person, new_context, site_url):
    """Someone else, not logged in, on the same kind of screen."""
    context = new_context(**VIEWPORTS[person.device], locale="fr-FR", base_url=site_url)
    context.set_default_timeout(10_000)
    return Person(context.new_page(), site_url, person.device)


def log_into_the_admin(person, user):
    person.go("/admin/login/")
    person.type("Nom d’utilisateur", user.username)
    person.type(re.compile(r"^\s*Mot de passe"), PASSWORD)
    person.click(person.page.get_by_role("button", name="S'identifier"))
    assert person.path == "/admin/"


def test_a_moderator_schedules_a_page_that_goes_live_when_the_cron_runs(person, moderator, draft, visitor):
    address = f"/{draft.slug}/"
    go_live = (timezone.localtime() + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    log_into_the_admin(person, moderator)
    person.go(f"/admin/pages/{draft.pk}/edit/")
    person.click(person.page.get_by_role("button", name="Afficher/masquer le statut"), navigates=False)
    person.click(person.page.get_by_role("button", name="Programmer", exact=True), navigates=False)
    dialog = person.page.get_by_role("dialog")
    person.type("Date/heure de publication", go_live.strftime("%Y-%m-%d %H:%M"))
    for _field in ("go live", "expiry"):  # the date pickers close as the person tabs past the fields
        person.page.keyboard.press("Tab")
        person.pause(0.2)
    person.click(dialog.get_by_role("button", name="Enregistrer la programmation"), navigates=False)
    if person.device == "phone":  # the panel covers the page's actions on a phone: the person closes it
        person.click(person.page.get_by_role("button", name="Afficher/masquer le statut"), navigates=False)
        # and waits for it to slide away before reaching for the actions
        person.page.locator("section[aria-labelledby^='status-sidebar']").first.wait_for(state="hidden")
    person.click(person.page.get_by_role("button", name="Plus d’actions"), navigates=False)
    person.click(person.page.get_by_role("button", name="Programmer pour publication"))
    assert person.sees("a été planifiée pour publication")

    page = StandardPage.objects.get(pk=draft.pk)
    assert not page.live and timezone.localtime(page.go_live_at) == go_live
    visitor.go(address)
    assert visitor.page.get_by_role("heading", level=1).inner_text().strip() != draft.title

    with clock_moved(days=2):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115 - the cron's command
    assert StandardPage.objects.get(pk=draft.pk).live
    visitor.go(address)
    assert visitor.page.get_by_role("heading", level=1).inner_text().strip() == draft.title
