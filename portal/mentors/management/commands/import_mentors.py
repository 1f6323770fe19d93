from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.mentors.importers import COLUMNS, ImportFileError, MentorImporter

PROGRESS_FROM_ROWS = 200


class Command(BaseCommand):
    help = (
        "Import mentor profiles from a CSV file, idempotent by email. Header (any order): "
        + ",".join(COLUMNS)
        + ". Lists are ;-separated. Imported mentors are recorded as having accepted the current ethics "
        "charter: import only people who signed it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file, UTF-8")
        parser.add_argument(
            "--pending", action="store_true", help="Leave new profiles awaiting approval instead of publishing them"
        )

    def handle(self, *args, file, pending, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s.") % {"file": file, "error": error.strerror}
            ) from error
        importer = MentorImporter(publish=not pending, progress=self.show_progress)
        try:
            report = importer.run(content)
        except ImportFileError as error:
            raise CommandError(_("%(error)s Nothing was imported.") % {"error": error}) from error
        if report.unknown_columns:
            columns = ", ".join(report.unknown_columns)
            self.stderr.write(self.style.WARNING(_("Unknown columns ignored: %(columns)s") % {"columns": columns}))
        for line, reason in report.errors:
            self.stderr.write(
                self.style.ERROR(_("Line %(line)d skipped: %(reason)s") % {"line": line, "reason": reason})
            )
        summary = _("%(created)d created, %(updated)d updated, %(skipped)d skipped.") % vars(report)
        self.stdout.write(self.style.SUCCESS(summary))

    def show_progress(self, done, total):
        if total >= PROGRESS_FROM_ROWS and (done == total or done % max(total // 100, 1) == 0):
            ending = "\n" if done == total else ""
            self.stderr.write(f"\r{done * 100 // total:3d} % ({done}/{total})", ending=ending)
            self.stderr.flush()
