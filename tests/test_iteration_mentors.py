"""A mentor takes part in an iteration from their own space, with a number of mentees within their capacity,
and leaves it while nothing is under way."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from portal.programmes.models import MentorOffer, Pair, PairStatus
from tests.factories import (
    ApplicationFactory,
    IterationPageFactory,
    MentorProfileFactory,
    OrganisationFactory,
)
from tests.programmes_helpers import iteration_of

pytestmark = pytest.mark.usefixtures("in_french")
PASSWORD = "correct horse battery staple"
MENTEES = "Mentorés dans cette promotion\u00a0: "


@pytest.fixture
def peer_to_peer(programme):
    return iteration_of(
        programme, "peer-to-peer", title="Pairs 2027", organisations=[OrganisationFactory(name="Ville")]
    )


@pytest.fixture
def mentor(client, db):
    mentor = MentorProfileFactory(account=PASSWORD, capacity=3, contact_email="uma@maison.example")
    client.force_login(mentor.user)
    return mentor


def take_part_url(iteration):
    return reverse("programmes:take-part", args=[iteration.pk])


def join(client, iteration, **fields):
    data = {f"iteration-{iteration.pk}-{name}": value for name, value in fields.items()}
    return client.post(take_part_url(iteration), data | {"action": "join"}, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_a_mentor_sees_the_running_iterations_and_joins_one(client, mentor, peer_to_peer):
    page = client.get(reverse("mentors:me")).content.decode()
    assert "Pairs 2027" in page and take_part_url(peer_to_peer) in page

    ville = peer_to_peer.organisations.get()
    response = join(client, peer_to_peer, capacity=2, organisation=ville.pk)

    assert messages_of(response) == ["Vous participez à Pairs 2027, avec jusqu’à 2 mentorés."]
    offer = MentorOffer.objects.get()
    assert (offer.mentor, offer.iteration_id, offer.capacity, offer.organisation) == (mentor, peer_to_peer.pk, 2, ville)
    assert "Vous participez, avec jusqu’à 2 mentorés." in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"capacity": 4},
            "Mentorés dans cette promotion\u00a0: Assurez-vous que cette valeur est inférieure ou égale à 3.",
        ),
        ({"capacity": "deux"}, "Mentorés dans cette promotion\u00a0: Saisissez un nombre entier."),
        (
            {"capacity": 0},
            "Mentorés dans cette promotion\u00a0: Assurez-vous que cette valeur est supérieure ou égale à 1.",
        ),
    ],
)
def test_a_number_of_mentees_beyond_the_capacity_is_refused_in_words(client, mentor, peer_to_peer, fields, message):
    assert messages_of(join(client, peer_to_peer, **fields)) == [message]
    assert not MentorOffer.objects.exists()


def test_an_organisation_outside_the_iteration_is_refused(client, mentor, peer_to_peer):
    other = OrganisationFactory(name="Ailleurs")
    response = join(client, peer_to_peer, capacity=1, organisation=other.pk)
    assert "Pour l’organisation" in messages_of(response)[0]
    assert not MentorOffer.objects.exists()


def test_culture_shift_takes_only_mentors_of_its_organisation(client, mentor, programme):
    elsewhere = iteration_of(
        programme, "culture-shift", organisations=[OrganisationFactory(name="Autre", email_domains="autre.example")]
    )
    response = join(client, elsewhere, capacity=1)
    assert messages_of(response) == ["Cette promotion est interne à Autre\u00a0: seules ses personnes y sont mentors."]

    maison = OrganisationFactory(name="Maison", email_domains="maison.example")
    internal = IterationPageFactory(parent=elsewhere.get_parent(), organisations=[maison])
    join(client, internal, capacity=1)
    assert MentorOffer.objects.get().organisation == maison


def test_leaving_drops_the_proposed_pairs_but_not_a_pair_under_way(client, mentor, peer_to_peer):
    join(client, peer_to_peer, capacity=2)
    offer = MentorOffer.objects.get()
    proposed = Pair.objects.create(
        iteration=peer_to_peer, application=ApplicationFactory(iteration=peer_to_peer), offer=offer, quality=50
    )
    live = Pair.objects.create(
        iteration=peer_to_peer,
        application=ApplicationFactory(iteration=peer_to_peer),
        offer=offer,
        quality=50,
        status=PairStatus.LIVE,
    )

    refused = client.post(take_part_url(peer_to_peer), {"action": "withdraw"}, follow=True)
    assert messages_of(refused) == [
        "Vous avez un binôme publié ou en cours dans cette promotion\u00a0: écrivez à sa coordination pour la quitter."
    ]
    assert MentorOffer.objects.get().withdrawn_at is None

    live.status = PairStatus.ENDED
    live.save()
    left = client.post(take_part_url(peer_to_peer), {"action": "withdraw"}, follow=True)
    assert messages_of(left) == ["Vous avez quitté Pairs 2027."]
    assert MentorOffer.objects.get().withdrawn_at is not None
    assert not Pair.objects.filter(pk=proposed.pk).exists()

    join(client, peer_to_peer, capacity=1)  # and may join again
    assert MentorOffer.objects.get().withdrawn_at is None


def test_a_profile_not_yet_published_cannot_take_part(client, peer_to_peer):
    pending = MentorProfileFactory(account=PASSWORD, status="pending")
    client.force_login(pending.user)
    assert take_part_url(peer_to_peer) not in client.get(reverse("mentors:me")).content.decode()
    response = join(client, peer_to_peer, capacity=1)
    assert messages_of(response) == ["Votre profil doit être publié avant de participer à une promotion."]
    assert not MentorOffer.objects.exists()


def test_only_a_logged_in_mentor_takes_part_and_only_by_post(client, peer_to_peer):
    assert client.post(take_part_url(peer_to_peer), {"action": "join"}).status_code == 302  # to the login
    client.force_login(get_user_model().objects.create_user("sans-profil"))
    assert client.post(take_part_url(peer_to_peer), {"action": "join"}).status_code == 404
    mentor = MentorProfileFactory(account=PASSWORD)
    client.force_login(mentor.user)
    assert client.get(take_part_url(peer_to_peer)).status_code == 405
    assert client.post(reverse("programmes:take-part", args=[999999]), {"action": "join"}).status_code == 404
    assert not MentorOffer.objects.exists()


def test_leaving_an_iteration_one_is_not_in_is_refused_in_words(client, mentor, peer_to_peer):
    response = client.post(take_part_url(peer_to_peer), {"action": "withdraw"}, follow=True)
    assert messages_of(response) == ["Vous ne participez pas à cette promotion."]


def test_a_mentor_is_offered_only_the_culture_shift_iterations_of_their_organisation(client, mentor, programme):
    other = iteration_of(
        programme,
        "culture-shift",
        title="Interne Autre",
        organisations=[OrganisationFactory(name="Autre", email_domains="autre.example")],
    )
    own = IterationPageFactory(
        parent=other.get_parent(),
        title="Interne Maison",
        organisations=[OrganisationFactory(name="Maison", email_domains="maison.example")],
    )
    page = client.get(reverse("mentors:me")).content.decode()
    assert take_part_url(own) in page and take_part_url(other) not in page


def test_a_mentor_finds_their_pair_awaiting_an_answer_in_their_space(client, mentor, peer_to_peer):
    join(client, peer_to_peer, capacity=1)
    pair = Pair.objects.create(
        iteration=peer_to_peer,
        application=ApplicationFactory(iteration=peer_to_peer, full_name="Ana Dupont"),
        offer=MentorOffer.objects.get(),
        quality=50,
        status=PairStatus.PUBLISHED,
    )
    page = client.get(reverse("mentors:me")).content.decode()
    assert "Vos binômes dans les programmes" in page and "Ana Dupont" in page
    link = re.search(r'href="(/programmes/binomes/[^"]+/)"', page).group(1)
    client.post(link, {"action": "accept"})
    assert Pair.objects.get(pk=pair.pk).mentor_answer == "accepted"
