"""A mentor profile's life: application, email confirmation, charter, approval, pause, archive.

Every status change goes through these functions, so the rules live in one place, and each is recorded in
Wagtail's log entries (`ModelLogEntry`: who, when, from which status to which, and the editor's reason), which the
mentor's page in the admin and Wagtail's site history show. The actions are registered in wagtail_hooks.py.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from portal.home.models import CharterPage
from portal.mentors import notifications
from portal.mentors.models import MentorProfile, MentorStatus

SUBMITTED, APPROVED, PAUSED, ARCHIVED = (
    "portal.mentor.submit",
    "portal.mentor.approve",
    "portal.mentor.pause",
    "portal.mentor.archive",
)
# A pause or an archive hides the profile and closes the requests awaiting its answer: the next editor, and the
# mentor who asks, must be able to read why. Approving is the expected outcome of an application. The reason is
# asked of a person (`user`); imports and commands change a status without one.
REASON_REQUIRED = {"pause", "archive"}
MAX_REASON_LENGTH = 500


class TransitionError(Exception):
    """The change is not allowed; the message says why, for the person who asked."""


def record(mentor, action, previous_status, user=None, reason=""):
    log(
        instance=mentor,
        action=action,
        user=user,
        data={"from": previous_status, "to": mentor.status, "reason": reason.strip()},
    )


def locked(mentor):
    """Lock the profile's row until the transaction ends, and read it again: two people changing its status at
    once are served one after the other, and the second one's checks see what the first one did. The profile is
    locked before its requests, in the order accepting a request takes them (mentorships/workflow.py)."""
    mentor.refresh_from_db(from_queryset=MentorProfile.objects.select_for_update())
    return mentor


def charter_is_current(mentor, charter=None):
    charter = charter or CharterPage.current()
    return charter is None or mentor.charter_version == charter.version


def accept_charter(mentor, charter):
    mentor.charter_version = charter.version
    mentor.charter_accepted_at = timezone.now()
    mentor.save(update_fields=["charter_version", "charter_accepted_at", "updated_at"])


@transaction.atomic
def confirm_email(mentor):
    """The applicant clicked the emailed link: the account opens and editors review the profile."""
    locked(mentor)
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


@transaction.atomic
def submit_for_approval(mentor):
    locked(mentor)
    if mentor.status != MentorStatus.DRAFT:
        raise TransitionError(_("This profile is not a draft any more."))
    if not mentor.email_confirmed_at:
        raise TransitionError(_("Confirm your email address first, with the link we sent you."))
    if not charter_is_current(mentor):
        raise TransitionError(_("Accept the ethics charter before submitting your profile."))
    mentor.status = MentorStatus.PENDING
    mentor.save(update_fields=["status", "updated_at"])
    record(mentor, SUBMITTED, MentorStatus.DRAFT, user=mentor.user)
    notifications.notify_editors_of_application(mentor)


def check_reason(action, reason):
    if action in REASON_REQUIRED and not reason.strip():
        raise TransitionError(_("Say why: the reason stays in the profile’s history for the team."))
    if len(reason) > MAX_REASON_LENGTH:
        raise TransitionError(_("The reason is too long: %(max)s characters at most.") % {"max": MAX_REASON_LENGTH})


@transaction.atomic
def approve(mentor, user=None, reason=""):
    """Publishes the profile (first approval, or again after a pause or an archive) and emails the mentor."""
    locked(mentor)
    if mentor.status == MentorStatus.PUBLISHED:
        raise TransitionError(_("This profile is already published."))
    if not mentor.email_confirmed_at:
        raise TransitionError(_("The mentor has not confirmed their email address yet."))
    if not charter_is_current(mentor):
        raise TransitionError(_("The mentor has not accepted the current ethics charter yet."))
    if user is not None:
        check_reason("approve", reason)
    previous = mentor.status
    mentor.status = MentorStatus.PUBLISHED
    mentor.save()
    record(mentor, APPROVED, previous, user, reason)
    notifications.notify_mentor_of_approval(mentor)


@transaction.atomic
def pause(mentor, user=None, reason=""):
    """Hides the profile; the requests awaiting its answer go to other mentors (mentorships/signal_handlers.py)."""
    locked(mentor)
    if mentor.status != MentorStatus.PUBLISHED:
        raise TransitionError(_("Only a published profile can be paused."))
    if user is not None:
        check_reason("pause", reason)
    mentor.status = MentorStatus.PAUSED
    mentor.save(update_fields=["status", "updated_at"])
    record(mentor, PAUSED, MentorStatus.PUBLISHED, user, reason)


@transaction.atomic
def archive(mentor, user=None, reason=""):
    locked(mentor)
    if mentor.status == MentorStatus.ARCHIVED:
        raise TransitionError(_("This profile is already archived."))
    if user is not None:
        check_reason("archive", reason)
    previous = mentor.status
    mentor.status = MentorStatus.ARCHIVED
    mentor.accepting_requests = False
    mentor.save(update_fields=["status", "accepting_requests", "updated_at"])
    record(mentor, ARCHIVED, previous, user, reason)


EDITOR_ACTIONS = {"approve": approve, "republish": approve, "pause": pause, "archive": archive}


def history(mentor):
    """The profile's status changes and the other logged events, newest first."""
    from wagtail.models import ModelLogEntry

    return ModelLogEntry.objects.for_instance(mentor).select_related("user").order_by("-timestamp", "-pk")
