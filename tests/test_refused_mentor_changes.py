"""A mentor profile's refused status changes leave everything as it was: status, availability, history,
emails (issue 15; the rules are in portal/mentors/lifecycle.py)."""

from wagtail.models import ModelLogEntry

import pytest

from portal.mail.models import OutgoingEmail
from portal.mentors import lifecycle
from portal.mentors.models import MentorProfile, MentorStatus
from tests.factories import MentorProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def snapshot(mentor):
    row = MentorProfile.objects.filter(pk=mentor.pk).values("status", "accepting_requests", "updated_at").get()
    return row, ModelLogEntry.objects.count(), OutgoingEmail.objects.count()


def refused(action, mentor, message, **kwargs):
    before = snapshot(mentor)
    with pytest.raises(lifecycle.TransitionError, match=message):
        action(MentorProfile.objects.get(pk=mentor.pk), **kwargs)
    assert snapshot(mentor) == before


@pytest.fixture
def team_member(db):
    return UserFactory(editor=True)


@pytest.mark.parametrize(
    "status", [MentorStatus.DRAFT, MentorStatus.PENDING, MentorStatus.PAUSED, MentorStatus.ARCHIVED]
)
def test_only_a_published_profile_can_be_paused(directory, status, team_member):
    mentor = MentorProfileFactory(status=status)
    refused(lifecycle.pause, mentor, "publié", user=team_member, reason="Congé")


def test_a_published_profile_is_not_approved_again(directory, team_member):
    refused(lifecycle.approve, MentorProfileFactory(), "déjà publié", user=team_member)


def test_an_archived_profile_is_not_archived_again(directory, team_member):
    refused(
        lifecycle.archive,
        MentorProfileFactory(status=MentorStatus.ARCHIVED),
        "déjà archivé",
        user=team_member,
        reason="x",
    )


def test_a_profile_whose_address_is_not_confirmed_is_not_approved(directory, team_member):
    mentor = MentorProfileFactory(status=MentorStatus.PENDING, email_confirmed_at=None)
    refused(lifecycle.approve, mentor, "confirmé", user=team_member)


def test_a_profile_bound_by_an_older_charter_is_not_approved(directory, team_member):
    mentor = MentorProfileFactory(status=MentorStatus.PENDING, charter_version="2020-1")
    refused(lifecycle.approve, mentor, "charte", user=team_member)


@pytest.mark.parametrize("action", [lifecycle.pause, lifecycle.archive])
@pytest.mark.parametrize("reason", ["", "   \n "])
def test_a_person_pausing_or_archiving_must_say_why(directory, team_member, action, reason):
    refused(action, MentorProfileFactory(), "Dites pourquoi", user=team_member, reason=reason)


@pytest.mark.parametrize("action", [lifecycle.approve, lifecycle.pause, lifecycle.archive])
def test_a_reason_longer_than_the_history_keeps_is_refused(directory, team_member, action):
    status = MentorStatus.PENDING if action is lifecycle.approve else MentorStatus.PUBLISHED
    mentor = MentorProfileFactory(status=status)
    refused(action, mentor, "trop long", user=team_member, reason="x" * (lifecycle.MAX_REASON_LENGTH + 1))


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"status": MentorStatus.PENDING}, "plus un brouillon"),
        ({"status": MentorStatus.DRAFT, "email_confirmed_at": None}, "Confirmez"),
        ({"status": MentorStatus.DRAFT, "charter_version": "2020-1"}, "charte"),
    ],
)
def test_only_a_confirmed_draft_bound_by_the_current_charter_is_submitted(directory, fields, message):
    refused(lifecycle.submit_for_approval, MentorProfileFactory(**fields), message)


def test_each_allowed_change_is_recorded_with_who_and_why(directory, team_member):
    mentor = MentorProfileFactory(status=MentorStatus.PENDING)
    lifecycle.approve(mentor, user=team_member, reason="Profil complet")
    lifecycle.pause(mentor, user=team_member, reason="Congé parental")
    lifecycle.archive(mentor, user=team_member, reason="A quitté le programme")
    entries = list(lifecycle.history(mentor).order_by("timestamp", "pk"))
    assert [
        (entry.action, entry.user, entry.data["reason"], entry.data["from"], entry.data["to"]) for entry in entries
    ] == [
        (lifecycle.APPROVED, team_member, "Profil complet", "pending", "published"),
        (lifecycle.PAUSED, team_member, "Congé parental", "published", "paused"),
        (lifecycle.ARCHIVED, team_member, "A quitté le programme", "paused", "archived"),
    ]
    assert MentorProfile.objects.get(pk=mentor.pk).accepting_requests is False
