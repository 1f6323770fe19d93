"""`load_demo` gives the programme a plausible year: requests to the demo mentors spread over the last twelve months
and growing, every status reached the way the workflow reaches it, timestamps and history that agree, no mentor
beyond capacity, feedback enough for stories and track records, applications, proposals and needs answers each
month; all fictional, nothing emailed, and loaded once."""

from collections import Counter
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from portal.contributions.forms import catalogue_themes
from portal.contributions.models import ChallengeProposal, NeedsSurveyResponse, ProposalStatus
from portal.home import demo_content as home_demo_content
from portal.mail.models import OutgoingEmail
from portal.mentors import lifecycle
from portal.mentors.demo_content import MENTORS
from portal.mentors.models import TRACK_RECORD_THRESHOLD, MentorProfile, MentorStatus
from portal.mentorships import workflow
from portal.mentorships.demo import FOUNDERS, MAY_BE_FULL, plan_history
from portal.mentorships.models import (
    CLOSED_STATUSES,
    MentorRequest,
    MentorshipFeedback,
    RequestEvent,
    RequestStatus,
    Role,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

# The founding text, as the demo carries it.
FOUNDING_TEXT = Path(home_demo_content.__file__).read_text(encoding="utf-8")
DEFAULT_COMPLETION_NOTES = {"Mentorat terminé", "Close par l’équipe du programme"}


def requests():
    return list(MentorRequest.objects.select_related("mentor").prefetch_related("events", "feedback"))


def status_changes(request):
    return [event for event in request.events.all() if event.to_status]


def months(moments):
    return {timezone.localtime(moment).strftime("%Y-%m") for moment in moments}


def under_way_at(mentorships, moment):
    return sum(start <= moment < end for start, end in mentorships)


def mentorships_of(mentor_requests):
    """(accepted at, ended at) of each mentorship, an open one ending far in the future."""
    far = timezone.now() + timedelta(days=3650)
    spans = []
    for request in mentor_requests:
        accepted = [event.at for event in status_changes(request) if event.to_status == RequestStatus.ACCEPTED]
        if accepted:
            spans.append((accepted[-1], request.closed_at or far))
    return spans


# --- Spread and growth -------------------------------------------------------------------------------------------
def test_the_requests_span_the_last_year_and_grow_month_after_month():
    now = timezone.now()
    created = [request.created_at for request in requests()]
    assert 150 <= len(created) <= 250
    assert all(now - timedelta(days=367) <= moment <= now for moment in created)
    last_twelve = months(now - timedelta(days=30.4 * index) for index in range(12))
    assert len(months(created) & last_twelve) >= 10
    first_quarter = sum(moment < now - timedelta(days=274) for moment in created)
    last_quarter = sum(moment >= now - timedelta(days=91) for moment in created)
    assert first_quarter >= 5 and last_quarter >= 2 * first_quarter


def test_the_requests_cover_the_three_models_every_actor_type_challenges_and_described_needs():
    all_requests = MentorRequest.objects.all()
    assert set(all_requests.values_list("mentoring_model__code", flat=True)) == {
        "culture-shift",
        "peer-to-peer",
        "agility",
        None,
    }
    assert set(all_requests.values_list("actor_type__code", flat=True)) == {
        "collectivite",
        "industrie",
        "startup",
        "laboratoire",
        "ecole",
    }
    assert all_requests.filter(challenge__isnull=False).count() > all_requests.filter(challenge__isnull=True).count()
    assert not all_requests.filter(challenge__isnull=True, challenge_text="").exists()
    assert all_requests.filter(mentoring_format="group", participants__gte=2).exists()


# --- Statuses and timestamps ---------------------------------------------------------------------------------------
def test_every_status_is_reached():
    assert set(MentorRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)


def test_some_requests_wait_for_an_answer_the_recent_ones_and_a_couple_already_reminded():
    now = timezone.now()
    waiting = MentorRequest.objects.filter(status=RequestStatus.NEW)
    assert all(now - request.sent_at < timedelta(days=settings.MENTOR_REQUEST_EXPIRY_DAYS) for request in waiting)
    recent = [r for r in waiting if now - r.sent_at < timedelta(days=settings.MENTOR_REQUEST_REMINDER_DAYS)]
    reminded = [r for r in waiting if r.reminded_at]
    assert recent and len(reminded) >= 2
    assert all(request.mentor.is_available for request in waiting)


def test_mentorships_under_way_are_mostly_recent_and_a_few_went_quiet():
    now = timezone.now()
    under_way = [request for request in requests() if request.status == RequestStatus.ACCEPTED]
    quiet = [request for request in under_way if now - list(request.events.all())[-1].at > timedelta(days=30)]
    assert 2 <= len(quiet) <= 6
    assert len(under_way) - len(quiet) >= 5


def test_completed_mentorships_last_one_to_four_months_and_early_endings_say_why():
    completed = [request for request in requests() if request.status == RequestStatus.COMPLETED]
    assert len(completed) >= 50
    early = []
    for request in completed:
        length = request.closed_at - request.answered_at
        assert timedelta(days=7) <= length <= timedelta(days=125)
        if length < timedelta(days=28):
            early.append(request)
            assert status_changes(request)[-1].note not in DEFAULT_COMPLETION_NOTES
    assert 3 <= len(early) <= len(completed) / 4


def test_timestamps_agree_with_each_other_and_with_the_settings():
    now = timezone.now()
    expiry = timedelta(days=settings.MENTOR_REQUEST_EXPIRY_DAYS)
    for request in requests():
        assert request.consent_at == request.created_at <= request.sent_at <= now
        if request.status == RequestStatus.NEW:
            assert request.answered_at is None and request.closed_at is None
        else:
            assert request.sent_at <= request.answered_at <= now
        if request.status in CLOSED_STATUSES:
            assert request.answered_at <= request.closed_at <= now
        else:
            assert request.closed_at is None
        if request.status in (RequestStatus.ACCEPTED, RequestStatus.COMPLETED, RequestStatus.DECLINED):
            assert request.answered_at - request.sent_at <= timedelta(days=10, hours=1)
        if request.status == RequestStatus.EXPIRED:
            assert request.answered_at - request.sent_at >= expiry
        if request.reminded_at:
            reminder_due = request.sent_at + timedelta(days=settings.MENTOR_REQUEST_REMINDER_DAYS)
            assert reminder_due <= request.reminded_at <= (request.answered_at or now)


def test_answers_come_within_hours_to_days_most_within_two():
    delays = sorted(
        request.answered_at - request.sent_at
        for request in MentorRequest.objects.filter(status__in=["accepted", "completed", "declined"])
    )
    median, slowest = delays[len(delays) // 2], delays[-1]
    assert timedelta(hours=6) <= median <= timedelta(days=2)
    assert delays[0] < timedelta(hours=3) and slowest >= timedelta(days=5)


def test_each_request_s_history_replays_to_its_status_as_the_workflow_allows():
    for request in requests():
        events = list(request.events.all())
        assert [event.at for event in events] == sorted(event.at for event in events)
        changes = status_changes(request)
        first = changes[0]
        assert (first.from_status, first.to_status, first.role, first.at) == (
            "",
            RequestStatus.NEW,
            Role.REQUESTER,
            request.created_at,
        )
        for before, after in pairwise(changes):
            assert after.from_status == before.to_status, request.pk
            if after.to_status == RequestStatus.NEW:  # reassigned by the team
                assert after.role == Role.EDITOR and after.from_status in workflow.REASSIGNABLE
            else:
                assert after.to_status in workflow.ALLOWED[after.from_status]
                assert after.role == Role.EDITOR or after.to_status in workflow.MAY[after.role]
        assert changes[-1].to_status == request.status
        assert [e.at for e in changes if e.to_status == RequestStatus.NEW][-1] == request.sent_at
        left_new = [e.at for e in changes if e.from_status == RequestStatus.NEW]
        if request.status != RequestStatus.NEW:
            assert left_new[-1] == request.answered_at
        if request.status in CLOSED_STATUSES:
            assert changes[-1].at == request.closed_at
        reminders = [event for event in events if not event.to_status]
        assert all(event.role == Role.SYSTEM for event in reminders)
        assert bool(reminders) == bool(request.reminded_at) or len(changes) > 2  # a reassignment clears it


def test_declines_and_withdrawals_say_why_and_expiries_are_the_system_s():
    for request in requests():
        last = status_changes(request)[-1]
        if request.status == RequestStatus.DECLINED:
            assert last.role == Role.MENTOR and last.note not in ("", "Déclinée")
        if request.status in (RequestStatus.EXPIRED, RequestStatus.UNAVAILABLE):
            assert last.role == Role.SYSTEM and last.note
        if request.status == RequestStatus.UNAVAILABLE:
            assert request.mentor.status in (MentorStatus.PAUSED, MentorStatus.ARCHIVED)


# --- Mentors' capacity and applications -----------------------------------------------------------------------------
def test_no_mentor_ever_had_more_mentorships_under_way_than_their_capacity():
    by_mentor = {}
    for request in requests():
        by_mentor.setdefault(request.mentor, []).append(request)
    for mentor, mentor_requests in by_mentor.items():
        spans = mentorships_of(mentor_requests)
        assert all(under_way_at(spans, start) <= mentor.capacity for start, _end in spans), mentor.full_name


def test_mentors_load_is_refreshed_and_all_but_a_few_keep_a_place_free_today():
    for mentor in MentorProfile.objects.all():
        under_way = MentorRequest.objects.filter(mentor=mentor, status=RequestStatus.ACCEPTED).count()
        assert mentor.active_mentorships == under_way <= mentor.capacity
        assert mentor.is_full == (under_way >= mentor.capacity)
        if mentor.is_full:
            assert mentor.full_name in MAY_BE_FULL
    assert MentorProfile.objects.get(full_name="Claire Morvan").is_available


def test_requests_reach_mentors_only_while_published():
    for request in requests():
        mentor = request.mentor
        assert mentor.first_published_at and mentor.first_published_at <= request.sent_at
        if request.status == RequestStatus.NEW:
            assert mentor.status == MentorStatus.PUBLISHED and mentor.accepting_requests
    assert not MentorRequest.objects.filter(mentor__status=MentorStatus.PENDING).exists()


def test_mentors_applied_over_the_year_the_founders_first_and_applications_await_approval():
    now = timezone.now()
    mentors = MentorProfile.objects.all()
    assert len(months(mentors.values_list("created_at", flat=True))) >= 8
    for mentor in mentors.filter(full_name__in=FOUNDERS):
        assert mentor.created_at < now - timedelta(days=350)
    pending = mentors.filter(status=MentorStatus.PENDING)
    assert pending.count() >= 4
    assert all(now - m.created_at < timedelta(days=30) and m.first_published_at is None for m in pending)
    for mentor in mentors:
        assert mentor.created_at <= mentor.updated_at <= now
        approvals = ModelLogEntry.objects.for_instance(mentor).filter(action=lifecycle.APPROVED)
        if mentor.first_published_at:
            assert mentor.created_at < mentor.first_published_at
            assert [entry.timestamp for entry in approvals] == [mentor.first_published_at]
        else:
            assert not approvals.exists()


# --- Feedback -------------------------------------------------------------------------------------------------------
def test_most_completed_mentorships_have_feedback_mostly_a_good_fit():
    now = timezone.now()
    completed = MentorRequest.objects.filter(status=RequestStatus.COMPLETED)
    answered = completed.filter(feedback__role=Role.REQUESTER).distinct()
    assert answered.count() >= 0.6 * completed.count()
    assert not MentorshipFeedback.objects.exclude(request__status=RequestStatus.COMPLETED).exists()
    for feedback in MentorshipFeedback.objects.select_related("request"):
        assert feedback.request.closed_at < feedback.submitted_at < now
    fits = Counter(MentorshipFeedback.objects.values_list("fit", flat=True))
    total = sum(fits.values())
    assert fits[3] + fits[4] >= 0.6 * total
    assert fits[2] > 0 and 0 < fits[1] <= 0.1 * total


def test_what_changed_reads_as_people_write_it_in_a_handful_of_distinct_texts():
    texts = set(MentorshipFeedback.objects.exclude(what_changed="").values_list("what_changed", flat=True))
    assert len(texts) >= 6
    assert not any("lorem" in text.lower() for text in texts)


def test_at_least_four_mentorships_may_be_published_by_both_sides():
    both = MentorRequest.objects.filter(status=RequestStatus.COMPLETED).filter(
        pk__in=MentorshipFeedback.objects.filter(role=Role.REQUESTER, may_publish=True).values("request"),
    )
    both = both.filter(pk__in=MentorshipFeedback.objects.filter(role=Role.MENTOR, may_publish=True).values("request"))
    assert both.count() >= 4
    named = MentorshipFeedback.objects.filter(may_name=True)
    assert named.filter(request__in=both).exists() and not named.filter(may_publish=False).exists()


def test_at_least_three_mentors_have_three_completed_mentorships_with_their_mentee_s_feedback():
    answered = Counter(
        MentorshipFeedback.objects.filter(role=Role.REQUESTER, request__status=RequestStatus.COMPLETED).values_list(
            "request__mentor", flat=True
        )
    )
    assert sum(count >= TRACK_RECORD_THRESHOLD for count in answered.values()) >= 3


# --- Contributions --------------------------------------------------------------------------------------------------
def test_challenge_proposals_come_a_few_a_month_and_are_handled_or_waiting():
    now = timezone.now()
    proposals = ChallengeProposal.objects.prefetch_related("themes")
    assert proposals.count() >= 20
    assert len(months(proposals.values_list("created_at", flat=True))) >= 10
    assert {ProposalStatus.NEW, ProposalStatus.REVIEW, ProposalStatus.MERGED, ProposalStatus.REFUSED} <= set(
        proposals.values_list("status", flat=True)
    )
    for proposal in proposals:
        assert proposal.themes.all() and proposal.consent_at == proposal.created_at <= now
        if proposal.status == ProposalStatus.MERGED:
            assert proposal.challenge.live and proposal.created_at < proposal.thanked_at < now
        else:
            assert proposal.challenge is None and proposal.thanked_at is None


def test_needs_answers_come_each_month_on_the_areas_the_survey_offers():
    answers = NeedsSurveyResponse.objects.prefetch_related("themes")
    assert answers.count() >= 60
    assert len(months(answers.values_list("created_at", flat=True))) >= 10
    areas = set(catalogue_themes())
    assert all(answer.themes.all() and set(answer.themes.all()) <= areas for answer in answers)
    assert set(answers.values_list("mentoring_model__code", flat=True)) == {
        "culture-shift",
        "peer-to-peer",
        "agility",
        None,
    }


# --- People, emails, loading once -----------------------------------------------------------------------------------
def test_requesters_and_proposers_are_fictional_people_at_example_org():
    mentor_names = {row[0] for row in MENTORS}
    people = [*MentorRequest.objects.values_list("requester_name", "requester_email")]
    people += [*ChallengeProposal.objects.values_list("name", "email")]
    for name, email in people:
        assert email.endswith("@example.org")
        assert name not in mentor_names and name.split()[-1] not in FOUNDING_TEXT


def test_the_history_emails_nobody():
    assert not OutgoingEmail.objects.exists()


def snapshot():
    mentors = MentorProfile.objects.order_by("pk").values_list(
        "pk", "created_at", "first_published_at", "updated_at", "active_mentorships"
    )
    counted = [MentorRequest, RequestEvent, MentorshipFeedback, ChallengeProposal, NeedsSurveyResponse, ModelLogEntry]
    return [model.objects.count() for model in counted], list(mentors)


def test_loading_the_demo_again_adds_nothing_and_sends_nothing():
    before = snapshot()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before
    assert mail.outbox == [] and not OutgoingEmail.objects.exists()


def test_the_year_is_planned_the_same_way_each_time():
    now = timezone.now()

    def planned():
        _year, planned_requests = plan_history(now)
        return [
            (
                request.case.person.email,
                request.mentor.name,
                request.status,
                request.created_at,
                request.closed_at,
                [(event.at, event.to_status, event.note) for event in request.events],
                [(feedback.role, feedback.fit, feedback.what_changed) for feedback in request.feedback],
            )
            for request in planned_requests
        ]

    assert planned() == planned()


def test_demo_mentors_with_a_track_record_show_it_on_their_profile(client):
    from portal.mentors.models import MentorProfile

    shown = MentorProfile.objects.filter(shows_track_record=True)
    assert shown.count() >= 3
    profile = client.get(f"/mentors/{shown.first().slug}/").content.decode()
    assert "accompagnements menés" in profile
