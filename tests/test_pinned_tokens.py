"""The emailed links, pinned to the second and to the word (issue 15, mutation testing of
portal/mentorships/tokens.py): how long each kind of link lasts, which payloads are refused, and the exact
French sentence the person who clicked reads when a link cannot be used."""

from django.core import signing

import pytest

from portal.mentorships import tokens
from portal.mentorships.models import Role
from portal.taxonomy.models import MentoringModel
from tests.factories import ChallengePageFactory, MentorRequestFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_french")]

NOT_VALID = "Ce lien n’est pas valide. Vérifiez que vous l’avez copié en entier."
EXPIRED = "Ce lien a expiré."
LIST_EXPIRED = "Ce lien a expiré\u00a0: demandez-en un nouveau."
MADE_AT = 1_800_000_000  # a whole second: signing stamps links in whole seconds


@pytest.fixture
def clock(monkeypatch):
    """Sets the time signing reads (links are stamped and checked with time.time())."""

    def set_to(seconds):
        monkeypatch.setattr(signing.time, "time", lambda: seconds)

    return set_to


def refusal(read, *args):
    """The sentence shown to the person whose link is refused."""
    with pytest.raises(tokens.InvalidLink) as refused:
        read(*args)
    return str(refused.value)


def signed(payload, salt=tokens.SALT):
    """A payload signed with the portal's own secret, as no version of the portal makes it."""
    return signing.dumps(payload, salt=salt)


# --- Lifetimes, to the second ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "purpose, role, days",
    [(tokens.FEEDBACK, Role.REQUESTER, 90), (tokens.FOLLOW, Role.REQUESTER, 365), (tokens.FEEDBACK, Role.MENTOR, 90)],
)
def test_a_link_works_to_the_last_second_of_its_lifetime_and_is_refused_one_second_later(
    directory, clock, purpose, role, days
):
    mentor_request = MentorRequestFactory()
    clock(MADE_AT)
    link = tokens.make(mentor_request, role, purpose)
    clock(MADE_AT + days * tokens.DAY)
    assert tokens.read(link, role, purpose) == mentor_request
    clock(MADE_AT + days * tokens.DAY + 1)
    assert refusal(tokens.read, link, role, purpose) == EXPIRED


def test_a_feedback_link_is_refused_one_second_after_its_ninety_days(directory, clock):
    mentor_request = MentorRequestFactory()
    clock(MADE_AT)
    link = tokens.make(mentor_request, Role.REQUESTER, tokens.FEEDBACK)
    clock(MADE_AT + 90 * tokens.DAY + 1)
    assert refusal(tokens.read_any_side, link, tokens.FEEDBACK) == EXPIRED


def test_a_follow_up_link_is_refused_one_second_after_its_year(directory, clock):
    mentor_request = MentorRequestFactory()
    clock(MADE_AT)
    link = tokens.make(mentor_request, Role.REQUESTER, tokens.FOLLOW)
    clock(MADE_AT + 365 * tokens.DAY + 1)
    assert refusal(tokens.read, link, Role.REQUESTER, tokens.FOLLOW) == EXPIRED


def test_an_answer_link_works_until_a_day_after_the_request_expires_and_not_a_second_longer(directory, clock, settings):
    mentor_request = MentorRequestFactory()
    lifetime = (settings.MENTOR_REQUEST_EXPIRY_DAYS + 1) * tokens.DAY
    clock(MADE_AT)
    link = tokens.make(mentor_request, Role.MENTOR, tokens.ANSWER)
    clock(MADE_AT + lifetime)
    assert tokens.read(link, Role.MENTOR, tokens.ANSWER) == mentor_request
    clock(MADE_AT + lifetime + 1)
    assert refusal(tokens.read, link, Role.MENTOR, tokens.ANSWER) == EXPIRED


def test_a_requests_list_link_works_for_seven_days_and_then_asks_for_a_new_one(clock):
    clock(MADE_AT)
    link = tokens.make_list("lea.martin@example.net")
    clock(MADE_AT + 7 * tokens.DAY)
    assert tokens.read_list(link) == "lea.martin@example.net"
    clock(MADE_AT + 7 * tokens.DAY + 1)
    assert refusal(tokens.read_list, link) == LIST_EXPIRED


# --- Which request, which side, which purpose ------------------------------------------------------
@pytest.mark.parametrize("made_for, used_as", [(Role.REQUESTER, Role.MENTOR), (Role.MENTOR, Role.REQUESTER)])
def test_a_link_used_by_the_other_side_is_refused_with_the_copy_it_whole_sentence(directory, made_for, used_as):
    mentor_request = MentorRequestFactory()
    link = tokens.make(mentor_request, made_for, tokens.FOLLOW)
    assert refusal(tokens.read, link, used_as, tokens.FOLLOW) == NOT_VALID


