"""Every change the rules refuse is refused, with a message for the person, and leaves everything as it
was: the request's status and dates, its history, the emails queued, the mentor's load; the proposal's
status and challenge (issue 15)."""

import itertools

import pytest

from portal.contributions import proposals
from portal.contributions.models import ChallengeProposal, ProposalStatus
from portal.mail.models import OutgoingEmail
from portal.mentors.models import MentorProfile
from portal.mentorships import workflow
from portal.mentorships.models import MentorRequest, RequestEvent, RequestStatus, Role
from tests.factories import ChallengePageFactory, ChallengeProposalFactory, MentorProfileFactory, MentorRequestFactory
from tests.requests_helpers import request_in

pytestmark = pytest.mark.django_db

ALLOWED_CHANGES = {
    (RequestStatus.NEW, RequestStatus.ACCEPTED): {Role.MENTOR, Role.EDITOR},
    (RequestStatus.NEW, RequestStatus.DECLINED): {Role.MENTOR, Role.EDITOR},
    (RequestStatus.NEW, RequestStatus.WITHDRAWN): {Role.REQUESTER, Role.EDITOR},
    (RequestStatus.NEW, RequestStatus.EXPIRED): {Role.SYSTEM, Role.EDITOR},
    (RequestStatus.NEW, RequestStatus.UNAVAILABLE): {Role.SYSTEM, Role.EDITOR},
    (RequestStatus.ACCEPTED, RequestStatus.COMPLETED): {Role.MENTOR, Role.REQUESTER, Role.EDITOR},
}
EVERY_CHANGE = [
    (start, to, role)
    for start, to in itertools.product(RequestStatus, RequestStatus)
    for role in Role
    if start != to or start == RequestStatus.NEW
]
REFUSED = [(start, to, role) for start, to, role in EVERY_CHANGE if role not in ALLOWED_CHANGES.get((start, to), ())]
ALLOWED = [(start, to, role) for start, to, role in EVERY_CHANGE if role in ALLOWED_CHANGES.get((start, to), ())]


def snapshot(mentor_request):
    row = MentorRequest.objects.filter(pk=mentor_request.pk).values().get()
    mentor = MentorProfile.objects.filter(pk=mentor_request.mentor_id).values("active_mentorships", "is_full").get()
    return row, mentor, RequestEvent.objects.count(), OutgoingEmail.objects.count()


@pytest.mark.parametrize("start", RequestStatus)
def test_a_change_the_rules_refuse_changes_nothing(directory, start):
    """From each status, every change no one may make, and every change this side may not make."""
    mentor_request = request_in(start)
    before = snapshot(mentor_request)
    refused = [(to, role) for state, to, role in REFUSED if state == start]
    assert refused
    for to, role in refused:
        with pytest.raises(workflow.RequestRefused) as refusal:
            workflow.change(mentor_request, to, role)
        assert str(refusal.value).strip(), (to, role)
        assert snapshot(mentor_request) == before, (to, role)


@pytest.mark.parametrize("start, to, role", ALLOWED, ids=lambda value: str(value))
def test_a_change_the_rules_allow_is_made_and_recorded(directory, start, to, role):
    mentor_request = request_in(start)
    events = RequestEvent.objects.count()
    changed = workflow.change(mentor_request, to, role)
    assert changed.status == to == MentorRequest.objects.get(pk=mentor_request.pk).status
    assert RequestEvent.objects.count() == events + 1
    assert RequestEvent.objects.latest("pk").role == role


def test_acceptance_beyond_the_mentors_capacity_is_refused_and_changes_nothing(directory):
    mentor = MentorProfileFactory(capacity=1)
    workflow.accept(MentorRequestFactory(mentor=mentor))
    second = MentorRequestFactory(mentor=mentor)
    before = snapshot(second)
    with pytest.raises(workflow.RequestRefused, match="capacité"):
        workflow.accept(second)
    assert snapshot(second) == before


@pytest.mark.parametrize("status", [RequestStatus.ACCEPTED, RequestStatus.COMPLETED, RequestStatus.WITHDRAWN])
def test_a_request_under_way_or_closed_by_its_people_cannot_be_reassigned(directory, status, editor):
    mentor_request = request_in(status)
    other = MentorProfileFactory()
    before = snapshot(mentor_request)
    with pytest.raises(workflow.RequestRefused, match="réattribuée"):
        workflow.reassign(mentor_request, other, editor)
    assert snapshot(mentor_request) == before


