"""A visitor asks a mentor from a challenge; the mentor answers from the emailed link; both get the
contacts; the mentorship completes; both give feedback. Every step as a new user would take it."""

from django.core import mail

import pytest

from portal.mentorships.models import MentorRequest, MentorshipFeedback, RequestStatus
from tests.factories import ChallengePageFactory, MentorProfileFactory
from tests.requests_helpers import emails_to, link_in, request_data, request_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge(challenge_index):
    return ChallengePageFactory(
        parent=challenge_index,
        title="Partager des retours d'expériences sur l'open data",
        themes=["open data"],
        models=["peer-to-peer"],
    )


@pytest.fixture
def mentor(directory):
    return MentorProfileFactory(full_name="Claire Fontaine", contact_email="claire@example.org", themes=["open data"])


def test_each_candidate_of_a_challenge_links_to_the_request_form_with_the_challenge(
    client, challenge, mentor, directory
):
    response = client.get(challenge.url)
    assert f'href="{request_url(directory, mentor)}?defi={challenge.pk}"' in response.content.decode()


def test_a_profile_offers_the_request_form_and_no_email_address(client, mentor, directory):
    page = client.get(f"{directory.url}{mentor.slug}/").content.decode()
    assert f'href="{request_url(directory, mentor)}"' in page
    assert "mailto:" not in page.split("<footer")[0]
    assert mentor.contact_email not in page


def test_the_request_form_comes_with_the_challenge_chosen(client, challenge, mentor, directory):
    response = client.get(request_url(directory, mentor), {"defi": challenge.pk})
    assert response.status_code == 200
    assert f'<option value="{challenge.pk}" selected>' in response.content.decode()


def test_an_unknown_or_hostile_challenge_in_the_address_is_ignored(client, mentor, directory):
    for value in ["999999", "abc", "-1", "1" * 40, "<script>"]:
        response = client.get(request_url(directory, mentor), {"defi": value})
        assert response.status_code == 200
        options = response.content.decode().split('name="challenge"')[1].split("</select>")[0]
        assert options.count("selected") == 1 and 'value="" selected' in options


def test_an_unpublished_mentor_has_no_request_form(client, directory):
    draft = MentorProfileFactory(status="draft")
    assert client.get(request_url(directory, draft)).status_code == 404


def test_the_whole_journey_from_a_challenge_to_feedback(client, challenge, mentor, directory):
    # The visitor asks the mentor from the challenge page.
    response = client.post(
        request_url(directory, mentor) + f"?defi={challenge.pk}",
        request_data(challenge=challenge.pk, challenge_text="", mentoring_model=mentor.mentoring_models.get().pk),
    )
    assert response.status_code == 302
    confirmation = client.get(response["Location"])
    assert "Claire Fontaine" in confirmation.content.decode()
    mentor_request = MentorRequest.objects.get()
    assert (mentor_request.status, mentor_request.challenge) == (RequestStatus.NEW, challenge)

    # Both are told; neither receives the other's contact yet.
    [to_mentor] = emails_to("claire@example.org")
    [to_requester] = emails_to("lea.martin@example.net")
    assert "lea.martin@example.net" not in to_mentor.body and "Léa Martin" not in to_mentor.body
    assert "claire@example.org" not in to_requester.body
    assert challenge.title in to_mentor.body and "Nous voulons publier" in to_mentor.body

    # The mentor opens the emailed link: the request, without the requester's identity.
    answer_url = link_in(to_mentor, "/demandes/reponse/")
    page = client.get(answer_url).content.decode()
    assert "Nous voulons publier" in page
    assert "lea.martin@example.net" not in page and "Léa Martin" not in page

    # The mentor accepts: both receive the other's contact.
    mail.outbox.clear()
    assert client.post(answer_url, {"action": "accept"}).status_code == 302
    mentor_request.refresh_from_db()
    assert mentor_request.status == RequestStatus.ACCEPTED
    [contact_for_mentor] = emails_to("claire@example.org")
    [contact_for_requester] = emails_to("lea.martin@example.net")
    assert "lea.martin@example.net" in contact_for_mentor.body and "Léa Martin" in contact_for_mentor.body
    assert "claire@example.org" in contact_for_requester.body
    assert "lea.martin@example.net" in client.get(answer_url).content.decode()

    # The requester marks the mentorship completed from their link; both get a feedback form.
    follow_url = link_in(contact_for_requester, "/demandes/suivi/")
    assert "claire@example.org" in client.get(follow_url).content.decode()
    mail.outbox.clear()
    client.post(follow_url, {"action": "complete", "confirm": "yes"})
    mentor_request.refresh_from_db()
    assert mentor_request.status == RequestStatus.COMPLETED
    mentor_feedback_url = link_in(emails_to("claire@example.org")[0], "/demandes/avis/")
    requester_feedback_url = link_in(emails_to("lea.martin@example.net")[0], "/demandes/avis/")

    # Both give feedback, once.
    response = client.post(
        mentor_feedback_url, {"fit": "4", "what_changed": "Une belle rencontre.", "may_publish": "on"}
    )
    assert "Merci" in response.content.decode()
    client.post(requester_feedback_url, {"fit": "3", "what_changed": "Nos données sont en ligne."})
    feedback = {answer.role: answer for answer in MentorshipFeedback.objects.all()}
    assert (feedback["mentor"].fit, feedback["mentor"].may_publish) == (4, True)
    assert (feedback["requester"].fit, feedback["requester"].what_changed) == (3, "Nos données sont en ligne.")
    again = client.post(requester_feedback_url, {"fit": "1"})
    assert "déjà reçu" in again.content.decode()
    assert MentorshipFeedback.objects.get(role="requester").fit == 3

    # Every change is kept, with who made it.
    history = [(event.to_status, event.role) for event in mentor_request.events.all()]
    assert history == [("new", "requester"), ("accepted", "mentor"), ("completed", "requester")]


