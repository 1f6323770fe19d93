"""How mentors are proposed for a challenge, or for a problem described in free text, and why.

1. The need becomes weighted tokens (search/analysis.py): terms, phrases, equivalents of the editors'
   vocabulary; the title and the themes count double, and each theme is a token of its own.
2. Every profile is scored by BM25F (portal/mentors/relevance.py): shared tokens weighted by their
   rarity among profiles and by the field they appear in, all at once from an index of the profiles'
   tokens kept in the process (no search backend: a challenge's many common words made the backends'
   ranked OR queries cost 40 to 80 ms at 10,000 mentors, and the candidates they returned were a guess).
3. The best are checked for availability, and offering the recommended model and being of an actor
   type the challenge concerns add a little. The strength of a match compares the score
   with what a profile stating the need's most telling words would get.
4. Reasons name the themes and the telling words shared, as the mentor wrote them, with an excerpt
   (portal/mentors/explanations.py).
Only available mentors are ever proposed: published, accepting requests, bound by the current charter,
with room left.
"""

import math
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import numpy as np

from portal.mentors import explanations, relevance
from portal.mentors.models import MentorProfile
from portal.taxonomy.models import Theme
from search import analysis

DEFAULT_LIMIT = 6
# Profiles with the best text scores checked at first for availability and boosts (more when needed).
FIRST_CANDIDATES = 40
CACHE_SECONDS = 60 * 60
VERSION_KEY = "matching:version"
KEY_WEIGHT = 2.0
THEME_WEIGHT = 0.5  # a theme of the challenge, as a token of its own
PHRASE_WEIGHT = 0.5  # a phrase of the need, beside its words
MODEL_BOOST = 0.25
ACTOR_BOOST = 0.03
MAX_BOOST = 1 + MODEL_BOOST + ACTOR_BOOST
# Strength of a match: its score as a share of the need's yardstick (relevance.ceiling).
STRONG, GOOD, POSSIBLE = "strong", "good", "possible"
STRENGTH_THRESHOLDS = [(STRONG, 0.5), (GOOD, 0.3)]
STRENGTH_LABELS = {
    STRONG: gettext_lazy("Very relevant"),
    GOOD: gettext_lazy("Relevant"),
    POSSIBLE: gettext_lazy("Worth exploring"),
}


@dataclass
class Need:
    """What a mentor is matched against: weighted tokens, and the challenge's classification."""

    query: dict  # token -> weight
    themes: dict = field(default_factory=dict)  # slug -> name
    models: dict = field(default_factory=dict)  # code -> label
    actor_types: dict = field(default_factory=dict)  # code -> label


@dataclass
class Match:
    mentor: MentorProfile
    score: float
    reasons: list
    offers_model: bool = False
    strength: str = POSSIBLE
    excerpt: list = field(default_factory=list)  # [text, marked] segments

    @property
    def strength_label(self):
        return STRENGTH_LABELS[self.strength]

    @property
    def excerpt_text(self):
        return explanations.plain(self.excerpt)


def need_query(key_text, other_text, theme_slugs=()):
    """Token -> weight: key tokens weigh KEY_WEIGHT, others 1; a token said again weighs a little more."""
    counts, weights = {}, {}
    for text, weight in ((other_text, 1.0), (key_text, KEY_WEIGHT)):
        for token in analysis.tokens(text):
            counts[token.text] = counts.get(token.text, 0) + 1
            weights[token.text] = max(weights.get(token.text, 0), weight)
    query = {
        token: weight * (1 + 0.5 * math.log(counts[token])) * (PHRASE_WEIGHT if analysis.is_phrase(token) else 1)
        for token, weight in weights.items()
    }
    query.update(dict.fromkeys((relevance.theme_token(slug) for slug in theme_slugs), THEME_WEIGHT))
    return query


