"""Applying to an iteration from its public page: the form follows the model, the rules refuse in words, a
place is taken under a lock, and nothing tells a visitor who else applied."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from portal.programmes.models import Application, ApplicationStatus
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    ThemeFactory,
)
from tests.programmes_helpers import iteration_of
from tests.requests_helpers import honeypot_fields, shown

pytestmark = pytest.mark.usefixtures("in_french")
CHALLENGE = "Ouvrir les données de transport de notre territoire en GTFS"


@pytest.fixture
def peer_to_peer(programme):
    return iteration_of(
        programme,
        "peer-to-peer",
        organisations=[OrganisationFactory(name="Ville"), OrganisationFactory(name="Région")],
        themes=["open data", "vélo"],
    )


@pytest.fixture
def culture_shift(programme):
    maison = OrganisationFactory(name="Maison", email_domains="maison.example")
    return iteration_of(programme, "culture-shift", organisations=[maison])


def form_url(iteration):
    return iteration.url + "candidater/"


def application(iteration, **fields):
    data = {
        "full_name": "Ana Dupont",
        "email": "ana@maison.example",
        "challenge": CHALLENGE,
        "availability": "Le mardi",
        "consent": "on",
        **honeypot_fields(),
    }
    if iteration.organisations.count() > 1:
        data["organisation"] = iteration.organisations.get(name="Ville").pk
    return data | fields


def errors_of(response):
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_a_participant_applies_and_is_told_by_email(client, peer_to_peer):
    data = application(peer_to_peer, themes=[ThemeFactory(name="open data").pk])

    response = client.post(form_url(peer_to_peer), data, follow=True)

    assert response.redirect_chain[-1][0] == peer_to_peer.url + "candidater/merci/"
    assert "votre candidature à" in response.content.decode()
    stored = Application.objects.get()
    assert (stored.full_name, stored.email, stored.organisation.name, stored.status) == (
        "Ana Dupont",
        "ana@maison.example",
        "Ville",
        ApplicationStatus.RECEIVED,
    )
    assert list(stored.themes.values_list("name", flat=True)) == ["open data"]
    assert stored.consent_at is not None and stored.manager_email == ""
    assert [message.to for message in mail.outbox] == [["ana@maison.example"]]
    assert mail.outbox[0].subject == f"Votre candidature à {peer_to_peer.title}"
    assert CHALLENGE in mail.outbox[0].body


def test_the_form_offers_the_iteration_s_organisations_and_themes_only(client, peer_to_peer):
    OrganisationFactory(name="Ailleurs")
    ThemeFactory(name="covoiturage")
    page = client.get(form_url(peer_to_peer)).content.decode()
    assert "Ville" in page and "Région" in page and "Ailleurs" not in page
    assert "open data" in page and "covoiturage" not in page
    assert "manager" not in page


def test_an_organisation_outside_the_iteration_is_refused(client, peer_to_peer):
    other = OrganisationFactory(name="Ailleurs")
    response = client.post(form_url(peer_to_peer), application(peer_to_peer, organisation=other.pk))
    assert "organisation" in errors_of(response)
    assert not Application.objects.exists()


def test_culture_shift_takes_only_the_organisation_s_addresses_and_asks_for_the_manager(client, culture_shift):
    page = client.get(form_url(culture_shift)).content.decode()
    assert "manager" in page

    refused = client.post(form_url(culture_shift), application(culture_shift, email="ana@gmail.example"))
    assert errors_of(refused)["__all__"] == [
        "Cette promotion est réservée aux personnes de Maison\u00a0: candidatez avec votre adresse chez elle."
    ]
    assert not Application.objects.exists() and not mail.outbox

    client.post(form_url(culture_shift), application(culture_shift, manager_email="chef@maison.example"))
    stored = Application.objects.get()
    assert (stored.organisation.name, stored.manager_email) == ("Maison", "chef@maison.example")


def test_one_s_own_address_is_not_one_s_manager(client, culture_shift):
    response = client.post(form_url(culture_shift), application(culture_shift, manager_email="ANA@maison.example"))
    assert errors_of(response) == {"manager_email": ["Indiquez l’adresse de votre manager, pas la vôtre."]}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"full_name": ""}, "full_name"),
        ({"email": "pas-une-adresse"}, "email"),
        ({"challenge": "Trop court"}, "challenge"),
        ({"challenge": "x" * 2001}, "challenge"),
        ({"consent": ""}, "consent"),
        ({"themes": ["abc"]}, "themes"),
        ({"organisation": "999999"}, "organisation"),
    ],
)
def test_bad_input_is_refused_in_words_and_nothing_is_stored(client, peer_to_peer, fields, field):
    response = client.post(form_url(peer_to_peer), application(peer_to_peer, **fields))
    assert response.status_code == 200
    assert field in errors_of(response)
    assert not Application.objects.exists()


def test_applying_again_with_the_same_address_says_nothing_on_the_page_and_tells_the_address(client, peer_to_peer):
    ApplicationFactory(iteration=peer_to_peer, email="ana@maison.example", full_name="Ana", status="received")

    response = client.post(form_url(peer_to_peer), application(peer_to_peer, email="ANA@maison.example"))

    assert response.status_code == 302  # as for a first application
    assert Application.objects.count() == 1
    assert "Votre première candidature est maintenue" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"applications_open_on": timezone.localdate() + timedelta(days=2)}, "Les candidatures ouvrent le"),
        ({"closed_at": timezone.now()}, "Cette promotion est terminée."),
        ({"places": 1}, "Toutes les places sont prises."),
    ],
)
def test_no_application_is_taken_outside_the_window_or_beyond_the_places(client, programme, fields, said):
    iteration = iteration_of(programme, "peer-to-peer", **fields)
    ApplicationFactory(iteration=iteration, status=ApplicationStatus.RECEIVED)

    shown_page = client.get(form_url(iteration)).content.decode()
    response = client.post(form_url(iteration), application(iteration, email="late@example.net"))

    assert said in shown_page and said in response.content.decode()
    assert response.status_code == 409
    assert not Application.objects.filter(email="late@example.net").exists()


def test_an_invitation_only_iteration_takes_the_invited_only(client, programme):
    iteration = iteration_of(programme, "peer-to-peer", invitation_only=True)
    ApplicationFactory(iteration=iteration, email="invitee@example.net", status=ApplicationStatus.INVITED)

    refused = client.post(form_url(iteration), application(iteration, email="other@example.net"))
    assert errors_of(refused)["__all__"] == [
        "Cette promotion est sur invitation\u00a0: demandez à sa coordination de vous inviter."
    ]
    client.post(form_url(iteration), application(iteration, email="invitee@example.net"))
    assert Application.objects.get(email="invitee@example.net").status == ApplicationStatus.RECEIVED
    assert not Application.objects.filter(email="other@example.net").exists()


def test_a_form_sent_too_fast_is_shown_again_and_a_bot_is_dropped(client, peer_to_peer):
    hurried = client.post(form_url(peer_to_peer), application(peer_to_peer, whf_time=shown(seconds_ago=0)))
    assert hurried.status_code == 200 and "__all__" in errors_of(hurried)
    bot = client.post(form_url(peer_to_peer), application(peer_to_peer, whf_name="spam"))
    assert bot.status_code == 302
    assert not Application.objects.exists() and not mail.outbox


def test_the_iteration_page_links_to_the_form_while_applications_are_open(client, peer_to_peer, programme):
    assert form_url(peer_to_peer) in client.get(peer_to_peer.url).content.decode()
    by_invitation = iteration_of(programme, "agility", invitation_only=True)
    assert form_url(by_invitation) not in client.get(by_invitation.url).content.decode()


def test_the_confirmation_opened_directly_claims_nothing(client, peer_to_peer):
    page = client.get(peer_to_peer.url + "candidater/merci/").content.decode()
    assert "est enregistrée" not in page
    assert "Votre candidature est envoyée" in page  # the page's title, for whoever comes back to it


def test_colleagues_behind_one_office_address_all_apply_while_one_address_stays_limited(
    client, culture_shift, settings
):
    settings.FORM_RATE_PER_IP, settings.PROGRAMME_RATE_PER_IP = "3/h", "20/h"
    for number in range(12):
        response = client.post(form_url(culture_shift), application(culture_shift, email=f"p{number}@maison.example"))
        assert response.status_code == 302, number
    assert Application.objects.count() == 12

    for _attempt in range(3):
        client.post(form_url(culture_shift), application(culture_shift, email="p0@maison.example"))
    limited = client.post(form_url(culture_shift), application(culture_shift, email="p0@maison.example"))
    assert limited.status_code == 429