def test_a_request_cannot_be_reassigned_to_its_own_mentor_nor_to_an_unavailable_one(directory, editor):
    mentor_request = request_in(RequestStatus.DECLINED)
    before = snapshot(mentor_request)
    with pytest.raises(workflow.RequestRefused, match="déjà adressée"):
        workflow.reassign(mentor_request, mentor_request.mentor, editor)
    paused = MentorProfileFactory(status="paused")
    with pytest.raises(workflow.RequestRefused, match="pas de nouvelle demande"):
        workflow.reassign(mentor_request, paused, editor)
    assert snapshot(mentor_request) == before


@pytest.mark.parametrize("status", [RequestStatus.NEW, RequestStatus.DECLINED, RequestStatus.EXPIRED])
def test_a_reassigned_request_is_new_again_for_the_other_mentor_with_fresh_links(directory, status, editor):
    mentor_request = request_in(status)
    other = MentorProfileFactory()
    reassigned = workflow.reassign(mentor_request, other, editor)
    assert (reassigned.status, reassigned.mentor) == (RequestStatus.NEW, other)
    assert reassigned.token_key != mentor_request.token_key
    assert reassigned.answered_at is None and reassigned.closed_at is None


@pytest.mark.parametrize(
    "act",
    [workflow.accept, workflow.decline, workflow.expire, workflow.mentor_unavailable],
    ids=["accept", "decline", "expire", "mentor unavailable"],
)
def test_a_change_read_before_a_reassignment_is_not_made_for_the_new_mentor(directory, editor, act):
    """The mentor answering, or the system closing a request because of its mentor (silent, paused), acted on the
    request as it was read: once it is reassigned, that is not about the new mentor's request any more."""
    read_before = request_in(RequestStatus.NEW)
    workflow.reassign(read_before, MentorProfileFactory(), editor)
    before = snapshot(read_before)
    with pytest.raises(workflow.RequestRefused, match="réattribuée"):
        act(read_before)
    assert snapshot(read_before) == before


# --- Challenge proposals ---------------------------------------------------------------------------
def proposal_in(status, challenge=None):
    proposal = ChallengeProposalFactory()
    ChallengeProposal.objects.filter(pk=proposal.pk).update(status=status, challenge=challenge)
    return ChallengeProposal.objects.get(pk=proposal.pk)


def proposal_snapshot(proposal):
    return ChallengeProposal.objects.filter(pk=proposal.pk).values("status", "challenge").get()


HANDLED = [ProposalStatus.ACCEPTED, ProposalStatus.REFUSED, ProposalStatus.MERGED]


@pytest.mark.parametrize("status", [ProposalStatus.REVIEW, *HANDLED])
def test_only_a_new_proposal_can_be_put_under_review(catalogue, status):
    proposal = proposal_in(status)
    before = proposal_snapshot(proposal)
    with pytest.raises(proposals.ProposalError):
        proposals.review(proposal)
    assert proposal_snapshot(proposal) == before


@pytest.mark.parametrize("status", HANDLED)
def test_a_handled_proposal_cannot_be_refused_converted_or_merged(catalogue, status, editor):
    challenge = ChallengePageFactory(parent=catalogue, title="Un défi déjà là")
    proposal = proposal_in(status)
    before = proposal_snapshot(proposal)
    pages = catalogue.get_children().count()
    for action in (
        lambda: proposals.refuse(proposal),
        lambda: proposals.convert(proposal, editor),
        lambda: proposals.merge(proposal, challenge),
    ):
        with pytest.raises(proposals.ProposalError, match="déjà été traitée"):
            action()
    assert proposal_snapshot(proposal) == before
    assert catalogue.get_children().count() == pages


def test_a_proposal_already_turned_into_a_challenge_is_not_converted_twice(catalogue, editor):
    proposal = ChallengeProposalFactory()
    proposals.convert(proposal, editor)
    pages = catalogue.get_children().count()
    ChallengeProposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.REVIEW)  # reopened by hand
    with pytest.raises(proposals.ProposalError):
        proposals.convert(ChallengeProposal.objects.get(pk=proposal.pk), editor)
    assert catalogue.get_children().count() == pages