def need_for_challenge(challenge):
    themes = list(challenge.themes.all())
    theme_names = " ; ".join(theme.name for theme in themes)
    body = " ".join(challenge.body.stream_block.get_searchable_content(challenge.body))
    return Need(
        query=need_query(
            f"{challenge.title} ; {theme_names}",
            f"{challenge.summary} ; {body} ; {strip_tags(challenge.example)}",
            [theme.slug for theme in themes],
        ),
        themes={theme.slug: theme.name for theme in themes},
        models={model.code: model.label for model in challenge.recommended_models.all()},
        actor_types={actor_type.code: actor_type.label for actor_type in challenge.actor_types.all()},
    )


def need_for_text(text):
    """A problem in a visitor's words: the themes it names count as the challenge's themes would."""
    present = {token.text for token in analysis.tokens(text, phrases=False)}
    themes = {
        theme.slug: theme.name
        for theme in Theme.objects.filter(mentor_items__isnull=False).distinct()
        if analysis.expression_terms(theme.name) and set(analysis.expression_terms(theme.name)) <= present
    }
    return Need(query=need_query(text, "", themes), themes=themes)


def need_for_words(text, themes):
    """A programme participant's challenge or practice in their words, with the themes they chose."""
    themes = list(themes)
    names = " ; ".join(theme.name for theme in themes)
    return Need(
        query=need_query(f"{text} ; {names}", "", [theme.slug for theme in themes]),
        themes={theme.slug: theme.name for theme in themes},
    )


@dataclass
class Scored:
    pk: int
    name: str
    value: float
    added: dict
    offers_model: bool
    actor: str | None


def score_candidates(need, mentors, statistics):
    """Every candidate sharing something with the need, best first (the mentors: a queryset)."""
    rows = list(mentors.values_list("pk", "full_name", "matching_vector", "actor_type__code"))
    offering = models_offered(need, [row[0] for row in rows])
    scored = []
    for pk, name, vector, actor_code in rows:
        added = relevance.contributions(vector, need.query, statistics)
        if not added:
            continue
        actor = need.actor_types.get(actor_code)
        offers_model = pk in offering
        scored.append(Scored(pk, name, sum(added.values()) * boost(offers_model, actor), added, offers_model, actor))
    scored.sort(key=lambda item: (-item.value, not item.offers_model, item.name))
    return scored


def strength(value, yardstick):
    share = value / yardstick
    return next((code for code, threshold in STRENGTH_THRESHOLDS if share >= threshold), POSSIBLE)


def find_mentors(need, limit=DEFAULT_LIMIT):
    corpus = relevance.corpus()
    statistics = corpus.statistics
    scored = best_scored(need, corpus, limit)
    if not scored:
        return []
    best = scored[0].value or 1
    yardstick = relevance.ceiling(need.query, statistics)
    telling = relevance.best_token(need.query, statistics)
    mentors = MentorProfile.objects.available().filter(pk__in=[item.pk for item in scored]).for_listing().in_bulk()
    return [
        explained(
            mentors[item.pk],
            item,
            need,
            statistics,
            telling,
            score=round(item.value / best, 3),
            strength_code=strength(item.value, yardstick),
        )
        for item in scored
        if item.pk in mentors
    ]


def best_scored(need, corpus, limit):
    """The `limit` best available mentors for the need, scored by `score_candidates`. Every profile's
    text score comes from the corpus index at once; the best are then checked for availability and
    boosted, a few at a time, until no profile further down could still overtake the last one kept (a
    boost multiplies a score by MAX_BOOST at most). Only those kept have their vectors read."""
    totals = corpus.index.scores(need.query, corpus.statistics)
    ranked = np.flatnonzero(totals)
    ranked = ranked[np.argsort(-totals[ranked], kind="stable")]
    size = FIRST_CANDIDATES
    while True:
        order = boosted_order(need, ranked[:size].tolist(), totals)
        if size >= len(ranked) or (len(order) >= limit and order[limit - 1][0] > MAX_BOOST * totals[ranked[size]]):
            break
        size *= 4
    chosen = [pk for _value, _offers, _name, pk in order[:limit]]
    return score_candidates(need, MentorProfile.objects.filter(pk__in=chosen), corpus.statistics)