def test_the_mentor_may_decline_with_a_word_and_the_requester_receives_alternatives(
    client, challenge, mentor, directory
):
    MentorProfileFactory(full_name="Bruno Alternatif", themes=["open data"])
    client.post(request_url(directory, mentor), request_data(challenge=challenge.pk, challenge_text=""))
    answer_url = link_in(emails_to("claire@example.org")[0], "/demandes/reponse/")
    mail.outbox.clear()
    client.post(answer_url, {"action": "decline", "reason": "Je pars en congé trois mois."})
    assert MentorRequest.objects.get().status == RequestStatus.DECLINED
    [declined] = emails_to("lea.martin@example.net")
    assert "Je pars en congé trois mois." in declined.body
    assert "Bruno Alternatif" in declined.body and "Claire Fontaine, " not in declined.body
    assert "claire@example.org" not in declined.body


def test_the_requester_may_withdraw_and_the_mentor_is_told(client, mentor, directory):
    client.post(request_url(directory, mentor), request_data())
    follow_url = link_in(emails_to("lea.martin@example.net")[0], "/demandes/suivi/")
    mail.outbox.clear()
    client.post(follow_url, {"action": "withdraw", "confirm": "yes"})
    assert MentorRequest.objects.get().status == RequestStatus.WITHDRAWN
    assert "retirée" in emails_to("claire@example.org")[0].subject


def test_the_mentor_answers_from_their_space_too(client, directory):
    mentor = MentorProfileFactory(account="une phrase de passe solide", contact_email="marc@example.org")
    client.post(request_url(directory, mentor), request_data())
    mentor_request = MentorRequest.objects.get()
    client.force_login(mentor.user)
    space = client.get("/mentors/me/").content.decode()
    assert "Nous voulons publier" in space and "lea.martin@example.net" not in space
    client.post(f"/demandes/{mentor_request.pk}/action/", {"action": "accept"})
    mentor_request.refresh_from_db()
    assert mentor_request.status == RequestStatus.ACCEPTED
    assert "lea.martin@example.net" in client.get("/mentors/me/").content.decode()
    client.post(f"/demandes/{mentor_request.pk}/action/", {"action": "complete"})
    mentor_request.refresh_from_db()
    assert mentor_request.status == RequestStatus.COMPLETED
    assert mentor_request.events.last().user == mentor.user


def test_a_mentor_cannot_act_on_another_mentors_request(client, directory):
    mentor = MentorProfileFactory()
    other = MentorProfileFactory(account="une phrase de passe solide")
    client.post(request_url(directory, mentor), request_data())
    mentor_request = MentorRequest.objects.get()
    client.force_login(other.user)
    assert client.post(f"/demandes/{mentor_request.pk}/action/", {"action": "accept"}).status_code == 404
    assert "Nous voulons publier" not in client.get("/mentors/me/").content.decode()
    mentor_request.refresh_from_db()
    assert mentor_request.status == RequestStatus.NEW


def test_visitors_must_log_in_to_act_from_the_mentor_space(client, directory):
    mentor_request_pk = 1
    response = client.post(f"/demandes/{mentor_request_pk}/action/", {"action": "accept"})
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]
