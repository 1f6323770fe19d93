"""Silent mentors: remind after MENTOR_REQUEST_REMINDER_DAYS, expire after MENTOR_REQUEST_EXPIRY_DAYS.

Run daily by `manage.py send_reminders`. Running it twice changes nothing more: a request is reminded
once (reminded_at), and an expired request is no longer awaiting an answer.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.mentorships import notifications, workflow
from portal.mentorships.models import MentorRequest


@dataclass
class Report:
    reminded: int = 0
    expired: int = 0


def send_reminders(now=None):
    now = now or timezone.now()
    report = Report()
    expiry_limit = now - timedelta(days=settings.MENTOR_REQUEST_EXPIRY_DAYS)
    reminder_limit = now - timedelta(days=settings.MENTOR_REQUEST_REMINDER_DAYS)
    for mentor_request in MentorRequest.objects.awaiting_answer().filter(sent_at__lte=expiry_limit):
        try:
            workflow.expire(mentor_request)
            report.expired += 1
        except workflow.RequestRefused:
            continue  # answered meanwhile
    to_remind = MentorRequest.objects.awaiting_answer().filter(
        sent_at__lte=reminder_limit, sent_at__gt=expiry_limit, reminded_at__isnull=True
    )
    for mentor_request in to_remind.select_related("mentor", "challenge", "actor_type", "mentoring_model"):
        with transaction.atomic():
            marked = MentorRequest.objects.filter(pk=mentor_request.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if marked:
                notifications.reminder(mentor_request)
                workflow.record(mentor_request, "", "", workflow.Role.SYSTEM, note=_("Reminder sent to the mentor"))
                report.reminded += 1
    return report
