from django.core.management.base import BaseCommand

from portal.pilotage import opendata


class Command(BaseCommand):
    help = (
        "Count and anonymise the programme's figures and publish them (the page « Le programme en chiffres » "
        "and its open data). Daily, from cron."
    )

    def handle(self, *args, **options):
        release = opendata.publish()
        self.stdout.write(f"Figures published at {release.made_at:%Y-%m-%d %H:%M}.")
