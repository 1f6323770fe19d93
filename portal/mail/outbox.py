"""Every email the portal sends goes through here: stored first, then delivered by a task, retried on failure.

`send()` stores the rendered email in the same transaction as the change that caused it and queues its
delivery in that transaction too (django-tasks: the database backend and its worker in production, so
the email and its task are committed or rolled back together; immediate in dev and tests).
When the mail server refuses or is down, the email stays queued: `manage.py send_queued_emails` (cron)
retries it with a growing delay, up to MAX_ATTEMPTS, then gives up (`failed_at`). An email that can never
be sent as it is (a header with a newline, an address that cannot be parsed) is given up at once: retrying
it would fail the same way. Sent emails lose their body: the queue is not an archive of people's messages.

Subjects are cleaned here, whoever builds them: they often carry what a visitor typed (a proposal's
title, an applicant's name), and a newline in a header makes Django refuse the whole email.
"""

import logging
import re
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.template import engines
from django.utils import timezone

from django_tasks import task

from portal.mail.models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY_DELAY = timedelta(minutes=5)  # then doubled at each attempt: about 21 hours in all
MAX_SUBJECT_LENGTH = 200
LINE_BREAKING = {"Cc", "Zl", "Zp"}  # control characters (\r, \n, \t…), line and paragraph separators
# Raised while Django builds the message, before the mail server is asked: the same email fails the same
# way on every attempt. BadHeaderError (a newline in a header) is a ValueError, as is the "Invalid
# address" of an address that cannot be parsed. A mail server's refusals are retried (within
# MAX_ATTEMPTS): a misconfigured relay refuses every email with the same permanent-looking codes.
PERMANENT_ERRORS = (ValueError,)


def absolute(path):
    """The full address of a path of the site, for links in emails."""
    return settings.SITE_BASE_URL.rstrip("/") + path


def clean_subject(subject):
    """`subject` on one line: line breaks, tabs and other control characters become spaces, runs of spaces
    one space (no-break spaces stay: French typography); cut to MAX_SUBJECT_LENGTH characters, an
    ellipsis saying so."""
    text = "".join(" " if unicodedata.category(character) in LINE_BREAKING else character for character in str(subject))
    text = re.sub(" {2,}", " ", text).strip()
    if len(text) > MAX_SUBJECT_LENGTH:
        text = text[: MAX_SUBJECT_LENGTH - 1].rstrip() + "…"
    return text


def send(subject, template, context, recipients):
    """Queue one email to `recipients`, rendered now from `template` (plain text)."""
    recipients = sorted({address.strip() for address in recipients if address and address.strip()})
    if not recipients:
        return None
    body = engines["email"].get_template(template).render({**context, "site_url": settings.SITE_BASE_URL})
    email = OutgoingEmail.objects.create(subject=clean_subject(subject), body=body, recipients=recipients)
    deliver_email.enqueue(email.pk)
    return email


@task()
def deliver_email(email_id):
    email = OutgoingEmail.objects.pending().filter(pk=email_id).first()
    if email is not None:
        deliver(email)


def deliver(email):
    """Try to send one queued email now; on failure, schedule the next attempt, or give up when the error
    is permanent or the attempts are spent. True when sent, False when not (yet), None when another process
    took it first. Never raises."""
    if not claim(email):
        return None
    try:
        # Cleaned again for the emails queued before subjects were cleaned on the way in.
        send_mail(clean_subject(email.subject), email.body, settings.DEFAULT_FROM_EMAIL, email.recipients)
    except Exception as error:
        email.last_error = f"{type(error).__name__}: {error}"[:500]
        if isinstance(error, PERMANENT_ERRORS) or email.attempts >= MAX_ATTEMPTS:
            email.failed_at = timezone.now()
            logger.error("Email %s given up after %s attempt(s): %s", email.pk, email.attempts, email.last_error)
        else:
            email.next_attempt_at = timezone.now() + FIRST_RETRY_DELAY * 2 ** (email.attempts - 1)
            logger.warning(
                "Email %s not sent (attempt %s of %s): %s", email.pk, email.attempts, MAX_ATTEMPTS, email.last_error
            )
        store(email, "last_error", "next_attempt_at", "failed_at")
        return False
    email.sent_at = timezone.now()
    email.body = ""
    email.last_error = ""
    store(email, "sent_at", "body", "last_error")
    return True


def claim(email):
    """Count the attempt about to be made, and keep the email out of `due()` while it is made (the worker and
    the cron can both reach it; should the process die while sending, it is due again after the first retry
    delay). False when another process claimed it first, or it was sent, given up or forgotten meanwhile."""
    attempt_ends = timezone.now() + FIRST_RETRY_DELAY
    claimed = (
        OutgoingEmail.objects.pending()
        .filter(pk=email.pk, attempts=email.attempts)
        .update(attempts=F("attempts") + 1, next_attempt_at=attempt_ends)
    )
    if claimed:
        email.attempts += 1
        email.next_attempt_at = attempt_ends
    return bool(claimed)


def store(email, *fields):
    """Save the outcome of an attempt. An update, not `save()`: the email may have been forgotten (erased with
    its recipient's data) while it was being sent, and that must not stop the emails after it."""
    OutgoingEmail.objects.filter(pk=email.pk).update(**{field: getattr(email, field) for field in fields})


def send_due():
    """Retry every queued email whose time has come; (sent, still waiting). Those given up, or taken by
    another process meanwhile, are not waiting."""
    sent = waiting = 0
    for email in OutgoingEmail.objects.due():
        outcome = deliver(email)
        if outcome:
            sent += 1
        elif outcome is False and email.failed_at is None:
            waiting += 1
    return sent, waiting


def forget(address):
    """Remove the queued and sent emails addressed to someone whose data is erased."""
    address = address.strip().lower()
    ids = [
        email.pk
        for email in OutgoingEmail.objects.only("recipients")
        if address in {recipient.lower() for recipient in email.recipients}
    ]
    OutgoingEmail.objects.filter(pk__in=ids).delete()
