"""The rules of a request: limits, duplicates, paused and full mentors, capacity, bad input, bots,
and links that are tampered with, reused, expired or someone else's."""

import time
from datetime import timedelta

from django.core import signing

import pytest

from portal.mentors.matching import mentors_for_text
from portal.mentors.models import MentorProfile
from portal.mentorships import tokens, workflow
from portal.mentorships.models import MentorRequest, RequestStatus, Role
from portal.taxonomy.models import MentoringModel
from tests.factories import MentorProfileFactory, MentorRequestFactory
from tests.requests_helpers import emails_to, link_in, request_data, request_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor(directory):
    return MentorProfileFactory(full_name="Claire Fontaine", contact_email="claire@example.org", themes=["open data"])


def send(client, directory, mentor, **overrides):
    return client.post(request_url(directory, mentor), request_data(**overrides))


# --- Limits ---------------------------------------------------------------------------------------
def test_a_second_open_request_to_the_same_mentor_is_refused(client, directory, mentor):
    send(client, directory, mentor)
    response = send(client, directory, mentor, requester_email="LEA.MARTIN@example.net ")
    assert response.status_code == 200
    assert "déjà une demande en cours avec ce mentor" in response.content.decode()
    assert MentorRequest.objects.count() == 1


def test_a_requester_may_have_three_open_requests_at_most(client, directory, settings):
    settings.FORM_RATE_PER_EMAIL = "100/h"
    mentors = MentorProfileFactory.create_batch(4, themes=["open data"])
    for mentor in mentors[:3]:
        assert send(client, directory, mentor).status_code == 302
    response = send(client, directory, mentors[3])
    assert "Vous avez déjà 3 demandes en cours" in response.content.decode()
    assert MentorRequest.objects.count() == 3


def test_a_closed_request_no_longer_counts_against_the_limits(client, directory, mentor):
    send(client, directory, mentor)
    workflow.decline(MentorRequest.objects.get())
    assert send(client, directory, mentor).status_code == 302
    assert MentorRequest.objects.open().count() == 1


def test_a_paused_mentor_offers_alternatives_instead_of_the_form(client, directory, mentor):
    MentorProfileFactory(full_name="Bruno Alternatif", themes=["open data"])
    MentorProfile.objects.filter(pk=mentor.pk).update(accepting_requests=False)
    page = client.get(request_url(directory, mentor)).content.decode()
    assert "ne prend pas de nouvelle demande" in page
    assert "Bruno Alternatif" in page
    assert 'name="requester_email"' not in page
    response = send(client, directory, mentor)
    assert response.status_code == 409
    assert not MentorRequest.objects.exists()


def test_a_full_mentor_receives_no_new_request_and_is_not_proposed(client, directory):
    mentor = MentorProfileFactory(capacity=1, themes=["open data"], headline="Open data des transports")
    workflow.accept(MentorRequestFactory(mentor=mentor))
    mentor.refresh_from_db()
    assert (mentor.active_mentorships, mentor.is_full) == (1, True)
    assert mentor not in [match.mentor for match in mentors_for_text("open data des transports")]
    assert send(client, directory, mentor).status_code == 409
    assert MentorRequest.objects.count() == 1


def test_completing_a_mentorship_frees_a_place(directory):
    mentor = MentorProfileFactory(capacity=1)
    mentor_request = workflow.accept(MentorRequestFactory(mentor=mentor))
    workflow.complete(mentor_request, Role.MENTOR)
    mentor.refresh_from_db()
    assert (mentor.active_mentorships, mentor.is_full) == (0, False)
    assert MentorProfile.objects.available().filter(pk=mentor.pk).exists()


def test_raising_the_capacity_makes_a_full_mentor_available_again(directory):
    mentor = MentorProfileFactory(capacity=1)
    workflow.accept(MentorRequestFactory(mentor=mentor))
    mentor.refresh_from_db()
    mentor.capacity = 2
    mentor.save()
    assert MentorProfile.objects.available().filter(pk=mentor.pk).exists()


def test_accepting_beyond_capacity_is_refused(directory):
    mentor = MentorProfileFactory(capacity=1)
    first, second = MentorRequestFactory.create_batch(2, mentor=mentor)
    workflow.accept(first)
    with pytest.raises(workflow.RequestRefused, match="Vous accompagnez déjà 1 personne, votre capacité"):
        workflow.accept(second)
    second.refresh_from_db()
    assert second.status == RequestStatus.NEW


