"""A year of the programme for `load_demo`: the demo mentors' applications and approvals, the requests visitors
sent them and how each went, mentorships under way and completed, and both sides' feedback, over the twelve
months before today, so that the team's dashboard and the public figures have something to show.

The programme starts small with a few founding mentors, then « selon les retours, allonge les foulées »: more
mentors join and more requests come each month. Every request goes the way workflow.py would have taken it, each
change a RequestEvent at its time, by its role: answers come a few hours to ten days after the request (most within
two days), reminders and expiries fall on the morning run of `send_reminders`, a paused or archived mentor's
unanswered request closes as "mentor unavailable", and no mentor ever has more mentorships under way than their
capacity (today, all but a few keep a place free). The rows are written with their past dates: nothing is
emailed and nothing reaches the outbox.

Deterministic (fixed seeds; every date is an offset from now), and loaded once: when the demo mentors already
have the demo's requests, it adds nothing.
"""

import heapq
import math
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from portal.challenges.models import ChallengePage
from portal.mentors import lifecycle, load
from portal.mentors.demo import demo_email
from portal.mentors.demo_content import MENTORS
from portal.mentors.models import TRACK_RECORD_THRESHOLD, MentorProfile, MentorStatus
from portal.mentorships import demo_content as content
from portal.mentorships.models import (
    MentoringFormat,
    MentorRequest,
    MentorshipFeedback,
    RequestEvent,
    RequestStatus,
    Role,
)
from portal.taxonomy.models import ActorType, MentoringModel

SEED = 2018  # the white paper's year
YEAR = timedelta(days=365)
# Requests first sent in each twelfth of the year, oldest first: a few volunteers, then the stride lengthens.
FIRST_REQUESTS = [3, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]
# The mentors who started the programme; the others join month after month.
FOUNDERS = [
    "Claire Morvan",
    "Julien Ferrand",
    "Thomas Nguyen",
    "Nadia Benali",
    "Marc Delaunay",
    "Émilie Roussel",
    "Valérie Faure",
    "Sophie Laurent",
]
# Mentors whose places may all be taken today (the directory then says so). Every other mentor keeps one place
# free, so that the demo's challenges, matching and programme rounds have mentors to propose.
MAY_BE_FULL = {"Mathieu Girard", "Inès Bouchard"}

WITHDRAWN_SHARE, SILENT_SHARE, DECLINED_SHARE = 0.06, 0.09, 0.15  # of requests; the others are accepted
EARLY_END_SHARE = 0.1  # of mentorships: ended within a few weeks, with the reason
REASSIGNED_SHARE = 0.35  # of requests expired or whose mentor left: the team sends them to another mentor
ASKS_AGAIN_SHARE = 0.5  # of requesters declined or unanswered: they ask another mentor themselves
QUIET = 4  # mentorships under way with no news for more than 30 days
WAITING = 2  # requests sent a week or more ago, still waiting for their mentor's answer
RECENT = timedelta(days=3)  # requests this recent are still waiting for an answer
REQUESTER_FEEDBACK_SHARE, MENTOR_FEEDBACK_SHARE, PUBLISHABLE_SHARE = 0.8, 0.7, 0.35
FIT_WEIGHTS = {4: 48, 3: 40, 2: 10, 1: 2}
EARLY_END_FIT_WEIGHTS = {3: 30, 2: 55, 1: 15}
MIN_PUBLISHABLE = 4  # mentorships both sides agreed to publish: the team has stories to write
TRACK_RECORDS = 3  # mentors whose profile can show a track record (TRACK_RECORD_THRESHOLD mentees' feedback)


def days(number):
    return timedelta(days=number)


def seeded(*parts):
    """A generator of reproducible draws: demo data, not secrets."""
    return random.Random("-".join(map(str, parts)))  # noqa: S311


INFINITY = datetime.max.replace(tzinfo=UTC)  # a mentorship still under way, a request not answered yet


