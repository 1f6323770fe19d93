"""How the programme goes, in figures: each stage a programme tracks (recruitment → matching → monitoring →
closure) counted straight from the records, for a period, a mentoring model and an iteration.

The editors' dashboard (admin_views.py) shows every figure; the public page and the open data
(opendata.py) publish the tables of `public_tables()` once anonymity.py has merged the small counts.

Definitions, the same everywhere (README, « Pilotage »):
- A request belongs to the period it was sent in; each stage counts the requests of the period that reached
  it (accepted: accepted then, or completed since; completed: completed).
- Match rate: accepted ÷ sent. Time to answer: from sending to the mentor's answer (accepted or declined).
- Whose move: the mentor's while a request waits for an answer; the team's once the mentor was reminded and
  still says nothing; the requester's when the mentor declined, did not answer in time or became unavailable
  and the requester has not asked anyone since.
- Quiet: a mentorship under way with no news (an event of the request, a feedback) for 30 days.
- Ended early: completed less than 30 days after it was accepted; the reason is the note left when it ended.
- Utilisation: places taken ÷ capacity of the published mentors. Idle: published, accepting requests, and
  neither asked nor busy for 60 days.
- Where mentors are missing: demand per theme (requests through a challenge of that theme, challenge
  proposals, needs-survey answers) against the mentors of that theme who can take a request today.
"""

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Exists, F, Max, OuterRef, Q
from django.utils import timezone

from portal.challenges.models import ChallengeTheme
from portal.contributions.models import ChallengeProposal, NeedsSurveyResponse
from portal.mentors.models import MentorProfile, MentorStatus, MentorTheme
from portal.mentorships.models import (
    MentorRequest,
    MentorshipFeedback,
    RequestEvent,
    RequestStatus,
    Role,
)
from portal.programmes.models import Application, ApplicationStatus, MentorOffer, Pair, PairStatus
from portal.taxonomy.models import Theme

QUIET_DAYS = 30
EARLY_END_DAYS = 30
IDLE_DAYS = 60
FITS = (1, 2, 3, 4)
ACCEPTED_OR_AFTER = (RequestStatus.ACCEPTED, RequestStatus.COMPLETED)
REQUESTER_MOVES = (RequestStatus.DECLINED, RequestStatus.EXPIRED, RequestStatus.UNAVAILABLE)


@dataclass(frozen=True)
class Scope:
    """What the figures are about: the requests sent from `start` to `end` (both days included, in the site's
    time zone), of one mentoring model or all, and one programme iteration or none."""

    start: object  # date
    end: object  # date
    model: object = None  # taxonomy.MentoringModel
    iteration: object = None  # programmes.IterationPage

    @property
    def since(self):
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self):
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def requests(self):
        requests = MentorRequest.objects.filter(created_at__gte=self.since, created_at__lt=self.until)
        if self.model:
            requests = requests.filter(mentoring_model=self.model)
        return requests

    def mentors(self):
        mentors = MentorProfile.objects.all()
        if self.model:
            mentors = mentors.filter(mentoring_models=self.model)
        if self.iteration:
            mentors = mentors.filter(pk__in=MentorOffer.objects.filter(iteration=self.iteration).values("mentor"))
        return mentors


@dataclass
class Column:
    name: str  # a Table Schema field name: lower case ASCII
    title: str
    type: str = "integer"  # Table Schema type: string, integer, number, date, yearmonth
    unit: str = ""  # what a number counts (« demandes », « jours »): the datapackage says it
    description: str = ""
    counts: bool = True  # a number of records (what anonymity.py guards), not a level or a difference


@dataclass
class Table:
    name: str  # the resource's name: its file is <name>.csv / <name>.json
    title: str
    description: str
    columns: list
    rows: list = field(default_factory=list)  # one tuple per row, in the columns' order

    def column(self, name):
        return [row[self.index(name)] for row in self.rows]

    def index(self, name):
        return [column.name for column in self.columns].index(name)


