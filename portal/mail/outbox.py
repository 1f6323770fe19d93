"""Every email the portal sends goes through here: stored first, then delivered by a task, retried on failure.

`send()` stores the rendered email in the same transaction as the change that caused it and queues its
delivery in that transaction too (django-tasks: the database backend and its worker in production, so
the email and its task are committed or rolled back together; immediate in dev and tests).
When the mail server refuses or is down, the email stays queued: `manage.py send_queued_emails` (cron)
retries it with a growing delay, up to MAX_ATTEMPTS. Sent emails lose their body: the queue is not an
archive of people's messages.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template import engines
from django.utils import timezone

from django_tasks import task

from portal.mail.models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY_DELAY = timedelta(minutes=5)  # then doubled at each attempt: about 21 hours in all


def absolute(path):
    """The full address of a path of the site, for links in emails."""
    return settings.SITE_BASE_URL.rstrip("/") + path


def send(subject, template, context, recipients):
    """Queue one email to `recipients`, rendered now from `template` (plain text)."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return None
    body = engines["email"].get_template(template).render({**context, "site_url": settings.SITE_BASE_URL})
    email = OutgoingEmail.objects.create(subject=str(subject)[:250], body=body, recipients=recipients)
    deliver_email.enqueue(email.pk)
    return email


@task()
def deliver_email(email_id):
    email = OutgoingEmail.objects.filter(pk=email_id, sent_at__isnull=True).first()
    if email is not None:
        deliver(email)


def deliver(email):
    """Try to send one queued email now; on failure, schedule the next attempt. Never raises."""
    email.attempts += 1
    try:
        send_mail(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.recipients)
    except Exception as error:
        email.last_error = f"{type(error).__name__}: {error}"[:500]
        email.next_attempt_at = timezone.now() + FIRST_RETRY_DELAY * 2 ** (email.attempts - 1)
        email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        log = logger.error if email.attempts >= MAX_ATTEMPTS else logger.warning
        log("Email %s not sent (attempt %s of %s): %s", email.pk, email.attempts, MAX_ATTEMPTS, email.last_error)
        return False
    email.sent_at = timezone.now()
    email.body = ""
    email.last_error = ""
    email.save(update_fields=["attempts", "sent_at", "body", "last_error"])
    return True


def send_due():
    """Retry every queued email whose time has come; (sent, still waiting)."""
    sent = failed = 0
    for email in OutgoingEmail.objects.due():
        if deliver(email):
            sent += 1
        else:
            failed += 1
    return sent, failed


def forget(address):
    """Remove the queued and sent emails addressed to someone whose data is erased."""
    address = address.strip().lower()
    ids = [
        email.pk
        for email in OutgoingEmail.objects.only("recipients")
        if address in {recipient.lower() for recipient in email.recipients}
    ]
    OutgoingEmail.objects.filter(pk__in=ids).delete()