# --- The year, planned ---------------------------------------------------------------------------------------------
@dataclass(eq=False)
class Mentor:
    """A demo mentor over the year: when they applied, were approved, stopped; their mentorships."""

    profile: MentorProfile
    models: set
    themes: set
    applied_at: datetime = None
    published_at: datetime = None
    stops_at: datetime = None  # paused or archived then: their unanswered requests closed
    takes_requests_until: datetime = INFINITY
    mentorships: list = field(default_factory=list)  # (accepted at, ended at or INFINITY)

    @property
    def name(self):
        return self.profile.full_name

    def under_way(self, moment):
        return sum(start <= moment < end for start, end in self.mentorships)

    def takes_requests(self, moment):
        """Published, taking requests, and not full at `moment`: the request form would have let a visitor ask."""
        return (
            self.published_at is not None
            and self.published_at <= moment < self.takes_requests_until
            and self.under_way(moment) < self.profile.capacity
        )

    def has_room(self, start, end, now):
        """Whether a mentorship from `start` to `end` keeps the mentor within capacity all along, and, while
        under way today, leaves them a free place unless they are among MAY_BE_FULL."""
        moments = [start, *(other for other, _end in self.mentorships if start < other < end)]
        if max(self.under_way(moment) for moment in moments) >= self.profile.capacity:
            return False
        limit = self.profile.capacity if self.name in MAY_BE_FULL else self.profile.capacity - 1
        return end <= now or self.under_way(now) < limit


@dataclass(eq=False)
class Person:
    name: str
    email: str
    actor_type: str
    organisation: str


@dataclass(eq=False)
class Need:
    challenge: ChallengePage = None
    text: str = ""  # in the requester's words, without a challenge
    message: str = ""
    themes: frozenset = frozenset()
    models: tuple = ()


@dataclass(eq=False)
class Case:
    """One person's need, and the mentors they asked about it."""

    person: Person
    need: Need
    model: str
    group: bool
    participants: int = None
    mentor: Mentor = None  # asked by name (the requests planted before a mentor stops)
    silent: bool = False
    asked: set = field(default_factory=set)
    attempts: int = 1


@dataclass
class Event:
    at: datetime
    from_status: str
    to_status: str
    role: str
    note: str


@dataclass
class Feedback:
    role: str
    fit: int
    what_changed: str
    may_publish: bool
    submitted_at: datetime
    may_name: bool = False  # in the story, with the name (only with may_publish)


@dataclass(eq=False)
class Request:
    case: Case
    mentor: Mentor
    created_at: datetime
    status: str = RequestStatus.NEW
    sent_at: datetime = None
    reminded_at: datetime = None
    answered_at: datetime = None
    closed_at: datetime = None
    events: list = field(default_factory=list)
    feedback: list = field(default_factory=list)

    def change(self, at, to, role, note):
        self.events.append(Event(at, self.status, to, role, str(note)[:300]))
        if self.status == RequestStatus.NEW:
            self.answered_at = at
        if to != RequestStatus.ACCEPTED:
            self.closed_at = at
        self.status = to


