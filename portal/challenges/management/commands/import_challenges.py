from portal.challenges.importers import COLUMNS, ChallengeImporter
from portal.importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import challenges from a CSV file, idempotent by title, published under the challenge index. "
        "Header (any order): " + ",".join(COLUMNS) + ". Lists are ;-separated."
    )

    def get_importer(self, **options):
        return ChallengeImporter(progress=self.show_progress)
