from django.core.management.base import BaseCommand, CommandError

from portal.challenges.models import ChallengePage
from portal.contributions.demo import load_contributions
from portal.home.demo import DemoLoader
from portal.mentors.demo import load_mentors
from portal.mentorships.demo import load_history
from portal.programmes.demo import load_programmes


class Command(BaseCommand):
    help = (
        "Load the founding text's content (programme, models, challenges, story, resources), demo mentors and "
        "programmes, and a year of requests, feedback and contributions. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has challenges (used by `make run`).",
        )

    def handle(self, *args, if_empty, **options):
        if if_empty and ChallengePage.objects.exists():
            self.stdout.write("The site already has content: demo not loaded.")
            return
        try:
            report = DemoLoader().load()
        except ValueError as error:
            raise CommandError(str(error)) from error
        load_mentors(report)
        load_programmes(report)
        load_history(report)
        load_contributions(report)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {report}."))
