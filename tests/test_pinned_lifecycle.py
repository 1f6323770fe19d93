"""A mentor profile's life, pinned to the word (issue 15, mutation testing of portal/mentors/lifecycle.py): which
status each change starts from and leads to, what the history records of it (action, who, from, to, why), who is
emailed, when a reason is asked, and the exact French sentence the person who asked reads when a change is refused."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from portal.home.models import CharterPage
from portal.mentors import lifecycle
from portal.mentors.models import MentorProfile, MentorStatus
from tests.factories import MentorProfileFactory, UserFactory
from tests.utils import spy_on_row_locks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_french")]

NOT_A_DRAFT = "Ce profil n’est plus un brouillon."
CONFIRM_FIRST = "Confirmez d’abord votre adresse e-mail, avec le lien que nous vous avons envoyé."
ACCEPT_CHARTER_FIRST = "Acceptez la charte déontologique avant de soumettre votre profil."
SAY_WHY = "Dites pourquoi\u00a0: le motif reste dans l’historique du profil, pour l’équipe."
TOO_LONG = "Le motif est trop long\u00a0: 500 caractères au plus."
ALREADY_PUBLISHED = "Ce profil est déjà publié."
NOT_CONFIRMED = "Le mentor n’a pas encore confirmé son adresse e-mail."
OLD_CHARTER = "Le mentor n’a pas encore accepté la charte déontologique en vigueur."
ONLY_PUBLISHED_PAUSED = "Seul un profil publié peut être mis en pause."
ALREADY_ARCHIVED = "Ce profil est déjà archivé."


@pytest.fixture
def team_member(db):
    return UserFactory(editor=True, email="equipe@example.org")


def refusal(change, *args, **kwargs):
    """The sentence shown to the person whose change is refused."""
    with pytest.raises(lifecycle.TransitionError) as refused:
        change(*args, **kwargs)
    return str(refused.value)


def logged(mentor):
    """The profile's history, newest first, as (action, user, data)."""
    return [(entry.action, entry.user, entry.data) for entry in lifecycle.history(mentor)]


def status_in_database(mentor):
    return MentorProfile.objects.values_list("status", flat=True).get(pk=mentor.pk)


# --- The application: confirming the address, then submitting -------------------------------------
def test_confirming_the_address_opens_the_account_and_submits_a_draft_that_accepted_the_charter(directory, team_member):
    mentor = MentorProfileFactory(
        status=MentorStatus.DRAFT, email_confirmed_at=None, account="correct horse battery staple"
    )
    mentor.user.is_active = False
    mentor.user.save()
    before = timezone.now()
    assert lifecycle.confirm_email(MentorProfile.objects.get(pk=mentor.pk)) is True
    mentor.refresh_from_db()
    mentor.user.refresh_from_db()
    assert before <= mentor.email_confirmed_at <= timezone.now()
    assert mentor.user.is_active is True
    assert mentor.status == MentorStatus.PENDING
    assert logged(mentor) == [("portal.mentor.submit", mentor.user, {"from": "draft", "to": "pending", "reason": ""})]
    [to_the_team] = mail.outbox
    assert to_the_team.to == ["equipe@example.org"]
    assert to_the_team.subject == f"Nouvelle candidature de mentor\u00a0: {mentor.full_name}"


def test_confirming_the_address_of_a_draft_without_the_charter_keeps_it_a_draft(directory, team_member):
    mentor = MentorProfileFactory(status=MentorStatus.DRAFT, email_confirmed_at=None, charter_version="")
    assert lifecycle.confirm_email(mentor) is True
    assert status_in_database(mentor) == MentorStatus.DRAFT
    assert MentorProfile.objects.get(pk=mentor.pk).email_confirmed_at is not None
    assert logged(mentor) == [] and mail.outbox == []


