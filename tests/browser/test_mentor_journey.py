"""A mentor applies, confirms the address from the email by choosing a password there, is approved, receives a
request by email and accepts it from the emailed link, then finds it in their space."""

import re
import uuid

import pytest

from portal.mentors import lifecycle
from portal.mentors.models import MentorProfile, MentorStatus
from portal.mentorships import workflow
from portal.mentorships.models import MentorRequest, RequestStatus
from portal.taxonomy.models import ActorType
from tests.requests_helpers import last_link_to

pytestmark = pytest.mark.browser

PASSWORD = "une phrase de passe assez longue"


def test_a_mentor_applies_confirms_is_approved_and_accepts_a_request_from_the_email(person):
    email = f"camille.{uuid.uuid4().hex[:10]}@example.org"
    name = f"Camille Durand {uuid.uuid4().hex[:4]}"
    person.go("/")
    person.click(person.page.get_by_role("link", name="Devenir mentor").first)
    person.type("Adresse e-mail", email)
    person.type("Nom complet", name)
    person.type("Accroche", "Directrice de la donnée d’une métropole")
    person.choose("Type d’acteur", "Collectivité")
    person.type("Biographie", "J’ai ouvert les données de transport de notre métropole et formé les équipes.")
    person.type("Chercher un thème dans la liste", "OPEN")  # narrows the list of themes to tick
    person.tick("open data")
    person.type("Suggérer de nouveaux thèmes", "données ouvertes")  # for the editors to approve
    person.tick("Peer 2 Peer")
    person.tick("Français")
    person.choose("Région", "Bretagne")
    person.tick("J’ai lu et j’accepte la charte déontologique du programme.")
    person.click("Envoyer ma candidature")
    assert person.path == "/mentors/devenir-mentor/merci/", person.page.locator("[data-error-summary]").inner_text()

    person.go(last_link_to(email, "/mentors/confirmer/"))
    assert MentorProfile.objects.get(contact_email=email).email_confirmed_at is None  # opening it is not enough
    person.type(re.compile(r"^Nouveau mot de passe"), PASSWORD)
    person.type("Confirmation du nouveau mot de passe", PASSWORD)
    person.click("Enregistrer mon mot de passe")
    assert person.path == "/mentors/me/"
    assert person.sees(f"Merci, {name}\u00a0: votre adresse est confirmée.")
    person.click(person.page.get_by_role("button", name="Se déconnecter"))
    mentor = MentorProfile.objects.get(contact_email=email)
    lifecycle.approve(mentor)  # the editors' part is tested in test_editors.py
    assert MentorProfile.objects.get(pk=mentor.pk).status == MentorStatus.PUBLISHED

    requester = f"lea.{uuid.uuid4().hex[:8]}@example.net"
    workflow.create_request(
        mentor,
        requester_name="Léa Martin",
        requester_email=requester,
        organisation="Communauté de communes du Val",
        actor_type=ActorType.objects.get(code="collectivite"),
        challenge_text="Ouvrir nos données de transport",
        mentoring_format="individual",
        message="Nous voulons publier nos horaires en open data et ne savons pas par où commencer.",
    )
    person.go(last_link_to(email, "/demandes/reponse/"))
    assert person.sees("Ouvrir nos données de transport")
    assert not person.sees(requester)
    person.click("Accepter cette demande")
    assert MentorRequest.objects.get(requester_email=requester).status == RequestStatus.ACCEPTED
    assert person.sees(requester)

    person.go("/comptes/login/")
    person.type("Adresse e-mail ou identifiant", email)
    person.type(re.compile(r"^Mot de passe"), PASSWORD)
    person.click("Se connecter")
    assert person.path == "/mentors/me/"
    assert person.sees("Léa Martin") and person.sees(requester)
