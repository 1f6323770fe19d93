from django.core.management.base import BaseCommand, CommandError

from portal.mentorships.privacy import purge


class Command(BaseCommand):
    help = (
        "Anonymise the mentor requests closed more than N months ago: the requester's name, email, "
        "organisation and messages are removed; dates, statuses and scores stay for the statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, required=True, metavar="MONTHS")

    def handle(self, *args, older_than, **options):
        if older_than < 1:
            raise CommandError("--older-than must be at least 1 month.")
        count = purge(older_than)
        self.stdout.write(f"{count} closed request(s) older than {older_than} months anonymised.")
