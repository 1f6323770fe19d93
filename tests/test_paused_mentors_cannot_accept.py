"""Only a published mentor may accept a request, and so receive the requester's contact: a paused or archived
mentor cannot, from the emailed link nor from their space, and pausing or archiving a mentor sends the requests
awaiting their answer to other mentors. Before accepting, a mentor reads what the request is about, never who
sent it."""

from django.core import mail

import pytest

from portal.mentors import lifecycle
from portal.mentors.models import MentorProfile
from portal.mentorships import notifications, workflow
from portal.mentorships.models import MentorRequest, RequestStatus
from tests.factories import MentorProfileFactory, MentorRequestFactory
from tests.requests_helpers import emails_to, link_in, request_data, request_url

pytestmark = pytest.mark.django_db

REQUESTER = ("Léa Martin", "lea.martin@example.net")
NOT_PUBLISHED = "seul un profil publié peut accepter une demande"


@pytest.fixture
def mentor(directory):
    return MentorProfileFactory(
        full_name="Claire Fontaine",
        contact_email="claire@example.org",
        themes=["open data"],
        account="une phrase de passe solide",
    )


@pytest.fixture
def sent(client, directory, mentor):
    """A request sent from the public form; returns (request, the mentor's answer link)."""
    client.post(request_url(directory, mentor), request_data())
    return MentorRequest.objects.get(), link_in(emails_to("claire@example.org")[0], "/demandes/reponse/")


def stop_without_saving(mentor, status):
    """The profile's status changed by a path that skips its save (a bulk update, data from before the rule):
    the requests stay awaiting an answer, and only the acceptance rule stands between them and the mentor."""
    MentorProfile.objects.filter(pk=mentor.pk).update(status=status)


def assert_no_requester_contact(text):
    for detail in REQUESTER:
        assert detail not in text


# --- The rule, from both entry points --------------------------------------------------------------
@pytest.mark.parametrize(("status", "label"), [("paused", "En pause"), ("archived", "Archivé")])
def test_a_paused_or_archived_mentor_cannot_accept_from_the_emailed_link(client, sent, mentor, status, label):
    mentor_request, answer_url = sent
    stop_without_saving(mentor, status)
    mail.outbox.clear()
    response = client.post(answer_url, {"action": "accept"}, follow=True)
    page = response.content.decode()
    assert f"Votre profil est «\u202f{label}\u202f»\u00a0: {NOT_PUBLISHED}." in page
    mentor_request.refresh_from_db()
    assert mentor_request.status == RequestStatus.NEW
    assert_no_requester_contact(page)
    assert not mail.outbox


@pytest.mark.parametrize(("status", "label"), [("paused", "En pause"), ("archived", "Archivé")])
def test_a_paused_or_archived_mentor_cannot_accept_from_their_space(client, sent, mentor, status, label):
    mentor_request, _answer_url = sent
    stop_without_saving(mentor, status)
    client.force_login(mentor.user)
    mail.outbox.clear()
    response = client.post(f"/demandes/{mentor_request.pk}/action/", {"action": "accept"}, follow=True)
    page = response.content.decode()
    assert f"Votre profil est «\u202f{label}\u202f»\u00a0: {NOT_PUBLISHED}." in page
    mentor_request.refresh_from_db()
    assert mentor_request.status == RequestStatus.NEW
    assert_no_requester_contact(page)
    assert not mail.outbox


def test_the_rule_reads_the_mentor_under_its_lock_not_a_copy_loaded_before(sent, mentor):
    mentor_request, _answer_url = sent
    loaded = MentorRequest.objects.select_related("mentor").get(pk=mentor_request.pk)
    assert loaded.mentor.status == "published"  # what a page read before the pause
    stop_without_saving(mentor, "paused")
    with pytest.raises(workflow.RequestRefused, match="seul un profil publié peut accepter"):
        workflow.accept(loaded)
    assert MentorRequest.objects.get(pk=mentor_request.pk).status == RequestStatus.NEW


def test_a_paused_mentor_is_offered_to_decline_but_not_to_accept(client, sent, mentor):
    mentor_request, answer_url = sent
    stop_without_saving(mentor, "paused")
    answer_page = client.get(answer_url).content.decode()
    assert f"Votre profil est «\u202fEn pause\u202f»\u00a0: {NOT_PUBLISHED}." in answer_page
    assert 'value="accept"' not in answer_page and 'value="decline"' in answer_page
    client.force_login(mentor.user)
    space = client.get("/mentors/me/").content.decode()
    assert 'value="accept"' not in space and 'value="decline"' in space
    client.post(answer_url, {"action": "decline", "reason": ""})
    mentor_request.refresh_from_db()
    assert mentor_request.status == RequestStatus.DECLINED


def test_a_published_mentor_still_sees_the_accept_button(client, sent, mentor):
    _mentor_request, answer_url = sent
    assert 'value="accept"' in client.get(answer_url).content.decode()
    client.force_login(mentor.user)
    assert 'value="accept"' in client.get("/mentors/me/").content.decode()


