"""The coordinator's pairing page of an iteration, in the admin: who may open it, running a round, reading
why someone is left unpaired, and pinning, forbidding and releasing pairs."""

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

import pytest

from portal.programmes.models import ConstraintKind, Pair, PairConstraint, PairingRound
from tests.factories import (
    ApplicationFactory,
    IterationPageFactory,
    MentoringModelPageFactory,
    MentorOfferFactory,
    MentorProfileFactory,
    OrganisationFactory,
    ProgrammePageFactory,
    UserFactory,
)

pytestmark = pytest.mark.usefixtures("in_french")


@pytest.fixture
def iteration(home):
    programme = ProgrammePageFactory(parent=home)
    return IterationPageFactory(parent=MentoringModelPageFactory(parent=programme), title="Promotion 2027")


@pytest.fixture
def pool(iteration):
    ville, region = OrganisationFactory(name="Ville"), OrganisationFactory(name="Région")
    ApplicationFactory(iteration=iteration, full_name="Ana Dupont", organisation=ville, themes=["open data"])
    ApplicationFactory(iteration=iteration, full_name="Ben Martin", organisation=ville, themes=["open data"])
    mentor = MentorProfileFactory(full_name="Uma Roux")
    MentorOfferFactory(iteration=iteration, mentor=mentor, organisation=region)
    MentorOfferFactory(iteration=iteration, mentor=MentorProfileFactory(full_name="Vic Morel"), organisation=ville)
    return iteration


def url_of(iteration):
    return reverse("programmes_pairing", args=[iteration.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_the_iteration_page_offers_its_pairing_page_to_editors(editor_client, iteration):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[iteration.pk]))
    assert url_of(iteration).encode() in response.content


def test_people_who_cannot_edit_the_iteration_cannot_open_its_pairing_page(client, pool):
    readers = Group.objects.create(name="Lecteurs")
    readers.permissions.add(Permission.objects.get(codename="access_admin"))  # in the admin, no page rights
    client.force_login(UserFactory(groups=["Lecteurs"]))
    # Wagtail's admin answers a refusal with its dashboard and a message.
    response = client.get(url_of(pool), follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "Ana Dupont" not in response.content.decode()
    assert client.post(url_of(pool), {"action": "run"}).status_code == 302
    assert not PairingRound.objects.exists()


def test_a_coordinator_runs_a_round_and_reads_the_pairs_and_who_is_left_out_and_why(editor_client, pool):
    response = editor_client.post(url_of(pool), {"action": "run"}, follow=True)

    assert messages_of(response) == ["Tour lancé\u00a0: 1 personne en binôme, 1 sans binôme."]
    page = response.content.decode()
    assert "Uma Roux" in page
    assert "open data" in page  # the reason: the theme in common
    # Vic works for the same organisation as both: in Peer 2 Peer, that rules him out.
    assert (
        "Ben Martin</strong> — Le seul mentor qui pourrait lui être associé est complet. "
        "Écartés\u00a0: 1 mentor travaille dans la même organisation." in page
    )
    pairing_round = PairingRound.objects.get()
    assert (pairing_round.paired, pairing_round.greedy_paired) == (1, 1)


def test_pinning_forbidding_and_releasing_a_pair(editor_client, pool):
    editor_client.post(url_of(pool), {"action": "run"})
    pair = Pair.objects.get()

    editor_client.post(url_of(pool), {"action": "forbid", "pair": pair.pk})
    decision = PairConstraint.objects.get()
    assert (decision.application, decision.offer, decision.kind) == (
        pair.application,
        pair.offer,
        ConstraintKind.FORBID,
    )

    editor_client.post(url_of(pool), {"action": "run"})
    assert not Pair.objects.filter(application=pair.application, offer=pair.offer).exists()

    response = editor_client.post(url_of(pool), {"action": "release", "decision": decision.pk}, follow=True)
    assert "Décision levée." in messages_of(response)
    assert not PairConstraint.objects.exists()


def test_a_pin_breaking_the_model_s_rules_is_refused_in_words_and_no_round_is_saved(editor_client, pool):
    ana = pool.applications.get(full_name="Ana Dupont")
    vic = pool.mentor_offers.get(mentor__full_name="Vic Morel")
    response = editor_client.post(url_of(pool), {"action": "pin", "application": ana.pk, "offer": vic.pk}, follow=True)
    assert messages_of(response) == ["Décision enregistrée\u00a0: le prochain tour la suivra."]

    response = editor_client.post(url_of(pool), {"action": "run"}, follow=True)

    assert messages_of(response) == [
        "Aucun tour n’a été lancé. Le binôme épinglé Ana Dupont ↔ Vic Morel enfreint une règle du modèle "
        "(organisation, manager, appariement antérieur ou interdiction)\u00a0: levez l’épingle."
    ]
    assert not PairingRound.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "pin", "pair": "999999"},
        {"action": "pin", "pair": "abc"},
        {"action": "forbid", "application": "1", "offer": "x"},
        {"action": "pin"},
    ],
)
def test_a_decision_on_nothing_is_refused_in_words(editor_client, pool, data):
    response = editor_client.post(url_of(pool), data, follow=True)
    assert response.status_code == 200
    assert messages_of(response) == ["Choisissez un participant et un mentor de cette promotion."]
    assert not PairConstraint.objects.exists()


