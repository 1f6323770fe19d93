"""The emails of a mentor request, one function per event, all through the outbox (portal/mail/outbox.py).

Until the mentor accepts, neither side receives the other's contact details: the mentor reads the
request (challenge, model, format, type of organisation, the organisation if the requester gave it,
message) but never the requester's name or email address; the requester only the mentor's public profile.
Emails to mentors are written in the site's language; the requester's in the language they used.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.mail import outbox
from portal.mail.outbox import absolute
from portal.mentorships import tokens
from portal.mentorships.models import Role


def link(mentor_request, role, purpose):
    return absolute(path(mentor_request, role, purpose))


def path(mentor_request, role, purpose):
    names = {tokens.ANSWER: "mentorships:answer", tokens.FOLLOW: "mentorships:follow"}
    name = names.get(purpose, "mentorships:feedback")
    return reverse(name, args=[tokens.make(mentor_request, role, purpose)])


def summary(mentor_request):
    """What the request is about, for both sides (nothing that names the requester)."""
    return {
        "number": mentor_request.pk,
        "challenge": mentor_request.challenge_label,
        "challenge_url": absolute(mentor_request.challenge.url) if mentor_request.challenge else "",
        "model": mentor_request.mentoring_model.label if mentor_request.mentoring_model else "",
        "format": mentor_request.get_mentoring_format_display(),
        "participants": mentor_request.participants,
        "actor_type": mentor_request.actor_type.label if mentor_request.actor_type else "",
        "organisation": mentor_request.organisation,
        "message": mentor_request.message,
        "mentor_name": mentor_request.mentor.full_name if mentor_request.mentor else "",
        "expiry_days": settings.MENTOR_REQUEST_EXPIRY_DAYS,
    }


# Subjects are marked with gettext_noop where they are written and translated when sent, in the
# recipient's language.
def to_mentor(mentor_request, subject, template, **context):
    mentor = mentor_request.mentor
    if mentor is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        outbox.send(
            _(subject) % {"number": mentor_request.pk},
            template,
            summary(mentor_request) | {"me_url": absolute(reverse("mentors:me"))} | context,
            [mentor.contact_email],
        )


def to_requester(mentor_request, subject, template, **context):
    outbox.send(
        _(subject) % {"number": mentor_request.pk},
        template,
        summary(mentor_request)
        | {"requester_name": mentor_request.requester_name}
        | {"follow_url": link(mentor_request, Role.REQUESTER, tokens.FOLLOW)}
        | context,
        [mentor_request.requester_email],
    )


def alternatives_context(mentor_request):
    from portal.mentorships.alternatives import alternatives_for_request

    return [
        {"name": match.mentor.full_name, "headline": match.mentor.headline, "url": absolute(match.mentor.get_url())}
        for match in alternatives_for_request(mentor_request)
    ]


def request_sent(mentor_request):
    to_mentor(
        mentor_request,
        gettext_noop("New mentoring request (no. %(number)s)"),
        "mentorships/emails/new_request.txt",
        answer_url=link(mentor_request, Role.MENTOR, tokens.ANSWER),
    )
    to_requester(
        mentor_request, gettext_noop("Your mentoring request is sent (no. %(number)s)"), "mentorships/emails/sent.txt"
    )


def request_reassigned(mentor_request):
    to_mentor(
        mentor_request,
        gettext_noop("New mentoring request (no. %(number)s)"),
        "mentorships/emails/new_request.txt",
        answer_url=link(mentor_request, Role.MENTOR, tokens.ANSWER),
    )
    to_requester(
        mentor_request,
        gettext_noop("Your mentoring request has a new mentor (no. %(number)s)"),
        "mentorships/emails/reassigned.txt",
    )


def request_accepted(mentor_request, note=""):
    mentor = mentor_request.mentor
    to_mentor(
        mentor_request,
        gettext_noop("You accepted request no. %(number)s: your mentee's contact"),
        "mentorships/emails/accepted_mentor.txt",
        requester_name=mentor_request.requester_name,
        requester_email=mentor_request.requester_email,
    )
    to_requester(
        mentor_request,
        gettext_noop("Your mentoring request is accepted (no. %(number)s)"),
        "mentorships/emails/accepted_requester.txt",
        mentor_email=mentor.contact_email,
        mentor_url=absolute(mentor.get_url()),
    )


def request_declined(mentor_request, note=""):
    to_requester(
        mentor_request,
        gettext_noop("Your mentoring request was declined (no. %(number)s)"),
        "mentorships/emails/declined.txt",
        reason=note,
        alternatives=alternatives_context(mentor_request),
    )


def mentor_unavailable(mentor_request, note=""):
    """The mentor was paused or archived before answering: the requester is told and offered other mentors.
    The mentor is not written to: the change of their profile is the news."""
    to_requester(
        mentor_request,
        gettext_noop("Your mentoring request no. %(number)s: the mentor is unavailable, other mentors"),
        "mentorships/emails/mentor_unavailable.txt",
        alternatives=alternatives_context(mentor_request),
    )


def request_withdrawn(mentor_request, note=""):
    to_mentor(mentor_request, gettext_noop("Request no. %(number)s was withdrawn"), "mentorships/emails/withdrawn.txt")


def request_expired(mentor_request, note=""):
    to_requester(
        mentor_request,
        gettext_noop("No answer to your mentoring request (no. %(number)s): other mentors"),
        "mentorships/emails/expired.txt",
        alternatives=alternatives_context(mentor_request),
    )
    to_mentor(mentor_request, gettext_noop("Request no. %(number)s expired"), "mentorships/emails/expired_mentor.txt")


def mentorship_completed(mentor_request, note=""):
    to_mentor(
        mentor_request,
        gettext_noop("Mentorship no. %(number)s is completed: how did it go?"),
        "mentorships/emails/completed.txt",
        feedback_url=link(mentor_request, Role.MENTOR, tokens.FEEDBACK),
    )
    to_requester(
        mentor_request,
        gettext_noop("Mentorship no. %(number)s is completed: how did it go?"),
        "mentorships/emails/completed.txt",
        feedback_url=link(mentor_request, Role.REQUESTER, tokens.FEEDBACK),
    )


def reminder(mentor_request):
    to_mentor(
        mentor_request,
        gettext_noop("Reminder: request no. %(number)s awaits your answer"),
        "mentorships/emails/reminder.txt",
        answer_url=link(mentor_request, Role.MENTOR, tokens.ANSWER),
        days_left=settings.MENTOR_REQUEST_EXPIRY_DAYS - settings.MENTOR_REQUEST_REMINDER_DAYS,
    )


def requests_list(email, count):
    """The link to a requester's list of requests, asked for from "Retrouver mes demandes"."""
    outbox.send(
        _("Your mentoring requests"),
        "mentorships/emails/requests_list.txt",
        {"count": count, "list_url": absolute(reverse("mentorships:mine", args=[tokens.make_list(email)])),
         "days": tokens.LIST_MAX_AGE // tokens.DAY},
        [email],
    )  # fmt: skip
