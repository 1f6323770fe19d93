"""Approving a mentor with context: the team reads the whole profile as the public will see it, each action
says what it will do and takes a reason, and the history says who changed the status, when and why."""

from django.core import mail

from wagtail.models import ModelLogEntry

import pytest

from portal.mentors import lifecycle
from portal.mentors.models import MentorStatus
from tests.factories import MODERATORS_GROUP, MentorProfileFactory, MentorRequestFactory, UserFactory

pytestmark = pytest.mark.django_db
INDEX = "/admin/mentors/mentorprofile/"


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderatrice", first_name="Inès", last_name="Garnier", groups=[MODERATORS_GROUP])


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def status_url(mentor, action):
    return f"{INDEX}status/{mentor.pk}/?action={action}"


def test_the_inspect_view_shows_the_whole_profile_in_words(moderator_client, directory):
    mentor = MentorProfileFactory(
        status="pending", themes=["open data", "covoiturage"], models=["agility"], languages=["en"],
        region="bretagne", offers_group=True, accepting_requests=False,
    )  # fmt: skip
    html = moderator_client.get(f"{INDEX}inspect/{mentor.pk}/").content.decode()
    for words in ["open data", "covoiturage", "Agilité", "Anglais", "Bretagne", "Individuel · Groupe", "Non"]:
        assert words in html, words
    assert "True" not in html and "False" not in html
    assert f'src="{INDEX}preview/{mentor.pk}/"' in html


def test_the_preview_frame_shows_a_pending_profile_as_the_public_will_see_it(moderator_client, client, directory):
    mentor = MentorProfileFactory(full_name="Camille Attente", status="pending", themes=["mobilité partagée"])
    response = moderator_client.get(f"{INDEX}preview/{mentor.pk}/")
    html = response.content.decode()
    assert "Camille Attente" in html and "mobilité partagée" in html
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert client.get(f"{directory.url}{mentor.slug}/").status_code == 404  # still not public


def test_the_preview_is_for_the_team_only(client, directory):
    mentor = MentorProfileFactory(full_name="Camille Attente", status="pending")
    response = client.get(f"{INDEX}preview/{mentor.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_approving_with_a_reason_records_who_when_and_why_in_the_history(moderator_client, moderator, directory):
    mentor = MentorProfileFactory(status="pending")
    screen = moderator_client.get(status_url(mentor, "approve")).content.decode()
    assert "reçoit un e-mail" in screen and "Facultatif" in screen
    moderator_client.post(status_url(mentor, "approve"), {"action": "approve", "reason": "Parcours vérifié"})
    mentor.refresh_from_db()
    assert mentor.status == MentorStatus.PUBLISHED and mail.outbox[-1].to == [mentor.contact_email]
    entry = ModelLogEntry.objects.for_instance(mentor).get(action=lifecycle.APPROVED)
    assert entry.user == moderator and entry.data["reason"] == "Parcours vérifié"
    html = moderator_client.get(f"{INDEX}inspect/{mentor.pk}/").content.decode()
    assert "Parcours vérifié" in html and "Inès Garnier" in html and "Profil validé et publié" in html


def test_pausing_without_a_reason_is_refused_and_changes_nothing(moderator_client, directory):
    mentor = MentorProfileFactory()
    response = moderator_client.post(status_url(mentor, "pause"), {"action": "pause", "reason": "  "})
    assert response.status_code == 200
    assert "Dites pourquoi" in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.status == MentorStatus.PUBLISHED
    assert not ModelLogEntry.objects.for_instance(mentor).exists()


def test_the_pause_screen_says_the_waiting_requests_will_be_released(moderator_client, directory):
    mentor = MentorProfileFactory()
    MentorRequestFactory.create_batch(2, mentor=mentor)
    screen = moderator_client.get(status_url(mentor, "pause")).content.decode()
    assert "2 demandes en attente de sa réponse sont closes" in screen
    moderator_client.post(status_url(mentor, "pause"), {"action": "pause", "reason": "Congé parental"})
    assert mentor.requests.awaiting_answer().count() == 0
    assert ModelLogEntry.objects.for_instance(mentor).get(action=lifecycle.PAUSED).data["reason"] == "Congé parental"


def test_a_paused_mentor_is_published_again_by_its_own_action(moderator_client, directory):
    mentor = MentorProfileFactory(status="paused")
    html = moderator_client.get(f"{INDEX}?status__exact=paused").content.decode()
    assert "Publier à nouveau" in html
    moderator_client.post(status_url(mentor, "republish"), {"action": "republish"})
    mentor.refresh_from_db()
    assert mentor.status == MentorStatus.PUBLISHED


def test_the_edit_form_has_no_status_field(moderator_client, directory):
    mentor = MentorProfileFactory(status="pending")
    form = moderator_client.get(f"{INDEX}edit/{mentor.pk}/").context["form"]
    assert "status" not in form.fields


def test_the_application_itself_is_in_the_history(directory):
    mentor = MentorProfileFactory(status="draft", account="un mot de passe solide")
    lifecycle.submit_for_approval(mentor)
    entry = ModelLogEntry.objects.for_instance(mentor).get()
    assert entry.action == lifecycle.SUBMITTED and entry.user == mentor.user


def test_the_requests_count_leads_to_the_request_list_not_to_a_form(moderator_client, directory):
    mentor = MentorProfileFactory()
    MentorRequestFactory(mentor=mentor)
    html = moderator_client.get(f"{INDEX}inspect/{mentor.pk}/").content.decode()
    link = f"/admin/mentorships/mentorrequest/?mentor__id__exact={mentor.pk}"
    assert link in html
    assert "/admin/mentorships/mentorrequest/edit/" not in html
    listing = moderator_client.get(link)
    assert listing.status_code == 200 and len(listing.context["object_list"]) == 1
