"""Two people acting on the same thing at the same moment, on the real PostgreSQL (SQLite ignores row locks):
exactly one wins, the other gets the portal's usual French refusal, and nothing is left half-done (issue 15).

Each test runs the two actions in two threads, each with its own database connection, released together by a
barrier. The first to reach a step inside its transaction, under its row locks, is held there until PostgreSQL
shows the other one waiting for a lock the first one holds: both really were in the race. Without the lock the
second one reaches the same step too, and the assertions on the outcome fail (each was seen to fail that way)."""

import threading
import time
from dataclasses import dataclass, field

from django.contrib.messages import get_messages
from django.db import connection, connections
from django.db.models.signals import post_delete, post_save
from django.test import Client

from wagtail.models import ModelLogEntry

import pytest

from portal.contributions import proposals
from portal.contributions.models import ChallengeProposal, ProposalStatus
from portal.mail.models import OutgoingEmail
from portal.mentors import lifecycle
from portal.mentors.models import MentorProfile, MentorStatus
from portal.mentorships import notifications, tokens, workflow
from portal.mentorships.models import MentorRequest, RequestEvent, RequestStatus, Role
from portal.taxonomy.models import Equivalence
from tests.factories import (
    ChallengePageFactory,
    ChallengeProposalFactory,
    MentorProfileFactory,
    MentorRequestFactory,
    UserFactory,
)
from tests.requests_helpers import request_data, request_url

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WAIT = 20  # seconds: far beyond what any step takes, so a stuck race fails instead of hanging


@pytest.fixture(scope="module", autouse=True)
def vocabulary_left_alone():
    """Before each test the migrations' rows are restored, the vocabulary of equivalents among them: saving it
    rebuilds every profile's vector and every search index (mentors/refresh.py), a minute per test. These tests
    never change the vocabulary, so its receivers are off while they run."""
    from portal.mentors.signal_handlers import vocabulary_changed

    signals = {"mentors.vocabulary.saved": post_save, "mentors.vocabulary.deleted": post_delete}
    for uid, signal in signals.items():
        signal.disconnect(sender=Equivalence, dispatch_uid=uid)
    yield
    for uid, signal in signals.items():
        signal.connect(vocabulary_changed, sender=Equivalence, dispatch_uid=uid)


@dataclass
class Race:
    """What happened: each action's result or the exception it raised, in the order given, and whether one
    action was seen waiting for a row lock the other held."""

    outcomes: list = field(default_factory=list)
    waited_for_a_lock: bool = False

    def winners(self):
        return [index for index, (won, _) in enumerate(self.outcomes) if won]

    def refusals(self):
        return [value for won, value in self.outcomes if not won]


def race(monkeypatch, hold_at, *actions, first=None):
    """Run `actions` at once, each in its own thread and database connection. The first call to `hold_at`
    (owner, attribute name: a step inside the locked section) waits there until another action waits for its
    lock, or reaches the same step. With `first` (an index), that action starts first and the others only once
    it is held, to choose who takes the lock."""
    owner, name = hold_at
    original = getattr(owner, name)
    arrived, holder_pid, release = [], [], threading.Event()
    guard = threading.Lock()

    def held(*args, **kwargs):
        with guard:
            arrived.append(threading.current_thread().name)
            is_first = len(arrived) == 1
        if is_first:
            holder_pid.append(connection.connection.info.backend_pid)
            release.wait(WAIT)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, held)
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(WAIT)
            if first is not None and index != first:
                deadline = time.monotonic() + WAIT
                while not holder_pid and time.monotonic() < deadline:
                    time.sleep(0.01)
            outcomes[index] = (True, action())
        except Exception as error:  # the refusal, or anything else: the test says which were expected
            outcomes[index] = (False, error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item, name=f"action-{item[0]}") for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    result = Race()
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and not release.is_set():
        if holder_pid and blocked_by(holder_pid[0]):
            result.waited_for_a_lock = True
            release.set()
        elif len(arrived) > 1 or not any(thread.is_alive() for thread in threads):
            release.set()
        time.sleep(0.01)
    release.set()
    for thread in threads:
        thread.join(WAIT)
    assert not any(thread.is_alive() for thread in threads), "an action never finished"
    result.outcomes = outcomes
    return result


