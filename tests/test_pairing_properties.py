"""The pairing round's solver on generated pools: no proposal breaks a rule, and the result is optimal in the
promised order (paired, total quality, worst pair, load spread), checked against every possible assignment of
small pools."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.programmes import pairing
from portal.programmes.pairing import CULTURE_SHIFT, PEER_TO_PEER, Mentor, Participant, Pool

ORGANISATIONS = [1, 2, 3, None]


@st.composite
def pools(draw, max_participants=8, max_mentors=5):
    participants = [
        Participant(
            key=index,
            organisation=draw(st.sampled_from(ORGANISATIONS)),
            email=f"p{index}@example.org",
            manager_email=draw(st.sampled_from(["", "m100@example.org", "M101@example.org"])),
        )
        for index in range(draw(st.integers(0, max_participants)))
    ]
    mentors = [
        Mentor(
            key=100 + index,
            organisation=draw(st.sampled_from(ORGANISATIONS)),
            capacity=draw(st.integers(1, 3)),
            email=f"m{100 + index}@example.org",
        )
        for index in range(draw(st.integers(0, max_mentors)))
    ]
    pairs = [(p.key, m.key) for p in participants for m in mentors]
    # Few distinct qualities, so that ties (where the worst pair and the spread decide) are common.
    quality = {
        pair: draw(st.sampled_from([10, 50, 90]) | st.integers(1, 100))
        for pair in pairs
        if draw(st.booleans()) or draw(st.booleans())
    }
    forbidden = {pair for pair in pairs if draw(st.integers(0, 9)) == 0}
    earlier = {(f"P{p}@EXAMPLE.org", m) for p, m in pairs if draw(st.integers(0, 9)) == 0}
    return Pool(
        draw(st.sampled_from([CULTURE_SHIFT, PEER_TO_PEER])), participants, mentors, quality, set(), forbidden, earlier
    )


def with_some_pins(pool, data):
    """The pool with some pairs pinned (allowed ones, or ones sharing nothing), never beyond a mentor's capacity."""
    capacity = {mentor.key: mentor.capacity for mentor in pool.mentors}
    pinnable = (None, pairing.NOTHING_SHARED)
    for participant in pool.participants:
        choices = [m for m in pool.mentors if pairing.broken_rule(pool, participant, m) in pinnable and capacity[m.key]]
        if choices and data.draw(st.integers(0, 3)) == 0:
            mentor = data.draw(st.sampled_from(choices))
            pool.pinned.add((participant.key, mentor.key))
            capacity[mentor.key] -= 1
    return pool


def spread(loads):
    return sum(load * (load + 1) // 2 for load in loads.values())


def rank(pool, outcome):
    """What the solver maximises, in order."""
    worst = outcome.figures.worst if outcome.figures.worst is not None else 0
    return (outcome.figures.paired, outcome.figures.total, worst, -spread(outcome.loads))


def every_assignment(pool):
    """Every assignment respecting the rules, pins and capacities (small pools only)."""
    options = []
    for participant in pool.participants:
        pinned = [m for p, m in pool.pinned if p == participant.key]
        if pinned:
            options.append(pinned)
        else:
            allowed = [m.key for m in pool.mentors if pairing.broken_rule(pool, participant, m) is None]
            options.append([None, *allowed])
    capacity = {mentor.key: mentor.capacity for mentor in pool.mentors}
    for choice in itertools.product(*options):
        loads = dict.fromkeys(capacity, 0)
        for mentor in choice:
            if mentor is not None:
                loads[mentor] += 1
        if all(loads[mentor] <= capacity[mentor] for mentor in capacity):
            qualities = [pool.quality.get((p.key, m), 0) for p, m in zip(pool.participants, choice, strict=True) if m]
            yield pairing.Outcome([], {}, pairing.Figures.of(qualities), loads)


def check_rules(pool, outcome):
    by_key = {participant.key: participant for participant in pool.participants}
    mentors = {mentor.key: mentor for mentor in pool.mentors}
    paired = [participant for participant, _mentor, _quality in outcome.pairs]
    assert len(paired) == len(set(paired)), "a participant is paired twice"
    for participant, mentor, quality in outcome.pairs:
        rule = pairing.broken_rule(pool, by_key[participant], mentors[mentor])
        assert rule is None or (rule == pairing.NOTHING_SHARED and (participant, mentor) in pool.pinned)
        assert (participant, mentor) not in pool.forbidden
        assert quality == pool.quality.get((participant, mentor), 0)
    for mentor in pool.mentors:
        assert outcome.loads[mentor.key] <= mentor.capacity
        assert outcome.loads[mentor.key] == sum(1 for _p, m, _q in outcome.pairs if m == mentor.key)
    assert pool.pinned <= {(participant, mentor) for participant, mentor, _quality in outcome.pairs}
    assert set(outcome.unpaired) == set(by_key) - set(paired)
    for participant, why in outcome.unpaired.items():
        possible = [m for m in pool.mentors if pairing.broken_rule(pool, by_key[participant], m) is None]
        assert why.full == len(possible)
        assert all(outcome.loads[m.key] == m.capacity for m in possible)
        assert sum(why.rules.values()) + why.full == len(pool.mentors)
        for rule, count in why.rules.items():
            assert count == sum(1 for m in pool.mentors if pairing.broken_rule(pool, by_key[participant], m) == rule)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pool=pools(), data=st.data())