def percentile(values, share):
    """The nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def median(values):
    return statistics.median(values) if values else None


def share(part, whole):
    return part / whole if whole else None


# Recruitment


def mentor_funnel(scope):
    """Mentors who applied in the period → approved (published once) → available today."""
    applied = scope.mentors().filter(created_at__gte=scope.since, created_at__lt=scope.until)
    return {
        "applied": applied.count(),
        "approved": applied.filter(first_published_at__isnull=False).count(),
        "available": applied.filter(available_q()).count(),
    }


def available_q():
    return Q(status=MentorStatus.PUBLISHED, accepting_requests=True, is_full=False)


# Matching


def request_funnel(scope):
    return funnel_of(scope.requests())


def funnel_of(requests):
    sent = requests.count()
    accepted = requests.filter(status__in=ACCEPTED_OR_AFTER).count()
    return {
        "sent": sent,
        "accepted": accepted,
        "completed": requests.filter(status=RequestStatus.COMPLETED).count(),
        "match_rate": share(accepted, sent),
    }


def whose_move(scope):
    """The requests of the period still waiting for someone, by whose move it is."""
    requests = scope.requests()
    waiting = requests.filter(status=RequestStatus.NEW)
    stopped = requests.filter(status__in=REQUESTER_MOVES, anonymised_at__isnull=True)
    asked_since = MentorRequest.objects.filter(
        requester_email__iexact=OuterRef("requester_email"), created_at__gt=OuterRef("created_at")
    )
    return {
        "mentor": waiting.filter(reminded_at__isnull=True).count(),
        "team": waiting.filter(reminded_at__isnull=False).count(),
        "requester": stopped.exclude(Exists(asked_since)).count(),
    }


def answer_hours(scope):
    """Hours from sending to the mentor's answer, for the requests of the period that were answered."""
    answered = scope.requests().filter(answered_at__isnull=False).values_list("sent_at", "answered_at")
    return [(answered_at - sent_at).total_seconds() / 3600 for sent_at, answered_at in answered]


def answer_times(scope):
    hours = answer_hours(scope)
    return {"answered": len(hours), "median_hours": median(hours), "p90_hours": percentile(hours, 0.9)}


# Monitoring


def last_news(requests):
    """Each request's latest news: its last event or feedback, else its answer."""
    news = dict(requests.values_list("pk", "answered_at"))
    for pk, at in (
        RequestEvent.objects.filter(request__in=requests)
        .values("request")
        .annotate(last=Max("at"))
        .values_list("request", "last")
    ):
        news[pk] = max(filter(None, (news.get(pk), at)))
    for pk, at in (
        MentorshipFeedback.objects.filter(request__in=requests)
        .values("request")
        .annotate(last=Max("submitted_at"))
        .values_list("request", "last")
    ):
        news[pk] = max(filter(None, (news.get(pk), at)))
    return news


def quiet_mentorships(scope, now=None):
    """Mentorships under way with no news for QUIET_DAYS, oldest news first: (request, last news)."""
    cutoff = (now or timezone.now()) - timedelta(days=QUIET_DAYS)
    under_way = scope.requests().filter(status=RequestStatus.ACCEPTED)
    news = last_news(under_way)
    quiet = [
        (request, news[request.pk])
        for request in under_way.select_related("mentor", "challenge")
        if news[request.pk] < cutoff
    ]
    return sorted(quiet, key=lambda item: item[1])


def early_endings(scope):
    """Mentorships completed less than EARLY_END_DAYS after they were accepted: (request, days, ending event)."""
    completed = (
        scope.requests()
        .filter(status=RequestStatus.COMPLETED, answered_at__isnull=False, closed_at__isnull=False)
        .select_related("mentor", "challenge")
    )
    endings = {
        event.request_id: event
        for event in RequestEvent.objects.filter(request__in=completed, to_status=RequestStatus.COMPLETED)
    }
    early = []
    for request in completed:
        lasted = request.closed_at - request.answered_at
        if lasted < timedelta(days=EARLY_END_DAYS):
            early.append((request, lasted.days, endings.get(request.pk)))
    return sorted(early, key=lambda item: item[0].closed_at, reverse=True)


def monitoring_counts(scope):
    requests = scope.requests()
    return {
        "under_way": requests.filter(status=RequestStatus.ACCEPTED).count(),
        "completed": requests.filter(status=RequestStatus.COMPLETED).count(),
    }


def utilisation(scope):
    """Places taken and capacity of the mentors published today."""
    published = scope.mentors().filter(status=MentorStatus.PUBLISHED)
    taken = capacity = 0
    for load, places in published.values_list("active_mentorships", "capacity"):
        taken += min(load, places)
        capacity += places
    return {"mentors": published.count(), "taken": taken, "capacity": capacity, "rate": share(taken, capacity)}


def idle_mentors(scope, now=None):
    """Published mentors accepting requests who were neither asked nor busy for IDLE_DAYS (published for that
    long at least), the longest idle first."""
    cutoff = (now or timezone.now()) - timedelta(days=IDLE_DAYS)
    recent = MentorRequest.objects.filter(Q(sent_at__gte=cutoff) | Q(status=RequestStatus.ACCEPTED)).values("mentor")
    busy_in_programmes = Pair.objects.filter(status__in=(PairStatus.PUBLISHED, PairStatus.LIVE)).values("offer__mentor")
    return list(
        scope.mentors()
        .filter(status=MentorStatus.PUBLISHED, accepting_requests=True, first_published_at__lt=cutoff)
        .exclude(pk__in=recent)
        .exclude(pk__in=busy_in_programmes)
        .annotate(last_asked=Max("requests__sent_at"))
        .order_by(F("last_asked").asc(nulls_first=True), "full_name")
    )


