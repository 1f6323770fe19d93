"""The request journey, finished: what the visitor described follows into the form, the challenge's
recommended model comes preselected, the confirmation says who answers by when and gives the follow-up
link, the follow-up speaks in words, and a requester finds every request again from their address alone."""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import urlsplit

from django.core import mail, signing
from django.utils import timezone, translation
from django.utils.formats import date_format

import pytest

from portal.mentorships import tokens, workflow
from portal.mentorships.models import MentorRequest
from portal.taxonomy.models import MentoringModel
from tests.factories import ChallengePageFactory, MentorProfileFactory, MentorRequestFactory
from tests.requests_helpers import (
    emails_to,
    followed_request,
    honeypot_fields,
    link_in,
    request_data,
    request_url,
    shown,
)

pytestmark = pytest.mark.django_db

NEED = "Nous voulons ouvrir nos données de transport et ne savons pas par où commencer."


@pytest.fixture
def mentor(directory):
    return MentorProfileFactory(
        full_name="Claire Fontaine",
        contact_email="claire@example.org",
        themes=["open data"],
        models=["culture-shift", "peer-to-peer"],
        bio="J'ai ouvert les données de transport de notre métropole.",
    )


def french_date(moment):
    with translation.override("fr"):
        return date_format(timezone.localtime(moment), "DATE_FORMAT")


def selected_option(html, name):
    select = html.split(f'name="{name}"')[1].split("</select>")[0]
    return re.search(r'<option value="([^"]*)" selected>', select).group(1)


def field_value(html, name):
    """The value a text field or textarea of the form starts with."""
    textarea = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    if textarea:
        return unescape(textarea.group(1).strip())
    element = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    value = re.search(r'value="([^"]*)"', element)
    return unescape(value.group(1)) if value else ""


# --- What the visitor described follows them ------------------------------------------------------
def describe(client, directory, need):
    """Type a need in « Décrivez votre défi »; the address of the first proposed mentor's request form."""
    results = client.get(f"{directory.url}defi/", {"texte": need}).content.decode()
    return unescape(re.search(r'href="(/mentors/[\w-]+/demander/\?besoin=1)"', results).group(1))


def test_the_need_described_in_the_box_follows_into_the_request_form(client, directory, mentor):
    ask = describe(client, directory, NEED)
    assert ask == f"{request_url(directory, mentor)}?besoin=1"
    form = client.get(ask).content.decode()
    assert field_value(form, "challenge_text") == NEED
    assert selected_option(form, "challenge") == ""
    assert "a été coupée" not in form


def test_a_long_described_need_follows_whole_up_to_the_field_s_length_and_the_cut_is_said(client, directory, mentor):
    long_need = "Ouvrir nos données de transport à la demande en zone rurale. " * 50
    form = client.get(describe(client, directory, long_need)).content.decode()
    kept = field_value(form, "challenge_text")
    assert 1900 < len(kept) <= 2000 and long_need.startswith(kept.rstrip("…"))
    assert "Votre description a été coupée à 2000 caractères" in unescape(form).replace("\u202f", "")


def test_a_need_reaches_only_the_browser_that_described_it(client, directory, mentor):
    from django.test import Client

    ask = describe(client, directory, NEED)
    assert field_value(Client().get(ask).content.decode(), "challenge_text") == ""
    assert field_value(client.get(request_url(directory, mentor)).content.decode(), "challenge_text") == ""


def test_a_challenge_in_the_address_wins_over_a_described_need(client, directory, mentor, challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index, themes=["open data"])
    describe(client, directory, NEED)
    form = client.get(request_url(directory, mentor), {"defi": challenge.pk, "besoin": "1"}).content.decode()
    assert selected_option(form, "challenge") == str(challenge.pk)
    assert field_value(form, "challenge_text") == ""


