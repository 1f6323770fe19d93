"""Accent- and case-insensitive `contains` in the database, for the admin's list searches: "elodie" finds
"Élodie" and "Élodie" finds "Elodie", on SQLite and PostgreSQL alike.

The column is folded by the database: on SQLite (whose LOWER() folds ASCII letters only) by a function the
portal gives each connection, `search.french.fold` itself; on PostgreSQL by LOWER() and TRANSLATE() of the
accented letters (no `unaccent` extension needed). The typed words are folded by `search.french.fold`.
"""

import operator
from functools import reduce

from django.db.models import Func, Q, TextField

from wagtail_modeladmin.helpers.search import DjangoORMSearchHandler

from search.french import fold

SQLITE_FUNCTION = "PORTAL_FOLD"
ACCENTED = "àâäáãåçéèêëîïíìñôöóòõùûüúÿý"
PLAIN = "aaaaaaceeeeiiiinooooouuuuyy"


def add_fold_to_sqlite(sender, connection, **kwargs):
    """`connection_created`: SQLite connections learn PORTAL_FOLD(text)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION, 1, lambda text: None if text is None else fold(text), deterministic=True
        )


class Folded(Func):
    """A column in lower case, without accents."""

    arity = 1
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra_context)

    def as_sql(self, compiler, connection, **extra_context):
        template = f"TRANSLATE(LOWER(%(expressions)s), '{ACCENTED}', '{PLAIN}')"
        return super().as_sql(compiler, connection, template=template, **extra_context)


def search_folded(queryset, field_names, search_term):
    """The rows where every word of `search_term` is in one of the fields, whatever the accents and case."""
    words = [fold(word) for word in search_term.split()]
    if not words or not field_names:
        return queryset
    aliases = {f"folded_{name.replace('__', '_')}": Folded(name) for name in field_names}
    queryset = queryset.alias(**aliases)
    for word in words:
        queryset = queryset.filter(reduce(operator.or_, (Q(**{f"{alias}__contains": word}) for alias in aliases)))
    return queryset


class FoldedSearchHandler(DjangoORMSearchHandler):
    """wagtail-modeladmin's list search, blind to accents and case (its own is blind to case only)."""

    def search_queryset(self, queryset, search_term, **kwargs):
        if not search_term or not self.search_fields:
            return queryset
        return search_folded(queryset, self.search_fields, search_term)