def test_an_unknown_action_or_decision_is_refused_in_words(editor_client, pool):
    assert messages_of(editor_client.post(url_of(pool), {"action": "drop"}, follow=True)) == ["Action inconnue."]
    response = editor_client.post(url_of(pool), {"action": "release", "decision": "12"}, follow=True)
    assert messages_of(response) == ["Cette décision n’existe plus."]


def test_an_unknown_iteration_is_a_404(editor_client, db):
    assert editor_client.get(reverse("programmes_pairing", args=[999999])).status_code == 404


# --- Applications: review and invitations ----------------------------------------------------------
def test_a_coordinator_accepts_and_declines_applications_and_the_applicants_are_told(editor_client, iteration):
    ana = ApplicationFactory(iteration=iteration, full_name="Ana Dupont", email="ana@example.net", status="received")
    ben = ApplicationFactory(iteration=iteration, full_name="Ben Martin", email="ben@example.net", status="received")
    page = editor_client.get(url_of(iteration)).content.decode()
    assert "Ana Dupont" in page and "Ben Martin" in page

    accepted = editor_client.post(
        url_of(iteration), {"action": "accept-application", "application": ana.pk}, follow=True
    )
    declined = editor_client.post(
        url_of(iteration), {"action": "decline-application", "application": ben.pk}, follow=True
    )

    assert messages_of(accepted) == [
        "La candidature de Ana Dupont est acceptée\u00a0: elle entre dans le prochain tour."
    ]
    assert messages_of(declined) == ["La candidature de Ben Martin est refusée."]
    ana.refresh_from_db(), ben.refresh_from_db()
    assert (ana.status, ben.status) == ("accepted", "declined")
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["ana@example.net"], "Votre candidature à Promotion 2027 est acceptée"),
        (["ben@example.net"], "Votre candidature à Promotion 2027"),
    ]
    assert "n’a pas pu être retenue" in mail.outbox[1].body


def test_an_application_with_a_pair_under_way_is_not_declined(editor_client, pool):
    editor_client.post(url_of(pool), {"action": "run"}, follow=True)
    pair = Pair.objects.get()
    pair.status = "live"
    pair.save()
    response = editor_client.post(
        url_of(pool), {"action": "decline-application", "application": pair.application.pk}, follow=True
    )
    assert messages_of(response) == [
        "Cette personne a un binôme publié ou en cours\u00a0: sa candidature reste acceptée."
    ]
    pair.application.refresh_from_db()
    assert pair.application.status == "accepted"


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_a_decision_on_an_application_that_is_not_there_is_refused_in_words(editor_client, iteration, value):
    response = editor_client.post(
        url_of(iteration), {"action": "accept-application", "application": value}, follow=True
    )
    assert messages_of(response) == ["Cette candidature n’existe plus."]


def test_a_coordinator_invites_someone_who_then_applies(editor_client, client, iteration):
    data = {"action": "invite", "full_name": "Chloé Petit", "email": " chloe@example.net "}
    response = editor_client.post(url_of(iteration), data, follow=True)

    assert messages_of(response) == ["Invitation envoyée à chloe@example.net."]
    (invitation,) = mail.outbox
    assert invitation.to == ["chloe@example.net"] and invitation.subject == "Une invitation à Promotion 2027"
    assert f"{iteration.url}candidater/" in invitation.body
    again = editor_client.post(url_of(iteration), data, follow=True)
    assert messages_of(again) == ["Cette adresse est déjà invitée ou a déjà candidaté."]
    bad = editor_client.post(url_of(iteration), data | {"email": "pas une adresse"}, follow=True)
    assert messages_of(bad) == ["Saisissez une adresse e-mail valide."]


@pytest.mark.parametrize("group", ["Rédaction", "Modération"])
def test_the_programme_team_coordinates_iterations_without_superuser_rights(client, pool, group):
    client.force_login(UserFactory(groups=[group]))
    assert "Promotion 2027" in client.get(reverse("programmes_iterations")).content.decode()
    assert client.get(reverse("programmes_iterations")).status_code == 200
    response = client.post(url_of(pool), {"action": "run"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Tour lancé\u00a0: 1 personne en binôme, 1 sans binôme."]
    for listing in ("application", "pair", "pairinground", "circle", "organisation", "enrolment", "mentoroffer"):
        assert client.get(f"/admin/programmes/{listing}/").status_code == 200, listing
