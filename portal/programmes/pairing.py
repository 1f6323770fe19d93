"""How a pairing round pairs a whole pool of participants with mentors, and why someone is left out.

The pool is solved at once, as an assignment of participants to mentors' seats (a mentor of capacity 3
has three seats), in strict order of what matters:

1. as many people paired as possible;
2. then the highest total quality (each pair's quality: 1 to 100, from matching.py);
3. then the best worst pair (no one gets a poor match so that others get a slightly better one);
4. then the load spread evenly across mentors (the k-th mentee of a mentor costs k: convex, so two
   mentors with one mentee each beat one mentor with two).

Steps 1, 2 and 4 are one integer objective that SciPy's `linear_sum_assignment` maximises exactly
(each step's weight exceeds everything the next steps can add up to); step 3 keeps that objective and
raises the lowest quality allowed while the optimum of 1 and 2 stays reachable (a binary search).

The model's rules are hard: a pair breaking one is never proposed. Culture Shift pairs people of the
same organisation, never a participant with their declared manager; Peer 2 Peer pairs people of
different organisations. In both, a pair formed in an earlier iteration is not formed again, a pair the
coordinator forbade is not formed, and a pair must share something (a theme or telling words).
Pinned pairs (by the coordinator, or live from an earlier publication) are kept as they are.

This module knows nothing of Django: it takes plain records and returns plain records, so that it can be
tested on thousands of generated pools (tests/test_pairing_properties.py) and benchmarked alone.
"""

from dataclasses import dataclass, field

import numpy
from scipy.optimize import linear_sum_assignment

# The codes of taxonomy.MentoringModelCode.
CULTURE_SHIFT, PEER_TO_PEER = "culture-shift", "peer-to-peer"
MAX_QUALITY = 100

# Why a participant cannot be paired with a mentor, in the order they are checked and reported.
OTHER_ORGANISATION = "other-organisation"  # Culture Shift: the mentor works elsewhere
OWN_MANAGER = "own-manager"  # Culture Shift: the mentor is the participant's declared manager
SAME_ORGANISATION = "same-organisation"  # Peer 2 Peer: both work for the same organisation
PAIRED_BEFORE = "paired-before"  # they were paired in an earlier iteration
FORBIDDEN = "forbidden"  # the coordinator forbade this pair
NOTHING_SHARED = "nothing-shared"  # no theme, no telling word in common
NO_MENTORS = "no-mentors"  # the iteration has no mentor yet
RULES = (OTHER_ORGANISATION, OWN_MANAGER, SAME_ORGANISATION, PAIRED_BEFORE, FORBIDDEN, NOTHING_SHARED)
# Why someone is left unpaired when some mentors were possible: they were all full.
MENTORS_FULL = "mentors-full"


class PairingError(ValueError):
    """The coordinator's pins cannot all hold; the message says which and why (French via the caller)."""

    def __init__(self, code, participant=None, mentor=None):
        super().__init__(code)
        self.code, self.participant, self.mentor = code, participant, mentor


@dataclass(frozen=True)
class Participant:
    key: int
    organisation: int | None
    email: str = ""
    manager_email: str = ""


@dataclass(frozen=True)
class Mentor:
    key: int
    organisation: int | None
    capacity: int
    email: str = ""


@dataclass
class Pool:
    shape: str  # CULTURE_SHIFT or PEER_TO_PEER
    participants: list
    mentors: list
    quality: dict  # (participant key, mentor key) -> 1..100; a pair sharing nothing is absent
    pinned: set = field(default_factory=set)  # (participant key, mentor key)
    forbidden: set = field(default_factory=set)  # (participant key, mentor key)
    earlier: set = field(default_factory=set)  # (participant email, mentor key) paired in an earlier iteration

    def __post_init__(self):
        self.earlier = {(email.casefold(), mentor) for email, mentor in self.earlier}


@dataclass
class Figures:
    paired: int = 0
    total: int = 0
    worst: int | None = None

    @classmethod
    def of(cls, qualities):
        qualities = list(qualities)
        return cls(len(qualities), sum(qualities), min(qualities, default=None))


