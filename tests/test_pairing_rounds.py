"""A coordinator's pairing round on a real iteration: who is in the pool, the model's rules read from the
database, pairs kept and refused across re-runs, and a saved round that replays to the same result."""

import json

import pytest

from portal.programmes import pairing, rounds
from portal.programmes.models import ApplicationStatus, ConstraintKind, Pair, PairConstraint, PairingRound, PairStatus
from tests.factories import (
    ApplicationFactory,
    IterationPageFactory,
    MentorOfferFactory,
    MentorProfileFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.programmes_helpers import iteration_of


@pytest.fixture
def peer_to_peer(programme):
    return iteration_of(programme, "peer-to-peer")


@pytest.fixture
def culture_shift(programme):
    return iteration_of(programme, "culture-shift")


def mentor_offer(iteration, organisation=None, capacity=1, **mentor_fields):
    mentor_fields.setdefault("headline", "Directrice de la donnée d'une métropole")
    mentor_fields.setdefault("bio", "J'ai ouvert les données de transport de ma ville.")
    mentor = MentorProfileFactory(**mentor_fields)
    return MentorOfferFactory(iteration=iteration, mentor=mentor, organisation=organisation, capacity=capacity)


def pairs_of(iteration):
    return {(pair.application.full_name, pair.offer.mentor.full_name) for pair in iteration.pairs.all()}


def test_a_round_pairs_people_of_different_organisations_in_peer_to_peer(peer_to_peer):
    ville, region = OrganisationFactory(name="Ville"), OrganisationFactory(name="Région")
    ApplicationFactory(iteration=peer_to_peer, full_name="Ana", organisation=ville, themes=["open data"])
    mentor_offer(peer_to_peer, organisation=ville, full_name="Même maison")
    mentor_offer(peer_to_peer, organisation=region, full_name="Ailleurs")

    pairing_round = rounds.run(peer_to_peer)

    assert pairs_of(peer_to_peer) == {("Ana", "Ailleurs")}
    pair = peer_to_peer.pairs.get()
    assert pair.status == PairStatus.PROPOSED
    assert pair.pairing_round == pairing_round
    assert 1 <= pair.quality <= 100
    assert pair.reasons["themes"] == ["open data"]
    assert pair.reasons["words"]  # the telling words shared, as the mentor wrote them
    assert (pairing_round.paired, pairing_round.total_quality, pairing_round.worst_quality) == (
        1,
        pair.quality,
        pair.quality,
    )


def test_culture_shift_pairs_within_the_organisation_and_never_with_ones_own_manager(culture_shift):
    maison = OrganisationFactory(name="Maison")
    ApplicationFactory(
        iteration=culture_shift, full_name="Ana", organisation=maison, manager_email="CHEF@maison.example"
    )
    mentor_offer(culture_shift, organisation=maison, full_name="La cheffe", contact_email="chef@maison.example")
    mentor_offer(culture_shift, organisation=maison, full_name="Une collègue")
    mentor_offer(culture_shift, organisation=OrganisationFactory(name="Autre"), full_name="Ailleurs")

    rounds.run(culture_shift)

    assert pairs_of(culture_shift) == {("Ana", "Une collègue")}


def test_only_accepted_applications_and_mentors_still_taking_part_are_in_the_pool(peer_to_peer):
    for status in ApplicationStatus:
        ApplicationFactory(iteration=peer_to_peer, full_name=status.value, status=status)
    mentor_offer(peer_to_peer, capacity=10, full_name="Présente")
    gone = mentor_offer(peer_to_peer, capacity=10, full_name="Partie")
    gone.withdrawn_at = gone.created_at
    gone.save()

    rounds.run(peer_to_peer)

    assert pairs_of(peer_to_peer) == {("accepted", "Présente")}


def test_a_mentor_takes_no_more_than_the_room_left_by_mentorships_under_way(peer_to_peer):
    offer = mentor_offer(peer_to_peer, capacity=3, full_name="Occupée")
    offer.mentor.capacity, offer.mentor.active_mentorships = 2, 1
    offer.mentor.save()
    for name in "ABC":
        ApplicationFactory(iteration=peer_to_peer, full_name=name)

    pairing_round = rounds.run(peer_to_peer)

    assert pairing_round.paired == 1
    assert [why["full"] for why in pairing_round.result["unpaired"].values()] == [1, 1]


def test_a_rerun_keeps_published_pairs_replaces_proposals_and_never_proposes_a_declined_pair_again(peer_to_peer):
    ana, ben = (ApplicationFactory(iteration=peer_to_peer, full_name=name) for name in ("Ana", "Ben"))
    first, second = (mentor_offer(peer_to_peer, full_name=name) for name in ("Uma", "Vic"))
    Pair.objects.create(iteration=peer_to_peer, application=ana, offer=first, quality=40, status=PairStatus.PUBLISHED)
    Pair.objects.create(iteration=peer_to_peer, application=ben, offer=second, quality=40, status=PairStatus.DECLINED)
    stale = Pair.objects.create(iteration=peer_to_peer, application=ben, offer=first, quality=40)

    pairing_round = rounds.run(peer_to_peer)

    assert not Pair.objects.filter(pk=stale.pk).exists()
    assert set(peer_to_peer.pairs.values_list("application__full_name", "offer__mentor__full_name", "status")) == {
        ("Ana", "Uma", PairStatus.PUBLISHED),
        ("Ben", "Vic", PairStatus.DECLINED),
    }
    # Vic declined Ben; Uma, the one mentor left for him, is taken.
    assert pairing_round.result["unpaired"][str(ben.pk)] == {"rules": {pairing.FORBIDDEN: 1}, "full": 1}


def test_pins_and_bans_of_the_coordinator_hold(peer_to_peer):
    ana = ApplicationFactory(iteration=peer_to_peer, full_name="Ana", themes=["open data"])
    close = mentor_offer(peer_to_peer, full_name="Proche", themes=["open data"])
    far = mentor_offer(peer_to_peer, full_name="Lointaine", themes=["vélo"], headline="Vélo", bio="Vélo cargo.")
    ApplicationFactory(iteration=peer_to_peer, full_name="Ben", themes=["open data"])
    PairConstraint.objects.create(iteration=peer_to_peer, application=ana, offer=far, kind=ConstraintKind.PIN)

    rounds.run(peer_to_peer)
    # Ana is pinned with a mentor she shares nothing visible with: the coordinator knows them both.
    assert pairs_of(peer_to_peer) == {("Ana", "Lointaine"), ("Ben", "Proche")}

    PairConstraint.objects.filter(application=ana).update(kind=ConstraintKind.FORBID, offer=close)
    rounds.run(peer_to_peer)
    assert ("Ana", "Proche") not in pairs_of(peer_to_peer)


def test_a_pin_that_cannot_hold_saves_nothing(peer_to_peer):
    ville = OrganisationFactory(name="Ville")
    ana = ApplicationFactory(iteration=peer_to_peer, organisation=ville)
    same = mentor_offer(peer_to_peer, organisation=ville)
    PairConstraint.objects.create(iteration=peer_to_peer, application=ana, offer=same, kind=ConstraintKind.PIN)

    with pytest.raises(pairing.PairingError):
        rounds.run(peer_to_peer)

    assert not PairingRound.objects.exists()
    assert not Pair.objects.exists()


def test_people_paired_in_an_earlier_iteration_are_not_paired_again(programme):
    earlier = iteration_of(programme, "peer-to-peer")
    later = IterationPageFactory(parent=earlier.get_parent())
    mentor = MentorProfileFactory(full_name="Uma")
    Pair.objects.create(
        iteration=earlier,
        application=ApplicationFactory(iteration=earlier, email="ana@example.net"),
        offer=MentorOfferFactory(iteration=earlier, mentor=mentor),
        quality=50,
        status=PairStatus.ENDED,
    )
    ApplicationFactory(iteration=later, full_name="Ana", email="ANA@example.net")
    MentorOfferFactory(iteration=later, mentor=mentor)
    mentor_offer(later, full_name="Vic")

    rounds.run(later)

    assert pairs_of(later) == {("Ana", "Vic")}


def test_a_saved_round_replays_to_the_same_pairs_and_holds_no_personal_data(peer_to_peer):
    for index in range(6):
        ApplicationFactory(
            iteration=peer_to_peer,
            full_name=f"P{index}",
            email=f"secret{index}@example.net",
            manager_email="chef@x.example",
        )
    for index in range(3):
        mentor_offer(peer_to_peer, capacity=2, full_name=f"M{index}", contact_email=f"hidden{index}@example.org")

    pairing_round = rounds.run(peer_to_peer, user=UserFactory())

    stored = json.dumps([pairing_round.inputs, pairing_round.result])
    assert "@" not in stored and "secret" not in stored and "hidden" not in stored
    replayed = rounds.replay(PairingRound.objects.get(pk=pairing_round.pk))
    assert [list(pair) for pair in replayed.pairs] == pairing_round.result["pairs"]
    assert pairing_round.paired == 6


def test_the_round_records_what_first_come_first_served_would_have_given(peer_to_peer):
    # Ana applied first and takes the only open-data mentor; Ben, who could have had no one else, is left out.
    ApplicationFactory(iteration=peer_to_peer, full_name="Ana", themes=["open data", "vélo"], challenge="Vélo")
    ApplicationFactory(iteration=peer_to_peer, full_name="Ben", themes=["open data"], challenge="Données")
    mentor_offer(peer_to_peer, full_name="Data", themes=["open data"])
    mentor_offer(peer_to_peer, full_name="Vélo", themes=["vélo"], headline="Vélo", bio="Vélo cargo.")

    pairing_round = rounds.run(peer_to_peer)

    assert (pairing_round.paired, pairing_round.greedy_paired) == (2, 1)
    assert pairs_of(peer_to_peer) == {("Ana", "Vélo"), ("Ben", "Data")}
