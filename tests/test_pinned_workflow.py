"""A mentor request's life, pinned to the word (issue 15, mutation testing of portal/mentorships/workflow.py): what
the history records of each change (who, which side, the note), the exact French sentence each refusal gives, which
mentorships count against a mentor's capacity, and the order the rows are read in so that nothing can deadlock."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest

from portal.mentors import load
from portal.mentors.models import MentorProfile
from portal.mentorships import workflow
from portal.mentorships.models import MentorRequest, RequestEvent, RequestStatus, Role
from tests.factories import MentorProfileFactory, MentorRequestFactory
from tests.requests_helpers import request_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_french", "directory")]

CANNOT = "Vous ne pouvez pas faire ce changement."
ALREADY = {
    RequestStatus.ACCEPTED: "Cette demande a déjà été acceptée.",
    RequestStatus.DECLINED: "Cette demande a déjà été déclinée.",
    RequestStatus.EXPIRED: "Cette demande a expiré sans réponse.",
    RequestStatus.WITHDRAWN: "Cette demande a été retirée.",
    RequestStatus.COMPLETED: "Ce mentorat est déjà terminé.",
    RequestStatus.UNAVAILABLE: (
        "Cette demande a été close car le mentor est indisponible\u00a0: "
        "d’autres mentors ont été proposés au demandeur."
    ),
}
NOT_POSSIBLE = "Ce changement n’est plus possible."
NO_MENTOR = "Cette demande n’a plus de mentor."
NOT_TAKING = "Ce mentor ne prend pas de nouvelle demande en ce moment."


def last_event(mentor_request):
    event = RequestEvent.objects.filter(request=mentor_request).latest("pk")
    return event.from_status, event.to_status, event.role, event.user, event.note


def refusal(change, *args, **kwargs):
    with pytest.raises(workflow.RequestRefused) as refused:
        change(*args, **kwargs)
    return str(refused.value)


# --- What the history records ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "start, act, to, note",
    [
        ("new", lambda r, editor: workflow.accept(r, Role.EDITOR, editor), "accepted", "Acceptée"),
        ("new", lambda r, editor: workflow.decline(r, Role.EDITOR, editor), "declined", "Déclinée"),
        ("new", lambda r, editor: workflow.withdraw(r, Role.EDITOR, editor), "withdrawn", "Retirée"),
        ("accepted", lambda r, editor: workflow.complete(r, Role.EDITOR, editor), "completed", "Mentorat terminé"),
        ("new", lambda r, editor: workflow.close(r, editor), "withdrawn", "Close par l’équipe du programme"),
        ("accepted", lambda r, editor: workflow.close(r, editor), "completed", "Close par l’équipe du programme"),
    ],
    ids=["accept", "decline", "withdraw", "complete", "close unanswered", "close under way"],
)
def test_a_change_by_the_team_records_who_made_it_and_says_what_it_was(editor, start, act, to, note):
    mentor_request = request_in(start)
    changed = act(mentor_request, editor)
    assert changed.status == to == MentorRequest.objects.get(pk=mentor_request.pk).status
    assert last_event(mentor_request) == (start, to, Role.EDITOR, editor, note)


@pytest.mark.parametrize(
    "act, to, note",
    [
        (workflow.expire, "expired", "Pas de réponse dans le délai"),
        (workflow.mentor_unavailable, "unavailable", "Le mentor est indisponible"),
    ],
    ids=["expire", "mentor unavailable"],
)
def test_a_change_the_portal_makes_by_itself_is_recorded_as_automatic(act, to, note):
    mentor_request = request_in("new")
    act(mentor_request)
    assert last_event(mentor_request) == ("new", to, Role.SYSTEM, None, note)


@pytest.mark.parametrize(
    "start, act",
    [
        ("new", lambda r, editor, note: workflow.decline(r, Role.EDITOR, editor, reason=note)),
        ("new", lambda r, editor, note: workflow.withdraw(r, Role.EDITOR, editor, note=note)),
        ("accepted", lambda r, editor, note: workflow.complete(r, Role.EDITOR, editor, note=note)),
        ("new", lambda r, editor, note: workflow.mentor_unavailable(r, note=note)),
        ("new", lambda r, editor, note: workflow.close(r, editor, note=note)),
    ],
    ids=["decline", "withdraw", "complete", "mentor unavailable", "close"],
)
def test_the_reason_given_for_a_change_is_recorded_as_written(editor, start, act):
    mentor_request = request_in(start)
    act(mentor_request, editor, "Parti en congé sabbatique")
    assert last_event(mentor_request)[-1] == "Parti en congé sabbatique"


def test_a_change_made_without_a_note_records_none():
    mentor_request = request_in("new")
    workflow.change(mentor_request, RequestStatus.WITHDRAWN, Role.REQUESTER)
    assert last_event(mentor_request) == ("new", "withdrawn", Role.REQUESTER, None, "")


def test_a_new_request_is_recorded_as_sent_by_its_requester():
    mentor = MentorProfileFactory()
    mentor_request = workflow.create_request(
        mentor, challenge_text="Données", requester_name="Léa", requester_email="lea@example.net", message="Bonjour"
    )
    assert last_event(mentor_request) == ("", "new", Role.REQUESTER, None, "Demande envoyée")
    assert mentor_request.created_at == mentor_request.sent_at == mentor_request.consent_at


def test_the_history_keeps_no_anonymous_visitor_and_cuts_a_note_at_300_characters():
    mentor_request = request_in("new")
    event = workflow.record(mentor_request, "new", "withdrawn", Role.REQUESTER, AnonymousUser(), "é" * 301)
    assert (event.user, event.note) == (None, "é" * 300)


def test_a_reassignment_records_the_mentor_it_was_taken_from_and_the_one_it_goes_to(editor):
    mentor_request = request_in("declined", mentor=MentorProfileFactory(full_name="Claire Dubois"))
    workflow.reassign(mentor_request, MentorProfileFactory(full_name="Yann Le Goff"), editor)
    assert last_event(mentor_request) == (
        "declined",
        "new",
        Role.EDITOR,
        editor,
        "Réattribuée de Claire Dubois à Yann Le Goff",
    )


def test_a_request_whose_mentor_was_deleted_is_reassigned_from_nobody(editor):
    mentor_request = request_in("unavailable")
    mentor_request.mentor.delete()
    workflow.reassign(MentorRequest.objects.get(pk=mentor_request.pk), MentorProfileFactory(full_name="Yann"), editor)
    assert last_event(mentor_request)[-1] == "Réattribuée de — à Yann"


# --- The sentence each refusal gives ---------------------------------------------------------------
@pytest.mark.parametrize(
    "role, to",
    [
        (Role.MENTOR, RequestStatus.WITHDRAWN),
        (Role.REQUESTER, RequestStatus.ACCEPTED),
        ("visitor", RequestStatus.WITHDRAWN),
    ],
    ids=["mentor withdrawing", "requester accepting", "unknown side"],
)
def test_a_side_making_a_change_that_is_not_theirs_is_told_it_cannot(role, to):
    mentor_request = request_in("new")
    assert refusal(workflow.change, mentor_request, to, role) == CANNOT
    assert MentorRequest.objects.get(pk=mentor_request.pk).status == RequestStatus.NEW


@pytest.mark.parametrize("status", list(ALREADY), ids=str)
def test_a_change_of_a_request_already_answered_or_closed_says_what_became_of_it(editor, status):
    mentor_request = request_in(status)
    to = RequestStatus.ACCEPTED if status != RequestStatus.ACCEPTED else RequestStatus.DECLINED
    assert refusal(workflow.change, mentor_request, to, Role.EDITOR, editor) == ALREADY[status]


def test_completing_a_request_nobody_accepted_is_not_possible(editor):
    mentor_request = request_in("new")
    assert refusal(workflow.change, mentor_request, RequestStatus.COMPLETED, Role.EDITOR, editor) == NOT_POSSIBLE


def test_a_request_whose_mentor_was_deleted_cannot_be_accepted(editor):
    mentor_request = request_in("new")
    mentor_request.mentor.delete()
    assert refusal(workflow.accept, MentorRequest.objects.get(pk=mentor_request.pk), Role.EDITOR, editor) == NO_MENTOR


@pytest.mark.parametrize(
    "capacity, sentence",
    [
        (
            1,
            "Vous accompagnez déjà 1 personne, votre capacité\u00a0: terminez un mentorat ou augmentez votre "
            "capacité avant d’en accepter un autre.",
        ),
        (
            2,
            "Vous accompagnez déjà 2 personnes, votre capacité\u00a0: terminez un mentorat ou augmentez votre "
            "capacité avant d’en accepter un autre.",
        ),
    ],
)
def test_a_mentor_at_capacity_is_told_how_many_people_they_mentor(capacity, sentence):
    mentor = MentorProfileFactory(capacity=capacity)
    for _ in range(capacity):
        workflow.accept(MentorRequestFactory(mentor=mentor))
    assert refusal(workflow.accept, MentorRequestFactory(mentor=mentor)) == sentence


def test_a_paused_mentor_is_told_why_they_cannot_accept():
    mentor_request = request_in("new")
    MentorProfile.objects.filter(pk=mentor_request.mentor_id).update(status="paused")
    assert refusal(workflow.accept, mentor_request) == (
        "Votre profil est «\u202fEn pause\u202f»\u00a0: seul un profil publié peut accepter une demande. "
        "Écrivez à l’équipe du programme pour le republier."
    )


def test_a_request_to_a_mentor_who_takes_no_request_is_refused():
    mentor = MentorProfileFactory(accepting_requests=False)
    assert refusal(workflow.check_can_request, mentor, "lea@example.net") == NOT_TAKING


def test_a_second_request_to_the_same_mentor_and_one_too_many_are_refused_with_the_limit(settings):
    settings.MENTOR_REQUEST_MAX_OPEN = 2
    mentor = MentorProfileFactory()
    MentorRequestFactory(mentor=mentor, requester_email="lea@example.net")
    assert refusal(workflow.check_can_request, mentor, "Lea@Example.net") == (
        "Vous avez déjà une demande en cours avec ce mentor\u00a0: le lien de votre e-mail de confirmation permet "
        "de la suivre."
    )
    MentorRequestFactory(requester_email="lea@example.net")
    assert refusal(workflow.check_can_request, MentorProfileFactory(), "lea@example.net") == (
        "Vous avez déjà 2 demandes en cours\u00a0: attendez une réponse, ou retirez-en une, avant d’en envoyer "
        "une autre."
    )


def test_a_reassignment_the_rules_refuse_says_why(editor):
    accepted = request_in("accepted")
    assert refusal(workflow.reassign, accepted, MentorProfileFactory(), editor) == (
        "Seule une demande sans réponse, déclinée, expirée ou dont le mentor est devenu indisponible peut être "
        "réattribuée."
    )
    declined = request_in("declined")
    assert (
        refusal(workflow.reassign, declined, declined.mentor, editor) == "Cette demande est déjà adressée à ce mentor."
    )
    full = MentorProfileFactory(capacity=1)
    workflow.accept(MentorRequestFactory(mentor=full))
    assert refusal(workflow.reassign, declined, MentorProfile.objects.get(pk=full.pk), editor) == NOT_TAKING


# --- Capacity ------------------------------------------------------------------------------------------
def test_only_the_mentors_own_mentorships_count_against_their_capacity():
    busy = MentorProfileFactory(capacity=3)
    for _ in range(2):
        workflow.accept(MentorRequestFactory(mentor=busy))
    mentor = MentorProfileFactory(capacity=1)
    workflow.accept(MentorRequestFactory(mentor=mentor))
    mentor.refresh_from_db()
    assert (mentor.active_mentorships, mentor.is_full) == (1, True)


def test_counting_a_mentors_load_does_not_undo_an_edit_of_their_profile_made_meanwhile(monkeypatch):
    """load.refresh saves the load alone: a profile edit between its read and its save is kept."""
    mentor = MentorProfileFactory(headline="Avant")
    real_count = load.under_way

    def count_while_an_editor_saves(counted):
        MentorProfile.objects.filter(pk=counted.pk).update(headline="Après")
        return real_count(counted)

    monkeypatch.setattr(load, "under_way", count_while_an_editor_saves)
    load.refresh(mentor)
    assert MentorProfile.objects.get(pk=mentor.pk).headline == "Après"


# --- The order rows are read in -------------------------------------------------------------------
def reads_of_the_mentor(queries, mentor):
    return [
        index
        for index, sql in enumerate(queries)
        if sql.startswith('SELECT "mentors_mentorprofile"."id"')
        and f'"mentors_mentorprofile"."id" = {mentor.pk}' in sql
    ]


def locked_read_of_the_request(queries, mentor_request):
    return next(
        index
        for index, sql in enumerate(queries)
        if sql.startswith('SELECT "mentorships_mentorrequest"."id"')
        and f'"mentorships_mentorrequest"."id" = {mentor_request.pk}' in sql
    )


def test_accepting_reads_the_mentor_before_the_request_as_pausing_a_mentor_does():
    """PostgreSQL locks rows as they are read: accepting takes the mentor's row, then the request's, the order in
    which pausing the mentor takes them, so the two cannot wait for each other (make test-services races them)."""
    MentorProfileFactory.create_batch(2)  # the mentor's id and the request's differ
    mentor_request = MentorRequestFactory()
    with CaptureQueriesContext(connection) as captured:
        workflow.accept(mentor_request)
    queries = [query["sql"] for query in captured.captured_queries]
    assert mentor_request.pk != mentor_request.mentor_id
    assert reads_of_the_mentor(queries, mentor_request.mentor)[0] < locked_read_of_the_request(queries, mentor_request)


def test_answering_reads_the_request_and_its_mentor_in_one_query():
    mentor_request = MentorRequestFactory()
    with CaptureQueriesContext(connection) as captured:
        workflow.decline(mentor_request)
    queries = [query["sql"] for query in captured.captured_queries]
    read = queries[locked_read_of_the_request(queries, mentor_request)]
    assert 'JOIN "mentors_mentorprofile"' in read
    assert reads_of_the_mentor(queries, mentor_request.mentor) == []


def test_the_team_cannot_accept_for_a_mentor_a_request_reassigned_since_they_opened_it(editor):
    """An editor accepting the request as they read it, addressed to Claire, while it was sent on to Yann:
    Yann has not seen it yet, so nobody may accept it on his behalf."""
    read_before = request_in("new")
    workflow.reassign(read_before, MentorProfileFactory(full_name="Yann"), editor)
    before = MentorRequest.objects.filter(pk=read_before.pk).values().get(), RequestEvent.objects.count()
    assert refusal(workflow.accept, read_before, Role.EDITOR, editor) == (
        "Cette demande a été réattribuée entre-temps\u00a0: rouvrez-la pour voir son nouveau mentor."
    )
    assert (MentorRequest.objects.filter(pk=read_before.pk).values().get(), RequestEvent.objects.count()) == before
    assert before[0]["status"] == RequestStatus.NEW


def test_the_team_may_still_close_a_request_reassigned_since_they_opened_it(editor):
    read_before = request_in("new")
    workflow.reassign(read_before, MentorProfileFactory(), editor)
    assert workflow.withdraw(read_before, Role.EDITOR, editor).status == RequestStatus.WITHDRAWN


def test_the_capacity_refusal_reads_in_the_plural_in_english_too():
    mentor = MentorProfileFactory(capacity=2)
    for _ in range(2):
        workflow.accept(MentorRequestFactory(mentor=mentor))
    with translation.override("en"):
        sentence = refusal(workflow.accept, MentorRequestFactory(mentor=mentor))
    assert sentence == (
        "You already mentor 2 people, your capacity: complete a mentorship or raise your capacity before accepting "
        "another."
    )


def test_the_answer_is_dated_when_the_mentor_answers_and_completing_keeps_that_date():
    accepted = request_in("accepted")
    assert accepted.answered_at is not None and accepted.closed_at is None
    answered_at = accepted.answered_at
    completed = workflow.complete(accepted, Role.MENTOR)
    assert completed.answered_at == answered_at == MentorRequest.objects.get(pk=accepted.pk).answered_at
    assert completed.closed_at is not None and completed.closed_at > answered_at
    declined = workflow.decline(request_in("new"))
    stored = MentorRequest.objects.get(pk=declined.pk)
    assert stored.answered_at is not None and stored.answered_at == stored.closed_at


# --- A mentor no longer published ------------------------------------------------------------------------
def paused_with_waiting_requests(count):
    mentor = MentorProfileFactory()
    waiting = [MentorRequestFactory(mentor=mentor) for _ in range(count)]
    workflow.accept(MentorRequestFactory(mentor=mentor))  # under way: not waiting for an answer
    MentorProfile.objects.filter(pk=mentor.pk).update(status="paused")  # without the signal that releases them
    return MentorProfile.objects.get(pk=mentor.pk), waiting


def test_a_paused_mentors_waiting_requests_close_and_say_why():
    mentor, waiting = paused_with_waiting_requests(2)
    assert workflow.release_requests_of(mentor) == 2
    for mentor_request in waiting:
        assert last_event(mentor_request) == (
            "new",
            "unavailable",
            Role.SYSTEM,
            None,
            "Le profil du mentor est «\u202fEn pause\u202f»\u00a0: d’autres mentors ont été proposés au demandeur",
        )
    assert MentorRequest.objects.filter(mentor=mentor, status=RequestStatus.ACCEPTED).count() == 1


def test_a_published_mentor_releases_no_request():
    mentor = MentorProfileFactory()
    MentorRequestFactory(mentor=mentor)
    assert workflow.release_requests_of(mentor) == 0
    assert MentorRequest.objects.get(mentor=mentor).status == RequestStatus.NEW


def test_a_request_answered_meanwhile_is_not_counted_and_the_others_are_still_released(monkeypatch):
    mentor, waiting = paused_with_waiting_requests(3)
    real = workflow.mentor_unavailable
    answered = MentorRequest.objects.awaiting_answer().filter(mentor=mentor).first()  # the first one released

    def first_answered_meanwhile(mentor_request, note=""):
        if mentor_request.pk == answered.pk:
            raise workflow.RequestRefused("Cette demande a déjà été déclinée.")
        return real(mentor_request, note)

    monkeypatch.setattr(workflow, "mentor_unavailable", first_answered_meanwhile)
    assert workflow.release_requests_of(mentor) == 2
    statuses = {mentor_request.pk: MentorRequest.objects.get(pk=mentor_request.pk).status for mentor_request in waiting}
    assert statuses.pop(answered.pk) == RequestStatus.NEW
    assert list(statuses.values()) == [RequestStatus.UNAVAILABLE, RequestStatus.UNAVAILABLE]
