"""What every endpoint of the JSON API shares: lists served a page at a time, the error bodies the
OpenAPI schema documents, and validation messages in the portal's language.

Every list answers `{"count", "page", "pages", "page_size", "items"}` for `?page=` (from 1) and
`?page_size=` (1 to MAX_PAGE_SIZE, PAGE_SIZE by default). A page past the last one is empty.
"""

import re
from collections.abc import Callable, Sequence
from math import ceil
from typing import Annotated, Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ninja import Field, Schema
from ninja.pagination import PaginationBase
from pydantic import BeforeValidator

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def whole_number(value):
    """JSON Schema's integer, for JSON bodies: 41 and 41.0 are one, `true` and `"41"` are not."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# pydantic's lax mode would take `true` for 1 and `"5"` for 5, which the schema says are not integers.
JsonInteger = Annotated[int, BeforeValidator(whole_number), Field(strict=True)]


class MessageOut(Schema):
    detail: str


class ErrorOut(Schema):
    detail: str = Field(..., description="What went wrong, in the portal's language")
    errors: dict[str, list[str]] = Field(..., description="Messages for each invalid parameter or field, by name")


class PageNumbers(PaginationBase):
    """Django Ninja pagination by page number, with a bounded page size."""

    class Input(Schema):
        page: int = Field(1, ge=1, description="Page number, from 1")
        page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, 1 to {MAX_PAGE_SIZE}")

    class Output(Schema):
        count: int = Field(..., description="How many items all pages hold")
        page: int
        pages: int = Field(..., description="How many pages (0 when there is nothing)")
        page_size: int
        items: list[Any]

    def paginate_queryset(self, queryset, pagination: Input, request, **params):
        count = self._items_count(queryset)
        offset = (pagination.page - 1) * pagination.page_size
        # Never ask the database for an offset past the end: huge page numbers overflow SQL integers.
        items = queryset[offset : offset + pagination.page_size] if offset < count else []
        return {
            "count": count,
            "page": pagination.page,
            "pages": ceil(count / pagination.page_size),
            "page_size": pagination.page_size,
            "items": items,
        }


class Serialised(Sequence):
    """A list whose items are loaded and serialised only for the slice asked for: `load` turns a
    slice of `source` (a list or a queryset) into the output items, in a constant number of queries."""

    def __init__(self, source, load: Callable[[Any], list]):
        self.source = source
        self.load = load

    def __len__(self):
        return self.source.count() if isinstance(self.source, QuerySet) else len(self.source)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Serialised lists are read by slices.")
        return self.load(self.source[index])


def french_message(error):
    """One pydantic (or portal) validation error as a sentence for people."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("Enter a whole number.")
    if kind == "greater_than_equal":
        return _("Enter a number greater than or equal to %(limit)s.") % {"limit": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("Enter a number less than or equal to %(limit)s.") % {"limit": ctx.get("le")}
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return ngettext("%(limit)d character at most.", "%(limit)d characters at most.", limit) % {"limit": limit}
    if kind == "string_too_short":
        limit = ctx.get("min_length")
        return ngettext("At least %(limit)d character.", "At least %(limit)d characters.", limit) % {"limit": limit}
    if kind in {"bool_parsing", "bool_type"}:
        return _("Enter true or false.")
    if kind == "string_type":
        return _("Enter text.")
    if kind in {"model_attributes_type", "model_type", "dict_type"}:
        return _("Send a JSON object.")
    if kind in {"literal_error", "enum"}:
        # Ninja drops the value sent; pydantic names the expected ones, quoted, in `ctx["expected"]`.
        values = [value for value in re.findall(r"'([^']*)'", str(ctx.get("expected", ""))) if value]
        return _("Unknown value. Possible values: %(values)s.") % {"values": ", ".join(values)}
    if kind == "unknown_value":
        return _("Unknown value: “%(value)s”.") % {"value": error.get("input", "")}
    return _("Invalid value.")


def field_name(location):
    """`("query", "limit")` -> "limit"; `("body", "payload", "text")` -> "text"; the body itself -> "body"."""
    parts = list(location[2:] if location and location[0] == "body" else location[1:])
    return ".".join(str(part) for part in parts) or str(location[0] if location else "body")


def field_errors(errors):
    """Validation errors as `{name: [French messages]}`: the shape ErrorOut documents."""
    by_field = {}
    for error in errors:
        by_field.setdefault(field_name(error.get("loc", ())), []).append(french_message(error))
    return by_field
