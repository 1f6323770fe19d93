from django.core.management.base import BaseCommand

from portal.mentors.refresh import refresh_matching


class Command(BaseCommand):
    help = (
        "Rebuild every mentor's matching vector and every search index (after an upgrade, a bulk import, "
        "or when the background worker could not follow a change of the vocabulary of equivalents)."
    )

    def handle(self, *args, **options):
        changed = refresh_matching()
        self.stdout.write(f"Matching vectors rebuilt ({changed} changed); search indexes updated.")
