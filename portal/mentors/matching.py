"""How mentors are proposed for a challenge, or for a problem described in free text, and why.

1. The need is reduced to French terms (french.py): the title and the themes count double.
2. Candidates come from Wagtail search over available mentors (any backend: the profiles are indexed
   with the same stemmed terms), plus the available mentors who share a theme with the challenge.
3. Each candidate is scored on what can be explained: terms in common (weighted), themes in common,
   the search backend's rank, the recommended model offered, the actor type concerned.
Only available mentors are ever proposed: published, accepting requests, bound by the current charter,
with room left.
"""

import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from portal.mentors.models import MentorProfile
from portal.taxonomy.models import Theme
from search import french
from search.ranked import ranked

DEFAULT_LIMIT = 6
MAX_QUERY_TERMS = 24
MAX_TEXT_CANDIDATES = 60
MAX_THEME_CANDIDATES = 60
CACHE_SECONDS = 60 * 60
VERSION_KEY = "matching:version"
KEY_WEIGHT = 2
WEIGHTS = {"terms": 0.45, "rank": 0.25, "themes": 0.20, "model": 0.07, "actor": 0.03}


@dataclass
class Need:
    """What a mentor is matched against: weighted terms, and the challenge's classification."""

    weights: dict
    themes: dict = field(default_factory=dict)  # slug -> name
    models: dict = field(default_factory=dict)  # code -> label
    actor_types: dict = field(default_factory=dict)  # code -> label

    @property
    def query(self):
        terms = sorted(self.weights, key=lambda term: -self.weights[term])
        return " ".join(terms[:MAX_QUERY_TERMS])


@dataclass
class Match:
    mentor: MentorProfile
    score: float
    reasons: list
    offers_model: bool = False


def weighted_terms(key_text, other_text):
    weights = dict.fromkeys(french.terms(other_text), 1)
    weights.update(dict.fromkeys(french.terms(key_text), KEY_WEIGHT))
    return weights


def need_for_challenge(challenge):
    themes = list(challenge.themes.all())
    theme_names = " ".join(theme.name for theme in themes)
    body = " ".join(challenge.body.stream_block.get_searchable_content(challenge.body))
    return Need(
        weights=weighted_terms(
            f"{challenge.title} {theme_names}", f"{challenge.summary} {body} {strip_tags(challenge.example)}"
        ),
        themes={theme.slug: theme.name for theme in themes},
        models={model.code: model.label for model in challenge.recommended_models.all()},
        actor_types={actor_type.code: actor_type.label for actor_type in challenge.actor_types.all()},
    )


def need_for_text(text):
    weights = weighted_terms(text, "")
    present = set(weights)
    themes = {
        theme.slug: theme.name
        for theme in Theme.objects.filter(mentor_items__isnull=False).distinct()
        if set(french.terms(theme.name)) <= present and french.terms(theme.name)
    }
    return Need(weights=weights, themes=themes)


def text_candidates(need, pool):
    """(mentor id, relevance) for the mentors of the pool the search backend finds, best first."""
    return ranked(pool, need.query.split(), operator="or", limit=MAX_TEXT_CANDIDATES)


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


def find_mentors(need, limit=DEFAULT_LIMIT):
    pool = MentorProfile.objects.available()
    rank_score = dict(text_candidates(need, pool))
    candidate_ids = set(rank_score) | set(theme_candidates(need, pool))
    if not candidate_ids:
        return []
    # Scoring reads only what it needs; the few mentors shown are then loaded whole for their cards.
    candidates = (
        pool.filter(pk__in=candidate_ids)
        .only("pk", "full_name", "headline", "organisation", "bio", "actor_type__code")
        .select_related("actor_type")
        .prefetch_related("themes", "mentoring_models")
    )
    scored = [score(mentor, need, rank_score.get(mentor.pk, 0)) for mentor in candidates]
    scored = [match for match in scored if match is not None]
    best = max((match.score for match in scored), default=0) or 1
    for match in scored:
        match.score = round(match.score / best, 3)
    scored.sort(key=lambda match: (-match.score, not match.offers_model, match.mentor.full_name))
    shown = scored[:limit]
    whole = pool.filter(pk__in=[match.mentor.pk for match in shown]).for_listing().in_bulk()
    for match in shown:
        match.mentor = whole[match.mentor.pk]
    return shown


def score(mentor, need, rank):
    forms = french.surface_forms(mentor.matching_text())
    shared_terms = [term for term in need.weights if term in forms]
    term_weight = sum(need.weights[term] for term in shared_terms)
    mentor_themes = {theme.slug: theme.name for theme in mentor.themes.all()}
    shared_themes = [name for slug, name in need.themes.items() if slug in mentor_themes]
    if not shared_terms and not shared_themes:
        return None
    mentor_models = {model.code for model in mentor.mentoring_models.all()}
    offered = [label for code, label in need.models.items() if code in mentor_models]
    actor = need.actor_types.get(mentor.actor_type.code)
    total_weight = sum(need.weights.values()) or 1
    value = (
        WEIGHTS["terms"] * min(1, term_weight / min(total_weight, 12))
        + WEIGHTS["rank"] * rank
        + WEIGHTS["themes"] * min(len(shared_themes), 2) / 2
        + WEIGHTS["model"] * bool(offered)
        + WEIGHTS["actor"] * bool(actor)
    )
    reasons = []
    if shared_themes:
        reasons.append(_("Themes in common: %(themes)s") % {"themes": ", ".join(shared_themes)})
    theme_terms = {term for name in shared_themes for term in french.terms(name)}
    words = [forms[term] for term in shared_terms if term not in theme_terms][:6]
    if words:
        reasons.append(_("Words in common: %(words)s") % {"words": ", ".join(words)})
    if offered:
        reasons.append(_("Offers the recommended model: %(models)s") % {"models": ", ".join(offered)})
    if actor:
        reasons.append(_("Actor type concerned: %(actor_type)s") % {"actor_type": actor})
    return Match(mentor=mentor, score=value, reasons=reasons, offers_model=bool(offered))


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
        cache.set(key, [(m.mentor.pk, m.score, m.reasons, m.offers_model) for m in matches], CACHE_SECONDS)
        return matches
    mentors = MentorProfile.objects.available().for_listing().in_bulk([pk for pk, *_rest in cached])
    return [
        Match(mentor=mentors[pk], score=score, reasons=reasons, offers_model=offers_model)
        for pk, score, reasons, offers_model in cached
        if pk in mentors
    ]


def matching_version():
    return cache.get_or_set(VERSION_KEY, 0, None)


def forget_cached_matches():
    """Called whenever what matching reads changes: a profile, its relations, a request, the charter."""
    cache.set(VERSION_KEY, time.time_ns(), None)


def mentors_for_text(text, limit=DEFAULT_LIMIT):
    return find_mentors(need_for_text(text), limit)
