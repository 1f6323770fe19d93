"""During and after an iteration: the mid-iteration check-in, the closing and its feedback.

- Check-in: once an iteration is half-way, each pair under way and each circle with seated people receive,
  once, a link to say « ça se passe bien » or « besoin d'aide » (with a note). The ones asking for help are
  listed first on the iteration's coordination page.
- Closing: at the end date (or when the coordinators close it), the iteration closes: pairs under way end,
  which frees the mentors' places; everyone who took part (both sides of each pair, each circle's mentor and
  seated participants) receives the closing feedback link, the same three questions as a request's. The
  history stays: applications, rounds, pairs, circles and answers.
`run_daily()` does what is due (check-ins, closings, circle reminders): `manage.py run_programmes`, from cron.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.mentors import load
from portal.pagecache import PROGRAMMES, purge
from portal.programmes import circles, links, notifications
from portal.programmes.models import Circle, EnrolmentStatus, FollowUp, IterationPage, Pair, PairStatus

SALT = "portal.programmes.follow-up"
LINK_DAYS = 120
PARTICIPANT, MENTOR = "participant", "mentor"


@dataclass
class Report:
    check_ins: int = 0
    closed: int = 0
    reminders: int = 0


def midpoint(iteration):
    return iteration.starts_on + (iteration.ends_on - iteration.starts_on) / 2


def running(today):
    return IterationPage.objects.live().filter(closed_at__isnull=True, starts_on__lte=today, ends_on__gte=today)


# --- Who answers, and their links ----------------------------------------------------------------
def members(subject):
    """(respondent, name, address) of everyone in a pair, or in a circle (its mentor and seated people)."""
    if isinstance(subject, Pair):
        return [
            (PARTICIPANT, subject.application.full_name, subject.application.email),
            (MENTOR, subject.offer.mentor.full_name, subject.offer.mentor.contact_email),
        ]
    seated = subject.enrolments.filter(status=EnrolmentStatus.SEATED).select_related("application")
    return [(MENTOR, subject.mentor.full_name, subject.mentor.contact_email)] + [
        (f"enrolment-{enrolment.pk}", enrolment.application.full_name, enrolment.application.email)
        for enrolment in seated
    ]


def token(kind, subject, respondent):
    return links.make(SALT, kind, type(subject).__name__.lower(), subject.pk, respondent)


def read(value, kind):
    """(subject, respondent, name) from a link; links.InvalidLink with the reason in words otherwise."""
    model, pk, respondent = links.read(value, SALT, LINK_DAYS, kind, 3)
    if model not in ("pair", "circle"):
        raise links.InvalidLink(_("This link is not valid. Check that you copied it whole."))
    subjects = Pair.objects.select_related("application", "offer__mentor") if model == "pair" else Circle.objects
    subject = subjects.select_related("iteration").filter(pk=pk).first()
    names = {member: name for member, name, _address in members(subject)} if subject else {}
    if respondent not in names:
        raise links.InvalidLink(_("This pair or circle no longer includes you."))
    return subject, respondent, names[respondent]


def record(kind, subject, respondent, name, **answers):
    """Store one person's answer (a second answer replaces the first)."""
    key = {"pair": subject} if isinstance(subject, Pair) else {"circle": subject}
    answer, _created = FollowUp.objects.update_or_create(
        kind=kind,
        respondent=respondent,
        **key,
        defaults={"iteration": subject.iteration, "name": name, "answered_at": timezone.now(), **answers},
    )
    return answer


# --- Check-in ------------------------------------------------------------------------------------
def send_check_ins(today=None):
    """The check-in of each pair under way and each circle of the iterations past half-way, once."""
    today = today or timezone.localdate()
    count = 0
    for iteration in running(today):
        if today < midpoint(iteration):
            continue
        pairs = iteration.pairs.filter(status=PairStatus.LIVE, checked_in_at__isnull=True)
        circles_due = iteration.circles.filter(checked_in_at__isnull=True).select_related("mentor")
        for subject in [*pairs.select_related("application", "offer__mentor"), *circles_due]:
            count += check_in(subject)
    return count


def check_in(subject):
    with transaction.atomic():
        claimed = (
            type(subject).objects.filter(pk=subject.pk, checked_in_at__isnull=True).update(checked_in_at=timezone.now())
        )
        if not claimed:
            return 0
        for respondent, name, address in members(subject):
            notifications.check_in(subject, name, address, token(FollowUp.CHECK_IN, subject, respondent))
    return 1


def needing_help(iteration):
    return iteration.follow_ups.filter(kind=FollowUp.CHECK_IN, needs_help=True).select_related("pair", "circle")


# --- Closing -------------------------------------------------------------------------------------
def close(iteration):
    """Close the iteration: pairs under way end, places are freed, everyone is asked for their feedback.
    Returns False when it was already closed."""
    with transaction.atomic():
        iteration = IterationPage.objects.select_for_update().get(pk=iteration.pk)
        if iteration.closed_at:
            return False
        IterationPage.objects.filter(pk=iteration.pk).update(closed_at=timezone.now())
        purge(PROGRAMMES)
        ending = list(iteration.pairs.filter(status=PairStatus.LIVE).select_related("application", "offer__mentor"))
        iteration.pairs.filter(status__in=(PairStatus.LIVE, PairStatus.PUBLISHED)).update(status=PairStatus.ENDED)
        refresh_mentors_of(iteration)
        for subject in [*ending, *iteration.circles.select_related("mentor")]:
            for respondent, name, address in members(subject):
                notifications.closing_feedback(subject, name, address, token(FollowUp.FEEDBACK, subject, respondent))
    return True


def refresh_mentors_of(iteration):
    for offer in iteration.mentor_offers.select_related("mentor"):
        load.refresh(offer.mentor)


def run_daily(today=None):
    """What is due today: check-ins, closing the iterations past their end, reminders of tomorrow's sessions."""
    today = today or timezone.localdate()
    report = Report(check_ins=send_check_ins(today), reminders=circles.remind_tomorrow(today))
    for iteration in IterationPage.objects.filter(closed_at__isnull=True, ends_on__lt=today):
        report.closed += close(iteration)
    return report
