"""The dashboard's figures equal direct counts of the records: each stage of the programme, for a period, a
model and an iteration (portal/pilotage/figures.py)."""

import random
from datetime import date, timedelta

from django.utils import timezone

import pytest

from portal.mentors.models import MentorProfile
from portal.mentorships.models import MentorRequest, MentorshipFeedback, RequestEvent, RequestStatus, Role
from portal.pilotage import figures
from portal.taxonomy.models import MentoringModel, Theme
from tests.factories import (
    ChallengePageFactory,
    ChallengeProposalFactory,
    MentorProfileFactory,
    MentorRequestFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()
TODAY = timezone.localdate()


def year():
    return figures.Scope(start=TODAY - timedelta(days=364), end=TODAY)


def make_request(days_ago, status=RequestStatus.NEW, *, answered_hours=None, lasted_days=None, **fields):
    created = NOW - timedelta(days=days_ago)
    request = MentorRequestFactory(status=status, **fields)
    answered = created + timedelta(hours=answered_hours) if answered_hours is not None else None
    closed = answered + timedelta(days=lasted_days) if answered and lasted_days is not None else None
    MentorRequest.objects.filter(pk=request.pk).update(
        created_at=created, sent_at=created, answered_at=answered, closed_at=closed
    )
    request.refresh_from_db()
    return request


def random_history(seed, mentors, models):
    rng = random.Random(seed)  # noqa: S311 - a reproducible history, not a secret
    for _ in range(60):
        status = rng.choice(list(RequestStatus))
        answered = (
            rng.uniform(1, 400)
            if status in (RequestStatus.ACCEPTED, RequestStatus.COMPLETED, RequestStatus.DECLINED)
            else None
        )
        make_request(
            rng.randint(0, 500),
            status,
            answered_hours=answered,
            lasted_days=rng.randint(1, 90) if status == RequestStatus.COMPLETED else None,
            mentor=rng.choice(mentors),
            mentoring_model=rng.choice([*models, None]),
        )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_request_funnel_equals_direct_counts_for_any_period_and_model(seed):
    models = list(MentoringModel.objects.all())
    random_history(seed, MentorProfileFactory.create_batch(3), models)
    every = list(MentorRequest.objects.all())
    for model in [None, *models]:
        for start, end in [
            (TODAY - timedelta(days=364), TODAY),
            (TODAY - timedelta(days=90), TODAY - timedelta(days=30)),
        ]:
            scope = figures.Scope(start=start, end=end, model=model)
            mine = [
                request
                for request in every
                if start <= timezone.localtime(request.created_at).date() <= end
                and (model is None or request.mentoring_model_id == model.pk)
            ]
            accepted = [r for r in mine if r.status in ("accepted", "completed")]
            funnel = figures.request_funnel(scope)
            assert funnel["sent"] == len(mine)
            assert funnel["accepted"] == len(accepted)
            assert funnel["completed"] == len([r for r in mine if r.status == "completed"])
            assert funnel["match_rate"] == (len(accepted) / len(mine) if mine else None)
            months = figures.monthly(scope)
            assert sum(counts["sent"] for _month, counts in months) == len(mine)
            assert sum(counts["accepted"] for _month, counts in months) == len(accepted)


def test_a_period_includes_its_first_and_last_days_and_nothing_around():
    make_request(10)
    make_request(20)
    make_request(30)
    edge = timezone.localtime(MentorRequest.objects.order_by("created_at")[1].created_at).date()
    assert figures.request_funnel(figures.Scope(start=edge, end=edge))["sent"] == 1
    assert (
        figures.request_funnel(figures.Scope(start=edge + timedelta(days=1), end=edge + timedelta(days=9)))["sent"] == 0
    )


def test_median_and_ninetieth_percentile_of_the_time_to_answer():
    for hours in range(1, 11):
        make_request(5, RequestStatus.ACCEPTED, answered_hours=hours)
    make_request(5)  # not answered: not counted
    times = figures.answer_times(year())
    assert times == {"answered": 10, "median_hours": 5.5, "p90_hours": 9}


def test_percentile_is_the_nearest_rank():
    assert figures.percentile([], 0.9) is None
    assert figures.percentile([7], 0.9) == 7
    assert figures.percentile(list(range(1, 21)), 0.9) == 18
    assert figures.percentile([5, 1, 3], 0.5) == 3


def test_whose_move_mentor_team_or_requester():
    make_request(1)  # mentor
    reminded = make_request(8)  # team: the mentor was reminded
    MentorRequest.objects.filter(pk=reminded.pk).update(reminded_at=NOW)
    declined = make_request(9, RequestStatus.DECLINED, answered_hours=2)  # requester: asked no one since
    asked_again = make_request(12, RequestStatus.EXPIRED, requester_email="again@example.net")
    make_request(3, requester_email="AGAIN@example.net")  # …this one asked again since (mentor's move)
    make_request(4, RequestStatus.ACCEPTED, answered_hours=1)  # nobody's: under way
    moves = figures.whose_move(year())
    assert moves == {"mentor": 2, "team": 1, "requester": 1}
    assert declined.status == RequestStatus.DECLINED and asked_again.status == RequestStatus.EXPIRED


def test_a_mentorship_is_quiet_after_thirty_days_without_news():
    quiet = make_request(80, RequestStatus.ACCEPTED, answered_hours=24)
    RequestEvent.objects.create(request=quiet, at=NOW - timedelta(days=31), role=Role.MENTOR, note="Point")
    with_event = make_request(80, RequestStatus.ACCEPTED, answered_hours=24)
    RequestEvent.objects.create(request=with_event, at=NOW - timedelta(days=29), role=Role.MENTOR, note="Point")
    with_feedback = make_request(80, RequestStatus.ACCEPTED, answered_hours=24)
    MentorshipFeedback.objects.create(
        request=with_feedback, role=Role.REQUESTER, fit=3, submitted_at=NOW - timedelta(days=2)
    )
    just_accepted = make_request(10, RequestStatus.ACCEPTED, answered_hours=24)
    assert [request for request, _news in figures.quiet_mentorships(year(), NOW)] == [quiet]
    assert just_accepted not in [request for request, _news in figures.quiet_mentorships(year(), NOW)]


def test_an_early_ending_comes_with_who_ended_it_and_why():
    early = make_request(60, RequestStatus.COMPLETED, answered_hours=24, lasted_days=12)
    RequestEvent.objects.create(
        request=early, from_status="accepted", to_status="completed", role=Role.REQUESTER, note="Projet suspendu"
    )
    make_request(120, RequestStatus.COMPLETED, answered_hours=24, lasted_days=45)
    [(request, days, event)] = figures.early_endings(year())
    assert (request, days, event.role, event.note) == (early, 12, Role.REQUESTER, "Projet suspendu")


def test_utilisation_counts_places_taken_against_capacity_of_published_mentors():
    MentorProfileFactory(capacity=4, active_mentorships=3)
    MentorProfileFactory(capacity=2, active_mentorships=2, is_full=True)
    MentorProfileFactory(capacity=5, active_mentorships=0, status="paused")
    assert figures.utilisation(year()) == {"mentors": 2, "taken": 5, "capacity": 6, "rate": 5 / 6}


def test_idle_mentors_were_neither_asked_nor_busy_for_sixty_days():
    long_ago = NOW - timedelta(days=200)
    idle, asked, busy, new = MentorProfileFactory.create_batch(4)
    MentorProfile.objects.filter(pk__in=[idle.pk, asked.pk, busy.pk]).update(first_published_at=long_ago)
    MentorProfile.objects.filter(pk=new.pk).update(first_published_at=NOW - timedelta(days=10))
    make_request(90, RequestStatus.COMPLETED, answered_hours=5, lasted_days=20, mentor=idle)
    make_request(20, RequestStatus.DECLINED, answered_hours=5, mentor=asked)
    make_request(150, RequestStatus.ACCEPTED, answered_hours=5, mentor=busy)
    [found] = figures.idle_mentors(year(), NOW)
    assert found == idle
    assert timezone.localtime(found.last_asked).date() == TODAY - timedelta(days=90)


def test_satisfaction_counts_each_fit_and_the_mean_per_side():
    request = make_request(30, RequestStatus.COMPLETED, answered_hours=2, lasted_days=20)
    other = make_request(30, RequestStatus.COMPLETED, answered_hours=2, lasted_days=20)
    MentorshipFeedback.objects.create(request=request, role=Role.REQUESTER, fit=4)
    MentorshipFeedback.objects.create(request=other, role=Role.REQUESTER, fit=3)
    MentorshipFeedback.objects.create(request=request, role=Role.MENTOR, fit=2)
    result = figures.satisfaction(year())
    assert result["distribution"] == [(1, 0), (2, 1), (3, 1), (4, 1)]
    assert result["by_role"][Role.REQUESTER] == {"answers": 2, "mean": 3.5}
    assert result["by_role"][Role.MENTOR] == {"answers": 1, "mean": 2}


def test_theme_demand_counts_requests_proposals_and_survey_against_available_mentors(catalogue, survey):
    [data], [transport] = Theme.objects.for_names(["open data"]), Theme.objects.for_names(["transport à la demande"])
    challenge = ChallengePageFactory(parent=catalogue, themes=["open data"])
    asked = MentorProfileFactory(themes=["transport à la demande"], status="paused")  # not available
    for _ in range(3):
        make_request(10, challenge=challenge, mentor=asked)
    make_request(10, mentor=asked)  # no challenge: no theme
    ChallengeProposalFactory().themes.set([data, transport])
    MentorProfileFactory(themes=["transport à la demande"])
    MentorProfileFactory(themes=["transport à la demande"])
    MentorProfileFactory(themes=["transport à la demande"], capacity=2, active_mentorships=2)  # full: not available
    rows = {row["theme"]: row for row in figures.theme_demand(year())}
    assert (rows[data]["requests"], rows[data]["proposals"], rows[data]["mentors"], rows[data]["gap"]) == (3, 1, 0, 4)
    assert (rows[transport]["demand"], rows[transport]["mentors"], rows[transport]["gap"]) == (1, 2, -1)
    assert [row["theme"] for row in figures.theme_demand(year())].index(data) < [
        row["theme"] for row in figures.theme_demand(year())
    ].index(transport)


def test_mentor_funnel_counts_applications_approvals_and_availability():
    applied = MentorProfileFactory.create_batch(3)
    MentorProfile.objects.filter(pk=applied[0].pk).update(status="pending", first_published_at=None)
    MentorProfile.objects.filter(pk=applied[1].pk).update(first_published_at=NOW, is_full=True)
    MentorProfile.objects.filter(pk=applied[2].pk).update(first_published_at=NOW)
    old = MentorProfileFactory()
    MentorProfile.objects.filter(pk=old.pk).update(created_at=NOW - timedelta(days=400))
    assert figures.mentor_funnel(year()) == {"applied": 3, "approved": 2, "available": 1}


def test_a_month_by_month_count_covers_every_month_of_the_period():
    scope = figures.Scope(start=date(2026, 1, 15), end=date(2026, 4, 2))
    assert [month for month, _counts in figures.monthly(scope)] == [
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
        date(2026, 4, 1),
    ]