def blocked_by(pid):
    """Whether another session of this database waits for a lock held by session `pid`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND %s = ANY(pg_blocking_pids(pid))",
            [pid],
        )
        return cursor.fetchone()[0] > 0


def emails_to(address):
    return [email for email in OutgoingEmail.objects.order_by("pk") if address in email.recipients]


def answer(mentor_request, action="accept"):
    """The mentor clicks "accept" (or "decline") in the emailed link, in a browser of their own; returns what
    the portal tells them."""
    path = notifications.path(mentor_request, Role.MENTOR, tokens.ANSWER)

    def click():
        response = Client().post(path, {"action": action})
        assert response.status_code == 302  # back to the request's page, with a message
        return [str(message) for message in get_messages(response.wsgi_request)]

    return click


# --- Requests ------------------------------------------------------------------------------------
def test_two_acceptances_of_a_mentors_last_place_at_once_make_one_mentorship(directory, monkeypatch):
    mentor = MentorProfileFactory(capacity=1)
    requests = [MentorRequestFactory(mentor=mentor), MentorRequestFactory(mentor=mentor)]
    events = RequestEvent.objects.count()

    outcome = race(monkeypatch, (workflow, "record"), *[answer(item) for item in requests])

    assert all(won for won, _ in outcome.outcomes)
    told = [messages for _, messages in outcome.outcomes]
    statuses = [MentorRequest.objects.get(pk=item.pk).status for item in requests]
    assert sorted(statuses) == [RequestStatus.ACCEPTED, RequestStatus.NEW]
    winner = statuses.index(RequestStatus.ACCEPTED)
    assert told[winner] == [
        "Vous avez accepté la demande\u00a0: nous vous avons envoyé à chacun le contact de l’autre."
    ]
    assert told[1 - winner] == [
        "Vous accompagnez déjà 1 personne, votre capacité\u00a0: terminez un mentorat ou augmentez votre "
        "capacité avant d’en accepter un autre."
    ]
    mentor = MentorProfile.objects.get(pk=mentor.pk)
    assert (mentor.active_mentorships, mentor.is_full) == (1, True)
    assert MentorRequest.objects.filter(mentor=mentor).open().count() == 2  # one under way, one still awaiting
    assert RequestEvent.objects.count() == events + 1
    assert emails_to(requests[winner].requester_email) and not emails_to(requests[1 - winner].requester_email)
    assert outcome.waited_for_a_lock


def test_the_same_request_sent_twice_at_once_is_stored_once(directory, monkeypatch):
    mentor = MentorProfileFactory()
    data = request_data()
    url = request_url(directory, mentor)

    outcome = race(monkeypatch, (workflow, "record"), *[lambda: Client().post(url, data)] * 2)

    assert all(won for won, _ in outcome.outcomes)
    responses = [value for _, value in outcome.outcomes]
    assert sorted(response.status_code for response in responses) == [200, 302]
    refused = next(response for response in responses if response.status_code == 200).content.decode()
    assert "déjà une demande en cours avec ce mentor" in refused
    assert MentorRequest.objects.count() == 1 and RequestEvent.objects.count() == 1
    assert len(emails_to(data["requester_email"])) == 1  # one confirmation
    assert outcome.waited_for_a_lock


REASSIGNED = "Ce lien ne fonctionne plus\u00a0: la demande a été réattribuée ou close par l’équipe du programme."


@pytest.mark.parametrize("first", ["accept", "reassign"])
def test_a_reassignment_during_an_acceptance_leaves_one_of_them_done_whole(directory, editor, monkeypatch, first):
    mentor_request = MentorRequestFactory()
    addressed, other = mentor_request.mentor, MentorProfileFactory()
    events = RequestEvent.objects.count()

    def reassign():
        return workflow.reassign(MentorRequest.objects.get(pk=mentor_request.pk), other, editor)

    outcome = race(
        monkeypatch,
        (workflow, "record"),
        answer(mentor_request),
        reassign,
        first=["accept", "reassign"].index(first),
    )

    (_, told), (reassigned, refusal) = outcome.outcomes
    stored = MentorRequest.objects.get(pk=mentor_request.pk)
    if first == "accept":
        assert (stored.status, stored.mentor) == (RequestStatus.ACCEPTED, addressed)
        assert told == ["Vous avez accepté la demande\u00a0: nous vous avons envoyé à chacun le contact de l’autre."]
        assert not reassigned and isinstance(refusal, workflow.RequestRefused)
        assert "peut être réattribuée" in str(refusal)
        assert stored.token_key == mentor_request.token_key
    else:
        assert (stored.status, stored.mentor) == (RequestStatus.NEW, other)
        assert reassigned
        assert told == [REASSIGNED]
        assert stored.answered_at is None and stored.token_key != mentor_request.token_key
    loads = {m.pk: m.active_mentorships for m in MentorProfile.objects.filter(pk__in=[addressed.pk, other.pk])}
    assert loads == {addressed.pk: 1 if first == "accept" else 0, other.pk: 0}
    assert RequestEvent.objects.count() == events + 1
    assert outcome.waited_for_a_lock


def test_a_decline_during_a_reassignment_does_not_decline_for_the_new_mentor(directory, editor, monkeypatch):
    mentor_request = MentorRequestFactory()
    other = MentorProfileFactory()

    def reassign():
        return workflow.reassign(MentorRequest.objects.get(pk=mentor_request.pk), other, editor)

    outcome = race(monkeypatch, (workflow, "record"), reassign, answer(mentor_request, "decline"), first=0)

    assert [won for won, _ in outcome.outcomes] == [True, True]
    assert outcome.outcomes[1][1] == [REASSIGNED]
    stored = MentorRequest.objects.get(pk=mentor_request.pk)
    assert (stored.status, stored.mentor, stored.answered_at) == (RequestStatus.NEW, other, None)
    assert list(RequestEvent.objects.filter(request=stored).values_list("to_status", flat=True)) == [RequestStatus.NEW]
    assert outcome.waited_for_a_lock


# --- Challenge proposals ----------------------------------------------------------------------------
PROPOSAL_ACTIONS = {
    "review": (lambda proposal, editor, challenge: proposals.review(proposal), ProposalStatus.REVIEW),
    "refuse": (lambda proposal, editor, challenge: proposals.refuse(proposal), ProposalStatus.REFUSED),
    "merge": (lambda proposal, editor, challenge: proposals.merge(proposal, challenge), ProposalStatus.MERGED),
    "convert": (lambda proposal, editor, challenge: proposals.convert(proposal, editor), ProposalStatus.ACCEPTED),
}


@pytest.mark.parametrize("pair", [("refuse", "merge"), ("merge", "convert"), ("review", "review")], ids="-".join)
def test_two_editors_handling_one_proposal_at_once_one_wins(catalogue, editor, monkeypatch, pair):
    challenge = ChallengePageFactory(parent=catalogue, title="Mutualiser les données de covoiturage")
    proposal = ChallengeProposalFactory()
    pages = catalogue.get_children().count()
    # Each editor acts on the proposal as their page showed it: both saw it new.
    seen = [ChallengeProposal.objects.get(pk=proposal.pk) for _ in pair]
    actions = [
        lambda action=action, copy=copy: PROPOSAL_ACTIONS[action][0](copy, editor, challenge)
        for action, copy in zip(pair, seen, strict=True)
    ]

    outcome = race(monkeypatch, (ChallengeProposal, "save"), *actions)

    assert len(outcome.winners()) == 1
    (refusal,) = outcome.refusals()
    assert isinstance(refusal, proposals.ProposalError)
    assert str(refusal) in (
        "Cette proposition a déjà été traitée.",
        "Seule une nouvelle proposition peut être mise en examen.",
    )
    winner = pair[outcome.winners()[0]]
    stored = ChallengeProposal.objects.get(pk=proposal.pk)
    assert stored.status == PROPOSAL_ACTIONS[winner][1]
    assert catalogue.get_children().count() == pages + (winner == "convert")
    assert outcome.waited_for_a_lock


# --- Mentor profiles --------------------------------------------------------------------------------
LIFECYCLE_ACTIONS = {
    "approve": (lifecycle.approve, MentorStatus.PENDING, lifecycle.APPROVED, "Ce profil est déjà publié."),
    "pause": (
        lifecycle.pause,
        MentorStatus.PUBLISHED,
        lifecycle.PAUSED,
        "Seul un profil publié peut être mis en pause.",
    ),
    "archive": (lifecycle.archive, MentorStatus.PUBLISHED, lifecycle.ARCHIVED, "Ce profil est déjà archivé."),
}


@pytest.mark.parametrize("action", LIFECYCLE_ACTIONS)
def test_two_editors_changing_a_profiles_status_at_once_make_one_change(directory, monkeypatch, action):
    change, start, logged, refused_message = LIFECYCLE_ACTIONS[action]
    mentor = MentorProfileFactory(status=start)
    editors = [UserFactory(editor=True), UserFactory(editor=True)]
    emails = len(emails_to(mentor.contact_email))
    # Each editor acts on the profile as their page showed it.
    seen = [MentorProfile.objects.get(pk=mentor.pk) for _ in editors]
    actions = [
        lambda copy=copy, user=user: change(copy, user=user, reason="Décidé en comité")
        for copy, user in zip(seen, editors, strict=True)
    ]

    outcome = race(monkeypatch, (lifecycle, "record"), *actions)

    assert len(outcome.winners()) == 1
    (refusal,) = outcome.refusals()
    assert isinstance(refusal, lifecycle.TransitionError) and str(refusal) == refused_message
    entries = ModelLogEntry.objects.for_instance(mentor).filter(action=logged)
    assert [entry.user for entry in entries] == [editors[outcome.winners()[0]]]
    if action == "approve":
        assert len(emails_to(mentor.contact_email)) == emails + 1  # one "you are published"
    assert outcome.waited_for_a_lock


def test_an_address_confirmed_twice_at_once_sends_one_application(directory, monkeypatch):
    mentor = MentorProfileFactory(status=MentorStatus.DRAFT, email_confirmed_at=None, user=UserFactory())
    seen = [MentorProfile.objects.get(pk=mentor.pk) for _ in range(2)]

    outcome = race(
        monkeypatch, (lifecycle, "record"), *[lambda copy=copy: lifecycle.confirm_email(copy) for copy in seen]
    )

    assert all(won for won, _ in outcome.outcomes), outcome.outcomes  # the second click is told it is done
    assert sorted(value for _, value in outcome.outcomes) == [False, True]
    assert MentorProfile.objects.get(pk=mentor.pk).status == MentorStatus.PENDING
    assert ModelLogEntry.objects.for_instance(mentor).filter(action=lifecycle.SUBMITTED).count() == 1
    assert outcome.waited_for_a_lock
