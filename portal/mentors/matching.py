"""How mentors are proposed for a challenge, or for a problem described in free text, and why.

1. The need becomes weighted tokens (search/analysis.py): terms, phrases, equivalents of the editors'
   vocabulary; the title and the themes count double, and each theme is a token of its own.
2. Candidates: the available mentors the search backend finds for the need's most telling tokens (any
   backend: profiles index the same terms and equivalents), and those sharing the most themes.
3. Each candidate is scored by BM25F (portal/mentors/relevance.py): shared tokens weighted by their
   rarity among profiles and by the field they appear in; offering the recommended model and being
   of an actor type the challenge concerns add a little. The strength of a match compares the score
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
from django.db.models import Count
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.mentors import explanations, relevance
from portal.mentors.models import MentorProfile
from portal.taxonomy.models import Theme
from search import analysis
from search.ranked import ranked

DEFAULT_LIMIT = 6
MAX_QUERY_TERMS = 24
MAX_TEXT_CANDIDATES = 100
MAX_THEME_CANDIDATES = 60
CACHE_SECONDS = 60 * 60
VERSION_KEY = "matching:version"
KEY_WEIGHT = 2.0
THEME_WEIGHT = 0.5  # a theme of the challenge, as a token of its own
PHRASE_WEIGHT = 0.5  # a phrase of the need, beside its words
MODEL_BOOST = 0.25
ACTOR_BOOST = 0.03
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

    def search_words(self, statistics):
        """The most telling terms and equivalents that some profile uses, for the search backend
        (phrases and themes are scored, not searched; a word no profile uses can find no one)."""
        searchable = [
            token
            for token in self.query
            if token in statistics.document_frequency
            and not analysis.is_phrase(token)
            and not relevance.is_theme(token)
        ]
        searchable.sort(key=lambda token: -self.query[token] * statistics.idf(token))
        return searchable[:MAX_QUERY_TERMS]


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


def text_candidates(need, pool, statistics):
    """Ids of the mentors of the pool the search backend finds for the need's most telling words."""
    words = need.search_words(statistics)
    if not words:
        return []
    return [pk for pk, _relevance in ranked(pool, words, operator="or", limit=MAX_TEXT_CANDIDATES)]


def theme_candidates(need, pool):
    """The available mentors sharing the most themes with the need (a popular theme is shared by
    thousands of mentors at scale: only the best-placed go on to be scored)."""
    if not need.themes:
        return []
    sharers = (
        pool.filter(themes__slug__in=need.themes)
        .values("pk")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "pk")[:MAX_THEME_CANDIDATES]
    )
    return [row["pk"] for row in sharers]


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
    offering = set(
        MentorProfile.mentoring_models.through.objects.filter(
            mentorprofile_id__in=[row[0] for row in rows], mentoringmodel__code__in=need.models
        ).values_list("mentorprofile_id", flat=True)
    )
    scored = []
    for pk, name, vector, actor_code in rows:
        added = relevance.contributions(vector, need.query, statistics)
        if not added:
            continue
        actor = need.actor_types.get(actor_code)
        offers_model = pk in offering
        boost = 1 + MODEL_BOOST * offers_model + ACTOR_BOOST * bool(actor)
        scored.append(Scored(pk, name, sum(added.values()) * boost, added, offers_model, actor))
    scored.sort(key=lambda item: (-item.value, not item.offers_model, item.name))
    return scored


def strength(value, yardstick):
    share = value / yardstick
    return next((code for code, threshold in STRENGTH_THRESHOLDS if share >= threshold), POSSIBLE)


def find_mentors(need, limit=DEFAULT_LIMIT):
    pool = MentorProfile.objects.available()
    statistics = relevance.corpus_statistics()
    candidate_ids = set(text_candidates(need, pool, statistics)) | set(theme_candidates(need, pool))
    if not candidate_ids:
        return []
    scored = score_candidates(need, pool.filter(pk__in=candidate_ids), statistics)[:limit]
    if not scored:
        return []
    best = scored[0].value or 1
    yardstick = relevance.ceiling(need.query, statistics)
    telling = relevance.best_token(need.query, statistics)
    mentors = pool.filter(pk__in=[item.pk for item in scored]).for_listing().in_bulk()
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
    need = need_for_text(text)
    statistics = relevance.corpus_statistics()
    position = {pk: index for index, pk in enumerate(ids)}
    vectors = MentorProfile.objects.filter(pk__in=ids).values_list("pk", "matching_vector")
    value = {pk: sum(relevance.contributions(vector, need.query, statistics).values()) for pk, vector in vectors}
    return sorted(ids, key=lambda pk: (-value.get(pk, 0), position[pk]))


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
    return cache.get_or_set(VERSION_KEY, 0, None)


def forget_cached_matches():
    """Called whenever what matching reads changes: a profile, its relations, a request, the charter."""
    cache.set(VERSION_KEY, time.time_ns(), None)


def mentors_for_text(text, limit=DEFAULT_LIMIT):
    return find_mentors(need_for_text(text), limit)
