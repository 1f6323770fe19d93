"""Ranked ids of indexed objects for a list of words, with the fastest query each backend allows.

On SQLite, Wagtail's database backend ranks with a correlated bm25() subquery per candidate row: about
2.5 s for a challenge-length query over 2,000 mentors on a 2-core machine (10 s at 2,400 rows in
NOTES.md). One FTS5 query on the same index table, `MATCH … ORDER BY bm25() LIMIT n`, answers in about
10 ms, so that is what runs there. PostgreSQL and Elasticsearch go through Wagtail's search API.

Visitors' words are searched with their French variants (`variants=True`): each word matches as typed,
without its accents, or by its Snowball stem, which pages and profiles index beside their text
(search/french.py). Every search goes through search/engine.py, which falls back to the database
backend while Elasticsearch is unreachable.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from modelsearch.index import get_indexed_models
from modelsearch.query import And, Or, PlainText

from search import analysis, engine, french

WORD = re.compile(r"\w+")
# How many ranked entries to read before keeping those of the queryset (filters come after the ranking).
SQLITE_READ_AHEAD = 5


def word_groups(words, variants):
    """One list of alternatives per word: the word itself, and with `variants` its folded and stemmed forms."""
    words = [word.lower() for text in words for word in WORD.findall(text)]
    if not variants:
        return [[word] for word in words]
    groups = []
    for word in words:
        forms = [word, french.fold(word)]
        if french.words(word):  # a stop word is searched as typed only
            forms.append(french.term(word))
        groups.append(list(dict.fromkeys(forms)))
    return with_equivalents(words, groups)


def with_equivalents(words, groups):
    """An expression of the vocabulary of equivalents also finds its equivalents ("covoit" finds
    "covoiturage"); an expression of several words is searched as a whole ("données ouvertes" finds
    "open data" and "données ouvertes", not a text where "données" and "ouvertes" are far apart)."""
    meaningful = [
        analysis.Word(french.term(word), index, index, 0) for index, word in enumerate(words) if french.words(word)
    ]
    replaced = {}
    for token, first, last in analysis.vocabulary().find(meaningful):
        start, end = meaningful[first].start, meaningful[last].end
        if any(index in replaced for index in range(start, end + 1)):
            continue
        if start == end:
            groups[start] = [*groups[start], token]
        else:
            replaced.update(dict.fromkeys(range(start, end + 1), token))
    result, done = [], set()
    for index, group in enumerate(groups):
        if index not in replaced:
            result.append(group)
        elif replaced[index] not in done:
            done.add(replaced[index])
            result.append([replaced[index]])
    return result


def ranked_ids(queryset, words, *, operator="or", limit=100, variants=False):
    """Primary keys of `queryset` objects matching the words (all of them, or any), best first."""
    return [pk for pk, _relevance in ranked(queryset, words, operator=operator, limit=limit, variants=variants)]


def ranked(queryset, words, *, operator="or", limit=100, variants=False):
    """(primary key, relevance) of `queryset` objects matching the words, best first; the best
    relevance is 1.0 and equally relevant objects get the same value, whatever their order."""
    groups = word_groups(words, variants)
    if not groups:
        return []
    scored = engine.run(lambda backend: backend_ranked(backend, queryset, groups, operator, limit))
    best = max((score for _pk, score in scored), default=0) or 1
    return [(pk, score / best) for pk, score in scored]


def backend_ranked(backend, queryset, groups, operator, limit):
    if connection.vendor == "sqlite":
        # Imported here: the module reads Wagtail's SQLite search models, which exist on SQLite only.
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return sqlite_ranked(queryset, groups, operator, limit)
    alternatives = [
        Or([PlainText(form) for form in group]) if len(group) > 1 else PlainText(group[0]) for group in groups
    ]
    query = alternatives[0] if len(alternatives) == 1 else (And if operator == "and" else Or)(alternatives)
    results = backend.search(query, queryset).annotate_score("_score")
    return [(obj.pk, obj._score or 0) for obj in results[:limit]]


def sqlite_ranked(queryset, groups, operator, limit):
    from wagtail.search.models import IndexEntry

    table = IndexEntry._meta.db_table
    # Words are \w+: nothing to escape inside the quotes.
    match = f" {operator.upper()} ".join("(" + " OR ".join(f'"{form}"' for form in group) + ")" for group in groups)
    # Entries are stored under each object's own model: a query on Page reads every page type's.
    models = [model for model in get_indexed_models() if issubclass(model, queryset.model)]
    content_types = [ContentType.objects.get_for_model(model).pk for model in models]
    # Only the table name, from Wagtail's model, is formatted in; the words go as parameters.
    # bm25() is lower for better matches: its opposite is a relevance.
    sql = f"""
        SELECT entry.object_id, -bm25({table}_fts) AS relevance
        FROM {table}_fts AS fts JOIN {table} AS entry ON entry.id = fts.rowid
        WHERE {table}_fts MATCH %s AND entry.content_type_id IN ({", ".join(["%s"] * len(content_types))})
        ORDER BY bm25({table}_fts) LIMIT %s
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *content_types, limit * SQLITE_READ_AHEAD])
        scored = [(int(object_id), relevance) for object_id, relevance in cursor.fetchall()]
    kept = set(queryset.filter(pk__in=[pk for pk, _relevance in scored]).values_list("pk", flat=True))
    return [(pk, relevance) for pk, relevance in scored if pk in kept][:limit]


class RankedResults:
    """Objects in ranked order, fetched page by page: what Paginator and templates need."""

    def __init__(self, queryset, ids):
        self.queryset = queryset
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def count(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids[index]
        by_id = self.queryset.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]


def ranked_results(queryset, words, *, operator="and", limit=1000, variants=True):
    return RankedResults(queryset, ranked_ids(queryset, words, operator=operator, limit=limit, variants=variants))