class Year:
    """Plans the year from the demo mentors and challenges; writes nothing (see `load_history`)."""

    def __init__(self, mentors, challenges, now):
        self.now = now
        self.start = now - YEAR
        self.rng = seeded(SEED)
        self.mentors = mentors
        self.challenges = challenges
        self.taken_names = {mentor.name for mentor in mentors}
        self.cases = []  # a heap of (moment, number, case)
        self.numbered = 0
        self.quiet = self.waiting = 0

    def plan(self):
        self.plan_mentors()
        self.plan_first_requests()
        requests = []
        while self.cases:
            moment, number, case = heapq.heappop(self.cases)
            request = self.send(case, moment, seeded(SEED, number))
            if request:
                requests.append(request)
        self.ensure_stories(requests)
        self.ensure_track_records(requests)
        return requests

    # Time --------------------------------------------------------------------------------------------------------
    def at_hour(self, moment, rng=None):
        """The same day at a plausible working hour (Paris time), in UTC: durations added to it are real ones,
        whatever the clocks do meanwhile."""
        rng = rng or self.rng
        local = timezone.localtime(moment)
        local = local.replace(hour=rng.randint(8, 18), minute=rng.randrange(60), second=0, microsecond=0)
        return local.astimezone(UTC)

    @staticmethod
    def morning_run(moment):
        """When `send_reminders` (each morning at six) first runs at or after `moment`."""
        local = timezone.localtime(moment)
        run = local.replace(hour=6, minute=0, second=0, microsecond=0)
        if run < local:
            run += days(1)  # local arithmetic: six o'clock on the next day's clock
        return run.astimezone(UTC)

    # Mentors -----------------------------------------------------------------------------------------------------
    def plan_mentors(self):
        """Founders apply in the first days; the others month after month (those who later paused or left among
        the first, since they had a history before they stopped); today's applicants in the last weeks."""
        rng, now = self.rng, self.now
        founders = [mentor for mentor in self.mentors if mentor.name in FOUNDERS]
        stopping = [m for m in self.mentors if m.profile.status in (MentorStatus.PAUSED, MentorStatus.ARCHIVED)]
        others = [
            mentor
            for mentor in self.mentors
            if mentor.profile.status == MentorStatus.PUBLISHED and mentor not in founders
        ]
        rng.shuffle(others)
        for mentor in founders:
            mentor.applied_at = self.at_hour(self.start + days(rng.uniform(0, 8)))
            mentor.published_at = self.at_hour(mentor.applied_at + days(rng.uniform(2, 7)))
        joining = [*stopping, *others]
        for index, mentor in enumerate(joining):
            mentor.applied_at = self.at_hour(self.start + days(20 + 300 * (index + rng.random()) / len(joining)))
            mentor.published_at = self.at_hour(mentor.applied_at + days(rng.uniform(2, 12)))
        for mentor in self.mentors:
            status = mentor.profile.status
            if status in (MentorStatus.PENDING, MentorStatus.DRAFT):
                mentor.applied_at = self.at_hour(now - days(rng.uniform(3, 25)))
            elif status == MentorStatus.PAUSED:
                mentor.stops_at = self.at_hour(now - days(rng.uniform(45, 70)))
            elif status == MentorStatus.ARCHIVED:
                mentor.stops_at = self.at_hour(now - days(rng.uniform(110, 140)))
            if mentor.stops_at:
                # No new mentorship that would outlast the stop; one last request arrives just before it.
                mentor.takes_requests_until = mentor.stops_at - days(45)
                self.push(mentor.stops_at - days(rng.uniform(3, 6)), self.new_case(mentor))
            elif status == MentorStatus.PUBLISHED and not mentor.profile.accepting_requests:
                mentor.takes_requests_until = now - days(rng.uniform(30, 60))

    # Requests ----------------------------------------------------------------------------------------------------
    def plan_first_requests(self):
        twelfth = YEAR / len(FIRST_REQUESTS)
        for index, count in enumerate(FIRST_REQUESTS):
            for _number in range(count):
                moment = self.at_hour(self.start + twelfth * (index + self.rng.random()))
                if moment > self.now - timedelta(hours=1):
                    moment -= days(1)
                self.push(moment, self.new_case())

    def push(self, moment, case):
        self.numbered += 1
        heapq.heappush(self.cases, (moment, self.numbered, case))

    def new_person(self):
        rng = self.rng
        while True:
            name = f"{rng.choice(content.FIRST_NAMES)} {rng.choice(content.LAST_NAMES)}"
            if name not in self.taken_names:
                self.taken_names.add(name)
                break
        actor_type = rng.choices(list(content.ACTOR_TYPE_WEIGHTS), list(content.ACTOR_TYPE_WEIGHTS.values()))[0]
        return Person(name, demo_email(name), actor_type, rng.choice(content.ORGANISATIONS[actor_type]))

    def new_need(self, themes=None):
        """A challenge of the catalogue or a need in the requester's words; with `themes`, one that shares some."""
        rng = self.rng
        if themes is not None:
            return self.described(*max(content.NEEDS, key=lambda need: (len(set(need[1]) & themes), rng.random())))
        slugs = [slug for slug in content.CHALLENGE_WEIGHTS if slug in self.challenges]
        if rng.random() < content.FREE_TEXT_SHARE or not slugs:
            return self.described(*rng.choice(content.NEEDS))
        slug = rng.choices(slugs, [content.CHALLENGE_WEIGHTS[slug] for slug in slugs])[0]
        challenge, themes, models = self.challenges[slug]
        return Need(
            challenge=challenge,
            message=rng.choice(content.CHALLENGE_MESSAGES[slug]),
            themes=themes,
            models=models,
        )

    def described(self, text, themes, models):
        opening = self.rng.choice(content.OPENINGS)
        return Need(text=text, message=opening, themes=frozenset(themes), models=tuple(models))

    def new_case(self, mentor=None):
        rng = self.rng
        need = self.new_need(mentor.themes if mentor else None)
        model = rng.choice(need.models) if need.models and rng.random() < 0.8 else None
        group = (model == content.AG and rng.random() < 0.6) or rng.random() < 0.05
        case = Case(self.new_person(), need, model, group, rng.randint(4, 12) if group else None)
        if mentor:
            case.mentor, case.silent, case.model = mentor, True, next(iter(sorted(mentor.models)), None)
            case.group, case.participants = False, None
        return case

    def choose(self, case, moment, rng):
        """The mentor a person asks: one who takes requests, offers the chosen model (when someone does) and,
        preferably, shares the need's themes."""
        candidates = [
            mentor
            for mentor in self.mentors
            if mentor.takes_requests(moment)
            and mentor.name not in case.asked
            and (not case.group or mentor.profile.offers_group)
        ]
        fitting = [mentor for mentor in candidates if case.model in mentor.models] or candidates
        if not fitting:
            return None
        weights = [1 + 3 * len(case.need.themes & mentor.themes) for mentor in fitting]
        mentor = rng.choices(fitting, weights)[0]
        case.asked.add(mentor.name)
        return mentor

    def send(self, case, moment, rng):
        mentor = case.mentor or self.choose(case, moment, rng)
        if mentor is None:
            return None
        request = Request(case, mentor, created_at=moment, sent_at=moment)
        request.events.append(Event(moment, "", RequestStatus.NEW, Role.REQUESTER, _("Request sent")))
        self.answer(request, rng)
        return request

    def answer(self, request, rng):
        """What became of the request: an answer, a withdrawal, an expiry, or nothing yet."""
        case, mentor, sent, now = request.case, request.mentor, request.sent_at, self.now
        roll = rng.random()
        delay = timedelta(hours=min(240, max(0.3, rng.lognormvariate(math.log(20), 1.1))))
        expiry = self.morning_run(sent + days(settings.MENTOR_REQUEST_EXPIRY_DAYS))
        if case.silent or WITHDRAWN_SHARE <= roll < WITHDRAWN_SHARE + SILENT_SHARE:
            outcome, moment = RequestStatus.EXPIRED, expiry
        elif roll < WITHDRAWN_SHARE:
            outcome, moment = RequestStatus.WITHDRAWN, self.at_hour(sent + days(rng.uniform(2, 11)), rng)
        elif roll < WITHDRAWN_SHARE + SILENT_SHARE + DECLINED_SHARE:
            outcome, moment = RequestStatus.DECLINED, sent + delay
        else:
            outcome, moment = RequestStatus.ACCEPTED, sent + delay
        if mentor.stops_at and mentor.stops_at <= moment:
            outcome, moment = RequestStatus.UNAVAILABLE, mentor.stops_at
        if now - sent < RECENT:
            moment = INFINITY  # not answered yet
        elif days(6) <= now - sent <= days(12) and self.waiting < WAITING:
            self.waiting += 1
            moment = INFINITY
        reminder = self.morning_run(sent + days(settings.MENTOR_REQUEST_REMINDER_DAYS))
        if reminder < min(moment, now):
            request.reminded_at = reminder
            request.events.append(Event(reminder, "", "", Role.SYSTEM, _("Reminder sent to the mentor")))
        if moment >= now:
            return
        if outcome == RequestStatus.ACCEPTED:
            ended, note = self.mentorship_end(mentor, moment, rng)
            if mentor.has_room(moment, ended, now):
                self.accept(request, moment, ended, note, rng)
                return
            outcome = RequestStatus.DECLINED
            request.change(moment, outcome, Role.MENTOR, content.AT_CAPACITY_REASON)
        elif outcome == RequestStatus.DECLINED:
            request.change(moment, outcome, Role.MENTOR, rng.choice(content.DECLINE_REASONS))
        elif outcome == RequestStatus.WITHDRAWN:
            note = rng.choice([*content.WITHDRAW_REASONS, _("Withdrawn")])
            request.change(moment, outcome, Role.REQUESTER, note)
        elif outcome == RequestStatus.EXPIRED:
            request.change(moment, outcome, Role.SYSTEM, _("No answer in time"))
        else:
            note = _("The mentor's profile is “%(status)s”: the requester was offered other mentors") % {
                "status": mentor.profile.get_status_display()
            }
            request.change(moment, outcome, Role.SYSTEM, note)
        self.follow_up(request, moment, rng)

    def follow_up(self, request, moment, rng):
        """After an expiry or a mentor who left, the team may send the request to another mentor; after a decline
        or a silence, the requester may ask another mentor themselves."""
        case = request.case
        if case.mentor:  # the request planted before its mentor stopped: its requester asks someone else
            case.mentor, case.silent = None, False
        elif request.status in (RequestStatus.EXPIRED, RequestStatus.UNAVAILABLE) and rng.random() < REASSIGNED_SHARE:
            moment = self.at_hour(moment + days(rng.randint(1, 3)), rng)
            mentor = self.choose(case, moment, rng) if moment < self.now else None
            if mentor:
                note = _("Reassigned from %(old)s to %(new)s") % {"old": request.mentor.name, "new": mentor.name}
                request.events.append(Event(moment, request.status, RequestStatus.NEW, Role.EDITOR, note))
                request.status, request.mentor, request.sent_at = RequestStatus.NEW, mentor, moment
                request.reminded_at = request.answered_at = request.closed_at = None
                self.answer(request, rng)
                return
        if request.status != RequestStatus.WITHDRAWN and case.attempts < 3 and rng.random() < ASKS_AGAIN_SHARE:
            moment = self.at_hour(moment + days(rng.randint(1, 6)), rng)
            if moment < self.now:
                case.attempts += 1
                self.push(moment, case)

    def mentorship_end(self, mentor, accepted, rng):
        """When the mentorship ends (INFINITY: under way today) and the reason when it ended early. Completed
        one to four months after it began, a few within weeks; those begun more than 30 days ago are over, but
        for a few that went quiet."""
        age = self.now - accepted
        if rng.random() < EARLY_END_SHARE:
            duration, note = days(rng.uniform(8, 25)), rng.choice(content.EARLY_END_REASONS)
        else:
            duration, note = days(rng.triangular(30, 120, 70)), ""
            if accepted + duration > self.now and age >= days(30):
                if self.quiet < QUIET and age <= days(100) and not mentor.stops_at and rng.random() < 0.5:
                    return INFINITY, ""
                duration = days(rng.uniform(28, age / days(1) - 0.5))
        if mentor.stops_at and accepted + duration > mentor.stops_at:
            duration = mentor.stops_at - accepted - timedelta(hours=rng.uniform(2, 48))
        if accepted + duration >= self.now:
            return INFINITY, ""
        return accepted + duration, note

    def accept(self, request, moment, ended, note, rng):
        mentor = request.mentor
        request.change(moment, RequestStatus.ACCEPTED, Role.MENTOR, _("Accepted"))
        mentor.mentorships.append((moment, ended))
        if ended == INFINITY:
            self.quiet += self.now - moment > days(30)
            return
        # An early ending's reason is the mentor's or the mentee's; the team closes a few that ran their course.
        role = rng.choices([Role.MENTOR, Role.REQUESTER, Role.EDITOR], [55, 40, 0 if note else 5])[0]
        if not note:
            note = _("Closed by the programme team") if role == Role.EDITOR else _("Mentorship completed")
        request.change(ended, RequestStatus.COMPLETED, role, note)
        self.give_feedback(request, early=ended - moment < days(28), rng=rng)

    # Feedback ----------------------------------------------------------------------------------------------------
    def give_feedback(self, request, early, rng):
        weights = EARLY_END_FIT_WEIGHTS if early else FIT_WEIGHTS
        fit = rng.choices(list(weights), list(weights.values()))[0]
        for role, share in ((Role.REQUESTER, REQUESTER_FEEDBACK_SHARE), (Role.MENTOR, MENTOR_FEEDBACK_SHARE)):
            # The mentor's view is close to the mentee's; only a poor fit for the mentee is one for the mentor.
            side_fit = fit if role == Role.REQUESTER or fit == 1 else min(4, max(2, fit + rng.choice([-1, 0, 0, 0, 1])))
            submitted = request.closed_at + timedelta(hours=rng.uniform(3, 12 * 24))
            if rng.random() < share * (0.75 if early else 1) and submitted < self.now:
                request.feedback.append(self.feedback(role, side_fit, submitted, rng))

    @staticmethod
    def feedback(role, fit, submitted, rng):
        band = "good" if fit >= 3 else "fair" if fit == 2 else "poor"
        text = rng.choice(content.WHAT_CHANGED[role][band]) if rng.random() < 0.85 else ""
        may_publish = fit >= 3 and rng.random() < PUBLISHABLE_SHARE
        return Feedback(role, fit, text, may_publish, submitted, may_name=may_publish and rng.random() < 0.5)

    def ensure_stories(self, requests):
        """At least MIN_PUBLISHABLE mentorships whose both sides agreed to publish: the most recent good ones."""

        def both_agree(request):
            return len(request.feedback) == 2 and all(feedback.may_publish for feedback in request.feedback)

        missing = MIN_PUBLISHABLE - sum(map(both_agree, requests))
        candidates = [
            request
            for request in reversed(requests)
            if len(request.feedback) == 2 and not both_agree(request) and min(f.fit for f in request.feedback) >= 3
        ]
        for request in candidates[: max(0, missing)]:
            for feedback in request.feedback:
                feedback.may_publish = True
                feedback.may_name = feedback.may_name or feedback.role == Role.MENTOR

    def ensure_track_records(self, requests):
        """At least TRACK_RECORDS mentors with TRACK_RECORD_THRESHOLD completed mentorships with their mentee's
        feedback, so that recognition has profiles to show: the most experienced mentors' mentees answered."""
        completed = {}
        for request in requests:
            if request.status == RequestStatus.COMPLETED:
                completed.setdefault(request.mentor, []).append(request)

        def answered(mentor):
            return sum(any(f.role == Role.REQUESTER for f in r.feedback) for r in completed[mentor])

        ranked = sorted(completed, key=lambda mentor: (-answered(mentor), -len(completed[mentor]), mentor.name))
        for mentor in ranked[:TRACK_RECORDS]:
            for request in completed[mentor]:
                if answered(mentor) >= TRACK_RECORD_THRESHOLD:
                    break
                submitted = request.closed_at + days(2)
                if submitted < self.now and not any(f.role == Role.REQUESTER for f in request.feedback):
                    request.feedback.append(self.feedback(Role.REQUESTER, 4, submitted, self.rng))


