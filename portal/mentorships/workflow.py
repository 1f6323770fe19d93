"""A mentor request's life, and every rule about it, in one place.

    nouvelle → acceptée | déclinée | expirée | retirée | mentor indisponible;   acceptée → terminée

Each change is made under a row lock, timestamped, recorded with who made it (RequestEvent), and
then announced by email (notifications.py). An accepted request is an active mentorship: it counts
against the mentor's capacity, which MentorProfile.is_full mirrors for matching and the directory.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.mentors import load
from portal.mentors.models import MentorProfile
from portal.mentorships import notifications
from portal.mentorships.models import MentorRequest, RequestEvent, RequestStatus, Role, new_token_key
from portal.wording import elide

ALLOWED = {
    RequestStatus.NEW: {
        RequestStatus.ACCEPTED,
        RequestStatus.DECLINED,
        RequestStatus.EXPIRED,
        RequestStatus.WITHDRAWN,
        RequestStatus.UNAVAILABLE,
    },
    RequestStatus.ACCEPTED: {RequestStatus.COMPLETED},
}
# Who may make which change (editors may make any allowed change).
MAY = {
    Role.MENTOR: {RequestStatus.ACCEPTED, RequestStatus.DECLINED, RequestStatus.COMPLETED},
    Role.REQUESTER: {RequestStatus.WITHDRAWN, RequestStatus.COMPLETED},
    Role.SYSTEM: {RequestStatus.EXPIRED, RequestStatus.UNAVAILABLE},
}


class RequestRefused(Exception):
    """The request or the change cannot be made; the message says why, for the person who asked."""


# --- A new request ------------------------------------------------------------------------------
def check_can_request(mentor, email):
    """Raise RequestRefused when this address may not send a new request to this mentor now."""
    if not mentor.is_available:
        raise RequestRefused(_("This mentor is not taking new requests at the moment."))
    if not email:
        return
    open_requests = MentorRequest.objects.open().from_requester(email)
    if open_requests.filter(mentor=mentor).exists():
        raise RequestRefused(
            _(
                "You already have an open request with this mentor: the link in your confirmation email lets you "
                "follow it."
            )
        )
    if open_requests.count() >= settings.MENTOR_REQUEST_MAX_OPEN:
        raise RequestRefused(
            _("You already have %(count)s open requests: wait for an answer, or withdraw one, before sending another.")
            % {"count": settings.MENTOR_REQUEST_MAX_OPEN}
        )


def create_request(mentor, *, requester_email, **fields):
    """Store a request to `mentor` (fields as cleaned by the request form), then tell both sides."""
    with transaction.atomic():
        # The lock serialises requests to one mentor, so two submissions cannot both pass the checks.
        mentor = MentorProfile.objects.select_for_update().get(pk=mentor.pk)
        check_can_request(mentor, requester_email)
        now = timezone.now()
        mentor_request = MentorRequest.objects.create(
            mentor=mentor, requester_email=requester_email, created_at=now, sent_at=now, consent_at=now, **fields
        )
        record(mentor_request, "", RequestStatus.NEW, Role.REQUESTER, note=_("Request sent"))
        notifications.request_sent(mentor_request)
    return mentor_request


# --- Changes of status --------------------------------------------------------------------------
def accept(mentor_request, role=Role.MENTOR, user=None):
    return change(mentor_request, RequestStatus.ACCEPTED, role, user, note=_("Accepted"))


def decline(mentor_request, role=Role.MENTOR, user=None, reason=""):
    return change(mentor_request, RequestStatus.DECLINED, role, user, note=reason or _("Declined"))


def withdraw(mentor_request, role=Role.REQUESTER, user=None, note="", announce=True):
    return change(mentor_request, RequestStatus.WITHDRAWN, role, user, note=note or _("Withdrawn"), announce=announce)


def complete(mentor_request, role, user=None, note="", announce=True):
    note = note or _("Mentorship completed")
    return change(mentor_request, RequestStatus.COMPLETED, role, user, note=note, announce=announce)


def expire(mentor_request):
    return change(mentor_request, RequestStatus.EXPIRED, Role.SYSTEM, note=_("No answer in time"))


def mentor_unavailable(mentor_request, note=""):
    return change(mentor_request, RequestStatus.UNAVAILABLE, Role.SYSTEM, note=note or _("The mentor is unavailable"))


def release_requests_of(mentor):
    """A mentor who is no longer published (paused, archived, back under review) cannot answer: each request
    awaiting their answer closes and its requester is offered other mentors, as after a decline or an expiry.
    Called whenever such a profile is saved (signal_handlers.py), whatever saved it."""
    if mentor.is_public:
        return 0
    note = _("The mentor's profile is “%(status)s”: the requester was offered other mentors") % {
        "status": mentor.get_status_display()
    }
    released = 0
    for mentor_request in MentorRequest.objects.awaiting_answer().filter(mentor=mentor):
        try:
            mentor_unavailable(mentor_request, note)
            released += 1
        except RequestRefused:
            continue  # answered meanwhile
    return released


def close(mentor_request, user, note=""):
    """An editor closes an open request: an unanswered one is withdrawn, a mentorship under way completed."""
    to = RequestStatus.WITHDRAWN if mentor_request.status == RequestStatus.NEW else RequestStatus.COMPLETED
    return change(mentor_request, to, Role.EDITOR, user, note=note or _("Closed by the programme team"))


ANNOUNCE = {
    RequestStatus.ACCEPTED: notifications.request_accepted,
    RequestStatus.DECLINED: notifications.request_declined,
    RequestStatus.WITHDRAWN: notifications.request_withdrawn,
    RequestStatus.EXPIRED: notifications.request_expired,
    RequestStatus.COMPLETED: notifications.mentorship_completed,
    RequestStatus.UNAVAILABLE: notifications.mentor_unavailable,
}


def change(mentor_request, to, role, user=None, note="", announce=True):
    """Move the request to status `to`, or raise RequestRefused; returns the fresh request.
    `announce=False` sends no email (the requester's data is being erased)."""
    with transaction.atomic():
        if to == RequestStatus.ACCEPTED:
            # The mentor's row before the request's, in the order pausing a mentor takes them (the profile's
            # save, then its requests): the two cannot deadlock, and whichever comes second sees the other.
            lock_mentor_of(mentor_request)
        locked = (
            MentorRequest.objects.select_for_update(of=("self",)).select_related("mentor").get(pk=mentor_request.pk)
        )
        if role != Role.EDITOR and to not in MAY.get(role, set()):
            raise RequestRefused(_("You cannot make this change."))
        if locked.mentor_id != mentor_request.mentor_id:
            # Reassigned since it was read: the mentor's answer, or a closing because of that mentor (paused,
            # silent), is about a request that is no longer theirs; and nobody accepts on behalf of a mentor
            # who has not seen the request yet.
            if role in (Role.MENTOR, Role.SYSTEM):
                raise RequestRefused(
                    _("This link no longer works: the request was reassigned or closed by the programme team.")
                )
            if to == RequestStatus.ACCEPTED:
                raise RequestRefused(_("This request was reassigned meanwhile: open it again to see its new mentor."))
        if to not in ALLOWED.get(locked.status, set()):
            raise RequestRefused(already_message(locked))
        if to == RequestStatus.ACCEPTED:
            take_a_place(locked.mentor)
        previous = locked.status
        now = timezone.now()
        locked.status = to
        if previous == RequestStatus.NEW:
            locked.answered_at = now
        if to != RequestStatus.ACCEPTED:
            locked.closed_at = now
        locked.save(update_fields=["status", "answered_at", "closed_at"])
        record(locked, previous, to, role, user, note)
        if RequestStatus.ACCEPTED in (previous, to) and locked.mentor:
            load.refresh(locked.mentor)
        if announce:
            ANNOUNCE[to](locked, note=note)
    return locked


def already_message(mentor_request):
    messages = {
        RequestStatus.ACCEPTED: _("This request was already accepted."),
        RequestStatus.DECLINED: _("This request was already declined."),
        RequestStatus.EXPIRED: _("This request expired without an answer."),
        RequestStatus.WITHDRAWN: _("This request was withdrawn."),
        RequestStatus.COMPLETED: _("This mentorship is already completed."),
        RequestStatus.UNAVAILABLE: _(
            "This request was closed because the mentor is unavailable: the requester was offered other mentors."
        ),
    }
    return messages.get(mentor_request.status, _("This change is not possible any more."))


def lock_mentor_of(mentor_request):
    mentor_id = MentorRequest.objects.filter(pk=mentor_request.pk).values_list("mentor_id", flat=True).first()
    if mentor_id is not None:
        MentorProfile.objects.select_for_update().filter(pk=mentor_id).first()


def take_a_place(mentor):
    """Refuse an acceptance by a mentor who is not published (paused, archived: they must not receive the
    requester's contact), or that would take the mentor beyond capacity. Read under the mentor's row lock."""
    if mentor is None:
        raise RequestRefused(_("This request has no mentor any more."))
    mentor = MentorProfile.objects.select_for_update().get(pk=mentor.pk)
    if not mentor.is_public:
        raise RequestRefused(not_published_message(mentor))
    if load.under_way(mentor) >= mentor.capacity:
        raise RequestRefused(
            ngettext(
                "You already mentor %(count)s person, your capacity: complete a mentorship or raise your capacity "
                "before accepting another.",
                "You already mentor %(count)s people, your capacity: complete a mentorship or raise your capacity "
                "before accepting another.",
                mentor.capacity,
            )
            % {"count": mentor.capacity}
        )


def not_published_message(mentor):
    return _(
        "Your profile is “%(status)s”: only a published profile can accept a request. Write to the programme "
        "team to publish it again."
    ) % {"status": mentor.get_status_display()}


def accepted_requests(mentor):
    """The mentor's requests under way, for their load (portal/mentors/load.py)."""
    return MentorRequest.objects.filter(mentor=mentor, status=RequestStatus.ACCEPTED).count()


# --- Editors' actions ---------------------------------------------------------------------------
REASSIGNABLE = (RequestStatus.NEW, RequestStatus.DECLINED, RequestStatus.EXPIRED, RequestStatus.UNAVAILABLE)


def reassign(mentor_request, new_mentor, user):
    """Send a request that is unanswered, declined, expired or whose mentor became unavailable to another
    available mentor; old links stop working."""
    with transaction.atomic():
        locked = MentorRequest.objects.select_for_update().get(pk=mentor_request.pk)
        if locked.status not in REASSIGNABLE:
            raise RequestRefused(
                _(
                    "Only an unanswered, declined or expired request, or one whose mentor became unavailable, "
                    "can be reassigned."
                )
            )
        if new_mentor.pk == locked.mentor_id:
            raise RequestRefused(_("This request is already addressed to this mentor."))
        new_mentor = MentorProfile.objects.select_for_update().get(pk=new_mentor.pk)
        if not new_mentor.is_available:
            raise RequestRefused(_("This mentor is not taking new requests at the moment."))
        previous_status, previous_mentor = locked.status, locked.mentor
        now = timezone.now()
        locked.mentor = new_mentor
        locked.status = RequestStatus.NEW
        locked.sent_at = now
        locked.reminded_at = locked.answered_at = locked.closed_at = None
        locked.token_key = new_token_key()
        locked.save()
        record(
            locked,
            previous_status,
            RequestStatus.NEW,
            Role.EDITOR,
            user,
            elide(
                _("Reassigned from %(old)s to %(new)s") % {"old": previous_mentor or "—", "new": new_mentor.full_name}
            ),
        )
        notifications.request_reassigned(locked)
    return locked


def record(mentor_request, from_status, to_status, role, user=None, note=""):
    return RequestEvent.objects.create(
        request=mentor_request,
        from_status=from_status,
        to_status=to_status,
        role=role,
        user=user if user and user.is_authenticated else None,
        note=str(note)[:300],
    )
