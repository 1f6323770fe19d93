from portal.importing import ImportCommand
from portal.mentors.importers import COLUMNS, MentorImporter


class Command(ImportCommand):
    help = (
        "Import mentor profiles from a CSV file, idempotent by email. Header (any order): "
        + ",".join(COLUMNS)
        + ". Lists are ;-separated. Imported mentors are recorded as having accepted the current ethics "
        "charter: import only people who signed it."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--pending", action="store_true", help="Leave new profiles awaiting approval instead of publishing them"
        )

    def get_importer(self, pending, **options):
        return MentorImporter(publish=not pending, progress=self.show_progress)
