"""A pairing round on an iteration: the pool read from the database, each pair's quality from matching
(BM25F of the participant's challenge and themes against the mentor's profile, as a share of what a
profile stating the need's most telling words would score), the pool solved by pairing.py, and the round
saved with everything it was given, so that it can be replayed.

The saved inputs hold no personal data: participants and mentors are keys (application and mentor-offer
ids), and the rules that need an address (own manager, paired before) are resolved before saving.

Who is in the pool: the accepted applications and the mentors taking part. Pairs already published or
under way are kept as they are (pinned); declined pairs are never proposed again; the coordinator's
pins and bans hold; a pair formed in an earlier iteration is not formed again.
"""

import time

from django.db import transaction

from portal.mentors import explanations, matching, relevance
from portal.programmes import pairing
from portal.programmes.models import (
    Application,
    ApplicationStatus,
    ConstraintKind,
    MentorOffer,
    Pair,
    PairConstraint,
    PairingRound,
    PairStatus,
)

# Pairs that count as "formed" for the rule against pairing the same two people again.
FORMED = (PairStatus.PUBLISHED, PairStatus.LIVE, PairStatus.ENDED)


# The share of the yardstick that makes a quality of 50: matching's threshold of a very relevant match.
HALF_QUALITY_SHARE = 0.5


def quality_of(value, yardstick):
    """A pair's quality, 1 to 99: its score as a share of the need's yardstick (relevance.ceiling), mapped
    so that it never saturates (a share of 0.5 gives 50, 1 gives 67, 2 gives 80): two mentors who both
    state more than the need's telling words still differ."""
    share = value / yardstick
    return max(1, round(pairing.MAX_QUALITY * share / (share + HALF_QUALITY_SHARE)))


class RoundInputs:
    """The iteration's pool as the solver sees it, and what is needed to explain its pairs."""

    def __init__(self, iteration):
        self.iteration = iteration
        self.applications = list(
            Application.objects.filter(iteration=iteration, status=ApplicationStatus.ACCEPTED).prefetch_related(
                "themes"
            )
        )
        self.offers = list(
            MentorOffer.objects.filter(iteration=iteration, withdrawn_at__isnull=True).select_related("mentor")
        )
        self.statistics = relevance.corpus_statistics()
        self.needs = {
            application.pk: matching.need_for_words(application.challenge, application.themes.all())
            for application in self.applications
        }

    def qualities(self):
        scorer = relevance.PoolScorer(
            {offer.pk: offer.mentor.matching_vector for offer in self.offers}, self.statistics
        )
        quality = {}
        for application in self.applications:
            need = self.needs[application.pk]
            yardstick = relevance.ceiling(need.query, self.statistics)
            for offer, value in scorer.scores(need.query).items():
                quality[application.pk, offer] = quality_of(value, yardstick)
        return quality

    def pool(self):
        iteration, offers = self.iteration, self.offers
        kept = {
            (application, offer): quality
            for application, offer, quality in iteration.pairs.filter(
                status__in=PairStatus.kept_on_rerun()
            ).values_list("application", "offer", "quality")
        }
        kept_per_offer = {}
        for _application, offer in kept:
            kept_per_offer[offer] = kept_per_offer.get(offer, 0) + 1
        constraints = PairConstraint.objects.filter(iteration=iteration)
        pinned = {
            (a, o)
            for a, o, kind in constraints.values_list("application", "offer", "kind")
            if kind == ConstraintKind.PIN
        }
        forbidden = {
            (a, o)
            for a, o, kind in constraints.values_list("application", "offer", "kind")
            if kind == ConstraintKind.FORBID
        }
        forbidden |= set(iteration.pairs.filter(status=PairStatus.DECLINED).values_list("application", "offer"))
        offer_of_mentor = {offer.mentor_id: offer.pk for offer in offers}
        offer_of_address = {offer.mentor.contact_email.casefold(): offer.pk for offer in offers}
        earlier = {
            (email.casefold(), offer_of_mentor[mentor])
            for email, mentor in Pair.objects.filter(status__in=FORMED, offer__mentor__in=offer_of_mentor)
            .exclude(iteration=iteration)
            .values_list("application__email", "offer__mentor")
        }
        participants, by_address = [], {}
        for application in self.applications:
            by_address[application.email.casefold()] = application.pk
            manager = offer_of_address.get(application.manager_email.casefold()) if application.manager_email else None
            participants.append(
                pairing.Participant(
                    application.pk, application.organisation_id, f"p{application.pk}", f"m{manager}" if manager else ""
                )
            )
        mentors = [
            pairing.Mentor(
                offer.pk, offer.organisation_id, seats(offer, kept_per_offer.get(offer.pk, 0)), f"m{offer.pk}"
            )
            for offer in offers
        ]
        # A pair under way keeps its quality even if a profile has changed since.
        quality = {**kept, **self.qualities()}
        return pairing.Pool(
            shape=iteration.model_code,
            participants=participants,
            mentors=mentors,
            quality=quality,
            pinned=(pinned | set(kept)) & {(p.key, m.key) for p in participants for m in mentors},
            forbidden=forbidden,
            earlier={(f"p{by_address[email]}", offer) for email, offer in earlier if email in by_address},
        )

    def reasons(self, application_pk, offer):
        """What the pair shares: themes, and the telling words as the mentor wrote them."""
        need = self.needs[application_pk]
        added = relevance.contributions(offer.mentor.matching_vector, need.query, self.statistics)
        themes = [name for slug, name in need.themes.items() if relevance.theme_token(slug) in added]
        telling = relevance.best_token(need.query, self.statistics)
        words, _excerpt = explanations.explain_words(offer.mentor, added, self.statistics, telling, themes)
        return {"themes": themes, "words": words}


