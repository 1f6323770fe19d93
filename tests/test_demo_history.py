"""`load_demo` leaves every page it seeds in Wagtail's History as the admin would have (created, then
published with its revision), the migrations' skeleton included, so that editors can review and restore the
launch version."""

from django.core.management import call_command

from wagtail.models import Page, PageLogEntry, Site

import pytest
from bs4 import BeautifulSoup

from portal.challenges.models import ChallengeIndexPage
from tests.factories import EDITORS_GROUP, MODERATORS_GROUP, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def site_pages():
    home = Site.objects.get(is_default_site=True).root_page
    return Page.objects.descendant_of(home, inclusive=True)


def actions(page):
    return [
        (entry.action, entry.revision_id)
        for entry in PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
    ]


def form_data(html):
    """What the browser would send from the page editor's form as it is shown."""
    form = BeautifulSoup(html, "html.parser").select_one("form[data-edit-form], form#page-edit-form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        kind = field.get("type", "")
        if kind in ("submit", "button", "file") or (kind in ("checkbox", "radio") and not field.has_attr("checked")):
            continue
        if field.name == "textarea":
            data[field["name"]] = field.get_text()
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            data[field["name"]] = chosen["value"] if chosen else ""
        else:
            data[field["name"]] = field.get("value", "on" if kind == "checkbox" else "")
    return form.get("action"), data


def test_every_seeded_page_is_created_then_saved_and_published_with_its_revision():
    pages = list(site_pages().specific())
    assert len(pages) > 10
    for page in pages:
        recorded = actions(page)
        launch = page.revisions.order_by("created_at", "pk").first()
        assert launch is not None, page.title
        assert recorded[:3] == [
            ("wagtail.create", None),
            ("wagtail.edit", launch.pk),
            ("wagtail.publish", launch.pk),
        ], page.title
        assert ("wagtail.publish", page.live_revision_id) in recorded, page.title


def test_the_skeletons_pages_have_their_launch_version():
    """The home and the index pages come from the migrations: load_demo gives them what the admin would."""
    home = Site.objects.get(is_default_site=True).root_page
    for page in [home, *home.get_children()]:
        assert page.revisions.exists(), page.title
        assert PageLogEntry.objects.filter(page=page, action="wagtail.create").count() == 1, page.title


def test_loading_the_demo_again_writes_no_history():
    before = PageLogEntry.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert PageLogEntry.objects.count() == before


def test_an_editor_restores_the_launch_version_from_history(client):
    index = ChallengeIndexPage.objects.get()
    launch = index.live_revision_id
    moderator = UserFactory(groups=[MODERATORS_GROUP])
    index.title = "Défis (renommés)"
    index.save_revision(user=moderator, log_action=True).publish(user=moderator)

    client.force_login(UserFactory(groups=[EDITORS_GROUP]))
    soup = BeautifulSoup(client.get(f"/admin/pages/{index.pk}/history/").content, "html.parser")
    rows = [row.get_text(" ", strip=True) for row in soup.select("table.listing tbody tr")]
    assert rows[-1].startswith("Création"), rows
    review = soup.find("a", href=f"/admin/pages/{index.pk}/revisions/{launch}/revert/")
    assert review is not None and review.get_text(strip=True) == "Passer en revue cette version"

    response = client.get(review["href"])
    assert response.status_code == 200
    action, data = form_data(response.content.decode())
    assert data["title"] == "Défis"
    saved = client.post(action or f"/admin/pages/{index.pk}/edit/", data)
    assert saved.status_code == 302
    index.refresh_from_db()
    assert index.get_latest_revision_as_object().title == "Défis"
    assert index.title == "Défis (renommés)"  # a draft until a moderator publishes it
