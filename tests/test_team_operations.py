"""Operations the team relies on without a developer: scheduled pages go live (and expired ones go offline)
when the production cron runs Wagtail's `publish_scheduled`; the admin finds a mentor whatever the accents;
a sentence puts « d' » before a name that starts with a vowel."""

from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone, translation

from wagtail.models import PageLogEntry

import pytest

from portal.home.models import StandardPage
from portal.wording import elide
from tests.factories import MODERATORS_GROUP, MentorProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

README = Path(settings.BASE_DIR) / "README.md"


@contextmanager
def clock_moved(**delta):
    """The time it will be then: for the command, the pages and everything that reads the clock."""
    now = timezone.now
    with mock.patch("django.utils.timezone.now", lambda: now() + timedelta(**delta)):
        yield


def run_cron():
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115


def draft_page(home, title, slug):
    page = StandardPage(title=title, slug=slug, body=[], live=False)
    home.add_child(instance=page)
    page.save_revision()
    return StandardPage.objects.get(pk=page.pk)


def schedule(page, user, **fields):
    """What the page editor does when a moderator sets the dates and chooses « Programmer pour publication »."""
    for name, value in fields.items():
        setattr(page, name, value)
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    return revision


# --- Scheduled publishing --------------------------------------------------------------------------------
def test_a_page_scheduled_by_a_moderator_goes_live_when_the_cron_runs_past_its_date(home, client):
    moderator = UserFactory(groups=[MODERATORS_GROUP])
    page = draft_page(home, "Appel à mentors 2027", "appel-a-mentors-2027")
    revision = schedule(page, moderator, go_live_at=timezone.now() + timedelta(hours=2))
    page.refresh_from_db()
    revision.refresh_from_db()
    assert not page.live and revision.approved_go_live_at is not None
    assert client.get("/appel-a-mentors-2027/").status_code == 404

    run_cron()  # before the date: nothing happens
    assert not StandardPage.objects.get(pk=page.pk).live

    with clock_moved(hours=3):
        run_cron()
    page.refresh_from_db()
    assert page.live and page.live_revision_id == revision.pk
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").exists()
    response = client.get("/appel-a-mentors-2027/")
    assert response.status_code == 200 and "Appel à mentors 2027" in response.content.decode()


def test_a_page_scheduled_for_later_stays_offline_when_the_cron_runs(home, client):
    moderator = UserFactory(groups=[MODERATORS_GROUP])
    page = draft_page(home, "Programme 2028", "programme-2028")
    schedule(page, moderator, go_live_at=timezone.now() + timedelta(days=30))
    with clock_moved(days=29):
        run_cron()
    assert not StandardPage.objects.get(pk=page.pk).live
    assert client.get("/programme-2028/").status_code == 404


def test_a_new_version_of_a_live_page_replaces_it_only_at_its_date(home, client):
    moderator = UserFactory(groups=[MODERATORS_GROUP])
    page = draft_page(home, "Calendrier", "calendrier")
    page.save_revision(user=moderator).publish(user=moderator)
    page = StandardPage.objects.get(pk=page.pk)
    schedule(page, moderator, title="Calendrier 2027", go_live_at=timezone.now() + timedelta(hours=1))
    assert "Calendrier 2027" not in client.get("/calendrier/").content.decode()
    with clock_moved(hours=2):
        run_cron()
    assert "Calendrier 2027" in client.get("/calendrier/").content.decode()


def test_a_page_past_its_expiry_date_goes_offline_when_the_cron_runs(home, client):
    moderator = UserFactory(groups=[MODERATORS_GROUP])
    page = draft_page(home, "Inscriptions ouvertes", "inscriptions-ouvertes")
    schedule(page, moderator, expire_at=timezone.now() + timedelta(hours=1))
    assert client.get("/inscriptions-ouvertes/").status_code == 200

    run_cron()
    assert StandardPage.objects.get(pk=page.pk).live
    with clock_moved(hours=2):
        run_cron()
    page.refresh_from_db()
    assert not page.live and page.expired
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish.scheduled").exists()
    assert client.get("/inscriptions-ouvertes/").status_code == 404