def seats(offer, kept):
    """The mentees the mentor may have in this round: what they offered the iteration, within their one
    capacity, which their other mentorships under way (requests, other iterations) share. `kept`: their pairs
    of this iteration published or under way, which their stored load already counts."""
    mentor = offer.mentor
    elsewhere = mentor.active_mentorships - kept
    return min(offer.capacity, max(kept, mentor.capacity - elsewhere))


def as_inputs(pool):
    return {
        # How the round weighs things, so that a replay can say what it was given.
        "weights": {
            "order": ["paired", "total quality", "worst pair", "load spread"],
            "quality": f"100 * share / (share + {HALF_QUALITY_SHARE}), share = BM25F score / need's yardstick",
            "seat cost": "the k-th mentee of a mentor costs k",
        },
        "shape": pool.shape,
        "participants": [[p.key, p.organisation, p.email, p.manager_email] for p in pool.participants],
        "mentors": [[m.key, m.organisation, m.capacity, m.email] for m in pool.mentors],
        "quality": sorted([p, m, q] for (p, m), q in pool.quality.items()),
        "pinned": sorted(map(list, pool.pinned)),
        "forbidden": sorted(map(list, pool.forbidden)),
        "earlier": sorted(map(list, pool.earlier)),
    }


def pool_of(inputs):
    """The pool a round was given, from its saved inputs."""
    return pairing.Pool(
        shape=inputs["shape"],
        participants=[pairing.Participant(*row) for row in inputs["participants"]],
        mentors=[pairing.Mentor(*row) for row in inputs["mentors"]],
        quality={(p, m): q for p, m, q in inputs["quality"]},
        pinned={tuple(pair) for pair in inputs["pinned"]},
        forbidden={tuple(pair) for pair in inputs["forbidden"]},
        earlier={tuple(pair) for pair in inputs["earlier"]},
    )


def as_result(outcome):
    return {
        "pairs": [list(pair) for pair in outcome.pairs],
        "unpaired": {str(key): {"rules": why.rules, "full": why.full} for key, why in outcome.unpaired.items()},
    }


def replay(pairing_round):
    """The round solved again from its saved inputs (the same result: the solver is deterministic)."""
    return pairing.solve(pool_of(pairing_round.inputs))


@transaction.atomic
def run(iteration, user=None):
    """Solve the iteration's pool, save the round and replace the proposed pairs by its own.

    Raises pairing.PairingError when the coordinator's pins cannot all hold (nothing is saved then)."""
    inputs = RoundInputs(iteration)
    pool = inputs.pool()
    started = time.perf_counter()
    outcome = pairing.solve(pool)
    seconds = time.perf_counter() - started
    baseline = pairing.greedy(pool)
    pairing_round = PairingRound.objects.create(
        iteration=iteration,
        created_by=user,
        inputs=as_inputs(pool),
        result=as_result(outcome),
        paired=outcome.figures.paired,
        total_quality=outcome.figures.total,
        worst_quality=outcome.figures.worst,
        greedy_paired=baseline.figures.paired,
        greedy_total_quality=baseline.figures.total,
        greedy_worst_quality=baseline.figures.worst,
        seconds=round(seconds, 3),
    )
    iteration.pairs.filter(status=PairStatus.PROPOSED).delete()
    kept = set(iteration.pairs.filter(status__in=PairStatus.kept_on_rerun()).values_list("application", "offer"))
    offers = {offer.pk: offer for offer in inputs.offers}
    Pair.objects.bulk_create(
        Pair(
            iteration=iteration,
            pairing_round=pairing_round,
            application_id=application,
            offer=offers[offer],
            quality=quality,
            reasons=inputs.reasons(application, offers[offer]),
        )
        for application, offer, quality in outcome.pairs
        if (application, offer) not in kept
    )
    return pairing_round