def test_a_mentor_offering_one_format_is_not_a_choice_to_make(client, directory, mentor):
    form = client.get(request_url(directory, mentor)).content.decode()
    assert 'type="radio" name="mentoring_format"' not in form
    assert '<input type="hidden" name="mentoring_format" value="individual"' in form
    assert "Claire Fontaine accompagne une personne à la fois." in form
    client.post(request_url(directory, mentor), request_data())
    assert MentorRequest.objects.get().mentoring_format == "individual"


# --- The recommended model, preselected ------------------------------------------------------------
def test_the_challenge_s_recommended_model_is_preselected_when_the_mentor_offers_it(
    client, directory, mentor, challenge_index
):
    challenge = ChallengePageFactory(parent=challenge_index, models=["peer-to-peer", "agility"])
    form = client.get(request_url(directory, mentor), {"defi": challenge.pk}).content.decode()
    assert selected_option(form, "mentoring_model") == str(MentoringModel.objects.get(code="peer-to-peer").pk)


def test_no_model_is_preselected_when_the_mentor_offers_none_of_the_recommended_ones(
    client, directory, mentor, challenge_index
):
    challenge = ChallengePageFactory(parent=challenge_index, models=["agility"])
    form = client.get(request_url(directory, mentor), {"defi": challenge.pk}).content.decode()
    assert selected_option(form, "mentoring_model") == ""


def test_agility_comes_preselected_as_group_mentoring(client, directory, challenge_index):
    coach = MentorProfileFactory(models=["agility"], offers_group=True)
    challenge = ChallengePageFactory(parent=challenge_index, models=["agility"])
    form = client.get(request_url(directory, coach), {"defi": challenge.pk}).content.decode()
    assert selected_option(form, "mentoring_model") == str(MentoringModel.objects.get(code="agility").pk)
    assert re.search(r'<input type="radio" name="mentoring_format" value="group"[^>]*checked', form)


# --- The confirmation ------------------------------------------------------------------------------
def test_the_confirmation_names_the_mentor_the_answer_date_and_the_follow_up_link(client, directory, mentor):
    response = client.post(request_url(directory, mentor), request_data())
    page = client.get(response["Location"]).content.decode()
    mentor_request = MentorRequest.objects.get()
    due = french_date(mentor_request.sent_at + timedelta(days=14))
    assert f"Claire Fontaine reçoit votre demande par e-mail et peut y répondre jusqu’au {due}." in page
    follow = re.search(r'href="(/demandes/suivi/[^"]+)"', page).group(1)
    emailed = link_in(emails_to("lea.martin@example.net")[0], "/demandes/suivi/")
    assert followed_request(follow) == followed_request(emailed) == mentor_request
    assert f"Votre demande de mentorat nº\u00a0{mentor_request.pk}" in client.get(follow).content.decode()


def test_the_answer_date_is_the_expiry_delay_after_sending(settings):
    settings.MENTOR_REQUEST_EXPIRY_DAYS = 10
    sent = timezone.now() - timedelta(days=3)
    assert MentorRequestFactory(sent_at=sent).answer_due == sent + timedelta(days=10)


def test_the_confirmation_shows_the_follow_up_link_only_once(client, directory, mentor):
    location = client.post(request_url(directory, mentor), request_data())["Location"]
    assert "/demandes/suivi/" in client.get(location).content.decode()
    again = client.get(location).content.decode()
    assert "/demandes/suivi/" not in again and "Claire Fontaine" not in again


def test_another_browser_sees_no_one_s_request_on_the_confirmation_page(client, directory, mentor, django_user_model):
    from django.test import Client

    client.post(request_url(directory, mentor), request_data())
    page = Client().get("/demandes/envoyee/").content.decode()
    assert "/demandes/suivi/" not in page and "Claire Fontaine" not in page


