"""The admin's spreadsheet exports: files a French office opens as they are, where no cell runs as a formula.

Every export goes through Wagtail's SpreadsheetExportMixin: wagtail-modeladmin's lists (mentors, requests,
proposals, needs survey, theme suggestions), the ideas form's submissions, Wagtail's reports and redirects,
and any list given `list_export` later (a snippet's too). These are Wagtail's and wagtail-modeladmin's classes,
which our lists and Wagtail's own views instantiate: a subclass here would miss Wagtail's views and any list
added later, so `make_exports_office_ready()` (called once at start-up by portal.home) installs the functions
below on them. The same rules then hold in every export:

- CSV in UTF-8 with a byte order mark and `;` between cells: what Excel and LibreOffice expect in France
  (without the mark Excel reads UTF-8 as Windows-1252, « Ã© » for « é »; with `,` a French Excel puts each line
  in one cell). XLSX stays offered beside it.
- Values as the admin shows them: a choice's label (« Publié », not `published`), « Oui »/« Non » for a yes/no,
  a related record's name, several values joined with ", " (themes, models, languages), a list's own HTML
  column as its text, nothing (an empty cell) where there is no value.
- Times in the site's time zone (TIME_ZONE, Europe/Paris, whatever zone an editor chose in their account), to
  the minute, written « 28/11/2026 14:05 » in CSV: that is the form a French Excel and LibreOffice read as a
  date and time when they open the file (they read dates in the order of their locale, day first in France;
  ISO 8601 with its « T » stays text in Excel), and a person reads it as it is. In XLSX they are real dates
  shown with the same format, whatever the office's language.
- Headings as written: the field's label with its first letter capitalised (« Type d'acteur »), not
  wagtail-modeladmin's title case (« Type D'Acteur »).

No cell of a CSV file runs as a formula. Exports carry what visitors typed (a requester's name, a proposal's
title, an idea, a survey answer; a mentor's name also reaches Wagtail's site history). A spreadsheet opening the
CSV runs a cell that starts with = + - or @ (or a tab or carriage return before them) as a formula:
`=HYPERLINK(…)` sends whoever clicks to any address with the sheet's data, and `=cmd|…` has run programs. As
OWASP advises, such a cell is written with a single quote before it: spreadsheets then read it as text. The
quote shows, and nothing else changes. It applies to every text cell that starts so, a phone number such as
"+33 6 12 34 56 78" included: a spreadsheet reads that one as a formula or a number too (and loses its "+" and
spaces), and an attack can start like a number ("+1+cmd|…"), so no value is let through for looking harmless.
Numbers and dates exported as such stay numbers and dates. XLSX needs no quote: its formula-like cells are
stored as text.
"""

import csv
import datetime
import html
import re
from collections import OrderedDict
from decimal import Decimal

from django.contrib.admin.utils import label_for_field
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin
from wagtail.coreutils import multigetattr

from wagtail_modeladmin.views import IndexView as ModelAdminIndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"
LIST_SEPARATOR = ", "
CSV_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
CSV_DATE_FORMAT = "%d/%m/%Y"
XLSX_DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
XLSX_DATE_FORMAT = "dd/mm/yyyy"
CSV, XLSX = SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX


class OfficeDialect(csv.excel):
    """Excel's CSV (quotes where needed, CRLF lines) with the separator of French offices."""

    delimiter = ";"


