"""The links in request emails: signed, expiring, bound to one request, one side and one purpose.

A link carries the request's token_key: reassigning or anonymising a request changes the key and so
revokes every link already sent. Single use follows from the request's status: once a mentor has
answered, the answer link only shows the answer; feedback is accepted once per side.
"""

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from portal.mentorships.models import MentorRequest, Role

SALT = "mentorships.link"
LIST_SALT = "mentorships.requests-list"
ANSWER, FOLLOW, FEEDBACK = "answer", "follow", "feedback"
DAY = 60 * 60 * 24
LIST_MAX_AGE = 7 * DAY


def max_age(purpose):
    """Seconds a link stays valid: the answer link until the request expires (and a day of slack)."""
    return {
        ANSWER: (settings.MENTOR_REQUEST_EXPIRY_DAYS + 1) * DAY,
        FOLLOW: 365 * DAY,
        FEEDBACK: 90 * DAY,
    }[purpose]


class InvalidLink(Exception):
    """The link cannot be used; the message says why, in words for the person who clicked it."""


def make(mentor_request, role, purpose):
    payload = {"r": mentor_request.pk, "k": mentor_request.token_key, "s": role, "p": purpose}
    return signing.dumps(payload, salt=SALT, compress=True)


def read(token, role, purpose):
    """The request a link was made for, for this side and purpose; raises InvalidLink otherwise."""
    mentor_request, link_role = read_any_side(token, purpose)
    if link_role != role:
        raise InvalidLink(_("This link is not valid. Check that you copied it whole."))
    return mentor_request


def read_any_side(token, purpose):
    """(request, side) a link was made for, for this purpose; raises InvalidLink otherwise."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age(purpose))
    except signing.SignatureExpired as expired:
        raise InvalidLink(_("This link has expired.")) from expired
    except signing.BadSignature as tampered:
        raise InvalidLink(_("This link is not valid. Check that you copied it whole.")) from tampered
    if not isinstance(payload, dict) or payload.get("s") not in Role.values or payload.get("p") != purpose:
        raise InvalidLink(_("This link is not valid. Check that you copied it whole."))
    mentor_request = (
        MentorRequest.objects.select_related("mentor", "challenge", "actor_type", "mentoring_model")
        .not_anonymised()
        .filter(pk=payload.get("r"), token_key=payload.get("k"))
        .first()
    )
    if mentor_request is None:
        raise InvalidLink(_("This link no longer works: the request was reassigned or closed by the programme team."))
    return mentor_request, payload["s"]


# --- A requester's list of requests, found again from their email address alone --------------------
def make_list(email):
    return signing.dumps({"e": email.strip().lower()}, salt=LIST_SALT, compress=True)


def read_list(token):
    """The email address a list link was sent to; raises InvalidLink otherwise."""
    try:
        payload = signing.loads(token, salt=LIST_SALT, max_age=LIST_MAX_AGE)
    except signing.SignatureExpired as expired:
        raise InvalidLink(_("This link has expired: ask for a new one.")) from expired
    except signing.BadSignature as tampered:
        raise InvalidLink(_("This link is not valid. Check that you copied it whole.")) from tampered
    if not isinstance(payload, dict) or not isinstance(payload.get("e"), str):
        raise InvalidLink(_("This link is not valid. Check that you copied it whole."))
    return payload["e"]