# --- The follow-up page speaks in words ------------------------------------------------------------
def test_the_follow_up_page_says_where_the_request_stands_in_words(client, directory, mentor):
    client.post(request_url(directory, mentor), request_data())
    mentor_request = MentorRequest.objects.get()
    follow = link_in(emails_to("lea.martin@example.net")[0], "/demandes/suivi/")
    page = client.get(follow).content.decode()
    assert f"En attente de réponse jusqu’au {french_date(mentor_request.answer_due)}" in page
    assert ">Nouvelle<" not in page
    workflow.accept(mentor_request)
    page = client.get(follow).content.decode()
    assert "le mentorat est en cours" in page and "Acceptée le " in page


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda request: workflow.decline(request), "Déclinée le "),
        (lambda request: workflow.withdraw(request), "Retirée le "),
        (lambda request: workflow.expire(request), "Sans réponse\u00a0: close le "),
        (lambda request: workflow.complete(workflow.accept(request), "requester"), "Mentorat terminé le "),
    ],
)
def test_every_status_is_said_in_words_with_its_date(client, directory, mentor, change, words):
    client.post(request_url(directory, mentor), request_data())
    change(MentorRequest.objects.get())
    follow = link_in(emails_to("lea.martin@example.net")[0], "/demandes/suivi/")
    page = client.get(follow).content.decode()
    assert words + french_date(timezone.now()) in page


# --- Finding one's requests again from the email address alone ------------------------------------
def ask_for_my_requests(client, email, **overrides):
    return client.post("/demandes/retrouver/", {"email": email, **honeypot_fields(), **overrides})


def test_a_requester_finds_all_their_requests_from_their_address_alone(client, directory, mentor):
    other_mentor = MentorProfileFactory(full_name="Marc Dubois")
    client.post(request_url(directory, mentor), request_data())
    client.post(request_url(directory, other_mentor), request_data())
    MentorRequestFactory(mentor=other_mentor, requester_email="someone.else@example.net")
    mail.outbox.clear()

    response = ask_for_my_requests(client, "Lea.Martin@example.net ")
    assert response.status_code == 302
    assert "nous venons de lui envoyer par e-mail un lien" in client.get(response["Location"]).content.decode()
    [email] = mail.outbox
    assert email.to == ["lea.martin@example.net"]
    page = client.get(link_in(email, "/demandes/mes-demandes/")).content.decode()
    assert "À Claire Fontaine" in page and "À Marc Dubois" in page
    assert page.count("/demandes/suivi/") == 2
    assert "someone.else@example.net" not in page and page.count("En attente de réponse") == 2
    for follow in re.findall(r'href="(/demandes/suivi/[^"]+)"', page):
        assert followed_request(follow).requester_email == "lea.martin@example.net"
        assert "Votre demande de mentorat nº" in client.get(follow).content.decode()


def test_an_address_without_requests_gets_the_same_answer_and_no_email(client):
    response = ask_for_my_requests(client, "nobody@example.net")
    assert response.status_code == 302
    assert "nous venons de lui envoyer par e-mail un lien" in client.get(response["Location"]).content.decode()
    assert not mail.outbox


def test_erased_requests_are_not_listed_again(client, directory, mentor, editor):
    from portal.mentorships import privacy

    client.post(request_url(directory, mentor), request_data())
    token = tokens.make_list("lea.martin@example.net")
    privacy.erase_person("lea.martin@example.net", editor)
    page = client.get(f"/demandes/mes-demandes/{token}/").content.decode()
    assert "Claire Fontaine" not in page and "/demandes/suivi/" not in page
    mail.outbox.clear()
    ask_for_my_requests(client, "lea.martin@example.net")
    assert not mail.outbox


@pytest.mark.parametrize("token", ["pas-un-lien", signing.dumps({"e": "lea.martin@example.net"}, salt="autre")])
def test_a_forged_list_link_shows_nothing(client, directory, mentor, token):
    client.post(request_url(directory, mentor), request_data())
    response = client.get(f"/demandes/mes-demandes/{token}/")
    assert response.status_code == 400
    assert "Claire Fontaine" not in response.content.decode()