def test_the_production_cron_and_set_up_run_publish_scheduled():
    readme = README.read_text(encoding="utf-8")
    cron = readme.split("Scheduled jobs for production (cron):", 1)[1].split("```cron", 1)[1].split("```", 1)[0]
    jobs = {
        line.split("manage.py ", 1)[1].split()[0]: line.split("cd ", 1)[0].split() for line in cron.strip().splitlines()
    }
    assert set(jobs) >= {"send_queued_emails", "send_reminders", "purge_requests", "publish_scheduled"}
    assert len(jobs["publish_scheduled"]) == 5 and jobs["publish_scheduled"][0].startswith("*/")  # every few minutes
    production = readme.split("### Production", 1)[1].split("\n## ", 1)[0]
    assert "publish_scheduled" in production


# --- The admin's search of mentors ignores accents and case ------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("elodie", ["Élodie Martin", "Elodie Bernard"]),
        ("Élodie", ["Élodie Martin", "Elodie Bernard"]),
        ("ÉLODIE MARTIN", ["Élodie Martin"]),
        ("elodie bernard", ["Elodie Bernard"]),
        ("francois", ["François Œillet"]),
        ("œillet", ["François Œillet"]),
        ("mobilites", ["Zoé Durand"]),
    ],
)
def test_the_admins_mentor_search_ignores_accents_and_case(client, directory, typed, found):
    MentorProfileFactory(full_name="Élodie Martin")
    MentorProfileFactory(full_name="Elodie Bernard")
    MentorProfileFactory(full_name="François Œillet")
    MentorProfileFactory(full_name="Zoé Durand", organisation="Nouvelles Mobilités")
    client.force_login(UserFactory(groups=[MODERATORS_GROUP]))
    response = client.get("/admin/mentors/mentorprofile/", {"q": typed})
    assert response.status_code == 200
    shown = {mentor.full_name for mentor in response.context["object_list"]}
    assert shown == set(found)


# --- « d' » before a vowel --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "elided"),
    [
        (
            "Le profil de Élodie Martin est maintenant « Publié ».",
            "Le profil d’Élodie Martin est maintenant « Publié ».",
        ),
        ("Le profil de Hugo Petit", "Le profil d’Hugo Petit"),
        ("Le profil de Agnès", "Le profil d’Agnès"),
        ("Réattribuée de Ivan à Claire", "Réattribuée d’Ivan à Claire"),
        ("Le profil de Claire Morvan", "Le profil de Claire Morvan"),
        ("Les données de Île-de-France Mobilités", "Les données d’Île-de-France Mobilités"),
        ("Une pause de une semaine", "Une pause de une semaine"),
    ],
)
def test_de_is_elided_before_a_name_starting_with_a_vowel_or_a_mute_h(sentence, elided):
    with translation.override("fr"):
        assert elide(sentence) == elided
    with translation.override("en"):
        assert elide(sentence) == sentence


def test_the_status_screen_and_message_elide_before_a_mentors_name(client, directory):
    mentor = MentorProfileFactory(full_name="Élodie Martin")
    client.force_login(UserFactory(groups=[MODERATORS_GROUP]))
    url = f"/admin/mentors/mentorprofile/status/{mentor.pk}/"
    html = client.get(url, {"action": "pause"}).content.decode()
    assert "Le profil d’Élodie Martin est actuellement" in html and "de Élodie" not in html
    response = client.post(url, {"action": "pause", "reason": "Congé parental"}, follow=True)
    html = response.content.decode()
    assert "Le profil d’Élodie Martin est maintenant «\u202fEn pause\u202f»." in html and "de Élodie" not in html
    inspect = client.get(f"/admin/mentors/mentorprofile/inspect/{mentor.pk}/").content.decode()
    assert 'title="Profil public d’Élodie Martin"' in inspect