def boosted_order(need, ids, totals):
    """(score, offers the model, name, id) of the available mentors among the ids, in `score_candidates`' order."""
    rows = MentorProfile.objects.available().filter(pk__in=ids).values_list("pk", "full_name", "actor_type__code")
    offering = models_offered(need, ids)
    order = [
        (float(totals[pk]) * boost(pk in offering, need.actor_types.get(actor)), pk in offering, name, pk)
        for pk, name, actor in rows
    ]
    order.sort(key=lambda row: (-row[0], not row[1], row[2]))
    return order


def models_offered(need, ids):
    """The mentors among the ids offering one of the need's models."""
    if not need.models:
        return set()
    return set(
        MentorProfile.mentoring_models.through.objects.filter(
            mentorprofile_id__in=ids, mentoringmodel__code__in=need.models
        ).values_list("mentorprofile_id", flat=True)
    )


def boost(offers_model, actor):
    return 1 + MODEL_BOOST * offers_model + ACTOR_BOOST * bool(actor)


def explained(mentor, item, need, statistics, telling, *, score, strength_code):
    """The match as shown: reasons, excerpt and strength (telling: what the need's most telling
    token can weigh, the yardstick of which words are worth naming)."""
    shared_themes = [name for slug, name in need.themes.items() if relevance.theme_token(slug) in item.added]
    words, excerpt = explanations.explain_words(mentor, item.added, statistics, telling, shared_themes)
    offered = [label for code, label in need.models.items() if code in {m.code for m in mentor.mentoring_models.all()}]
    reasons = []
    if shared_themes:
        reasons.append(_("Themes in common: %(themes)s") % {"themes": ", ".join(shared_themes)})
    if words:
        reasons.append(_("Words that count: %(words)s") % {"words": ", ".join(words)})
    if offered:
        reasons.append(_("Offers the recommended model: %(models)s") % {"models": ", ".join(offered)})
    if item.actor:
        reasons.append(_("Actor type concerned: %(actor_type)s") % {"actor_type": item.actor})
    return Match(
        mentor=mentor,
        score=score,
        reasons=reasons,
        offers_model=item.offers_model,
        strength=strength_code,
        excerpt=excerpt,
    )


def order_by_relevance(ids, text):
    """The directory's relevance order: the ids (mentors matching a visitor's words), scored as a
    free-text need would score them, best first; the given order breaks ties."""
    corpus = relevance.corpus()
    totals = corpus.index.scores(need_for_text(text).query, corpus.statistics)
    position = {pk: index for index, pk in enumerate(ids)}
    return sorted(ids, key=lambda pk: (-corpus.index.score_of(totals, pk), position[pk]))


def mentors_for_challenge(challenge, limit=DEFAULT_LIMIT):
    """The challenge's candidates, kept in the cache until a mentor, the charter or the challenge changes
    (a challenge page is read far more often than mentors change)."""
    key = (
        f"matching:{matching_version()}:{challenge.pk}:{challenge.latest_revision_id}:{limit}:"
        f"{translation.get_language()}"
    )
    cached = cache.get(key)
    if cached is None:
        matches = find_mentors(need_for_challenge(challenge), limit)
        kept = [(m.mentor.pk, m.score, m.reasons, m.offers_model, m.strength, m.excerpt) for m in matches]
        cache.set(key, kept, CACHE_SECONDS)
        return matches
    mentors = MentorProfile.objects.available().for_listing().in_bulk([pk for pk, *_rest in cached])
    return [
        Match(mentors[pk], score, reasons, offers_model, strength_code, excerpt)
        for pk, score, reasons, offers_model, strength_code, excerpt in cached
        if pk in mentors
    ]


def matching_version():
    """In the cache every process reads (relevance.shared_version): a per-process cache would let another
    process render, and the page cache keep, a challenge page with the candidates of before. While that cache
    fails, a new version each time: candidates are computed afresh, never stale."""
    version = relevance.shared_version(VERSION_KEY, 0)
    return time.time_ns() if version is None else version


def forget_cached_matches():
    """Called whenever what matching reads changes: a profile, its relations, a request, the charter."""
    relevance.new_shared_version(VERSION_KEY)


def mentors_for_text(text, limit=DEFAULT_LIMIT):
    return find_mentors(need_for_text(text), limit)
