"""Editors manage mentors in the Wagtail admin: list, filters, inspect, approve, pause, archive,
export, invite; new applications show on the dashboard."""

from django.core import mail
from django.urls import reverse

import pytest

from portal.mentors.models import MentorProfile
from portal.taxonomy.models import ActorType
from tests.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db
INDEX = "/admin/mentors/mentorprofile/"


def status_url(mentor, action):
    return f"{INDEX}status/{mentor.pk}/?action={action}"


def test_editors_list_and_filter_mentors(editor_client, directory):
    MentorProfileFactory(full_name="Claire Publiée")
    MentorProfileFactory(full_name="Paul En Attente", status="pending", region="corse")
    html = editor_client.get(INDEX + "?status__exact=pending").content.decode()
    assert "Paul En Attente" in html and "Claire Publiée" not in html
    assert "Paul En Attente" in editor_client.get(INDEX + "?region__exact=corse").content.decode()
    assert "Claire Publiée" in editor_client.get(INDEX + "?q=Claire").content.decode()


def test_the_inspect_view_shows_the_contact_email_to_editors(editor_client, directory):
    mentor = MentorProfileFactory(contact_email="claire.contact@example.org")
    assert "claire.contact@example.org" in editor_client.get(f"{INDEX}inspect/{mentor.pk}/").content.decode()


def test_an_editor_approves_a_pending_mentor_who_then_appears_in_the_directory(editor_client, client, directory):
    mentor = MentorProfileFactory(full_name="Camille Durand", status="pending")
    assert "Valider et publier" in editor_client.get(status_url(mentor, "approve")).content.decode()
    response = editor_client.post(status_url(mentor, "approve"), {"action": "approve"})
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.status == "published" and mentor.first_published_at
    assert mail.outbox[-1].to == [mentor.contact_email]
    assert "Camille Durand" in client.get(directory.url).content.decode()


def test_approval_is_refused_until_the_mentor_confirmed_the_address_and_accepted_the_charter(editor_client, directory):
    unconfirmed = MentorProfileFactory(status="pending", email_confirmed_at=None)
    no_charter = MentorProfileFactory(status="pending", charter_version="")
    for mentor, message in [
        (unconfirmed, "n’a pas encore confirmé son adresse"),
        (no_charter, "n’a pas encore accepté la charte"),
    ]:
        response = editor_client.post(status_url(mentor, "approve"), {"action": "approve"}, follow=True)
        assert message in response.content.decode()
        mentor.refresh_from_db()
        assert mentor.status == "pending"


def test_an_editor_pauses_then_archives_a_mentor(editor_client, client, directory):
    mentor = MentorProfileFactory(full_name="Camille Durand")
    editor_client.post(status_url(mentor, "pause"), {"action": "pause", "reason": "Congé de trois mois"})
    mentor.refresh_from_db()
    assert mentor.status == "paused"
    assert client.get(f"{directory.url}{mentor.slug}/").status_code == 404
    editor_client.post(status_url(mentor, "archive"), {"action": "archive", "reason": "A quitté le programme"})
    mentor.refresh_from_db()
    assert mentor.status == "archived" and not mentor.accepting_requests


def test_an_unknown_status_action_changes_nothing(editor_client, directory):
    mentor = MentorProfileFactory()
    response = editor_client.post(status_url(mentor, "delete-everything"), {"action": "delete-everything"}, follow=True)
    assert "Action inconnue." in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.status == "published"


@pytest.mark.parametrize(("export", "content_type"), [("csv", "text/csv"), ("xlsx", "spreadsheetml")])
def test_editors_export_the_list(editor_client, directory, export, content_type):
    MentorProfileFactory(full_name="Claire Morvan")
    response = editor_client.get(f"{INDEX}?export={export}")
    assert response.status_code == 200 and content_type in response["Content-Type"]
    if export == "csv":
        assert "Claire Morvan" in response.getvalue().decode()


def test_an_editor_edits_a_profile_and_the_search_index_follows(editor_client, client, directory):
    mentor = MentorProfileFactory(full_name="Claire", themes=["open data"])
    form = editor_client.get(f"{INDEX}edit/{mentor.pk}/").context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data |= {
        "themes": "open data, covoiturage",
        "mentoring_models": [m.pk for m in mentor.mentoring_models.all()],
        "languages": [lang.pk for lang in mentor.languages.all()],
        "actor_type": mentor.actor_type_id,
        "photo": "",
    }
    response = editor_client.post(f"{INDEX}edit/{mentor.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert "Claire" in client.get(directory.url + "?q=covoiturage").content.decode()


def test_an_editor_invites_a_mentor_by_email(editor_client, directory):
    data = {
        "full_name": "Léa Moreau",
        "email": "Lea@Example.org",
        "actor_type": ActorType.objects.get(code="ecole").pk,
        "region": "bretagne",
    }
    response = editor_client.post(f"{INDEX}invite/", data)
    assert response.status_code == 302
    mentor = MentorProfile.objects.get(contact_email="lea@example.org")
    assert mentor.status == "draft" and not mentor.user.has_usable_password()
    assert mail.outbox[-1].to == ["lea@example.org"] and "/mentors/bienvenue/" in mail.outbox[-1].body


def test_inviting_a_known_address_is_refused(editor_client, directory):
    MentorProfileFactory(contact_email="lea@example.org")
    data = {"full_name": "Léa", "email": "lea@example.org", "actor_type": 1, "region": "bretagne"}
    response = editor_client.post(f"{INDEX}invite/", data)
    assert "Un mentor ou un compte utilise déjà cette adresse." in response.content.decode()
    assert mail.outbox == []


def test_the_dashboard_lists_applications_awaiting_approval(editor_client, directory):
    MentorProfileFactory(full_name="Camille En Attente", status="pending")
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 candidature de mentor en attente de validation" in html
    assert "Camille En Attente" in html