def neutralise(value):
    """`value` as a CSV cell that no spreadsheet runs: text starting like a formula gets a quote before it."""
    if isinstance(value, str) and value.lstrip(" \n").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def site_time(value):
    """An aware date and time in the site's time zone, to the second, without its zone (as offices keep them)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value, timezone.get_default_timezone())
    return value.replace(tzinfo=None, microsecond=0)


def office_value(value, export_format=CSV):
    """`value` as an office reads it: text, a number, or (in XLSX) a date; None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        value = site_time(value)
        return value if export_format == XLSX else value.strftime(CSV_DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return value if export_format == XLSX else value.strftime(CSV_DATE_FORMAT)
    if isinstance(value, (int, Decimal, float)):
        # A French office reads "3,5" as a number and "3.5" as text (or a date).
        return value if export_format == XLSX or isinstance(value, int) else str(value).replace(".", ",")
    if isinstance(value, models.Manager):
        value = value.all()
    if isinstance(value, (list, tuple, set, frozenset, models.QuerySet)):
        return LIST_SEPARATOR.join(str(office_value(item, CSV)) for item in value if item not in (None, ""))
    if isinstance(value, SafeData):
        # A list's own column may be HTML (a link to the record): its text, as the list shows it.
        return html.unescape(strip_tags(value))
    return force_str(value)


def export_value(item, field, owner=None):
    """What the column `field` of `list_export` holds for `item`, before `office_value()`: a method of the list
    (`owner`) given the item, a choice field's label, a related record or the records of a many-to-many field,
    else the attribute at that dotted path (called when callable)."""
    method = getattr(owner, field, None) if owner is not None else None
    if callable(method):
        return method(item)
    if field.endswith("verbose_name.title"):
        # Wagtail's page reports title-case the page type (« Page D'Accueil »): the label as written instead.
        return capfirst(force_str(multigetattr(item, field.removesuffix(".title"))))
    try:
        model_field = item._meta.get_field(field)
    except (AttributeError, FieldDoesNotExist):
        return multigetattr(item, field)
    if model_field.choices and not model_field.is_relation:
        return getattr(item, f"get_{field}_display")()
    return getattr(item, field)


def export_heading(label):
    return capfirst(force_str(label))


def relations_to_prefetch(model, fields):
    """The relations among `fields` (foreign keys, many-to-many, tags): one query each, not one per row."""
    relations = []
    for field in fields:
        try:
            model_field = model._meta.get_field(field)
        except FieldDoesNotExist:
            continue
        if model_field.is_relation and not model_field.auto_created:
            relations.append(field)
    return relations


# --- Installed on Wagtail's SpreadsheetExportMixin: every export ----------------------------------------------
def to_row_dict(self, item):
    """Wagtail's views: values as above, except where the view has its own function for a column."""
    return OrderedDict(
        (field, multigetattr(item, field) if field in self.custom_field_preprocess else export_value(item, field))
        for field in self.list_export
    )


def preprocess_field_value(self, field, value, export_format):
    """The view's own function for this column, if any, then `office_value()`."""
    function = self.custom_field_preprocess.get(field, {}).get(export_format)
    if function is not None:
        value = function(value)
    return office_value(value, export_format)


def stream_csv(self, queryset):
    """UTF-8 with its byte order mark, `;` between cells, no cell run as a formula (headings included)."""
    writer = csv.DictWriter(Echo(), fieldnames=self.list_export, dialect=OfficeDialect)
    yield BYTE_ORDER_MARK.encode()
    headings = {field: neutralise(self.get_heading(queryset, field)) for field in self.list_export}
    yield writer.writerow(headings)
    for item in queryset:
        row = self.to_row_dict(item)
        yield writer.writerow(
            {field: neutralise(self.preprocess_field_value(field, value, CSV)) for field, value in row.items()}
        )


def write_csv_response(self, queryset):
    response = StreamingHttpResponse(self.stream_csv(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
    return response


def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
    """Cells whose formula-like text stays text, and dates shown day first, to the minute."""
    from openpyxl.cell import WriteOnlyCell

    for field, value in row_dict.items():
        cell = WriteOnlyCell(worksheet, self.preprocess_field_value(field, value, XLSX))
        if cell.data_type == "f":
            cell.data_type = "s"
        if isinstance(cell.value, datetime.datetime):
            cell.number_format = XLSX_DATETIME_FORMAT
        elif isinstance(cell.value, datetime.date):
            cell.number_format = XLSX_DATE_FORMAT
        yield cell


def write_xlsx(self, queryset, output):
    """One sheet named after the file (not "Sheet1"), headed like the CSV."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=re.sub(r"[\[\]:*?/\\]", "-", self.get_filename())[:31])
    worksheet.append([self.get_heading(queryset, field) for field in self.list_export])
    for item in queryset:
        worksheet.append(self.generate_xlsx_row(worksheet, self.to_row_dict(item)))
    workbook.save(output)


# --- Installed on wagtail-modeladmin's IndexView: the editors' lists -------------------------------------------
def modeladmin_heading(self, queryset, field):
    """The list's `export_headings` for the column, else the field's label as written (wagtail-modeladmin title-cases
    it, and does not pass a model admin's `export_headings` to its view)."""
    heading = getattr(self.model_admin, "export_headings", {}).get(field) or self.export_headings.get(field)
    if heading:
        return force_str(heading)
    return export_heading(label_for_field(field, model=self.model, model_admin=self.model_admin))


def modeladmin_row_dict(self, item):
    """The values above (wagtail-modeladmin exports raw codes, and "-" where there is none)."""
    return OrderedDict((field, export_value(item, field, owner=self.model_admin)) for field in self.list_export)


def modeladmin_as_spreadsheet(self, queryset, spreadsheet_format):
    relations = relations_to_prefetch(self.model, self.list_export)
    if relations and isinstance(queryset, models.QuerySet):
        queryset = queryset.prefetch_related(*relations)
    return SpreadsheetExportMixin.as_spreadsheet(self, queryset, spreadsheet_format)


def make_exports_office_ready():
    SpreadsheetExportMixin.to_row_dict = to_row_dict
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.stream_csv = stream_csv
    SpreadsheetExportMixin.write_csv_response = write_csv_response
    SpreadsheetExportMixin.generate_xlsx_row = generate_xlsx_row
    SpreadsheetExportMixin.write_xlsx = write_xlsx
    ModelAdminIndexView.get_heading = modeladmin_heading
    ModelAdminIndexView.to_row_dict = modeladmin_row_dict
    ModelAdminIndexView.as_spreadsheet = modeladmin_as_spreadsheet
