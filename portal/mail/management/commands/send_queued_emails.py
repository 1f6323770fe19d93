from django.core.management.base import BaseCommand

from portal.mail import outbox


class Command(BaseCommand):
    help = "Send the emails that could not be sent yet (run it every few minutes from cron)."

    def handle(self, *args, **options):
        sent, waiting = outbox.send_due()
        self.stdout.write(f"{sent} email(s) sent, {waiting} still waiting for the mail server.")
