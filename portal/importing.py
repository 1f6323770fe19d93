"""What CSV imports share: reading the file safely, splitting lists, reporting, the command."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify
from django.utils.translation import gettext as _

LIST_SEPARATOR = ";"
PROGRESS_FROM_ROWS = 200


class ImportFileError(Exception):
    """The file as a whole cannot be imported; nothing was written."""


def split_list(value):
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


def vocabulary_codes(value, allowed, message, *, many=True):
    """The ;-separated codes of a cell (slugified: "Île-de-France" -> "ile-de-france"), all in `allowed`,
    or a ValidationError whose message names the unknown ones and the expected codes."""
    codes = [slugify(item) for item in split_list(value)] if many else [slugify(value)]
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        raise forms.ValidationError(message, params={"value": ", ".join(unknown), "choices": ", ".join(allowed)})
    return codes if many else codes[0]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)
    unknown_columns: list = field(default_factory=list)


def read_rows(content, columns, required_columns):
    """The CSV's rows as (line number, dict); raises ImportFileError for an unusable file."""
    try:
        text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The file is not UTF-8 encoded text: is it really a CSV file?")) from error
    if "\x00" in text:
        raise ImportFileError(_("The file is not UTF-8 encoded text: is it really a CSV file?"))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        raise ImportFileError(_("The file cannot be read as CSV: %(error)s") % {"error": error}) from error
    missing = [column for column in required_columns if column not in header]
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(columns)s. Expected header: %(header)s")
            % {"columns": ", ".join(missing), "header": ",".join(columns)}
        )
    reader.fieldnames = header
    try:
        rows, first_line = [], reader.line_num + 1
        for row in reader:
            rows.append((first_line, row))  # a quoted value may span lines: report where the row starts
            first_line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(_("The file cannot be read as CSV: %(error)s") % {"error": error}) from error
    return header, rows


class ImportCommand(BaseCommand):
    """Runs an importer on a CSV file and reports: unknown columns, each skipped row, a summary."""

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file, UTF-8")

    def get_importer(self, **options):
        raise NotImplementedError

    def handle(self, *args, file, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            message = _("Cannot read %(file)s: %(error)s.") % {"file": file, "error": error.strerror}
            raise CommandError(message) from error
        try:
            report = self.get_importer(**options).run(content)
        except ImportFileError as error:
            raise CommandError(_("%(error)s Nothing was imported.") % {"error": error}) from error
        if report.unknown_columns:
            columns = ", ".join(report.unknown_columns)
            self.stderr.write(self.style.WARNING(_("Unknown columns ignored: %(columns)s") % {"columns": columns}))
        for line, reason in report.errors:
            message = _("Line %(line)d skipped: %(reason)s") % {"line": line, "reason": reason}
            self.stderr.write(self.style.ERROR(message))
        summary = _("%(created)d created, %(updated)d updated, %(skipped)d skipped.") % vars(report)
        self.stdout.write(self.style.SUCCESS(summary))

    def show_progress(self, done, total):
        if total >= PROGRESS_FROM_ROWS and (done == total or done % max(total // 100, 1) == 0):
            ending = "\n" if done == total else ""
            self.stderr.write(f"\r{done * 100 // total:3d} % ({done}/{total})", ending=ending)
            self.stderr.flush()