def test_a_link_for_one_purpose_is_refused_for_another_with_the_copy_it_whole_sentence(directory):
    mentor_request = MentorRequestFactory()
    link = tokens.make(mentor_request, Role.MENTOR, tokens.ANSWER)
    assert refusal(tokens.read_any_side, link, tokens.FEEDBACK) == NOT_VALID
    assert refusal(tokens.read, link, Role.MENTOR, tokens.FOLLOW) == NOT_VALID


def test_a_link_signed_for_a_side_the_portal_does_not_know_is_refused(directory):
    mentor_request = MentorRequestFactory()
    payload = {"r": mentor_request.pk, "k": mentor_request.token_key, "s": "stranger", "p": tokens.FEEDBACK}
    assert refusal(tokens.read_any_side, signed(payload), tokens.FEEDBACK) == NOT_VALID
    without_side = {"r": mentor_request.pk, "k": mentor_request.token_key, "p": tokens.FEEDBACK}
    assert refusal(tokens.read_any_side, signed(without_side), tokens.FEEDBACK) == NOT_VALID


@pytest.mark.parametrize("payload", [["r", "k", "s", "p"], "feedback", 42, None])
def test_a_signed_link_that_does_not_carry_a_request_is_refused_not_crashed(payload):
    assert refusal(tokens.read_any_side, signed(payload), tokens.FEEDBACK) == NOT_VALID
    assert refusal(tokens.read, signed(payload), Role.REQUESTER, tokens.FEEDBACK) == NOT_VALID


def test_a_tampered_link_is_refused_with_the_copy_it_whole_sentence(directory):
    link = tokens.make(MentorRequestFactory(), Role.REQUESTER, tokens.FOLLOW)
    assert refusal(tokens.read, link[:-3], Role.REQUESTER, tokens.FOLLOW) == NOT_VALID


def test_a_link_opens_only_the_request_it_was_made_for_even_when_another_shares_its_key(directory):
    # Keys are random, not unique in the database: the request number in the link is checked too.
    mentor_request = MentorRequestFactory()
    link = tokens.make(mentor_request, Role.REQUESTER, tokens.FOLLOW)
    MentorRequestFactory(token_key=mentor_request.token_key)  # newer: listed first
    assert tokens.read(link, Role.REQUESTER, tokens.FOLLOW) == mentor_request
    assert tokens.read_any_side(link, tokens.FOLLOW) == (mentor_request, Role.REQUESTER)


def test_a_link_loads_the_request_with_everything_its_page_shows_in_one_query(
    directory, challenge_index, django_assert_num_queries
):
    mentor_request = MentorRequestFactory(
        challenge=ChallengePageFactory(parent=challenge_index),
        mentoring_model=MentoringModel.objects.get(code="peer-to-peer"),
    )
    link = tokens.make(mentor_request, Role.MENTOR, tokens.ANSWER)
    with django_assert_num_queries(1):
        found = tokens.read(link, Role.MENTOR, tokens.ANSWER)
        shown = (found.mentor.full_name, found.challenge.title, found.actor_type.code, found.mentoring_model.code)
    assert shown == (
        mentor_request.mentor.full_name,
        mentor_request.challenge.title,
        "collectivite",
        "peer-to-peer",
    )


def test_a_link_is_compressed_whenever_that_makes_it_shorter(directory):
    # Links go into plain-text emails; the shorter, the less a mail client breaks them.
    mentor_request = MentorRequestFactory(token_key="0" * 16)
    link = tokens.make(mentor_request, Role.REQUESTER, tokens.FEEDBACK)
    spelled_out = signed({"r": mentor_request.pk, "k": "0" * 16, "s": Role.REQUESTER, "p": tokens.FEEDBACK})
    assert len(link) < len(spelled_out)
    assert tokens.read(link, Role.REQUESTER, tokens.FEEDBACK) == mentor_request


# --- A requester's list of requests ----------------------------------------------------------------
def test_a_requests_list_link_carries_the_address_trimmed_and_in_lower_case():
    link = tokens.make_list("  Lea.Martin@Example.NET ")
    assert tokens.read_list(link) == "lea.martin@example.net"


def test_a_requests_list_link_is_shorter_than_a_long_address_it_carries():
    address = "mobilite." * 20 + "territoire@example.net"
    link = tokens.make_list(address)
    assert len(link) < len(address)
    assert tokens.read_list(link) == address


def test_a_tampered_requests_list_link_is_refused_with_the_copy_it_whole_sentence():
    link = tokens.make_list("lea.martin@example.net")
    assert refusal(tokens.read_list, link[:-3]) == NOT_VALID
    a_request_link_signature = signed({"e": "lea.martin@example.net"}, salt=tokens.SALT)
    assert refusal(tokens.read_list, a_request_link_signature) == NOT_VALID


@pytest.mark.parametrize("payload", [["lea.martin@example.net"], "lea.martin@example.net", {"e": 42}, {"e": None}, {}])
def test_a_signed_requests_list_link_without_an_address_is_refused_not_crashed(payload):
    assert refusal(tokens.read_list, signed(payload, salt=tokens.LIST_SALT)) == NOT_VALID
