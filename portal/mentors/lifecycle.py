"""A mentor profile's life: application, email confirmation, charter, approval, pause, archive.

Every status change goes through these functions, so the rules live in one place.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.home.models import CharterPage
from portal.mentors import notifications
from portal.mentors.models import MentorStatus


class TransitionError(Exception):
    """The change is not allowed; the message says why, for the person who asked."""


def charter_is_current(mentor, charter=None):
    charter = charter or CharterPage.current()
    return charter is None or mentor.charter_version == charter.version


def accept_charter(mentor, charter):
    mentor.charter_version = charter.version
    mentor.charter_accepted_at = timezone.now()
    mentor.save(update_fields=["charter_version", "charter_accepted_at", "updated_at"])


def confirm_email(mentor):
    """The applicant clicked the emailed link: the account opens and editors review the profile."""
    if mentor.email_confirmed_at:
        return False
    mentor.email_confirmed_at = timezone.now()
    if mentor.user and not mentor.user.is_active:
        mentor.user.is_active = True
        mentor.user.save(update_fields=["is_active"])
    mentor.save(update_fields=["email_confirmed_at", "updated_at"])
    if mentor.status == MentorStatus.DRAFT and mentor.charter_version:
        submit_for_approval(mentor)
    return True


def submit_for_approval(mentor):
    if mentor.status != MentorStatus.DRAFT:
        raise TransitionError(_("This profile is not a draft any more."))
    if not mentor.email_confirmed_at:
        raise TransitionError(_("Confirm your email address first, with the link we sent you."))
    if not charter_is_current(mentor):
        raise TransitionError(_("Accept the ethics charter before submitting your profile."))
    mentor.status = MentorStatus.PENDING
    mentor.save(update_fields=["status", "updated_at"])
    notifications.notify_editors_of_application(mentor)


def approve(mentor):
    if mentor.status == MentorStatus.PUBLISHED:
        raise TransitionError(_("This profile is already published."))
    if not mentor.email_confirmed_at:
        raise TransitionError(_("The mentor has not confirmed their email address yet."))
    if not charter_is_current(mentor):
        raise TransitionError(_("The mentor has not accepted the current ethics charter yet."))
    mentor.status = MentorStatus.PUBLISHED
    mentor.save()
    notifications.notify_mentor_of_approval(mentor)


def pause(mentor):
    if mentor.status != MentorStatus.PUBLISHED:
        raise TransitionError(_("Only a published profile can be paused."))
    mentor.status = MentorStatus.PAUSED
    mentor.save(update_fields=["status", "updated_at"])


def archive(mentor):
    if mentor.status == MentorStatus.ARCHIVED:
        raise TransitionError(_("This profile is already archived."))
    mentor.status = MentorStatus.ARCHIVED
    mentor.accepting_requests = False
    mentor.save(update_fields=["status", "accepting_requests", "updated_at"])


EDITOR_ACTIONS = {"approve": approve, "pause": pause, "archive": archive}
