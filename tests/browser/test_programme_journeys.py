"""Programmes with a mouse, on the demo site: a participant applies to the Peer 2 Peer iteration; the
coordinator accepts the application, runs a pairing round and publishes it; both sides accept from their
emailed links and the pair is under way. A mentor takes part in an iteration from their own space. A
participant takes a seat in an Agilité circle, gets its calendar, and frees the seat."""

import re
import uuid

from django.core import mail

import pytest
from icalendar import Calendar

from portal.mentors.models import MentorProfile
from portal.programmes.models import Application, Enrolment, IterationPage, MentorOffer, Pair
from tests.browser.test_team_approval import PASSWORD, log_into_the_admin
from tests.factories import MentorProfileFactory, UserFactory

pytestmark = pytest.mark.browser

CHALLENGE = "Ouvrir les données de transport de notre territoire en open data, et animer leur réutilisation."


def new_email(name):
    return f"{name}.{uuid.uuid4().hex[:10]}@example.net"


def link_to(address, part):
    """The path of the link containing `part` in the last email to `address`."""
    message = next(m for m in reversed(mail.outbox) if address in m.to)
    return re.search(rf"https?://[^/\s]+({re.escape(part)}\S*/)", message.body).group(1)


def apply(person, iteration_title, email, name="Léa Martin", organisation=None, circle=None, sent=True):
    person.go(IterationPage.objects.get(title=iteration_title).url)
    person.click("Candidater")
    person.type("Votre nom", name)
    person.type("Votre adresse e-mail", email)
    if organisation:
        person.choose("Votre organisation", organisation)
    if circle:
        person.page.get_by_label("Votre cercle").select_option(index=1)
    person.type("Votre défi ou votre pratique", CHALLENGE)
    person.tick("J’accepte que ma candidature et mes coordonnées soient conservées")
    person.pause(3)  # a person reads before sending (the form refuses what is sent faster)
    person.click(person.page.get_by_role("button", name="Envoyer ma candidature"))
    if sent:
        assert person.sees("Votre candidature est envoyée")


def test_a_peer_to_peer_iteration_from_application_to_a_pair_under_way(person, new_context, site_url):
    email, name = new_email("lea"), f"Léa Martin {uuid.uuid4().hex[:4]}"
    apply(person, "Printemps 2027", email, name=name, organisation="Métropole de Lyon")
    application = Application.objects.get(email=email)
    assert application.status == "received"

    coordinator = UserFactory(username=f"coord-{uuid.uuid4().hex[:6]}", editor=True)
    coordinator.save()  # the factory saves the password with the groups only
    log_into_the_admin(person, coordinator)
    iteration = application.iteration
    if person.device == "phone":  # the admin's menu is folded away behind its button
        person.click(person.page.get_by_role("button", name="Afficher/masquer la barre latérale"), navigates=False)
    person.click(person.page.get_by_role("button", name="Programmes"), navigates=False)
    person.click(person.page.get_by_role("link", name="Promotions", exact=True))
    person.click(person.page.locator("tr", has_text=iteration.title).get_by_role("link", name="Coordonner"))
    row = person.page.locator("tr", has_text="Léa Martin").filter(
        has=person.page.get_by_role("button", name="Accepter")
    )
    person.click(row.first.get_by_role("button", name="Accepter"))
    assert Application.objects.get(pk=application.pk).status == "accepted"

    person.click(person.page.get_by_role("button", name=re.compile("tour")).first)
    assert person.sees("Tour lancé")
    pair = Pair.objects.get(application=application)
    assert person.page.locator("tr", has_text=pair.offer.mentor.full_name).first.is_visible()
    person.click("Publier les binômes proposés")
    pair.refresh_from_db()
    assert pair.status == "published"

    mentor = pair.offer.mentor
    person.go(link_to(email, "/programmes/binomes/"))
    assert person.sees(mentor.full_name)
    person.click(person.page.get_by_role("button", name="Accepter le binôme"))
    assert person.sees("nous attendons la réponse de l’autre côté")

    other = new_context(viewport=person.page.viewport_size, locale="fr-FR").new_page()
    other.goto(site_url + link_to(mentor.contact_email, "/programmes/binomes/"))
    other.get_by_role("button", name="Accepter le binôme").click()
    other.wait_for_load_state("load")
    assert other.get_by_text("Vous avez tous deux accepté").first.is_visible()
    assert Pair.objects.get(pk=pair.pk).status == "live"


def test_a_mentor_takes_part_in_an_iteration_from_their_space_then_leaves_it(person):
    mentor = MentorProfileFactory(full_name=f"Mentor {uuid.uuid4().hex[:6]}", account=PASSWORD, capacity=3)
    person.go("/comptes/login/")
    person.type("Adresse e-mail ou identifiant", mentor.contact_email)
    person.type(re.compile(r"^\s*Mot de passe"), PASSWORD)
    person.click("Se connecter")
    assert person.path == "/mentors/me/"

    item = person.page.locator(".iteration-list__item", has_text="Printemps 2027")
    item.get_by_label("Mentorés dans cette promotion").fill("2")
    person.click(item.get_by_role("button", name="Participer"))
    assert person.sees("Vous participez à Printemps 2027, avec jusqu’à 2 mentorés.")
    assert MentorOffer.objects.get(mentor=mentor).capacity == 2

    item = person.page.locator(".iteration-list__item", has_text="Printemps 2027")
    person.click(item.get_by_role("button", name="Quitter cette promotion"))
    assert MentorOffer.objects.get(mentor=mentor).withdrawn_at is not None
    assert MentorProfile.objects.get(pk=mentor.pk).active_mentorships == 0


def test_a_participant_takes_a_seat_in_a_circle_gets_its_calendar_and_frees_the_seat(person):
    email = new_email("sam")
    apply(person, "Cercles 2027", email, circle=True)
    enrolment = Enrolment.objects.get(application__email=email)
    assert enrolment.status in ("seated", "waiting")
    if enrolment.status == "waiting":  # the other width's run took the last seat: the waiting list is tested
        assert "liste d’attente" in mail.outbox[-1].body
        return

    calendar = person.page.request.get(link_to(email, "/programmes/cercles/calendrier/"))
    assert calendar.headers["content-type"] == "text/calendar; charset=utf-8"
    assert len(Calendar.from_ical(calendar.body()).walk("VEVENT")) == 4

    person.go(link_to(email, "/programmes/cercles/quitter/"))
    person.click(person.page.get_by_role("button", name="Libérer ma place"))
    assert person.sees("Vous avez quitté le cercle")
    assert Enrolment.objects.get(pk=enrolment.pk).status == "left"


def test_a_culture_shift_iteration_takes_only_its_organisation_s_people(person):
    outsider = new_email("sam")
    apply(person, "Promotion pilote 2027", outsider, sent=False)
    assert person.sees("Cette promotion est réservée aux personnes de Worldline")
    assert not Application.objects.filter(email=outsider).exists()

    insider = f"lea.{uuid.uuid4().hex[:8]}@worldline.example"
    person.type("Votre adresse e-mail", insider)  # what was typed is kept, the agreement too
    assert person.page.get_by_label("J’accepte que ma candidature et mes coordonnées soient conservées").is_checked()
    person.pause(1)
    person.click(person.page.get_by_role("button", name="Envoyer ma candidature"))
    assert person.sees("Votre candidature est envoyée")
    assert Application.objects.get(email=insider).organisation.name == "Worldline"
