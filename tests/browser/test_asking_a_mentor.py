"""A visitor asks a mentor, with a mouse, from a challenge page, from a profile and from the free-text
results; the challenge or the described need is kept; the request is stored once and followed by its link."""

import re
import time
import uuid

import pytest

from portal.challenges.models import ChallengePage
from portal.mentors.matching import mentors_for_challenge
from portal.mentors.models import MentorProfile
from portal.mentorships.models import MentorRequest
from tests.requests_helpers import followed_request, last_link_to

pytestmark = pytest.mark.browser

CONSENT = "J’accepte que ma demande et mes coordonnées soient conservées"
MESSAGE = "Nous voulons publier nos horaires en open data et ne savons pas par où commencer. Merci !"


def new_email(name="lea"):
    return f"{name}.{uuid.uuid4().hex[:10]}@example.net"


def fill_in_who_i_am(person, email):
    person.type("Votre nom", "Léa Martin")
    person.type("Votre adresse e-mail", email)
    person.type("Votre organisation", "Communauté de communes du Val", exact=True)
    person.choose("Type d’organisation", "Collectivité")


@pytest.fixture
def challenge():
    """The demo challenge on open data, which has mentors to propose."""
    page = ChallengePage.objects.live().get(title__icontains="open data")
    assert mentors_for_challenge(page), "the demo challenge should have candidates"
    return page


def test_a_visitor_asks_a_candidate_from_a_challenge_page_and_the_challenge_is_kept(person, challenge):
    person.go(challenge.url)
    first_candidate = person.page.locator(".card--match").first
    mentor_name = first_candidate.locator("h3").inner_text().strip()
    person.click(first_candidate.get_by_role("link", name=f"Demander à {mentor_name}"))

    assert person.path.endswith("/demander/")
    assert person.page.get_by_label("Votre défi").input_value() == str(challenge.pk)
    email = new_email()
    fill_in_who_i_am(person, email)
    person.type("Votre message au mentor", MESSAGE)
    person.tick(CONSENT)
    person.click("Envoyer ma demande")

    assert person.path == "/demandes/envoyee/"
    assert person.sees(f"{mentor_name} reçoit votre demande par e-mail")
    follow_on_page = person.page.get_by_role("link", name="Suivre ma demande").get_attribute("href")
    [stored] = MentorRequest.objects.filter(requester_email=email)
    assert followed_request(follow_on_page) == followed_request(last_link_to(email, "/demandes/suivi/")) == stored
    assert (stored.challenge_id, stored.mentor.full_name) == (challenge.pk, mentor_name)

    person.go(last_link_to(email, "/demandes/suivi/"))
    assert person.sees("En attente de réponse jusqu’au")
    assert person.sees(mentor_name)
    person.click("Retirer ma demande")
    assert person.sees("Retirer votre demande")
    assert MentorRequest.objects.get(pk=stored.pk).status == "new"
    person.click("Non, revenir")
    assert MentorRequest.objects.get(pk=stored.pk).status == "new"

    person.click("Retrouver toutes mes demandes")
    person.type("L’adresse e-mail depuis laquelle vous avez envoyé vos demandes", email)
    person.click("M’envoyer le lien")
    person.go(last_link_to(email, "/demandes/mes-demandes/"))
    assert person.sees(f"À {mentor_name}")


def test_a_visitor_asks_a_mentor_from_the_directory_and_the_profile(person):
    mentor = MentorProfile.objects.available().order_by("full_name").first()
    person.go(f"/mentors/?q={mentor.full_name.split()[-1]}")
    person.click(person.page.get_by_role("link", name=mentor.full_name, exact=True).first)
    assert person.sees(mentor.headline)
    person.click("Demander ce mentor")

    email = new_email()
    fill_in_who_i_am(person, email)
    person.type("Ou décrivez-le", "Ouvrir nos données de transport")
    person.type("Votre message au mentor", MESSAGE)
    person.tick(CONSENT)
    person.click("Envoyer ma demande")

    assert person.sees(f"{mentor.full_name} reçoit votre demande par e-mail")
    [stored] = MentorRequest.objects.filter(requester_email=email)
    assert (stored.mentor, stored.challenge, stored.challenge_text) == (mentor, None, "Ouvrir nos données de transport")


def test_a_visitor_describes_a_need_and_asks_one_of_the_mentors_proposed(person):
    need = "Nous voulons ouvrir nos données de transport et ne savons pas par où commencer."
    person.go("/")
    person.type("Votre défi", need)
    person.click("Trouver des mentors")
    assert person.path == "/mentors/defi/"

    candidate = person.page.locator(".card--match").first
    mentor_name = candidate.locator("h3").inner_text().strip()
    person.click(candidate.get_by_role("link", name=f"Demander à {mentor_name}"))
    assert person.page.get_by_label("Ou décrivez-le").input_value() == need

    email = new_email()
    fill_in_who_i_am(person, email)
    person.type("Votre message au mentor", MESSAGE)
    person.tick(CONSENT)
    person.click("Envoyer ma demande")
    [stored] = MentorRequest.objects.filter(requester_email=email)
    assert (stored.mentor.full_name, stored.challenge_text) == (mentor_name, need)


def test_fixing_an_error_and_resending_at_once_stores_the_request_once(person, challenge):
    """The person forgets the consent box, is taken to it by the error summary, ticks it and resends at once."""
    person.go(challenge.url)
    candidate = person.page.locator(".card--match").first
    person.click(candidate.get_by_role("link", name=re.compile("^Demander à")))
    email = new_email()
    fill_in_who_i_am(person, email)
    person.type("Votre message au mentor", MESSAGE)
    person.click("Envoyer ma demande")

    summary = person.page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert person.page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert not MentorRequest.objects.filter(requester_email=email).exists()
    assert person.page.get_by_label("Votre message au mentor").input_value() == MESSAGE

    started = time.monotonic()
    person.click(summary.get_by_role("link", name=re.compile("J’accepte")), navigates=False)
    consent = person.page.get_by_label(re.compile("J’accepte que ma demande"))
    assert consent.evaluate("element => element === document.activeElement")
    consent.press("Space")
    person.click("Envoyer ma demande")
    assert time.monotonic() - started < 3, "the resend must come faster than the honeypot's delay"

    assert person.path == "/demandes/envoyee/"
    assert MentorRequest.objects.filter(requester_email=email).count() == 1
