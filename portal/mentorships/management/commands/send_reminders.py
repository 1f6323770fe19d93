from django.conf import settings
from django.core.management.base import BaseCommand

from portal.mentorships.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Remind mentors of requests left unanswered for MENTOR_REQUEST_REMINDER_DAYS days, expire those "
        "unanswered after MENTOR_REQUEST_EXPIRY_DAYS and suggest other mentors to their requesters. "
        "Safe to run as often as you like (once a day from cron is enough)."
    )

    def handle(self, *args, **options):
        report = send_reminders()
        self.stdout.write(
            f"{report.reminded} mentor(s) reminded (after {settings.MENTOR_REQUEST_REMINDER_DAYS} days), "
            f"{report.expired} request(s) expired (after {settings.MENTOR_REQUEST_EXPIRY_DAYS} days)."
        )
