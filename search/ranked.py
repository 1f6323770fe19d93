"""Ranked ids of indexed objects for a list of words, with the fastest query each backend allows.

On SQLite, Wagtail's database backend ranks with a correlated bm25() subquery per candidate row: about
2.5 s for a challenge-length query over 2,000 mentors on a 2-core machine (10 s at 2,400 rows in
NOTES.md). One FTS5 query on the same index table, `MATCH … ORDER BY bm25() LIMIT n`, answers in about
10 ms, so that is what runs there, with the queryset as a subquery: SQLite ranks only the objects the
caller may show, and site search counts and pages them there (`SQLiteRankedResults`) rather than ranking a
thousand ids to show three. PostgreSQL and Elasticsearch go through Wagtail's search API.

Visitors' words are searched with their French variants (`variants=True`): each word matches as typed,
without its accents, or by its Snowball stem, which pages and profiles index beside their text
(search/french.py). Every search goes through search/engine.py, which falls back to the database
backend while Elasticsearch is unreachable.
"""

import re
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from modelsearch.index import get_indexed_models
from modelsearch.query import And, Or, PlainText

from search import analysis, engine, french

WORD = re.compile(r"\w+")


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
    if is_sqlite_backend(backend):
        return sqlite_ranked(queryset, groups, operator, limit)
    # Only the primary keys: a thousand profiles read whole (their vectors are JSON) cost more than the search.
    results = backend.search(backend_query(groups, operator), queryset.only("pk")).annotate_score("_score")
    return [(obj.pk, obj._score or 0) for obj in results[:limit]]


def backend_query(groups, operator):
    alternatives = [
        Or([PlainText(form) for form in group]) if len(group) > 1 else PlainText(group[0]) for group in groups
    ]
    return alternatives[0] if len(alternatives) == 1 else (And if operator == "and" else Or)(alternatives)


def is_sqlite_backend(backend):
    if connection.vendor != "sqlite":
        return False
    # Imported here: the module reads Wagtail's SQLite search models, which exist on SQLite only.
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(backend, SQLiteSearchBackend)


def sqlite_ranked(queryset, groups, operator, limit):
    return SQLiteMatches(queryset, groups, operator).ranked(limit)


class SQLiteMatches:
    """The queryset's objects whose index entries match the words, in one FTS5 statement: the queryset
    goes in as a subquery, so that SQLite ranks only the objects it holds, and counts or pages them
    without sending their ids back and forth."""

    def __init__(self, queryset, groups, operator):
        from wagtail.search.models import IndexEntry

        self.table = IndexEntry._meta.db_table
        # Words are \w+: nothing to escape inside the quotes.
        self.match = f" {operator.upper()} ".join(
            "(" + " OR ".join(f'"{form}"' for form in group) + ")" for group in groups
        )
        # Entries are stored under each object's own model: a query on Page reads every page type's.
        models = [model for model in get_indexed_models() if issubclass(model, queryset.model)]
        self.content_types = [ContentType.objects.get_for_model(model).pk for model in models]
        self.objects = queryset.order_by().values("pk").query.sql_with_params()

    def ranked(self, limit, offset=0, *, with_count=False):
        """(primary key, relevance) best first, and with `with_count` how many match in all; bm25() is lower
        for better matches: its opposite is a relevance."""
        objects_sql, objects_params = self.objects
        # Only the table name, from Wagtail's model, and the queryset's own SQL are formatted in; the words
        # and every value go as parameters. CROSS JOIN keeps the full-text match as the outer loop: left to
        # itself, SQLite may walk the queryset's objects and test the match on each (a second per count).
        # bm25() is not allowed beside a window function: the count is taken around the ranked rows.
        sql = f"""
            SELECT object_id, -score {", COUNT(*) OVER ()" if with_count else ""} FROM (
                SELECT entry.object_id AS object_id, bm25({self.table}_fts) AS score
                FROM {self.table}_fts AS fts CROSS JOIN {self.table} AS entry ON entry.id = fts.rowid
                WHERE {self.table}_fts MATCH %s
                  AND entry.content_type_id IN ({", ".join(["%s"] * len(self.content_types))})
                  AND entry.object_id IN ({objects_sql})
            )
            ORDER BY score LIMIT %s OFFSET %s
        """  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match, *self.content_types, *objects_params, limit, offset])
            return [(int(object_id), *values) for object_id, *values in cursor.fetchall()]


class RankedResults:
    """Objects in ranked order, fetched page by page: what Paginator and templates need."""

    def __init__(self, queryset, ids):
        self.queryset = queryset
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def count(self):
        return len(self)

    def page_ids(self, start, stop):
        return self.ids[start:stop]

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        ids = self.page_ids(start, stop) if stop > start else []
        by_id = self.queryset.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]


class SQLiteRankedResults(RankedResults):
    """The same, counted and paged by SQLite: one statement gives the count and the first results (what
    site search shows of each kind), another each further page."""

    def __init__(self, queryset, matches, limit, first=10):
        self.queryset = queryset
        self.matches = matches
        self.limit = limit
        self.first = first

    @cached_property
    def first_results(self):
        """(how many match, the ids of the first results)."""
        rows = self.matches.ranked(self.first, 0, with_count=True)
        return (rows[0][2] if rows else 0), [pk for pk, _relevance, _count in rows]

    def __len__(self):
        return min(self.first_results[0], self.limit)

    def page_ids(self, start, stop):
        if stop <= self.first:
            return self.first_results[1][start:stop]
        return [pk for pk, _relevance in self.matches.ranked(stop - start, start)]


class BackendRankedResults(RankedResults):
    """The same on PostgreSQL and Elasticsearch: counted and paged by the backend, each call through
    search/engine.py (an unreachable Elasticsearch leaves it to the database backend)."""

    def __init__(self, queryset, query, limit):
        self.queryset = queryset
        self.query = query
        self.limit = limit

    @cached_property
    def total(self):
        return min(engine.run(lambda backend: backend.search(self.query, self.queryset).count()), self.limit)

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        if stop <= start:
            return []
        return engine.run(lambda backend: list(backend.search(self.query, self.queryset)[start:stop]))


def ranked_results(queryset, words, *, operator="and", limit=1000, variants=True):
    """What site search lists: the objects matching the words, best first, counted and paged lazily."""
    groups = word_groups(words, variants)
    if not groups:
        return RankedResults(queryset, [])
    if not engine.has_fallback() and is_sqlite_backend(engine.state.backend("default")):
        return SQLiteRankedResults(queryset, SQLiteMatches(queryset, groups, operator), limit)
    return BackendRankedResults(queryset, backend_query(groups, operator), limit)