def test_no_proposal_breaks_a_rule_a_capacity_a_pin_or_a_ban(pool, data):
    pool = with_some_pins(pool, data)
    check_rules(pool, pairing.solve(pool))
    check_rules(pool, pairing.greedy(pool))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pool=pools(max_participants=5, max_mentors=3), data=st.data())
def test_the_round_is_optimal_in_order_paired_total_worst_then_spread(pool, data):
    pool = with_some_pins(pool, data)
    best = max(rank(pool, outcome) for outcome in every_assignment(pool))
    assert rank(pool, pairing.solve(pool)) == best


@settings(max_examples=200, deadline=None)
@given(pool=pools())
def test_the_round_never_does_worse_than_first_come_first_served(pool):
    solved, greedy = pairing.solve(pool), pairing.greedy(pool)
    assert (solved.figures.paired, solved.figures.total) >= (greedy.figures.paired, greedy.figures.total)


def two_people_one_mentor(shape, participant_organisation, mentor_organisation, **pool_fields):
    participant = Participant(1, participant_organisation, "ana@example.org", pool_fields.pop("manager", ""))
    mentor = Mentor(10, mentor_organisation, 1, "bo@example.org")
    return Pool(shape, [participant], [mentor], pool_fields.pop("quality", {(1, 10): 50}), **pool_fields)


@pytest.mark.parametrize(
    ("pool", "reason"),
    [
        (two_people_one_mentor(CULTURE_SHIFT, 1, 2), pairing.OTHER_ORGANISATION),
        (two_people_one_mentor(CULTURE_SHIFT, None, None), pairing.OTHER_ORGANISATION),
        (two_people_one_mentor(CULTURE_SHIFT, 1, 1, manager="Bo@Example.org"), pairing.OWN_MANAGER),
        (two_people_one_mentor(PEER_TO_PEER, 1, 1), pairing.SAME_ORGANISATION),
        (two_people_one_mentor(PEER_TO_PEER, 1, 2, earlier={("ANA@example.org", 10)}), pairing.PAIRED_BEFORE),
        (two_people_one_mentor(PEER_TO_PEER, 1, 2, forbidden={(1, 10)}), pairing.FORBIDDEN),
        (two_people_one_mentor(PEER_TO_PEER, 1, 2, quality={}), pairing.NOTHING_SHARED),
        (Pool(PEER_TO_PEER, [Participant(1, 1)], [], {}), pairing.NO_MENTORS),
    ],
)
def test_each_rule_blocks_the_pair_and_is_the_reason_given(pool, reason):
    outcome = pairing.solve(pool)
    assert outcome.pairs == []
    assert outcome.unpaired[1].code == reason


def test_peer_to_peer_pairs_different_organisations_and_culture_shift_the_same():
    assert pairing.solve(two_people_one_mentor(PEER_TO_PEER, 1, 2)).pairs == [(1, 10, 50)]
    assert pairing.solve(two_people_one_mentor(PEER_TO_PEER, None, None)).pairs == [(1, 10, 50)]
    assert pairing.solve(two_people_one_mentor(CULTURE_SHIFT, 1, 1, manager="chef@example.org")).pairs == [(1, 10, 50)]


def test_someone_left_out_because_the_possible_mentors_are_full_is_told_so():
    pool = Pool(
        PEER_TO_PEER,
        [Participant(1, 1), Participant(2, 1)],
        [Mentor(10, 2, 1), Mentor(11, 1, 1)],
        {(1, 10): 80, (2, 10): 30, (2, 11): 90},
    )
    outcome = pairing.solve(pool)
    assert outcome.pairs == [(1, 10, 80)]
    assert outcome.unpaired[2].code == pairing.MENTORS_FULL
    assert outcome.unpaired[2].full == 1
    assert outcome.unpaired[2].rules == {pairing.SAME_ORGANISATION: 1}


