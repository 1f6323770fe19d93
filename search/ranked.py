"""Ranked ids of indexed objects for a list of words, with the fastest query each backend allows.

On SQLite, Wagtail's database backend ranks with a correlated bm25() subquery per candidate row: about
2.5 s for a challenge-length query over 2,000 mentors on a 2-core machine (10 s at 2,400 rows in
NOTES.md). One FTS5 query on the same index table, `MATCH … ORDER BY bm25() LIMIT n`, answers in about
10 ms, so that is what runs there. PostgreSQL and Elasticsearch go through Wagtail's search API.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from wagtail.search.backends import get_search_backend

WORD = re.compile(r"\w+")
# How many ranked entries to read before keeping those of the queryset (filters come after the ranking).
SQLITE_READ_AHEAD = 5


def ranked_ids(queryset, words, *, operator="or", limit=100):
    """Primary keys of `queryset` objects matching the words (all of them, or any), best first."""
    return [pk for pk, _relevance in ranked(queryset, words, operator=operator, limit=limit)]


def ranked(queryset, words, *, operator="or", limit=100):
    """(primary key, relevance) of `queryset` objects matching the words, best first; the best
    relevance is 1.0 and equally relevant objects get the same value, whatever their order."""
    words = [word for text in words for word in WORD.findall(text)]
    if not words:
        return []
    backend = get_search_backend()
    # Imported here: the module reads Wagtail's search models, and page models import this one first.
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    if isinstance(backend, SQLiteSearchBackend) and connection.vendor == "sqlite":
        scored = sqlite_ranked(queryset, words, operator, limit)
    else:
        results = backend.search(" ".join(words), queryset, operator=operator).annotate_score("_score")
        scored = [(obj.pk, obj._score or 0) for obj in results[:limit]]
    best = max((score for _pk, score in scored), default=0) or 1
    return [(pk, score / best) for pk, score in scored]


def sqlite_ranked(queryset, words, operator, limit):
    from wagtail.search.models import IndexEntry

    table = IndexEntry._meta.db_table
    match = f" {operator.upper()} ".join(f'"{word}"' for word in words)  # words are \w+: nothing to escape
    content_type = ContentType.objects.get_for_model(queryset.model)
    # Only the table name, from Wagtail's model, is formatted in; the words go as parameters.
    # bm25() is lower for better matches: its opposite is a relevance.
    sql = f"""
        SELECT entry.object_id, -bm25({table}_fts) AS relevance
        FROM {table}_fts AS fts JOIN {table} AS entry ON entry.id = fts.rowid
        WHERE {table}_fts MATCH %s AND entry.content_type_id = %s ORDER BY bm25({table}_fts) LIMIT %s
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, content_type.pk, limit * SQLITE_READ_AHEAD])
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


def ranked_results(queryset, words, *, operator="and", limit=1000):
    return RankedResults(queryset, ranked_ids(queryset, words, operator=operator, limit=limit))