@pytest.mark.parametrize("status", [MentorStatus.PENDING, MentorStatus.PUBLISHED, MentorStatus.PAUSED])
def test_confirming_the_address_of_a_profile_past_the_draft_changes_only_the_confirmation(directory, status):
    # An editor's invitation, or an address changed later: the profile keeps its status.
    mentor = MentorProfileFactory(status=status, email_confirmed_at=None)
    assert lifecycle.confirm_email(mentor) is True
    assert status_in_database(mentor) == status
    assert MentorProfile.objects.get(pk=mentor.pk).email_confirmed_at is not None
    assert logged(mentor) == []


def test_confirming_the_address_of_a_mentor_without_an_account_confirms_it(directory):
    mentor = MentorProfileFactory(status=MentorStatus.PENDING, email_confirmed_at=None)
    assert mentor.user is None
    assert lifecycle.confirm_email(mentor) is True
    assert MentorProfile.objects.get(pk=mentor.pk).email_confirmed_at is not None


def test_confirming_an_active_account_leaves_it_active(directory):
    mentor = MentorProfileFactory(
        status=MentorStatus.PENDING, email_confirmed_at=None, account="correct horse battery staple"
    )
    assert lifecycle.confirm_email(mentor) is True
    mentor.user.refresh_from_db()
    assert mentor.user.is_active is True


def test_a_second_click_on_the_confirmation_link_changes_nothing(directory):
    confirmed_at = timezone.now() - timedelta(days=3)
    mentor = MentorProfileFactory(status=MentorStatus.DRAFT, email_confirmed_at=confirmed_at)
    assert lifecycle.confirm_email(mentor) is False
    mentor.refresh_from_db()
    assert (mentor.status, mentor.email_confirmed_at) == (MentorStatus.DRAFT, confirmed_at)
    assert logged(mentor) == []


def test_a_confirmation_sees_a_confirmation_made_meanwhile(directory):
    # Two clicks at once: the second one reads the profile again under its lock and does nothing.
    mentor = MentorProfileFactory(status=MentorStatus.DRAFT, email_confirmed_at=None)
    stale = MentorProfile.objects.get(pk=mentor.pk)
    assert lifecycle.confirm_email(mentor) is True
    assert lifecycle.confirm_email(stale) is False
    assert logged(mentor) == [("portal.mentor.submit", None, {"from": "draft", "to": "pending", "reason": ""})]


def test_submitting_records_the_applicant_and_tells_the_team(directory, team_member):
    mentor = MentorProfileFactory(status=MentorStatus.DRAFT, account="correct horse battery staple")
    lifecycle.submit_for_approval(mentor)
    assert status_in_database(mentor) == MentorStatus.PENDING
    assert logged(mentor) == [("portal.mentor.submit", mentor.user, {"from": "draft", "to": "pending", "reason": ""})]
    assert [email.to for email in mail.outbox] == [["equipe@example.org"]]


@pytest.mark.parametrize("status", [MentorStatus.PENDING, MentorStatus.PUBLISHED, MentorStatus.ARCHIVED])
def test_only_a_draft_is_submitted(directory, status):
    mentor = MentorProfileFactory(status=status)
    assert refusal(lifecycle.submit_for_approval, mentor) == NOT_A_DRAFT
    assert status_in_database(mentor) == status and logged(mentor) == []


def test_a_draft_whose_address_is_not_confirmed_is_not_submitted(directory):
    mentor = MentorProfileFactory(status=MentorStatus.DRAFT, email_confirmed_at=None)
    assert refusal(lifecycle.submit_for_approval, mentor) == CONFIRM_FIRST
    assert status_in_database(mentor) == MentorStatus.DRAFT


@pytest.mark.parametrize("version", ["", "2025-1"])
def test_a_draft_without_the_current_charter_is_not_submitted(directory, version):
    mentor = MentorProfileFactory(status=MentorStatus.DRAFT, charter_version=version)
    assert refusal(lifecycle.submit_for_approval, mentor) == ACCEPT_CHARTER_FIRST
    assert status_in_database(mentor) == MentorStatus.DRAFT


