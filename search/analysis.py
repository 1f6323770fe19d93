"""Text reduced to the tokens matching and search compare, with where each comes from in the text.

Three kinds of token come out of a text:
- terms: each meaningful word, folded and Snowball-stemmed (search/french.py): "Données" -> "donne";
- phrases: two meaningful words side by side in the same clause, stop words between them allowed:
  "transport à la demande" -> "transport demand", "données ouvertes" -> "donne ouvert";
- equivalents: an expression of the editors' vocabulary of equivalents (taxonomy.Equivalence) found in
  the text gives the token of its whole group, so "open data", "opendata" and "données ouvertes" all
  give the same token, and "TAD" the same as "transport à la demande".

The search backends index terms and equivalents (`index_terms`) beside each profile's and page's text,
so the vocabulary applies on every backend. Phrases are for scoring only (portal/mentors/relevance.py).
"""

import re
import time
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from django.core.cache import cache

from search import french

WORD = re.compile(r"\w+", re.UNICODE)
# What separates clauses: no phrase is made across it. A hyphen or an apostrophe does not.
CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]{}/\\|•·…\n–—\"«»]")
PHRASE_SEPARATOR = " "
EQUIVALENT_PREFIX = "eqv"
VOCABULARY_VERSION_KEY = "analysis:vocabulary"
VOCABULARY_MAX_AGE = 60  # seconds: other processes see an editor's change within a minute at worst
MAX_EXPRESSION_WORDS = 6


@dataclass(frozen=True)
class Token:
    text: str  # the token compared: a term, "term term" for a phrase, "eqv<n>" for an equivalent
    start: int  # where it comes from in the text, to show it to people
    end: int


@dataclass(frozen=True)
class Word:
    term: str
    start: int
    end: int
    clause: int


def meaningful_words(text):
    """The text's words that carry meaning, as terms with their place and clause number."""
    text = text or ""
    found, clause, previous_end = [], 0, 0
    for match in WORD.finditer(text):
        if CLAUSE_BREAK.search(text, previous_end, match.start()):
            clause += 1
        previous_end = match.end()
        word = match.group()
        if french.is_meaningful(word):
            found.append(Word(french.term(word), match.start(), match.end(), clause))
    return found


@lru_cache(maxsize=10_000)
def expression_terms(expression):
    """An expression as the sequence of terms matching looks for ("Données ouvertes" -> ("donne", "ouvert"))."""
    return tuple(word.term for word in meaningful_words(expression))


class Vocabulary:
    """The editors' groups of equivalent expressions, ready to be found in a text."""

    def __init__(self, groups=()):
        # first term -> [(terms, token)], longest expressions first so that they win over their parts
        self.starts = {}
        self.labels = {}
        for token, label, expressions in groups:
            self.labels[token] = label
            for expression in expressions:
                terms = expression_terms(expression)
                if terms:
                    self.starts.setdefault(terms[0], []).append((terms, token))
        for candidates in self.starts.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))

    def find(self, words):
        """(token, first word index, last word index) of every expression found among the words."""
        found = []
        for index, word in enumerate(words):
            for terms, token in self.starts.get(word.term, ()):
                end = index + len(terms)
                span = words[index:end]
                if len(span) == len(terms) and all(
                    w.term == t and w.clause == word.clause for w, t in zip(span, terms, strict=True)
                ):
                    found.append((token, index, end - 1))
                    break
        return found


_memo = {"version": None, "loaded_at": 0.0, "vocabulary": Vocabulary()}


def vocabulary():
    """The current vocabulary of equivalents, rebuilt when an editor changes it (see `vocabulary_changed`)."""
    version = cache.get(VOCABULARY_VERSION_KEY)
    if version is None:
        version = cache.get_or_set(VOCABULARY_VERSION_KEY, time.time_ns(), None)
    now = time.monotonic()
    if version != _memo["version"] or now - _memo["loaded_at"] > VOCABULARY_MAX_AGE:
        from portal.taxonomy.models import Equivalence  # the vocabulary lives with the other vocabularies

        groups = [(group.token, group.label, group.expression_list()) for group in Equivalence.objects.all()]
        _memo.update(version=version, loaded_at=now, vocabulary=Vocabulary(groups))
    return _memo["vocabulary"]


def vocabulary_changed():
    cache.set(VOCABULARY_VERSION_KEY, time.time_ns(), None)


def tokens(text, *, phrases=True, equivalents=True):
    """Every token of the text, in order of appearance (repeats kept: they count)."""
    words = meaningful_words(text)
    found = [Token(word.term, word.start, word.end) for word in words]
    if phrases:
        found += [
            Token(f"{first.term}{PHRASE_SEPARATOR}{second.term}", first.start, second.end)
            for first, second in pairwise(words)
            if first.clause == second.clause
        ]
    if equivalents:
        found += [Token(token, words[first].start, words[last].end) for token, first, last in vocabulary().find(words)]
    return found


def index_terms(text):
    """What search backends index beside a text: its terms and equivalents, without repeats."""
    return " ".join(dict.fromkeys(token.text for token in tokens(text, phrases=False)))


def is_phrase(token):
    return PHRASE_SEPARATOR in token


def is_equivalent(token):
    return token.startswith(EQUIVALENT_PREFIX) and token[len(EQUIVALENT_PREFIX) :].isdigit()
