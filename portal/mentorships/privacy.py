"""Requesters' personal data: who may see it, anonymising old requests, erasing one person's data.

Anonymising keeps what the programme's statistics need (dates, status, challenge, model, format,
actor type, mentor, feedback scores) and removes everything that identifies or was written by the
requester. The links already sent stop working (new token key).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.mail import outbox
from portal.mentorships import workflow
from portal.mentorships.models import MentorRequest, MentorshipFeedback, RequestStatus, Role, new_token_key

ERASED = "—"
# What anonymising removes from a request itself; its history's notes and its feedback's text go too.
ERASED_FIELDS = ("requester_name", "requester_email", "organisation", "challenge_text", "message")


def may_see_requester(user, mentor_request):
    """Editors always; the addressed mentor once they have accepted; nobody else."""
    if not user.is_authenticated:
        return False
    if user.has_perm("mentorships.view_mentorrequest"):
        return True
    accepted = mentor_request.status in (RequestStatus.ACCEPTED, RequestStatus.COMPLETED)
    return accepted and mentor_request.mentor is not None and mentor_request.mentor.user_id == user.pk


def anonymise(mentor_request):
    email = mentor_request.requester_email
    erased = dict.fromkeys(ERASED_FIELDS, "") | {"requester_name": ERASED}
    MentorRequest.objects.filter(pk=mentor_request.pk).update(
        **erased, anonymised_at=timezone.now(), token_key=new_token_key()
    )
    mentor_request.events.update(note="", user=None)
    MentorshipFeedback.objects.filter(request=mentor_request).update(what_changed="")
    if email and not MentorRequest.objects.from_requester(email).exists():
        outbox.forget(email)


def purge(older_than_months, now=None):
    """Anonymise the closed requests closed more than `older_than_months` months ago; how many."""
    now = now or timezone.now()
    limit = now - timedelta(days=older_than_months * 365.25 / 12)
    old = MentorRequest.objects.closed().not_anonymised().filter(closed_at__lte=limit)
    count = 0
    for mentor_request in old:
        with transaction.atomic():
            anonymise(mentor_request)
        count += 1
    return count


def requests_of(email):
    """Every request sent from this address, whatever its case: those erasing the person's data covers."""
    if not email.strip():
        return []
    return list(MentorRequest.objects.from_requester(email).select_related("mentor", "challenge").order_by("pk"))


def erase_person(email, user):
    """Someone asked for their data to be erased: anonymise all their requests, then close the open ones. The
    closing comes last so that its history entry (who closed it, and why) stays: it names nobody but the team."""
    requests = requests_of(email)
    erasure_note = _("Closed: the requester's data was erased")
    with transaction.atomic():
        for mentor_request in requests:
            anonymise(mentor_request)
            if mentor_request.status == RequestStatus.NEW:
                workflow.withdraw(mentor_request, Role.EDITOR, user, note=erasure_note, announce=False)
            elif mentor_request.status == RequestStatus.ACCEPTED:
                workflow.complete(mentor_request, Role.EDITOR, user, note=erasure_note, announce=False)
        outbox.forget(email)
    return len(requests)