# --- The charter -----------------------------------------------------------------------------------
def test_the_charter_is_current_for_the_version_published_and_only_for_it(directory):
    published = CharterPage.current()
    assert lifecycle.charter_is_current(MentorProfileFactory(charter_version="2026-1")) is True
    assert lifecycle.charter_is_current(MentorProfileFactory(charter_version="2025-1")) is False
    assert lifecycle.charter_is_current(MentorProfileFactory(charter_version="2025-1"), published) is False


def test_a_charter_given_is_the_one_checked(directory):
    newer = CharterPage(version="2027-1")
    assert lifecycle.charter_is_current(MentorProfileFactory(charter_version="2027-1"), newer) is True
    assert lifecycle.charter_is_current(MentorProfileFactory(charter_version="2026-1"), newer) is False


def test_without_a_published_charter_every_profile_is_current(home):
    assert CharterPage.current() is None
    assert lifecycle.charter_is_current(MentorProfileFactory(charter_version="")) is True


def test_accepting_the_charter_writes_only_the_charter_over_a_change_made_meanwhile(directory):
    mentor = MentorProfileFactory(charter_version="2025-1")
    MentorProfile.objects.filter(pk=mentor.pk).update(status=MentorStatus.PAUSED, headline="Nouvelle fonction")
    lifecycle.accept_charter(mentor, CharterPage(version="2026-1"))
    row = MentorProfile.objects.values("status", "headline", "charter_version").get(pk=mentor.pk)
    assert row == {"status": MentorStatus.PAUSED, "headline": "Nouvelle fonction", "charter_version": "2026-1"}


def test_accepting_the_charter_stores_its_version_and_the_time(directory):
    mentor = MentorProfileFactory(charter_version="2025-1", charter_accepted_at=None)
    before = timezone.now()
    lifecycle.accept_charter(mentor, CharterPage(version="2027-1"))
    mentor = MentorProfile.objects.get(pk=mentor.pk)
    assert mentor.charter_version == "2027-1"
    assert before <= mentor.charter_accepted_at <= timezone.now()


# --- Approving ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [MentorStatus.PENDING, MentorStatus.PAUSED, MentorStatus.ARCHIVED])
def test_approving_publishes_records_who_and_why_and_emails_the_mentor(directory, team_member, status):
    mentor = MentorProfileFactory(status=status, contact_email="lea@example.org")
    lifecycle.approve(mentor, team_member, "  Parcours vérifié  ")
    assert status_in_database(mentor) == MentorStatus.PUBLISHED
    expected = {"from": str(status), "to": "published", "reason": "Parcours vérifié"}
    assert logged(mentor) == [("portal.mentor.approve", team_member, expected)]
    [to_the_mentor] = mail.outbox
    assert to_the_mentor.to == ["lea@example.org"]
    assert to_the_mentor.subject == "Votre profil de mentor est publié"


def test_an_editor_approves_without_a_reason(directory, team_member):
    mentor = MentorProfileFactory(status=MentorStatus.PENDING)
    lifecycle.approve(mentor, team_member)
    assert logged(mentor) == [
        ("portal.mentor.approve", team_member, {"from": "pending", "to": "published", "reason": ""})
    ]


def test_a_published_profile_is_not_approved_again(directory, team_member):
    mentor = MentorProfileFactory()
    assert refusal(lifecycle.approve, mentor, team_member) == ALREADY_PUBLISHED
    assert logged(mentor) == [] and mail.outbox == []


def test_a_profile_whose_address_is_not_confirmed_is_not_approved(directory, team_member):
    mentor = MentorProfileFactory(status=MentorStatus.PENDING, email_confirmed_at=None)
    assert refusal(lifecycle.approve, mentor, team_member) == NOT_CONFIRMED
    assert status_in_database(mentor) == MentorStatus.PENDING


def test_a_profile_bound_by_an_older_charter_is_not_approved(directory, team_member):
    mentor = MentorProfileFactory(status=MentorStatus.PAUSED, charter_version="2025-1")
    assert refusal(lifecycle.approve, mentor, team_member) == OLD_CHARTER
    assert status_in_database(mentor) == MentorStatus.PAUSED