# --- Loading -------------------------------------------------------------------------------------------------------
def demo_mentors():
    """The demo's mentors still on the site, in the demo's order, with their models and themes."""
    by_email = {
        mentor.contact_email: mentor
        for mentor in MentorProfile.objects.filter(contact_email__in=[demo_email(row[0]) for row in MENTORS])
        .select_related("user")
        .prefetch_related("mentoring_models", "themes")
    }
    mentors = []
    for row in MENTORS:
        profile = by_email.get(demo_email(row[0]))
        if profile:
            models = {model.code for model in profile.mentoring_models.all()}
            mentors.append(Mentor(profile, models, {theme.name for theme in profile.themes.all()}))
    return mentors


def demo_challenges():
    """The demo's challenges still published, by slug: the page, its themes and recommended models."""
    pages = (
        ChallengePage.objects.live()
        .in_default_locale()
        .filter(slug__in=list(content.CHALLENGE_WEIGHTS))
        .prefetch_related("themes", "recommended_models")
    )
    return {
        page.slug: (
            page,
            frozenset(theme.name for theme in page.themes.all()),
            tuple(sorted(model.code for model in page.recommended_models.all())),
        )
        for page in pages
    }


def plan_history(now):
    """The year's requests, planned from what the site holds now; nothing written."""
    with translation.override(settings.LANGUAGE_CODE):
        year = Year(demo_mentors(), demo_challenges(), now)
        return year, year.plan()