# Closure


def satisfaction(scope):
    """Feedback on the mentorships of the period: how many, the mean fit, and how many gave each fit."""
    feedback = MentorshipFeedback.objects.filter(request__in=scope.requests())
    by_role = {}
    for role in (Role.REQUESTER, Role.MENTOR):
        fits = list(feedback.filter(role=role).values_list("fit", flat=True))
        by_role[role] = {"answers": len(fits), "mean": sum(fits) / len(fits) if fits else None}
    fits = Counter(feedback.values_list("fit", flat=True))
    return {"by_role": by_role, "distribution": [(fit, fits[fit]) for fit in FITS], "answers": sum(fits.values())}


# Where mentors are missing


def theme_demand(scope):
    """Per theme: requests (through their challenge's themes), challenge proposals and needs-survey answers of
    the period, mentors available today, and the gap (demand minus mentors): a list of dicts, largest gap
    first. Themes with neither demand nor mentors are left out."""
    requests = scope.requests().filter(challenge__isnull=False)
    by_request = Counter(
        ChallengeTheme.objects.filter(content_object__mentor_requests__in=requests).values_list("tag", flat=True)
    )
    proposals = ChallengeProposal.objects.filter(created_at__gte=scope.since, created_at__lt=scope.until)
    by_proposal = Counter(proposals.values_list("themes", flat=True).exclude(themes=None))
    answers = NeedsSurveyResponse.objects.filter(created_at__gte=scope.since, created_at__lt=scope.until)
    if scope.model:
        answers = answers.filter(mentoring_model=scope.model)
    by_answer = Counter(answers.values_list("themes", flat=True).exclude(themes=None))
    available = scope.mentors().filter(available_q())
    mentors = Counter(MentorTheme.objects.filter(content_object__in=available).values_list("tag", flat=True))
    rows = []
    for theme in Theme.objects.order_by("name"):
        counts = {
            "requests": by_request[theme.pk],
            "proposals": by_proposal[theme.pk],
            "survey": by_answer[theme.pk],
            "mentors": mentors[theme.pk],
        }
        demand = counts["requests"] + counts["proposals"] + counts["survey"]
        if demand or counts["mentors"]:
            rows.append({"theme": theme, **counts, "demand": demand, "gap": demand - counts["mentors"]})
    return sorted(rows, key=lambda row: (-row["gap"], row["theme"].name))


# Over time


def months_of(scope):
    first = scope.start.replace(day=1)
    months = []
    while first <= scope.end:
        months.append(first)
        first = (first + timedelta(days=32)).replace(day=1)
    return months


def monthly(scope):
    """Per month of the period: mentor applications, requests sent, accepted and completed (by the month the
    request was sent)."""
    counts = defaultdict(Counter)
    for created_at, status in scope.requests().values_list("created_at", "status"):
        month = timezone.localtime(created_at).date().replace(day=1)
        counts[month]["sent"] += 1
        counts[month]["accepted"] += status in ACCEPTED_OR_AFTER
        counts[month]["completed"] += status == RequestStatus.COMPLETED
    applied = scope.mentors().filter(created_at__gte=scope.since, created_at__lt=scope.until)
    for created_at in applied.values_list("created_at", flat=True):
        counts[timezone.localtime(created_at).date().replace(day=1)]["applied"] += 1
    return [(month, counts[month]) for month in months_of(scope)]


# Programmes


def iteration_funnel(iteration):
    """An iteration's cohort: applications → accepted → paired (proposed, published or under way) → under way
    → ended, and the pairs declined."""
    applications = Application.objects.filter(iteration=iteration).exclude(status=ApplicationStatus.INVITED)
    pairs = Pair.objects.filter(iteration=iteration)
    return {
        "applications": applications.count(),
        "accepted": applications.filter(status=ApplicationStatus.ACCEPTED).count(),
        "paired": pairs.exclude(status=PairStatus.DECLINED).values("application").distinct().count(),
        "live": pairs.filter(status=PairStatus.LIVE).count(),
        "ended": pairs.filter(status=PairStatus.ENDED).count(),
        "declined": pairs.filter(status=PairStatus.DECLINED).count(),
    }