def test_the_capacity_refusal_counts_people_in_the_plural_from_two(directory):
    mentor = MentorProfileFactory(capacity=2)
    *accepted, third = MentorRequestFactory.create_batch(3, mentor=mentor)
    for mentor_request in accepted:
        workflow.accept(mentor_request)
    with pytest.raises(workflow.RequestRefused, match="Vous accompagnez déjà 2 personnes, votre capacité"):
        workflow.accept(third)


def test_a_status_change_that_is_not_in_the_lifecycle_is_refused(directory):
    mentor_request = MentorRequestFactory()
    workflow.decline(mentor_request)
    for change in (workflow.accept, workflow.decline, workflow.expire):
        with pytest.raises(workflow.RequestRefused):
            change(mentor_request)
    with pytest.raises(workflow.RequestRefused):
        workflow.complete(mentor_request, Role.REQUESTER)
    with pytest.raises(workflow.RequestRefused):
        workflow.change(MentorRequestFactory(), RequestStatus.ACCEPTED, Role.REQUESTER)
    assert mentor_request.events.count() == 1


# --- Bad input ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"requester_name": ""}, "requester_name", "Champ requis."),
        ({"requester_email": "pas-une-adresse"}, "requester_email", "Saisissez une adresse e-mail valide."),
        ({"actor_type": "999"}, "actor_type", "Sélectionnez un choix valide."),
        ({"challenge_text": ""}, "challenge_text", "Choisissez un défi du catalogue"),
        ({"challenge": "999999"}, "challenge", "Sélectionnez un choix valide."),
        ({"message": "Bonjour"}, "message", "20 caractères au moins"),
        ({"message": "x" * 3001}, "message", "3000 caractères"),
        ({"consent": None}, "consent", "Votre accord avec la politique de confidentialité"),
    ],
)
def test_invalid_requests_are_explained_next_to_the_field_and_nothing_is_stored(
    client, directory, mentor, overrides, field, message
):
    response = send(client, directory, mentor, **overrides)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert 'class="errorlist"' in response.content.decode()
    assert not MentorRequest.objects.exists()
    assert not emails_to("claire@example.org")


def test_group_mentoring_needs_the_number_of_participants(client, directory):
    mentor = MentorProfileFactory(offers_group=True, models=["agility"])
    response = send(client, directory, mentor, mentoring_format="group")
    assert "nombre de participants" in " ".join(response.context["form"].errors["participants"])
    response = send(client, directory, mentor, mentoring_format="group", participants="500")
    assert response.context["form"].errors["participants"]
    assert send(client, directory, mentor, mentoring_format="group", participants="12").status_code == 302
    assert MentorRequest.objects.get().participants == 12


def test_agility_is_asked_as_group_mentoring(client, directory):
    mentor = MentorProfileFactory(offers_group=True, models=["agility"])
    agility = mentor.mentoring_models.get()
    response = send(client, directory, mentor, mentoring_model=agility.pk, mentoring_format="individual")
    assert "Agilité est un mentorat de groupe" in " ".join(response.context["form"].errors["mentoring_format"])


def test_only_the_models_the_mentor_offers_can_be_chosen(client, directory, mentor):
    response = send(client, directory, mentor, mentoring_model=MentoringModel.objects.get(code="agility").pk)
    assert response.context["form"].errors["mentoring_model"]


# --- Bots and floods ------------------------------------------------------------------------------
def test_bots_that_fill_the_trap_field_see_a_confirmation_and_nothing_is_stored(client, directory, mentor):
    response = send(client, directory, mentor, whf_name="https://spam.example")
    assert response.status_code == 302
    assert not MentorRequest.objects.exists()
    assert not emails_to("claire@example.org")


def test_requests_are_limited_per_email_address(client, directory, settings):
    settings.FORM_RATE_PER_EMAIL = "2/h"
    settings.MENTOR_REQUEST_MAX_OPEN = 10
    mentors = MentorProfileFactory.create_batch(3)
    assert [send(client, directory, mentor).status_code for mentor in mentors] == [302, 302, 429]
    assert MentorRequest.objects.count() == 2


def test_requests_are_limited_per_ip_address(client, directory, settings):
    settings.FORM_RATE_PER_IP = "2/h"
    mentors = MentorProfileFactory.create_batch(3)
    codes = [
        send(client, directory, mentor, requester_email=f"p{n}@example.net").status_code
        for n, mentor in enumerate(mentors)
    ]
    assert codes == [302, 302, 429]
    assert MentorRequest.objects.count() == 2