# --- Pausing or archiving sends the waiting requests to other mentors ------------------------------
@pytest.mark.parametrize(("change", "status_word"), [(lifecycle.pause, "En pause"), (lifecycle.archive, "Archivé")])
def test_pausing_or_archiving_a_mentor_offers_other_mentors_to_those_waiting(sent, mentor, change, status_word):
    waiting, _answer_url = sent
    under_way = workflow.accept(MentorRequestFactory(mentor=mentor, requester_email="paul@example.net"))
    MentorProfileFactory(full_name="Bruno Alternatif", themes=["open data"])
    mail.outbox.clear()
    change(MentorProfile.objects.get(pk=mentor.pk))
    waiting.refresh_from_db()
    assert waiting.status == RequestStatus.UNAVAILABLE and waiting.closed_at
    event = waiting.events.last()
    assert (event.role, event.to_status) == ("system", "unavailable")
    assert status_word in event.note
    [told] = emails_to(REQUESTER[1])
    assert "Claire Fontaine n’est plus disponible" in told.body
    assert "Bruno Alternatif" in told.body
    assert "claire@example.org" not in told.body
    under_way.refresh_from_db()
    assert under_way.status == RequestStatus.ACCEPTED  # a mentorship under way goes on
    assert not emails_to("paul@example.net") and not emails_to("claire@example.org")


def test_an_editor_pausing_a_mentor_in_the_admin_sends_the_waiting_requests_on(editor_client, sent, mentor):
    waiting, _answer_url = sent
    editor_client.post(f"/admin/mentors/mentorprofile/status/{mentor.pk}/", {"action": "pause", "reason": "Congé"})
    waiting.refresh_from_db()
    assert waiting.status == RequestStatus.UNAVAILABLE
    assert any("indisponible" in message.subject for message in emails_to(REQUESTER[1]))


def test_once_sent_on_the_request_cannot_be_accepted_any_more(client, sent, mentor):
    _waiting, answer_url = sent
    lifecycle.pause(MentorProfile.objects.get(pk=mentor.pk))
    lifecycle.approve(MentorProfile.objects.get(pk=mentor.pk))  # published again: the closed request stays closed
    mail.outbox.clear()
    page = client.post(answer_url, {"action": "accept"}, follow=True).content.decode()
    assert "Cette demande a été close car le mentor est indisponible" in page
    assert_no_requester_contact(page)
    assert not mail.outbox


def test_the_requester_s_follow_up_page_says_the_mentor_became_unavailable(client, sent, mentor):
    lifecycle.pause(MentorProfile.objects.get(pk=mentor.pk))
    follow_url = link_in(emails_to(REQUESTER[1])[0], "/demandes/suivi/")
    page = client.get(follow_url).content.decode()
    assert "Le mentor est devenu indisponible\u00a0: close le" in page
    assert "Nous vous avons envoyé par e-mail d’autres mentors" in page


def test_editors_may_reassign_a_request_whose_mentor_became_unavailable(editor, sent, mentor):
    waiting, _answer_url = sent
    lifecycle.pause(MentorProfile.objects.get(pk=mentor.pk))
    other = MentorProfileFactory(full_name="Bruno Alternatif")
    reassigned = workflow.reassign(MentorRequest.objects.get(pk=waiting.pk), other, editor)
    assert (reassigned.status, reassigned.mentor) == (RequestStatus.NEW, other)


# --- What a mentor reads before accepting ----------------------------------------------------------
# The mentor needs the requester's context to decide (a competitor, a conflict of interest, a field they know):
# the need, the type of organisation and, when the requester chose to give it, the organisation. Never who
# sent it: name and email address come with the acceptance.
def test_before_accepting_the_mentor_reads_the_need_and_the_organisation_never_the_name_or_email(client, sent):
    _mentor_request, answer_url = sent
    [to_mentor] = emails_to("claire@example.org")
    page = client.get(answer_url).content.decode()
    for text in (to_mentor.body, page):
        assert "Ouvrir nos données de transport à la demande" in text
        assert "Collectivité" in text and "Communauté de communes du Val" in text
        assert_no_requester_contact(text)
    mail.outbox.clear()
    client.post(answer_url, {"action": "accept"})
    [contact] = emails_to("claire@example.org")
    assert all(detail in contact.body for detail in REQUESTER)


def test_an_organisation_the_requester_left_out_is_not_there_to_read(client, directory, mentor):
    client.post(request_url(directory, mentor), request_data(organisation=""))
    [to_mentor] = emails_to("claire@example.org")
    assert "Organisation\u00a0: Collectivité\n" in to_mentor.body
    client.force_login(mentor.user)
    space = client.get("/mentors/me/").content.decode()
    assert "Collectivité" in space and "Communauté de communes" not in space
    assert_no_requester_contact(space)


def test_the_request_form_says_the_mentor_reads_the_organisation_before_answering(client, directory, mentor):
    form = client.get(request_url(directory, mentor)).content.decode()
    assert "Facultatif. Le mentor la lit avec votre demande, avant de répondre" in form


def test_no_email_to_a_mentor_names_the_requester_before_acceptance(sent, mentor):
    mentor_request, _answer_url = sent
    mail.outbox.clear()
    notifications.reminder(mentor_request)
    notifications.request_reassigned(mentor_request)
    for message in emails_to("claire@example.org"):
        assert_no_requester_contact(message.body)