def test_an_approval_sees_an_approval_made_meanwhile(directory, team_member):
    mentor = MentorProfileFactory(status=MentorStatus.PENDING)
    stale = MentorProfile.objects.get(pk=mentor.pk)
    lifecycle.approve(mentor, team_member)
    assert refusal(lifecycle.approve, stale, team_member) == ALREADY_PUBLISHED
    assert len(mail.outbox) == 1


# --- Reasons -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("change", ["pause", "archive"])
@pytest.mark.parametrize("reason", ["", "   \n "])
def test_an_editor_pausing_or_archiving_says_why(directory, team_member, change, reason):
    mentor = MentorProfileFactory()
    assert refusal(lifecycle.EDITOR_ACTIONS[change], mentor, team_member, reason) == SAY_WHY
    assert status_in_database(mentor) == MentorStatus.PUBLISHED and logged(mentor) == []


@pytest.mark.parametrize("change", ["approve", "pause", "archive"])
def test_a_reason_of_five_hundred_characters_is_kept_and_one_more_is_refused(directory, team_member, change):
    refused = MentorProfileFactory(status=MentorStatus.PAUSED if change == "approve" else MentorStatus.PUBLISHED)
    assert refusal(lifecycle.EDITOR_ACTIONS[change], refused, team_member, "x" * 501) == TOO_LONG
    assert logged(refused) == []
    kept = MentorProfileFactory(status=MentorStatus.PAUSED if change == "approve" else MentorStatus.PUBLISHED)
    lifecycle.EDITOR_ACTIONS[change](kept, team_member, "x" * 500)
    assert [data["reason"] for _action, _user, data in logged(kept)] == ["x" * 500]


def test_the_length_of_a_reason_counts_the_spaces_around_it(directory, team_member):
    mentor = MentorProfileFactory()
    assert refusal(lifecycle.pause, mentor, team_member, " " + "x" * 499 + " ") == TOO_LONG


def test_the_reason_check_reads_the_action_it_is_given():
    lifecycle.check_reason("approve", "")
    lifecycle.check_reason("republish", "")
    assert refusal(lifecycle.check_reason, "pause", " ") == SAY_WHY
    assert refusal(lifecycle.check_reason, "archive", "") == SAY_WHY
    assert refusal(lifecycle.check_reason, "approve", "x" * 501) == TOO_LONG
    required, longest = {"pause", "archive"}, 500
    assert (required, longest) == (lifecycle.REASON_REQUIRED, lifecycle.MAX_REASON_LENGTH)


@pytest.mark.parametrize("change", ["approve", "pause", "archive"])
def test_an_import_or_a_command_changes_a_status_without_a_reason_check(directory, change):
    # No person asked: no reason is asked, whatever its length.
    mentor = MentorProfileFactory(status=MentorStatus.PAUSED if change == "approve" else MentorStatus.PUBLISHED)
    lifecycle.EDITOR_ACTIONS[change](mentor, reason="x" * 501)
    other = MentorProfileFactory(status=MentorStatus.PAUSED if change == "approve" else MentorStatus.PUBLISHED)
    lifecycle.EDITOR_ACTIONS[change](other)
    assert [user for _action, user, _data in logged(mentor) + logged(other)] == [None, None]


# --- Pausing and archiving -------------------------------------------------------------------------------
def test_pausing_hides_a_published_profile_and_records_who_and_why(directory, team_member):
    mentor = MentorProfileFactory()
    lifecycle.pause(mentor, team_member, " Congé parental ")
    assert status_in_database(mentor) == MentorStatus.PAUSED
    expected = {"from": "published", "to": "paused", "reason": "Congé parental"}
    assert logged(mentor) == [("portal.mentor.pause", team_member, expected)]
    assert mail.outbox == []


@pytest.mark.parametrize(
    "status", [MentorStatus.DRAFT, MentorStatus.PENDING, MentorStatus.PAUSED, MentorStatus.ARCHIVED]
)
def test_only_a_published_profile_is_paused(directory, team_member, status):
    mentor = MentorProfileFactory(status=status)
    assert refusal(lifecycle.pause, mentor, team_member, "Congé") == ONLY_PUBLISHED_PAUSED
    assert status_in_database(mentor) == status and logged(mentor) == []