def test_the_form_is_protected_against_cross_site_posts(directory, mentor):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(request_url(directory, mentor), request_data())
    assert response.status_code == 403
    assert not MentorRequest.objects.exists()


# --- Links ----------------------------------------------------------------------------------------
@pytest.fixture
def sent(client, directory, mentor):
    send(client, directory, mentor)
    return MentorRequest.objects.get()


def answer_link(mentor_request):
    return f"/demandes/reponse/{tokens.make(mentor_request, Role.MENTOR, tokens.ANSWER)}/"


def test_a_tampered_link_is_refused(client, sent):
    link = answer_link(sent)
    for tampered in [link[:-6] + "AAAAA/", "/demandes/reponse/nimportequoi/", link.replace(":", "x")]:
        response = client.post(tampered, {"action": "accept"})
        assert response.status_code == 400
        assert "pas valide" in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == RequestStatus.NEW


def test_a_forged_link_signed_without_the_secret_is_refused(client, sent):
    forged = signing.dumps(
        {"r": sent.pk, "k": sent.token_key, "s": "mentor", "p": "answer"}, key="x" * 50, salt=tokens.SALT
    )
    assert client.post(f"/demandes/reponse/{forged}/", {"action": "accept"}).status_code == 400


def test_the_requesters_link_cannot_answer_for_the_mentor(client, sent):
    follow = tokens.make(sent, Role.REQUESTER, tokens.FOLLOW)
    assert client.post(f"/demandes/reponse/{follow}/", {"action": "accept"}).status_code == 400
    mentor_side = tokens.make(sent, Role.MENTOR, tokens.ANSWER)
    assert client.post(f"/demandes/suivi/{mentor_side}/", {"action": "withdraw", "confirm": "yes"}).status_code == 400
    sent.refresh_from_db()
    assert sent.status == RequestStatus.NEW


def test_an_answer_link_works_once(client, sent):
    link = answer_link(sent)
    client.post(link, {"action": "accept"})
    client.post(link, {"action": "decline"})
    sent.refresh_from_db()
    assert sent.status == RequestStatus.ACCEPTED
    assert "déjà été acceptée" in client.get(link).content.decode()
    assert sent.events.count() == 2


def test_an_expired_link_is_refused(client, sent, monkeypatch, settings):
    link = answer_link(sent)
    later = time.time() + (settings.MENTOR_REQUEST_EXPIRY_DAYS + 2) * 86400
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(link, {"action": "accept"})
    assert response.status_code == 400
    assert "Ce lien a expiré" in response.content.decode()


def test_links_of_a_reassigned_request_stop_working(client, sent, editor):
    old_link = answer_link(sent)
    workflow.reassign(sent, MentorProfileFactory(), editor)
    response = client.post(old_link, {"action": "accept"})
    assert response.status_code == 400
    assert "réattribuée" in response.content.decode()


def test_the_feedback_link_of_one_request_does_not_open_another(client, directory):
    first, second = MentorRequestFactory.create_batch(2)
    for mentor_request in (first, second):
        workflow.complete(workflow.accept(mentor_request), Role.MENTOR)
    link = link_in(emails_to(first.requester_email)[-1], "/demandes/avis/")
    client.post(link, {"fit": "2"})
    assert first.feedback.get().fit == 2
    assert not second.feedback.exists()


def test_feedback_is_refused_before_completion_and_invalid_scores_are_explained(client, sent):
    link = f"/demandes/avis/{tokens.make(sent, Role.REQUESTER, tokens.FEEDBACK)}/"
    assert client.get(link).status_code == 400
    workflow.complete(workflow.accept(sent), Role.MENTOR)
    response = client.post(link, {"fit": "9"})
    assert response.status_code == 200 and response.context["form"].errors["fit"]
    assert not sent.feedback.exists()


def test_the_request_clock_uses_sent_at(directory):
    mentor_request = MentorRequestFactory(sent_at=MentorRequestFactory().created_at - timedelta(days=6))
    assert mentor_request in MentorRequest.objects.waiting_longer_than(5)


def test_a_mentor_offering_one_format_gets_requests_in_that_format_whatever_is_posted(client, directory, mentor):
    send(client, directory, mentor, mentoring_format="group", participants=12)
    assert (MentorRequest.objects.get().mentoring_format, MentorRequest.objects.get().participants) == (
        "individual",
        None,
    )
