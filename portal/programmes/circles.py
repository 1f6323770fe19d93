"""Agilité circles: seats, the waiting list, the calendar of sessions, and reminders.

A participant applying to an Agilité iteration chooses a circle: they get a seat while there is one, a
place on the waiting list after (first come, first seated). Someone leaving frees a seat, which goes to the
first person waiting, who is told. Seats are counted under a lock on the circle, so that two people taking
the last seat at once do not both get it.

The calendar is an iCalendar file (RFC 5545, the `icalendar` library) behind a signed link, sent to the
mentor and to each seated participant: it holds the places and video links, so only they receive it.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from icalendar import Calendar, Event

from portal.pagecache import PROGRAMMES, purge
from portal.programmes import links, notifications
from portal.programmes.models import (
    Application,
    ApplicationStatus,
    Circle,
    CircleSession,
    Enrolment,
    EnrolmentStatus,
)

SALT = "portal.programmes.circle"
LINK_DAYS = 365
MENTOR = "mentor"


class CircleRefused(Exception):
    pass


def enrol(circle, application):
    """A seat if one is left, else the waiting list; the participant (and, when seated, the mentor) is told."""
    with transaction.atomic():
        circle = Circle.objects.select_for_update().get(pk=circle.pk)
        seated = circle.seats_left > 0
        enrolment = Enrolment.objects.create(
            circle=circle,
            application=application,
            status=EnrolmentStatus.SEATED if seated else EnrolmentStatus.WAITING,
            seated_at=timezone.now() if seated else None,
        )
    announce(enrolment)
    return enrolment


def leave(enrolment):
    """The participant leaves the circle; their seat goes to the first person waiting."""
    with transaction.atomic():
        circle = Circle.objects.select_for_update().get(pk=enrolment.circle_id)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status == EnrolmentStatus.LEFT:
            raise CircleRefused(_("You already left this circle."))
        was_seated = enrolment.status == EnrolmentStatus.SEATED
        enrolment.status, enrolment.left_at = EnrolmentStatus.LEFT, timezone.now()
        enrolment.save(update_fields=["status", "left_at"])
        # The place in the iteration is free again too.
        Application.objects.filter(pk=enrolment.application_id).update(status=ApplicationStatus.WITHDRAWN)
        purge(PROGRAMMES)
        moved_up = None
        if was_seated:
            moved_up = circle.enrolments.filter(status=EnrolmentStatus.WAITING).order_by("created_at", "pk").first()
            if moved_up:
                moved_up.status, moved_up.seated_at = EnrolmentStatus.SEATED, timezone.now()
                moved_up.save(update_fields=["status", "seated_at"])
    if was_seated:
        notifications.circle_leaver(enrolment, moved_up)
    if moved_up:
        announce(moved_up)
    return moved_up


def waiting_position(enrolment):
    return (
        enrolment.circle.enrolments.filter(status=EnrolmentStatus.WAITING)
        .filter(created_at__lte=enrolment.created_at)
        .exclude(created_at=enrolment.created_at, pk__gt=enrolment.pk)
        .count()
    )


def announce(enrolment):
    if enrolment.status == EnrolmentStatus.SEATED:
        notifications.circle_seat(enrolment, calendar_token(enrolment.circle, enrolment.pk), leave_token(enrolment))
        notifications.circle_newcomer(enrolment, calendar_token(enrolment.circle, MENTOR))
    else:
        notifications.circle_waiting(enrolment, waiting_position(enrolment), leave_token(enrolment))


# --- Signed links --------------------------------------------------------------------------------
def calendar_token(circle, holder):
    """The calendar link of one person: the mentor, or a seated participant (their enrolment id)."""
    return links.make(SALT, "calendar", circle.pk, holder)


def leave_token(enrolment):
    return links.make(SALT, "leave", enrolment.pk)


def circle_for_calendar(value):
    """The circle whose calendar the link opens, while its holder is the mentor or still seated."""
    circle_pk, holder = links.read(value, SALT, LINK_DAYS, "calendar", 2)
    circle = Circle.objects.filter(pk=circle_pk).select_related("mentor", "iteration").first()
    if circle is None:
        raise links.InvalidLink(_("This circle no longer exists."))
    if holder != MENTOR and not circle.enrolments.filter(pk=holder, status=EnrolmentStatus.SEATED).exists():
        raise links.InvalidLink(_("You no longer have a seat in this circle: its calendar is not yours any more."))
    return circle


def enrolment_to_leave(value):
    (pk,) = links.read(value, SALT, LINK_DAYS, "leave", 1)
    enrolment = Enrolment.objects.select_related("circle__mentor", "application").filter(pk=pk).first()
    if enrolment is None:
        raise links.InvalidLink(_("This enrolment no longer exists."))
    return enrolment


# --- The calendar --------------------------------------------------------------------------------
def calendar(circle, site_url=""):
    """The circle's sessions as an iCalendar file (bytes)."""
    ical = Calendar()
    ical.add("prodid", "-//La Fabrique des Mobilités//Mentorat//FR")
    ical.add("version", "2.0")
    ical.add("x-wr-calname", f"{circle.practice} — {circle.iteration.title}")
    for session in circle.sessions.order_by("starts_at"):
        event = Event()
        event.add("uid", f"circle-{circle.pk}-session-{session.pk}@mentorat-fabmob")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", f"{circle.practice} ({circle.mentor.full_name})")
        if session.place:
            event.add("location", session.place)
        if session.video_url:
            event.add("url", session.video_url)
        description = [circle.description, session.video_url, site_url]
        event.add("description", "\n".join(part for part in description if part))
        ical.add_component(event)
    return ical.to_ical()


# --- Reminders -----------------------------------------------------------------------------------
def remind_tomorrow(today=None):
    """Remind the mentor and the seated participants of each session taking place tomorrow, once (run daily);
    returns how many sessions were reminded."""
    today = today or timezone.localdate()
    tomorrow = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
    due = CircleSession.objects.filter(
        reminded_at__isnull=True, starts_at__gte=tomorrow, starts_at__lt=tomorrow + timedelta(days=1)
    ).select_related("circle__mentor", "circle__iteration")
    count = 0
    for session in due:
        with transaction.atomic():
            claimed = CircleSession.objects.filter(pk=session.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not claimed:
                continue
            notifications.session_reminder(session)
        count += 1
    return count