@pytest.mark.parametrize(
    "status", [MentorStatus.DRAFT, MentorStatus.PENDING, MentorStatus.PUBLISHED, MentorStatus.PAUSED]
)
def test_archiving_closes_the_profile_to_requests_and_records_who_and_why(directory, team_member, status):
    mentor = MentorProfileFactory(status=status, accepting_requests=True)
    lifecycle.archive(mentor, team_member, "\tA quitté le programme\n")
    row = MentorProfile.objects.values("status", "accepting_requests").get(pk=mentor.pk)
    assert row == {"status": MentorStatus.ARCHIVED, "accepting_requests": False}
    expected = {"from": str(status), "to": "archived", "reason": "A quitté le programme"}
    assert logged(mentor) == [("portal.mentor.archive", team_member, expected)]


def test_an_archived_profile_is_not_archived_again(directory, team_member):
    mentor = MentorProfileFactory(status=MentorStatus.ARCHIVED)
    assert refusal(lifecycle.archive, mentor, team_member, "Doublon") == ALREADY_ARCHIVED
    assert logged(mentor) == []


def test_the_editor_actions_are_these_four():
    actions = {
        "approve": lifecycle.approve,
        "republish": lifecycle.approve,
        "pause": lifecycle.pause,
        "archive": lifecycle.archive,
    }
    assert actions == lifecycle.EDITOR_ACTIONS


# --- Locks and history -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "change, status, confirmed",
    [
        (lifecycle.confirm_email, MentorStatus.PENDING, False),
        (lifecycle.submit_for_approval, MentorStatus.DRAFT, True),
        (lifecycle.approve, MentorStatus.PENDING, True),
        (lifecycle.pause, MentorStatus.PUBLISHED, True),
        (lifecycle.archive, MentorStatus.PUBLISHED, True),
    ],
)
def test_every_status_change_reads_the_profile_again_under_a_lock(directory, monkeypatch, change, status, confirmed):
    mentor = MentorProfileFactory(status=status, email_confirmed_at=timezone.now() if confirmed else None)
    locks = spy_on_row_locks(monkeypatch, MentorProfile.objects, mentor.pk)
    change(mentor)
    assert locks == [mentor.pk]


def test_locking_returns_the_profile_read_again(directory):
    mentor = MentorProfileFactory()
    MentorProfile.objects.filter(pk=mentor.pk).update(status=MentorStatus.PAUSED)
    assert lifecycle.locked(mentor) is mentor
    assert mentor.status == MentorStatus.PAUSED


def test_the_history_lists_the_changes_newest_first_with_their_authors_in_one_query(
    directory, team_member, django_assert_num_queries
):
    mentor = MentorProfileFactory()
    lifecycle.pause(mentor, team_member, "Congé")
    lifecycle.approve(mentor, team_member, "Retour")
    lifecycle.archive(mentor, reason="Départ")
    other = MentorProfileFactory()
    lifecycle.pause(other, team_member, "Ailleurs")
    now = timezone.now()
    ModelLogEntry.objects.update(timestamp=now)  # one moment for all: the newest is the last written
    with django_assert_num_queries(1):
        shown = [(entry.action, entry.user and entry.user.email) for entry in lifecycle.history(mentor)]
    assert shown == [
        ("portal.mentor.archive", None),
        ("portal.mentor.approve", "equipe@example.org"),
        ("portal.mentor.pause", "equipe@example.org"),
    ]
    # The time decides before the writing order: an entry dated later comes first.
    ModelLogEntry.objects.filter(action="portal.mentor.pause").update(timestamp=now + timedelta(seconds=1))
    assert [entry.action for entry in lifecycle.history(mentor)] == [
        "portal.mentor.pause",
        "portal.mentor.archive",
        "portal.mentor.approve",
    ]
