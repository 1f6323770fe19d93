"""How well a profile answers a need: BM25F over the profile's fields, with terms weighted by rarity.

- Each profile keeps its token counts per field (`profile_vector`, stored on save): headline, themes
  (their names, and "#slug" for the theme itself), organisation, biography. Tokens are terms, phrases
  and equivalents (search/analysis.py).
- A word shared by most profiles ("mobilité", "accompagne") weighs little, a rare one ("GTFS", "données
  de transport") much: inverse document frequency over every profile (`corpus_statistics`, cached until
  a profile's text or the vocabulary changes).
- A field counts by its weight: a headline or a theme says what a mentor does; an organisation name or
  a long biography say it less surely. Repeating a word saturates (k1), long fields are normalised (b).
The same scoring serves challenge pages, the free-text match, the API and the directory's relevance order.
"""

import logging
import math
import threading
import time
from collections import Counter
from dataclasses import dataclass

from django.core.cache import caches
from django.db import transaction

import numpy as np

from search import analysis

logger = logging.getLogger(__name__)

HEADLINE, THEMES, ORGANISATION, BIO = "h", "t", "o", "b"
FIELD_WEIGHTS = {HEADLINE: 2.5, THEMES: 1.25, ORGANISATION: 0.5, BIO: 1.0}
LENGTHS = "n"
K1 = 0.8
# Length normalisation per field: a profile tagged with every popular theme is not an expert in each.
B = {HEADLINE: 0.5, THEMES: 0.8, ORGANISATION: 0.5, BIO: 0.75}
THEME_PREFIX = "#"
COMMON_SHARE = 0.25
CORPUS_VERSION_KEY = "relevance:corpus"
STATISTICS_SECONDS = 60 * 60


def theme_token(slug):
    return f"{THEME_PREFIX}{slug}"


def is_theme(token):
    return token.startswith(THEME_PREFIX)


def field_tokens(text):
    return Counter(token.text for token in analysis.tokens(text))


def profile_vector(headline, theme_names_and_slugs, organisation, bio):
    """Token counts per field, and each field's length, as stored on the profile (JSON)."""
    themes = Counter()
    for name, slug in theme_names_and_slugs:
        themes.update(field_tokens(name))
        themes[theme_token(slug)] += 1
    fields = {
        HEADLINE: field_tokens(headline),
        THEMES: themes,
        ORGANISATION: field_tokens(organisation),
        BIO: field_tokens(bio),
    }
    vector = {name: dict(counts) for name, counts in fields.items()}
    vector[LENGTHS] = {name: sum(counts.values()) for name, counts in fields.items()}
    return vector


@dataclass
class Statistics:
    profiles: int
    average_lengths: dict
    document_frequency: dict

    def idf(self, token):
        frequency = self.document_frequency.get(token, 0)
        return math.log(1 + (self.profiles - frequency + 0.5) / (frequency + 0.5))

    def is_common(self, token):
        """Used by many profiles (more than COMMON_SHARE of them, and more than two): says little of anyone."""
        frequency = self.document_frequency.get(token, 0)
        return frequency > 2 and frequency > COMMON_SHARE * self.profiles


def statistics_of(vectors):
    frequency, totals, profiles = Counter(), Counter(), 0
    for vector in vectors:
        if not vector:
            continue
        profiles += 1
        totals.update(vector.get(LENGTHS, {}))
        frequency.update({token for name in FIELD_WEIGHTS for token in vector.get(name, {})})
    averages = {name: (totals[name] / profiles if profiles else 0) or 1 for name in FIELD_WEIGHTS}
    return Statistics(profiles, averages, dict(frequency))


class ProfileIndex:
    """Every profile's tokens with their weighed frequency (`field_frequencies`), as an inverted index of
    NumPy arrays: a need is scored against all the profiles at once, in a millisecond at 10,000 mentors,
    where scoring each profile in Python took a hundred. A score is `contributions()` summed, to the bit."""

    def __init__(self, vectors, statistics):
        postings = {}
        for pk, vector in vectors.items():
            for token, frequency in field_frequencies(vector, statistics).items():
                ids, frequencies = postings.setdefault(token, ([], []))
                ids.append(pk)
                frequencies.append(frequency)
        self.postings = {
            token: (np.array(ids, dtype=np.int64), np.array(frequencies, dtype=np.float64))
            for token, (ids, frequencies) in postings.items()
        }
        self.size = max(vectors, default=0) + 1

    def scores(self, query, statistics):
        """Every profile's score for the query (token -> weight), by primary key: an array of `size`."""
        totals = np.zeros(self.size)
        for token, weight in query.items():
            if token in self.postings:
                ids, frequency = self.postings[token]
                totals[ids] += weight * (statistics.idf(token) * frequency * (K1 + 1) / (K1 + frequency))
        return totals

    def score_of(self, totals, pk):
        return float(totals[pk]) if pk < self.size else 0.0


@dataclass
class Corpus:
    version: int
    built_at: float
    statistics: Statistics
    index: ProfileIndex