@transaction.atomic
def load_history(report, now=None):
    mentors = [mentor.profile for mentor in demo_mentors()]
    if MentorRequest.objects.filter(mentor__in=mentors, requester_email__endswith="@example.org").exists():
        report.kept.append("Historique des demandes")
        return
    year, requests = plan_history(now or timezone.now())
    with translation.override(settings.LANGUAGE_CODE):
        write_mentors(year)
        write_requests(requests)
        for mentor in year.mentors:
            refresh(mentor)
        show_track_records(mentors)
    completed = sum(request.status == RequestStatus.COMPLETED for request in requests)
    report.created.append(f"Historique : {len(requests)} demandes, dont {completed} mentorats terminés")


def show_track_records(mentors):
    """The mentors with a track record to show chose to show it (in their space, « Votre bilan »), so that
    visitors of the demo see recognition on their profiles."""
    experienced = [
        mentor.pk
        for mentor in mentors
        if MentorshipFeedback.objects.filter(
            request__mentor=mentor, request__status=RequestStatus.COMPLETED, role=Role.REQUESTER
        ).count()
        >= TRACK_RECORD_THRESHOLD
    ]
    MentorProfile.objects.filter(pk__in=experienced).update(shows_track_record=True)


def write_mentors(year):
    """Applications and approvals at their dates, in the profiles and in their history (as lifecycle.py records
    them); a profile an editor already changed keeps its own history."""
    logged = set(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(MentorProfile),
            object_id__in=[str(mentor.profile.pk) for mentor in year.mentors],
        ).values_list("object_id", flat=True)
    )
    for mentor in year.mentors:
        profile = mentor.profile
        if str(profile.pk) in logged or mentor.applied_at is None:
            continue
        MentorProfile.objects.filter(pk=profile.pk).update(
            created_at=mentor.applied_at,
            first_published_at=mentor.published_at,
            email_confirmed_at=mentor.applied_at if profile.email_confirmed_at else None,
            charter_accepted_at=mentor.applied_at if profile.charter_accepted_at else None,
        )
        if profile.user_id:
            get_user_model().objects.filter(pk=profile.user_id).update(date_joined=mentor.applied_at)
        changes = [(mentor.applied_at + timedelta(minutes=20), lifecycle.SUBMITTED, MentorStatus.DRAFT,
                    MentorStatus.PENDING, profile.user, "")]  # fmt: skip
        if mentor.published_at:
            changes.append(
                (mentor.published_at, lifecycle.APPROVED, MentorStatus.PENDING, MentorStatus.PUBLISHED, None, "")
            )
        if mentor.stops_at:
            action, reason = (
                (lifecycle.PAUSED, content.PAUSE_REASON)
                if profile.status == MentorStatus.PAUSED
                else (lifecycle.ARCHIVED, content.ARCHIVE_REASON)
            )
            changes.append((mentor.stops_at, action, MentorStatus.PUBLISHED, profile.status, None, reason))
        for at, action, previous, status, user, reason in changes:
            log(
                instance=profile,
                action=action,
                user=user,
                timestamp=at,
                data={"from": previous, "to": status, "reason": reason},
            )


