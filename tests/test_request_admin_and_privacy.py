"""Editors follow requests in the admin; requesters' data is seen only by editors and, after
acceptance, the addressed mentor; old requests are anonymised and anyone's data can be erased."""

import io
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from portal.mail.models import OutgoingEmail
from portal.mentorships import privacy, workflow
from portal.mentorships.models import MentorRequest, MentorshipFeedback, RequestStatus, Role
from tests.exports_helpers import csv_rows
from tests.factories import MentorProfileFactory, MentorRequestFactory, UserFactory
from tests.requests_helpers import request_data, request_url

pytestmark = pytest.mark.django_db
ADMIN = "/admin/mentorships/mentorrequest/"


@pytest.fixture
def mentor_request(directory):
    return MentorRequestFactory(requester_email="lea.martin@example.net", requester_name="Léa Martin")


# --- Editors --------------------------------------------------------------------------------------
def test_editors_list_filter_and_search_requests(editor_client, mentor_request):
    other = MentorRequestFactory(requester_name="Paul Autre")
    workflow.decline(other)
    page = editor_client.get(ADMIN).content.decode()
    assert "Léa Martin" in page and "Paul Autre" in page
    filtered = editor_client.get(ADMIN, {"status__exact": "new"}).content.decode()
    assert "Léa Martin" in filtered and "Paul Autre" not in filtered
    by_mentor = editor_client.get(ADMIN, {"mentor__id__exact": other.mentor_id}).content.decode()
    assert "Paul Autre" in by_mentor and "Léa Martin" not in by_mentor
    assert "Léa Martin" in editor_client.get(ADMIN, {"age": "week"}).content.decode()
    assert "Léa Martin" not in editor_client.get(ADMIN, {"age": "older"}).content.decode()
    assert "Paul Autre" not in editor_client.get(ADMIN, {"q": "lea.martin"}).content.decode()


def test_editors_inspect_a_request_with_its_history(editor_client, mentor_request):
    workflow.record(mentor_request, "", RequestStatus.NEW, Role.REQUESTER, note="Demande envoyée")
    workflow.accept(mentor_request)
    page = editor_client.get(f"{ADMIN}inspect/{mentor_request.pk}/").content.decode()
    assert "lea.martin@example.net" in page
    assert "Historique" in page and "Nouvelle → Acceptée" in page


def test_editors_export_requests_as_csv_and_xlsx(editor_client, mentor_request):
    response = editor_client.get(ADMIN, {"export": "csv"})
    rows = csv_rows(response)
    assert any("lea.martin@example.net" in row for row in rows)
    xlsx = editor_client.get(ADMIN, {"export": "xlsx"})
    assert xlsx.status_code == 200 and b"".join(xlsx.streaming_content)[:2] == b"PK"


def test_editors_reassign_a_request_to_another_mentor(editor_client, mentor_request, editor):
    new_mentor = MentorProfileFactory(full_name="Nouvelle Mentore", contact_email="nouvelle@example.org")
    url = f"{ADMIN}action/{mentor_request.pk}/"
    assert "Nouvelle Mentore" in editor_client.get(url, {"action": "reassign"}).content.decode()
    editor_client.post(url, {"action": "reassign", "mentor": new_mentor.pk})
    mentor_request.refresh_from_db()
    assert (mentor_request.mentor, mentor_request.status) == (new_mentor, RequestStatus.NEW)
    assert any("nouvelle@example.org" in message.to for message in mail.outbox)
    event = mentor_request.events.last()
    assert (event.role, event.user) == ("editor", editor)


def test_editors_tell_apart_two_mentors_of_the_same_name_by_organisation_and_address(editor_client, mentor_request):
    from html import unescape

    for organisation, email in [("Métropole de Lyon", "camille@lyon.example"), ("", "camille@nantes.example")]:
        namesake = MentorProfileFactory(full_name="Camille Martin", organisation=organisation, contact_email=email)
        MentorRequestFactory(mentor=namesake)
    expected = ["Camille Martin — Métropole de Lyon (camille@lyon.example)", "Camille Martin (camille@nantes.example)"]
    reassign = unescape(
        editor_client.get(f"{ADMIN}action/{mentor_request.pk}/", {"action": "reassign"}).content.decode()
    )
    listing = unescape(editor_client.get(ADMIN).content.decode())
    for label in expected:
        assert f">{label}</option>" in reassign
        assert f"{label}</a>" in listing  # a choice of the "mentor" filter


def test_reassigning_to_an_unavailable_mentor_is_refused_with_a_message(editor_client, mentor_request):
    paused = MentorProfileFactory(status="paused")
    response = editor_client.post(f"{ADMIN}action/{mentor_request.pk}/", {"action": "reassign", "mentor": paused.pk})
    assert response.status_code == 200 and response.context["form"].errors["mentor"]
    mentor_request.refresh_from_db()
    assert mentor_request.mentor != paused


def test_editors_close_a_request(editor_client, mentor_request):
    editor_client.post(f"{ADMIN}action/{mentor_request.pk}/", {"action": "close", "note": "Doublon"})
    mentor_request.refresh_from_db()
    assert mentor_request.status == RequestStatus.WITHDRAWN
    assert mentor_request.events.last().note == "Doublon"


def test_an_unknown_action_goes_back_to_the_list(editor_client, mentor_request):
    response = editor_client.get(f"{ADMIN}action/{mentor_request.pk}/", {"action": "drop-table"})
    assert response.status_code == 302


def test_the_dashboard_lists_requests_unanswered_for_five_days(editor_client, directory):
    MentorRequestFactory(challenge_text="Défi oublié", sent_at=timezone.now() - timedelta(days=6))
    MentorRequestFactory(challenge_text="Défi récent")
    page = editor_client.get("/admin/").content.decode()
    assert "1 demande de mentorat sans réponse depuis plus de 5 jours" in page
    assert "Défi oublié" in page and "Défi récent" not in page