@dataclass
class Outcome:
    pairs: list  # (participant key, mentor key, quality), pinned ones included
    unpaired: dict  # participant key -> Blocked
    figures: Figures
    loads: dict  # mentor key -> number of mentees


@dataclass
class Blocked:
    """Why one participant is left unpaired: each rule with the number of mentors it ruled out, and the
    number of possible mentors, all full (`full`)."""

    rules: dict = field(default_factory=dict)  # rule -> number of mentors
    full: int = 0

    @property
    def code(self):
        """The main reason: full mentors, else the rule that ruled out the most mentors."""
        if self.full:
            return MENTORS_FULL
        if not self.rules:
            return NO_MENTORS
        return max(self.rules, key=lambda rule: (self.rules[rule], -RULES.index(rule)))


def broken_rule(pool, participant, mentor):
    """The first rule the pair breaks, or None when it may be proposed."""
    if pool.shape == CULTURE_SHIFT:
        if participant.organisation is None or mentor.organisation != participant.organisation:
            return OTHER_ORGANISATION
        if participant.manager_email and participant.manager_email.casefold() == mentor.email.casefold():
            return OWN_MANAGER
    elif participant.organisation is not None and mentor.organisation == participant.organisation:
        return SAME_ORGANISATION
    if participant.email and (participant.email.casefold(), mentor.key) in pool.earlier:
        return PAIRED_BEFORE
    if (participant.key, mentor.key) in pool.forbidden:
        return FORBIDDEN
    if not pool.quality.get((participant.key, mentor.key)):
        return NOTHING_SHARED
    return None


def _allowed(pool):
    """participant key -> {mentor key: quality} over the pairs breaking no rule."""
    return {
        participant.key: {
            mentor.key: pool.quality[participant.key, mentor.key]
            for mentor in pool.mentors
            if broken_rule(pool, participant, mentor) is None
        }
        for participant in pool.participants
    }


def _fixed(pool):
    """The pins, checked: each participant and mentor known, the pair breaking no rule of the model (a pin may
    pair people sharing nothing visible: the coordinator knows them), one pin per participant, no mentor pinned
    beyond capacity."""
    participants = {participant.key: participant for participant in pool.participants}
    mentors = {mentor.key: mentor for mentor in pool.mentors}
    capacity = {mentor.key: mentor.capacity for mentor in pool.mentors}
    fixed, loads = {}, dict.fromkeys(capacity, 0)
    for participant, mentor in sorted(pool.pinned):
        if participant not in participants or mentor not in capacity:
            raise PairingError("unknown", participant, mentor)
        if broken_rule(pool, participants[participant], mentors[mentor]) not in (None, NOTHING_SHARED):
            raise PairingError("breaks-rule", participant, mentor)
        if participant in fixed:
            raise PairingError("pinned-twice", participant, mentor)
        if loads[mentor] >= capacity[mentor]:
            raise PairingError("over-capacity", participant, mentor)
        fixed[participant] = mentor
        loads[mentor] += 1
    return fixed, loads


