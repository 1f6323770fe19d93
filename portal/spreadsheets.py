"""The admin's spreadsheet exports: no cell of a CSV file runs as a formula.

Exports carry what visitors typed (a requester's name, a proposal's title, an idea, a survey answer; a
mentor's name also reaches Wagtail's site history through the actions logged on it). A spreadsheet opening
the CSV runs a cell that starts with = + - or @ (or a tab or carriage return before them) as a formula:
`=HYPERLINK(…)` sends whoever clicks to any address with the sheet's data, and `=cmd|…` has run programs.
As OWASP advises, such a cell is written with a single quote before it: spreadsheets then read it as
text. The quote shows, and nothing else changes. It applies to every text cell that starts so, a phone
number such as "+33 6 12 34 56 78" included: a spreadsheet reads that one as a formula or a number too
(and loses its "+" and spaces), and an attack can start like a number ("+1+cmd|…"), so no value is let
through for looking harmless. Numbers and dates exported as such stay numbers and dates.

Every export goes through Wagtail's SpreadsheetExportMixin: wagtail-modeladmin's lists (mentors,
requests, proposals, needs survey), the ideas form's submissions, Wagtail's reports and any listing given
`list_export` later. Wagtail's own views cannot be given a subclass from here, so `make_csv_exports_safe()`
(called once at start-up by portal.home) routes the mixin's CSV writing through `neutralise()`, headings
included. XLSX exports need nothing: Wagtail stores their formula-like cells as text.
"""

import csv

from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value` as a CSV cell that no spreadsheet runs: text starting like a formula gets a quote before it."""
    if isinstance(value, str) and value.lstrip(" \n").startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeWriter:
    """A csv.DictWriter whose every cell goes through `neutralise()`."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row):
        return self.writer.writerow({field: neutralise(value) for field, value in row.items()})


def stream_csv(self, queryset):
    """SpreadsheetExportMixin.stream_csv, writing through FormulaSafeWriter."""
    writer = FormulaSafeWriter(csv.DictWriter(Echo(), fieldnames=self.list_export))
    yield writer.writerow({field: self.get_heading(queryset, field) for field in self.list_export})
    for item in queryset:
        yield self.write_csv_row(writer, self.to_row_dict(item))


def make_csv_exports_safe():
    SpreadsheetExportMixin.stream_csv = stream_csv