def write_requests(requests):
    actor_types = {actor_type.code: actor_type for actor_type in ActorType.objects.all()}
    models = {model.code: model for model in MentoringModel.objects.all()}
    rows = []
    for request in requests:
        case, person = request.case, request.case.person
        rows.append(
            MentorRequest(
                mentor=request.mentor.profile,
                challenge=case.need.challenge,
                challenge_text=case.need.text,
                requester_name=person.name,
                requester_email=person.email,
                organisation=person.organisation,
                actor_type=actor_types.get(person.actor_type),
                mentoring_model=models.get(case.model),
                mentoring_format=MentoringFormat.GROUP if case.group else MentoringFormat.INDIVIDUAL,
                participants=case.participants,
                message=case.need.message,
                consent_at=request.created_at,
                status=request.status,
                created_at=request.created_at,
                sent_at=request.sent_at,
                reminded_at=request.reminded_at,
                answered_at=request.answered_at,
                closed_at=request.closed_at,
            )
        )
    MentorRequest.objects.bulk_create(rows)
    RequestEvent.objects.bulk_create(
        RequestEvent(
            request=row,
            at=event.at,
            from_status=event.from_status,
            to_status=event.to_status,
            role=event.role,
            note=event.note,
        )
        for row, request in zip(rows, requests, strict=True)
        for event in request.events
    )
    MentorshipFeedback.objects.bulk_create(
        MentorshipFeedback(
            request=row,
            role=feedback.role,
            fit=feedback.fit,
            what_changed=feedback.what_changed,
            may_publish=feedback.may_publish,
            may_name=feedback.may_name,
            submitted_at=feedback.submitted_at,
        )
        for row, request in zip(rows, requests, strict=True)
        for feedback in request.feedback
    )


def refresh(mentor):
    """The mentor's load as the workflow keeps it, then the profile's last update at their last news (applied,
    approved, stopped, a mentorship accepted or completed), which the directory's "recent" order reads."""
    load.refresh(mentor.profile)
    news = [mentor.applied_at, mentor.published_at, mentor.stops_at]
    news += [moment for mentorship in mentor.mentorships for moment in mentorship if moment != INFINITY]
    news = [moment for moment in news if moment]
    if news:
        MentorProfile.objects.filter(pk=mentor.profile.pk).update(updated_at=max(news))