def test_the_dashboard_never_calls_requests_still_awaiting_an_answer_answered(editor_client, directory):
    MentorRequestFactory(challenge_text="Défi récent", sent_at=timezone.now() - timedelta(days=2))
    workflow.accept(MentorRequestFactory(challenge_text="Défi accepté"))
    page = editor_client.get("/admin/").content.decode()
    assert "Demandes de mentorat en attente de réponse" in page
    assert "Aucune demande n’attend de réponse depuis plus de 5 jours." in page
    assert "1 demande, envoyée il y a moins de 5 jours, attend une réponse." in page
    assert "à temps" not in page


def test_editors_erase_rather_than_delete_requests(editor_client, mentor_request):
    page = editor_client.get(ADMIN).content.decode()
    assert f"{ADMIN}delete/{mentor_request.pk}/" not in page
    assert "Effacer les données" in page
    editor_client.post(f"{ADMIN}delete/{mentor_request.pk}/")
    assert MentorRequest.objects.filter(pk=mentor_request.pk).exists()


def test_editors_cannot_create_requests_in_the_admin(editor_client, directory):
    assert f"{ADMIN}create/" not in editor_client.get(ADMIN).content.decode()
    response = editor_client.get(f"{ADMIN}create/")
    assert response.status_code == 302 and response["Location"] == ADMIN  # the reason: test_request_admin_lockdown


# --- Who sees personal data -----------------------------------------------------------------------
def test_requests_are_not_visible_to_mentors_or_visitors_in_the_admin(client, mentor_request):
    mentor = MentorProfileFactory(account="une phrase de passe solide")
    client.force_login(mentor.user)
    for url in [ADMIN, f"{ADMIN}inspect/{mentor_request.pk}/", f"{ADMIN}?export=csv"]:
        response = client.get(url)
        assert response.status_code == 403
        assert b"lea.martin@example.net" not in response.content


def test_only_editors_and_the_accepting_mentor_may_see_the_requester(mentor_request, editor):
    from django.contrib.auth.models import AnonymousUser

    mentor = mentor_request.mentor
    mentor.user = UserFactory()
    mentor.save()
    stranger = UserFactory()
    assert privacy.may_see_requester(editor, mentor_request)
    assert not privacy.may_see_requester(mentor.user, mentor_request)
    assert not privacy.may_see_requester(AnonymousUser(), mentor_request)
    mentor_request = workflow.accept(mentor_request)
    assert privacy.may_see_requester(mentor.user, mentor_request)
    assert not privacy.may_see_requester(stranger, mentor_request)


def test_no_public_page_or_api_shows_a_request(client, directory):
    mentor = MentorProfileFactory(contact_email="claire@example.org", themes=["open data"])
    client.post(request_url(directory, mentor), request_data())
    for url in ["/", directory.url, f"{directory.url}{mentor.slug}/", "/search/?q=Martin", "/api/v1/mentors/"]:
        content = client.get(url).content.decode()
        assert "lea.martin@example.net" not in content and "Léa Martin" not in content
        assert "claire@example.org" not in content


# --- Anonymisation and erasure --------------------------------------------------------------------
def emails_queued_for(address):
    return [email for email in OutgoingEmail.objects.all() if address in [r.lower() for r in email.recipients]]


def test_purge_anonymises_closed_requests_and_keeps_the_statistics(directory):
    old = MentorRequestFactory(requester_email="ancien@example.net")
    workflow.complete(workflow.accept(old), Role.MENTOR)
    MentorshipFeedback.objects.create(request=old, role="requester", fit=4, what_changed="Mon projet avance.")
    MentorRequest.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=750))
    recent = MentorRequestFactory()
    workflow.decline(recent)
    still_open = MentorRequestFactory(created_at=timezone.now() - timedelta(days=900))
    out = io.StringIO()
    call_command("purge_requests", "--older-than", "24", stdout=out)
    assert "1 closed request(s)" in out.getvalue()
    old.refresh_from_db()
    assert (old.requester_name, old.requester_email, old.message, old.organisation) == ("—", "", "", "")
    assert old.anonymised_at and old.status == RequestStatus.COMPLETED and old.actor_type
    feedback = old.feedback.get()
    assert (feedback.fit, feedback.what_changed) == (4, "")
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.requester_email and still_open.requester_email
    assert not emails_queued_for("ancien@example.net")


def test_purge_needs_a_sensible_number_of_months():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("purge_requests", "--older-than", "0")


def test_editors_erase_one_persons_data_on_request(editor_client, mentor_request, directory):
    second = MentorRequestFactory(requester_email="LEA.martin@example.net")
    workflow.accept(second)
    other = MentorRequestFactory()
    mail.outbox.clear()
    response = editor_client.post(f"{ADMIN}action/{mentor_request.pk}/", {"action": "erase"})
    assert response.status_code == 200  # the confirmation box is required
    editor_client.post(f"{ADMIN}action/{mentor_request.pk}/", {"action": "erase", "confirm": "on"})
    for erased in (mentor_request, second):
        erased.refresh_from_db()
        assert erased.requester_email == "" and erased.anonymised_at
        assert erased.status in (RequestStatus.WITHDRAWN, RequestStatus.COMPLETED)
    assert not mail.outbox  # nobody is emailed about an erasure
    second.mentor.refresh_from_db()
    assert second.mentor.active_mentorships == 0
    other.refresh_from_db()
    assert other.requester_email
    assert not emails_queued_for("lea.martin@example.net")