class _Seats:
    """The free participants as rows, the mentors' free seats as columns, with the objective's weights."""

    def __init__(self, pool, allowed, fixed, loads):
        self.rows = [p.key for p in pool.participants if p.key not in fixed and allowed[p.key]]
        self.columns = []  # (mentor key, rank of the seat: the mentor's k-th mentee)
        for mentor in pool.mentors:
            self.columns += [(mentor.key, rank) for rank in range(loads[mentor.key] + 1, mentor.capacity + 1)]
        # Step weights: a step's unit outweighs whatever the later steps can add up to.
        self.spread_unit = 1
        self.quality_unit = sum(rank for _mentor, rank in self.columns) + 1
        self.pair_unit = MAX_QUALITY * self.quality_unit * max(1, len(self.rows)) + 1
        position = {mentor.key: index for index, mentor in enumerate(pool.mentors)}
        by_mentor = numpy.zeros((len(self.rows), len(pool.mentors)), dtype=numpy.int64)
        for row, participant in enumerate(self.rows):
            for mentor, quality in allowed[participant].items():
                by_mentor[row, position[mentor]] = quality
        self.quality = by_mentor[:, [position[mentor] for mentor, _rank in self.columns]]
        self.rank = numpy.array([rank for _mentor, rank in self.columns], dtype=numpy.int64)

    def solve(self, floor=0):
        """The best assignment using only pairs of quality >= floor: {participant: (mentor, quality)}."""
        if not self.rows or not self.columns:
            return {}
        usable = self.quality >= max(floor, 1)
        value = numpy.where(
            usable, self.pair_unit + self.quality * self.quality_unit - self.rank * self.spread_unit, 0
        ).astype(numpy.float64)
        rows, columns = linear_sum_assignment(value, maximize=True)
        return {
            self.rows[row]: (self.columns[column][0], int(self.quality[row, column]))
            for row, column in zip(rows, columns, strict=True)
            if usable[row, column]
        }


def solve(pool):
    """The optimal pairing of the pool (see the module's docstring), pins included."""
    allowed = _allowed(pool)
    fixed, loads = _fixed(pool)
    seats = _Seats(pool, allowed, fixed, loads)
    best = seats.solve()
    paired, total = len(best), sum(quality for _mentor, quality in best.values())
    # Raise the lowest quality allowed while as many people and the same total quality stay reachable: a binary
    # search over the qualities present, from the worst pair of the best assignment found.
    floors = numpy.unique(seats.quality).tolist()
    low = floors.index(min(quality for _mentor, quality in best.values())) if best else 0
    high = len(floors) - 1
    while best and low < high:
        middle = (low + high + 1) // 2
        attempt = seats.solve(floors[middle])
        if len(attempt) == paired and sum(quality for _mentor, quality in attempt.values()) == total:
            best, low = attempt, middle
        else:
            high = middle - 1
    assignment = {
        participant: (mentor, pool.quality.get((participant, mentor), 0)) for participant, mentor in fixed.items()
    }
    assignment.update(best)
    return _outcome(pool, allowed, assignment)


def greedy(pool):
    """First come, first served: in the pool's order, each participant takes the best possible mentor
    who still has a seat (the baseline a pairing round is compared with). Pins first, as in `solve`."""
    allowed = _allowed(pool)
    fixed, loads = _fixed(pool)
    capacity = {mentor.key: mentor.capacity for mentor in pool.mentors}
    assignment = {
        participant: (mentor, pool.quality.get((participant, mentor), 0)) for participant, mentor in fixed.items()
    }
    for participant in pool.participants:
        if participant.key in assignment:
            continue
        free = [
            (quality, mentor)
            for mentor, quality in allowed[participant.key].items()
            if loads[mentor] < capacity[mentor]
        ]
        if free:
            quality, mentor = max(free, key=lambda item: (item[0], -loads[item[1]], -item[1]))
            assignment[participant.key] = (mentor, quality)
            loads[mentor] += 1
    return _outcome(pool, allowed, assignment)


def _outcome(pool, allowed, assignment):
    pairs = [(participant, mentor, quality) for participant, (mentor, quality) in sorted(assignment.items())]
    loads = {mentor.key: 0 for mentor in pool.mentors}
    for _participant, mentor, _quality in pairs:
        loads[mentor] += 1
    unpaired = {
        participant.key: blocked(pool, participant, allowed[participant.key])
        for participant in pool.participants
        if participant.key not in assignment
    }
    return Outcome(pairs, unpaired, Figures.of(quality for _p, _m, quality in pairs), loads)


def blocked(pool, participant, allowed_mentors):
    """Why the participant is unpaired: how many mentors each rule ruled out, and how many were possible
    but full."""
    rules = {}
    for mentor in pool.mentors:
        if mentor.key not in allowed_mentors:
            rule = broken_rule(pool, participant, mentor)
            rules[rule] = rules.get(rule, 0) + 1
    return Blocked(rules=rules, full=len(allowed_mentors))