_corpus = {"current": None}
_corpus_lock = threading.Lock()


def corpus():
    """The profiles' statistics and index, kept in the process until a profile's text or the vocabulary
    changes (the version lives in the cache all processes share, the page cache's), or for
    STATISTICS_SECONDS at most. Built from every profile, whatever its status: rarity is a property of
    the language of the field, and who may be proposed is decided by the caller."""
    version = shared_version(CORPUS_VERSION_KEY, time.time_ns)
    current = _corpus["current"]
    if version is None:  # the shared cache fails: the process keeps its corpus until it is too old
        version = current.version if current is not None else time.time_ns()
    if is_stale(current, version):
        with _corpus_lock:
            current = _corpus["current"]
            if is_stale(current, version):
                current = build_corpus(version)
                _corpus["current"] = current
    return current


def is_stale(current, version):
    return current is None or current.version != version or time.monotonic() - current.built_at > STATISTICS_SECONDS


def shared_version(key, default):
    """The version under `key` in the cache every process reads (the page cache's: memcached or files), so that
    a change made in one process is seen by all; None while that cache fails (pages are then served uncached)."""
    try:
        return caches["pages"].get_or_set(key, default, None)
    except Exception:
        logger.warning("The shared cache cannot be read: %s", key, exc_info=True)
        return None


def new_shared_version(key):
    try:
        caches["pages"].set(key, time.time_ns(), None)
    except Exception:
        logger.warning("The shared cache cannot be written: %s", key, exc_info=True)


def build_corpus(version):
    from portal.mentors.models import MentorProfile  # models store vectors built here

    vectors = {pk: vector for pk, vector in MentorProfile.objects.values_list("pk", "matching_vector") if vector}
    statistics = statistics_of(vectors.values())
    return Corpus(version, time.monotonic(), statistics, ProfileIndex(vectors, statistics))


def corpus_statistics():
    return corpus().statistics


def corpus_changed():
    """A profile's text changed: now, and again once the change is committed, so that a process that
    rebuilt the corpus in between, without the change, rebuilds it again."""
    new_shared_version(CORPUS_VERSION_KEY)
    transaction.on_commit(lambda: new_shared_version(CORPUS_VERSION_KEY))


def field_frequencies(vector, statistics, tokens=None):
    """Token -> its frequency in the profile, each field's count weighed by the field and normalised by
    the field's length (BM25F); only the profile's tokens among `tokens`, when given."""
    lengths = vector.get(LENGTHS, {})
    frequencies = {}
    for name, field_weight in FIELD_WEIGHTS.items():
        counts = vector.get(name)
        if not counts:
            continue
        norm = 1 - B[name] + B[name] * lengths.get(name, 0) / statistics.average_lengths[name]
        for token in counts if tokens is None else counts.keys() & tokens:
            frequencies[token] = frequencies.get(token, 0.0) + field_weight * counts[token] / norm
    return frequencies


def saturated(vector, token, statistics):
    """What one unit of the token's weight in a query adds to the profile's score (0 when absent)."""
    frequency = field_frequencies(vector, statistics, {token}).get(token)
    return statistics.idf(token) * frequency * (K1 + 1) / (K1 + frequency) if frequency else 0.0


def contributions(vector, query, statistics):
    """What each token of the query (token -> weight) adds to the profile's score; shared tokens only."""
    frequencies = field_frequencies(vector, statistics, query.keys())
    return {
        token: weight * (statistics.idf(token) * frequencies[token] * (K1 + 1) / (K1 + frequencies[token]))
        for token, weight in query.items()
        if token in frequencies
    }


def telling_values(query, statistics):
    """How much each token of the query can weigh, most first; tokens no profile uses are left out,
    since they can make no difference between mentors."""
    return sorted(
        (weight * statistics.idf(token) for token, weight in query.items() if token in statistics.document_frequency),
        reverse=True,
    )


def ceiling(query, statistics, terms=8):
    """What a profile stating the need's most telling tokens once each would score: a yardstick
    for the strength of a match that does not depend on the other candidates."""
    return sum(telling_values(query, statistics)[:terms]) or 1


def best_token(query, statistics):
    """What the need's most telling token, among those profiles use, can weigh."""
    return next(iter(telling_values(query, statistics)), 0) or 1


class PoolScorer:
    """Scores many needs against the same profiles (a programme's pairing round): each profile's tokens
    are weighed once, then a need only visits the profiles sharing one of its tokens. The scores are
    `contributions()`'s, summed."""

    def __init__(self, vectors, statistics):
        self.by_token = {}
        for key, vector in vectors.items():
            for token in {token for name in FIELD_WEIGHTS for token in vector.get(name, {})}:
                self.by_token.setdefault(token, []).append((key, saturated(vector, token, statistics)))

    def scores(self, query):
        """Profile key -> score, for the profiles sharing at least one token with the query."""
        totals = {}
        for token, weight in query.items():
            for key, value in self.by_token.get(token, ()):
                totals[key] = totals.get(key, 0.0) + weight * value
        return totals
