"""Requesters' personal data, pinned field by field (issue 15, mutation testing of
portal/mentorships/privacy.py): who may see a requester, what anonymising erases and keeps, which requests the
purge takes to the second, which requests an erasure covers, and that nobody is emailed about an erasure."""

from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone

import pytest

from portal.mail.models import OutgoingEmail
from portal.mentorships import privacy, workflow
from portal.mentorships.models import MentorRequest, MentorshipFeedback, RequestEvent, RequestStatus, Role
from tests.factories import (
    EDITORS_GROUP,
    ChallengePageFactory,
    MentorProfileFactory,
    MentorRequestFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LEA = "lea.martin@example.net"
NOW = datetime(2031, 3, 15, 12, 0, tzinfo=UTC)  # years from the real clock: the purge must use the `now` it is given
SEEN_BY_THE_MENTOR = {RequestStatus.ACCEPTED, RequestStatus.COMPLETED}


def queue_email_to(*recipients):
    return OutgoingEmail.objects.create(subject="Votre demande", body="Bonjour Léa", recipients=list(recipients))


def addressed_to(address):
    return [email.pk for email in OutgoingEmail.objects.all() if address in [r.lower() for r in email.recipients]]


def fresh(mentor_request):
    return MentorRequest.objects.get(pk=mentor_request.pk)


# --- Who may see the requester ---------------------------------------------------------------------
def test_a_team_member_holding_the_view_permission_sees_the_requester_without_being_a_superuser(directory):
    team_member = UserFactory(groups=[EDITORS_GROUP])
    assert not team_member.is_superuser
    assert privacy.may_see_requester(team_member, MentorRequestFactory())


def test_a_signed_in_person_without_the_permission_does_not_see_a_new_request(directory):
    assert not privacy.may_see_requester(UserFactory(), MentorRequestFactory())


def test_a_visitor_who_is_not_signed_in_never_sees_the_requester_even_of_an_accepted_request(directory):
    mentor_request = MentorRequestFactory(status=RequestStatus.ACCEPTED)
    assert not privacy.may_see_requester(AnonymousUser(), mentor_request)


@pytest.mark.parametrize("status", list(RequestStatus))
def test_the_addressed_mentor_sees_the_requester_only_once_they_accepted(directory, status):
    mentor = MentorProfileFactory(account="une phrase de passe solide")
    mentor_request = MentorRequestFactory(mentor=mentor, status=status)
    assert privacy.may_see_requester(mentor.user, mentor_request) is (status in SEEN_BY_THE_MENTOR)


@pytest.mark.parametrize("status", sorted(SEEN_BY_THE_MENTOR))
def test_another_mentor_never_sees_the_requester_of_an_accepted_request(directory, status):
    other = MentorProfileFactory(account="une autre phrase de passe")
    mentor_request = MentorRequestFactory(mentor=MentorProfileFactory(account="une phrase solide"), status=status)
    assert not privacy.may_see_requester(other.user, mentor_request)


def test_nobody_but_the_team_sees_the_requester_of_an_accepted_request_left_without_a_mentor(directory):
    mentor_request = MentorRequestFactory(mentor=None, status=RequestStatus.ACCEPTED)
    assert not privacy.may_see_requester(UserFactory(), mentor_request)


# --- Anonymising -----------------------------------------------------------------------------------
def test_anonymising_erases_what_identifies_the_requester_and_keeps_the_statistics(directory):
    editor = UserFactory(editor=True)
    mentor_request = MentorRequestFactory(
        requester_name="Léa Martin",
        requester_email=LEA,
        organisation="Communauté de communes du Val",
        challenge_text="Ouvrir nos horaires",
        message="Bonjour, je suis Léa.",
    )
    workflow.decline(mentor_request, Role.EDITOR, editor, reason="Léa a trouvé ailleurs")
    MentorshipFeedback.objects.create(request=mentor_request, role=Role.REQUESTER, fit=3, what_changed="Léa avance.")
    before = fresh(mentor_request)
    started = timezone.now()

    privacy.anonymise(before)

    after = fresh(mentor_request)
    erased = {name: getattr(after, name) for name in privacy.ERASED_FIELDS}
    assert erased == {
        "requester_name": "—",
        "requester_email": "",
        "organisation": "",
        "challenge_text": "",
        "message": "",
    }
    assert started <= after.anonymised_at <= timezone.now()
    assert after.token_key and after.token_key != before.token_key
    kept = ["status", "mentor_id", "actor_type_id", "mentoring_format", "created_at", "answered_at", "closed_at"]
    assert [getattr(after, name) for name in kept] == [getattr(before, name) for name in kept]
    assert list(after.feedback.values_list("role", "fit", "what_changed")) == [("requester", 3, "")]
    history = list(RequestEvent.objects.filter(request=mentor_request).values_list("to_status", "role", "user", "note"))
    assert history == [("declined", "editor", None, "")]


def test_anonymising_a_request_leaves_every_other_request_its_history_and_feedback(directory):
    editor = UserFactory(editor=True)
    erased, other = MentorRequestFactory(), MentorRequestFactory(requester_name="Nora Petit")
    for mentor_request in (erased, other):
        workflow.decline(mentor_request, Role.EDITOR, editor, reason="Trouvé ailleurs")
        MentorshipFeedback.objects.create(request=mentor_request, role=Role.REQUESTER, fit=2, what_changed="Mieux.")

    privacy.anonymise(fresh(erased))

    other = fresh(other)
    assert (other.requester_name, other.anonymised_at) == ("Nora Petit", None)
    assert list(other.events.values_list("user", "note")) == [(editor.pk, "Trouvé ailleurs")]
    assert list(other.feedback.values_list("what_changed", flat=True)) == ["Mieux."]


def test_anonymising_the_last_request_of_an_address_forgets_the_emails_sent_to_it(directory):
    mentor_request = MentorRequestFactory(requester_email=LEA)
    queue_email_to("Lea.Martin@example.net")
    kept = queue_email_to("nora@example.net")
    privacy.anonymise(mentor_request)
    assert addressed_to(LEA) == []
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_emails_of_an_address_stay_while_another_of_its_requests_keeps_its_data(directory):
    first = MentorRequestFactory(requester_email=LEA)
    second = MentorRequestFactory(requester_email="LEA.Martin@example.net")
    email = queue_email_to(LEA)
    privacy.anonymise(first)
    assert addressed_to(LEA) == [email.pk]
    privacy.anonymise(second)
    assert addressed_to(LEA) == []


# --- The purge, to the second ----------------------------------------------------------------------
def closed_request(closed_at, status=RequestStatus.COMPLETED, **fields):
    mentor_request = MentorRequestFactory(**fields)
    MentorRequest.objects.filter(pk=mentor_request.pk).update(status=status, closed_at=closed_at)
    return mentor_request


@pytest.mark.parametrize("months, days", [(24, 730.5), (1, 30.4375), (12, 365.25)])
def test_the_purge_takes_requests_closed_exactly_that_many_months_ago_and_not_a_second_later(directory, months, days):
    limit = NOW - timedelta(days=days)
    on_the_limit = closed_request(limit)
    a_second_later = closed_request(limit + timedelta(seconds=1))
    assert privacy.purge(months, now=NOW) == 1
    assert fresh(on_the_limit).anonymised_at is not None
    assert fresh(a_second_later).anonymised_at is None


def test_the_purge_counts_each_request_it_anonymises_and_leaves_open_and_anonymised_ones(directory):
    long_ago = NOW - timedelta(days=3000)
    declined = closed_request(long_ago, RequestStatus.DECLINED)
    expired = closed_request(long_ago, RequestStatus.EXPIRED)
    still_open = closed_request(long_ago, RequestStatus.ACCEPTED)
    already = closed_request(long_ago, anonymised_at=NOW - timedelta(days=1000))
    assert privacy.purge(24, now=NOW) == 2
    assert fresh(declined).anonymised_at and fresh(expired).anonymised_at
    assert fresh(still_open).anonymised_at is None
    assert fresh(already).anonymised_at == NOW - timedelta(days=1000)
    assert privacy.purge(24, now=NOW) == 0


# --- Which requests an erasure covers --------------------------------------------------------------
@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_address_covers_no_request_not_even_the_anonymised_ones(directory, blank):
    privacy.anonymise(MentorRequestFactory())  # its address is now ""
    assert privacy.requests_of(blank) == []


def test_an_address_covers_its_requests_whatever_their_case_in_the_order_they_were_made(directory):
    first = MentorRequestFactory(requester_email="LEA.Martin@example.net", created_at=NOW - timedelta(days=9))
    MentorRequestFactory(requester_email="martin@example.net")
    second = MentorRequestFactory(requester_email=LEA, created_at=NOW - timedelta(days=1))
    assert privacy.requests_of("  Lea.Martin@Example.NET ") == [first, second]


def test_the_requests_of_an_address_come_with_their_mentor_and_challenge_in_one_query(
    directory, challenge_index, django_assert_num_queries
):
    challenge = ChallengePageFactory(parent=challenge_index, title="Partager les données")
    MentorRequestFactory(requester_email=LEA, challenge=challenge, mentor=MentorProfileFactory(full_name="Claire"))
    with django_assert_num_queries(1):
        [mentor_request] = privacy.requests_of(LEA)
        assert (mentor_request.mentor.full_name, mentor_request.challenge.title) == ("Claire", "Partager les données")


# --- Erasing one person's data ---------------------------------------------------------------------
@pytest.mark.usefixtures("in_french")
def test_erasing_a_person_closes_their_open_requests_anonymises_them_all_and_emails_nobody(directory):
    editor = UserFactory(editor=True)
    new = MentorRequestFactory(requester_email=LEA)
    accepted = workflow.accept(MentorRequestFactory(requester_email="LEA.Martin@example.net"))
    declined = workflow.decline(MentorRequestFactory(requester_email=LEA))
    other = MentorRequestFactory(requester_email="nora@example.net")
    queue_email_to(LEA)
    others_email = queue_email_to("nora@example.net")
    not_to_lea = {email.pk for email in OutgoingEmail.objects.all()} - set(addressed_to(LEA))
    mail.outbox.clear()

    assert privacy.erase_person(" Lea.Martin@example.net ", editor) == 3

    statuses = [fresh(mentor_request).status for mentor_request in (new, accepted, declined)]
    assert statuses == [RequestStatus.WITHDRAWN, RequestStatus.COMPLETED, RequestStatus.DECLINED]
    for mentor_request in (new, accepted, declined):
        assert (fresh(mentor_request).requester_email, fresh(mentor_request).requester_name) == ("", "—")
    closing = [
        (event.from_status, event.to_status, event.role, event.user, event.note)
        for event in (mentor_request.events.latest("pk") for mentor_request in (new, accepted))
    ]
    erased = "Close\u00a0: les données du demandeur ont été effacées"
    assert closing == [
        ("new", "withdrawn", "editor", editor, erased),
        ("accepted", "completed", "editor", editor, erased),
    ]
    assert [event.note for event in declined.events.all()] == [""] * declined.events.count()
    assert not mail.outbox  # nobody is emailed about an erasure, nor queued an email
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == not_to_lea
    assert others_email.pk in not_to_lea
    assert addressed_to(LEA) == []
    assert fresh(other).requester_email == "nora@example.net"
    accepted.mentor.refresh_from_db()
    assert accepted.mentor.active_mentorships == 0


def test_erasing_a_person_without_requests_still_forgets_the_emails_sent_to_them(directory):
    queue_email_to("Lea.Martin@example.net", "claire@example.org")
    kept = queue_email_to("claire@example.org")
    assert privacy.erase_person(LEA, UserFactory(editor=True)) == 0
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [kept.pk]
