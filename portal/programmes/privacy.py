"""Erasing a programme participant's data, when they ask: every application sent from their address.

What goes: name, address, challenge, availability, manager's address, themes, the notes and names of their
check-in and feedback answers, and the emails still queued to them. What stays for the programme's figures:
the iteration, the organisation, dates, statuses, the pairs' qualities and the answers' scores. What they take
part in ends first, as if they had left: a proposed pair is dropped, a published one declined, one under way
ended (the mentor's place is freed), a circle's seat goes to the first person waiting.
"""

from django.db import transaction
from django.utils import timezone

from portal.mail import outbox
from portal.mentors import load
from portal.pagecache import PROGRAMMES, purge
from portal.programmes import circles
from portal.programmes.models import (
    Application,
    ApplicationStatus,
    EnrolmentStatus,
    FollowUp,
    PairStatus,
)

ERASED = "—"


def applications_of(email):
    """Every application sent from this address, whatever its case."""
    if not email.strip():
        return []
    return list(Application.objects.filter(email__iexact=email.strip()).select_related("iteration").order_by("pk"))


def erase_person(email):
    """Erase the data of every application from `email`; returns how many."""
    applications = applications_of(email)
    with transaction.atomic():
        for application in applications:
            end_what_they_take_part_in(application)
            FollowUp.objects.filter(pair__application=application, respondent="participant").update(
                name=ERASED, note=""
            )
            enrolment = getattr(application, "enrolment", None)
            if enrolment is not None:
                FollowUp.objects.filter(circle=enrolment.circle, respondent=f"enrolment-{enrolment.pk}").update(
                    name=ERASED, note=""
                )
            Application.objects.filter(pk=application.pk).update(
                full_name=ERASED,
                email=f"erased-{application.pk}@erased.invalid",
                challenge="",
                availability="",
                manager_email="",
                status=ApplicationStatus.WITHDRAWN,
            )
            application.themes.clear()
        purge(PROGRAMMES)  # places freed
        outbox.forget(email)
    return len(applications)


def end_what_they_take_part_in(application):
    application.pairs.filter(status=PairStatus.PROPOSED).delete()
    mentors = {pair.offer.mentor for pair in application.pairs.select_related("offer__mentor")}
    now = timezone.now()
    application.pairs.filter(status=PairStatus.PUBLISHED).update(status=PairStatus.DECLINED, answered_at=now)
    application.pairs.filter(status=PairStatus.LIVE).update(status=PairStatus.ENDED, answered_at=now)
    for mentor in mentors:
        load.refresh(mentor)
    enrolment = getattr(application, "enrolment", None)
    if enrolment is not None and enrolment.status != EnrolmentStatus.LEFT:
        circles.leave(enrolment)
