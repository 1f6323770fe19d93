from django.core.management.base import BaseCommand

from portal.programmes.follow_up import run_daily


class Command(BaseCommand):
    help = (
        "What programmes need each day: the half-way check-in of pairs and circles, closing the iterations past "
        "their end (with everyone's feedback link), and reminding circles of tomorrow's sessions. Safe to run "
        "as often as you like (once a day from cron)."
    )

    def handle(self, *args, **options):
        report = run_daily()
        self.stdout.write(
            f"{report.check_ins} check-in(s) sent, {report.closed} iteration(s) closed, "
            f"{report.reminders} session reminder(s) sent."
        )