def test_a_list_link_expires_after_a_week(client, directory, mentor, monkeypatch):
    import time

    client.post(request_url(directory, mentor), request_data())
    token = tokens.make_list("lea.martin@example.net")
    later = time.time() + 8 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(f"/demandes/mes-demandes/{token}/")
    assert response.status_code == 400
    assert "Ce lien a expiré\u00a0: demandez-en un nouveau." in response.content.decode()


def test_the_find_form_refuses_a_bad_address_in_french_and_sends_nothing(client):
    response = ask_for_my_requests(client, "pas-une-adresse")
    assert response.status_code == 200
    assert "Saisissez une adresse e-mail valide." in response.content.decode()
    assert not mail.outbox


def test_the_find_form_is_rate_limited(client, directory, mentor, settings):
    client.post(request_url(directory, mentor), request_data())
    mail.outbox.clear()
    settings.FORM_RATE_PER_EMAIL = "2/h"
    codes = [ask_for_my_requests(client, "lea.martin@example.net").status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert len(mail.outbox) == 2


def test_the_find_form_is_linked_from_the_confirmation_and_the_follow_up(client, directory, mentor):
    location = client.post(request_url(directory, mentor), request_data())["Location"]
    assert 'href="/demandes/retrouver/"' in client.get(location).content.decode()
    follow = link_in(emails_to("lea.martin@example.net")[0], "/demandes/suivi/")
    assert 'href="/demandes/retrouver/"' in client.get(follow).content.decode()


def test_the_list_link_email_names_the_page_and_its_lifetime(client, directory, mentor):
    client.post(request_url(directory, mentor), request_data())
    mail.outbox.clear()
    ask_for_my_requests(client, "lea.martin@example.net")
    [email] = mail.outbox
    assert email.subject == "Vos demandes de mentorat"
    assert "Ce lien fonctionne 7 jours" in email.body
    assert urlsplit(link_in(email, "/demandes/mes-demandes/")).path.startswith("/demandes/mes-demandes/")


# --- Nothing irreversible in one tap ----------------------------------------------------------------
@pytest.mark.parametrize(("action", "question"), [("withdraw", "Retirer votre demande"), ("complete", "Le mentorat")])
def test_withdrawing_or_completing_asks_for_a_confirmation_first(client, directory, mentor, action, question):
    client.post(request_url(directory, mentor), request_data())
    mentor_request = MentorRequest.objects.get()
    if action == "complete":
        workflow.accept(mentor_request)
    status = MentorRequest.objects.get().status
    follow = link_in(emails_to("lea.martin@example.net")[0], "/demandes/suivi/")
    mail.outbox.clear()

    page = client.post(follow, {"action": action}).content.decode()
    assert question in page and 'name="confirm" value="yes"' in page
    assert MentorRequest.objects.get().status == status and not mail.outbox
    client.post(follow, {"action": action, "confirm": "yes"})
    assert MentorRequest.objects.get().status == {"withdraw": "withdrawn", "complete": "completed"}[action]


def test_the_answer_page_keeps_the_word_for_the_requester_with_the_decline_button(client, directory, mentor):
    client.post(request_url(directory, mentor), request_data())
    page = client.get(link_in(emails_to("claire@example.org")[0], "/demandes/reponse/")).content.decode()
    decline = page[page.index('id="decline-title"') :]
    assert 'name="reason"' in decline and 'value="decline"' in decline
    accept = page[page.index('id="accept-title"') : page.index('id="decline-title"')]
    assert 'name="reason"' not in accept


def test_finding_one_s_requests_takes_a_second_not_three(client, directory, mentor):
    """One field, often filled by the browser: a person may send it within two seconds."""
    client.post(request_url(directory, mentor), request_data())
    mail.outbox.clear()
    ask_for_my_requests(client, "lea.martin@example.net", whf_time=shown(seconds_ago=2))
    assert len(mail.outbox) == 1
    ask_for_my_requests(client, "lea.martin@example.net", whf_time=shown(seconds_ago=0))
    assert len(mail.outbox) == 1