def test_the_main_reason_is_the_rule_that_ruled_out_the_most_mentors():
    pool = Pool(
        PEER_TO_PEER,
        [Participant(1, 1)],
        [Mentor(10, 1, 1), Mentor(11, 2, 1), Mentor(12, 3, 1)],
        {(1, 10): 50},
    )
    why = pairing.solve(pool).unpaired[1]
    assert why.rules == {pairing.SAME_ORGANISATION: 1, pairing.NOTHING_SHARED: 2}
    assert why.code == pairing.NOTHING_SHARED


def test_more_people_paired_beats_a_better_total():
    # Ana alone with Bo would score 100; pairing Ana with Cy lets Dan have Bo too.
    pool = Pool(
        PEER_TO_PEER,
        [Participant(1, 1), Participant(2, 1)],
        [Mentor(10, 2, 1), Mentor(11, 2, 1)],
        {(1, 10): 100, (1, 11): 10, (2, 10): 10},
    )
    assert pairing.solve(pool).pairs == [(1, 11, 10), (2, 10, 10)]
    assert pairing.greedy(pool).figures == pairing.Figures(1, 100, 100)


def test_among_equal_totals_the_worst_pair_is_raised():
    pool = Pool(
        PEER_TO_PEER,
        [Participant(1, 1), Participant(2, 1)],
        [Mentor(10, 2, 1), Mentor(11, 2, 1)],
        {(1, 10): 90, (1, 11): 50, (2, 10): 50, (2, 11): 10},
    )
    # Both assignments total 100: 90 + 10, or 50 + 50. The second leaves no one with a poor match.
    assert pairing.solve(pool).pairs == [(1, 11, 50), (2, 10, 50)]


def test_the_load_is_spread_when_everything_else_is_equal():
    pool = Pool(
        PEER_TO_PEER,
        [Participant(1, 1), Participant(2, 1)],
        [Mentor(10, 2, 3), Mentor(11, 2, 1)],
        {(1, 10): 50, (1, 11): 50, (2, 10): 50, (2, 11): 50},
    )
    assert pairing.solve(pool).loads == {10: 1, 11: 1}


@pytest.mark.parametrize(
    ("pinned", "code", "named"),
    [
        ({(1, 99)}, "unknown", (1, 99)),
        ({(1, 11)}, "breaks-rule", (1, 11)),
        ({(2, 12)}, "breaks-rule", (2, 12)),
        ({(1, 10), (2, 10)}, "over-capacity", (2, 10)),
        ({(1, 10), (1, 12)}, "pinned-twice", (1, 12)),
    ],
)
def test_pins_that_cannot_hold_are_refused_with_the_reason_and_the_pin_to_release(pinned, code, named):
    pool = Pool(
        PEER_TO_PEER,
        [Participant(1, 1), Participant(2, 1)],
        [Mentor(10, 2, 1), Mentor(11, 1, 1), Mentor(12, 3, 1)],
        {(1, 10): 50, (1, 11): 50, (1, 12): 50, (2, 10): 50},
        pinned=pinned,
        forbidden={(2, 12)},
    )
    with pytest.raises(pairing.PairingError) as refused:
        pairing.solve(pool)
    assert (refused.value.code, refused.value.participant, refused.value.mentor) == (code, *named)


def test_first_come_first_served_takes_the_best_mentor_then_the_least_loaded_then_the_first():
    pool = Pool(
        PEER_TO_PEER,
        [Participant(1, 1), Participant(2, 1), Participant(3, 1)],
        [Mentor(10, 2, 2), Mentor(11, 2, 2), Mentor(12, 2, 2)],
        {(1, 10): 40, (1, 11): 40, (1, 12): 90, (2, 10): 40, (2, 11): 40, (3, 10): 40, (3, 11): 40},
    )
    # Ana takes the best (12); Ben ties 10 and 11, both free: the first key; Cleo ties them, 10 is busier.
    assert pairing.greedy(pool).pairs == [(1, 12, 90), (2, 10, 40), (3, 11, 40)]


def test_a_coordinator_may_pin_a_pair_sharing_nothing_visible():
    pool = Pool(PEER_TO_PEER, [Participant(1, 1)], [Mentor(10, 2, 1)], {}, pinned={(1, 10)})
    outcome = pairing.solve(pool)
    assert outcome.pairs == [(1, 10, 0)]
    assert outcome.figures == pairing.Figures(1, 0, 0)
