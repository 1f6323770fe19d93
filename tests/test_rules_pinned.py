"""Rules that a review once broke without turning the suite red (issue 15): each test below fails when
its rule is broken — anonymising that leaves the history, a retry schedule that does not double, link
lifetimes and sides, reserved profile addresses."""

from datetime import timedelta

from django.core import signing
from django.utils import timezone

import pytest

from portal.mail import outbox
from portal.mail.models import OutgoingEmail
from portal.mentors.matching import mentors_for_challenge
from portal.mentors.models import RESERVED_SLUGS
from portal.mentorships import privacy, tokens, workflow
from portal.mentorships.models import MentorRequest, RequestEvent, Role
from tests.factories import ChallengePageFactory, MentorProfileFactory, MentorRequestFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- Anonymising ------------------------------------------------------------------------------------
def test_anonymising_a_request_scrubs_the_notes_and_the_people_of_its_history(directory):
    editor = UserFactory(editor=True)
    mentor_request = MentorRequestFactory(requester_name="Léa Martin")
    workflow.decline(mentor_request, Role.EDITOR, editor, reason="Léa Martin a trouvé ailleurs")
    assert RequestEvent.objects.filter(request=mentor_request, user=editor).exists()
    assert RequestEvent.objects.filter(request=mentor_request, note__contains="Léa").exists()

    privacy.anonymise(MentorRequest.objects.get(pk=mentor_request.pk))

    history = RequestEvent.objects.filter(request=mentor_request)
    assert history.exists()
    assert list(history.values_list("note", "user")) == [("", None)] * history.count()


def test_anonymising_a_request_revokes_the_links_already_sent(directory):
    mentor_request = MentorRequestFactory()
    link = tokens.make(mentor_request, Role.REQUESTER, tokens.FOLLOW)
    privacy.anonymise(mentor_request)
    with pytest.raises(tokens.InvalidLink):
        tokens.read(link, Role.REQUESTER, tokens.FOLLOW)


# --- Email retries ---------------------------------------------------------------------------------
class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("relay down")


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.test_rules_pinned.FailingBackend"


def test_each_retry_waits_twice_as_long_as_the_one_before_until_the_attempts_are_spent(mail_server_down):
    email = outbox.send("Objet", "mentorships/emails/withdrawn.txt", {"mentor_name": "A", "number": 1}, ["a@b.fr"])
    delays = []
    while True:  # the first attempt was made when the email was queued
        email.refresh_from_db()
        assert email.failed_at is None
        delays.append(email.next_attempt_at - timezone.now())
        if email.attempts == outbox.MAX_ATTEMPTS - 1:
            break
        outbox.deliver(email)
    expected = [outbox.FIRST_RETRY_DELAY * 2**attempt for attempt in range(outbox.MAX_ATTEMPTS - 1)]
    assert len(delays) == len(expected)
    for delay, wanted in zip(delays, expected, strict=True):
        assert abs(delay - wanted) < timedelta(seconds=5)

    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    assert outbox.send_due() == (0, 0)  # the last attempt failed: given up, not waiting
    email.refresh_from_db()
    assert email.attempts == outbox.MAX_ATTEMPTS
    assert email.failed_at is not None
    assert email.last_error == "OSError: relay down"


def test_send_due_counts_what_it_sent_and_what_still_waits(mail_server_down, settings):
    first = outbox.send("Un", "mentorships/emails/withdrawn.txt", {"mentor_name": "A", "number": 1}, ["a@b.fr"])
    outbox.send("Deux", "mentorships/emails/withdrawn.txt", {"mentor_name": "B", "number": 2}, ["c@d.fr"])
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    assert outbox.send_due() == (0, 2)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.exclude(pk=first.pk).update(next_attempt_at=timezone.now() + timedelta(hours=1))
    OutgoingEmail.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())
    assert outbox.send_due() == (1, 0)


# --- Links -----------------------------------------------------------------------------------------
def link_made_days_ago(mentor_request, role, purpose, days, monkeypatch):
    made_at = timezone.now().timestamp() - days * tokens.DAY
    monkeypatch.setattr(signing.time, "time", lambda: made_at)
    link = tokens.make(mentor_request, role, purpose)
    monkeypatch.undo()
    return link


@pytest.mark.parametrize("purpose, days_valid", [(tokens.FEEDBACK, 90), (tokens.FOLLOW, 365)])
def test_a_link_works_until_its_last_day_and_not_a_day_longer(directory, monkeypatch, purpose, days_valid):
    mentor_request = MentorRequestFactory()
    fresh = link_made_days_ago(mentor_request, Role.REQUESTER, purpose, days_valid - 1, monkeypatch)
    assert tokens.read(fresh, Role.REQUESTER, purpose) == mentor_request
    stale = link_made_days_ago(mentor_request, Role.REQUESTER, purpose, days_valid + 1, monkeypatch)
    with pytest.raises(tokens.InvalidLink, match="expiré"):
        tokens.read(stale, Role.REQUESTER, purpose)


def test_an_answer_link_lasts_as_long_as_the_request_can_be_answered(directory, monkeypatch, settings):
    mentor_request = MentorRequestFactory()
    days = settings.MENTOR_REQUEST_EXPIRY_DAYS
    assert tokens.read(
        link_made_days_ago(mentor_request, Role.MENTOR, tokens.ANSWER, days, monkeypatch), Role.MENTOR, tokens.ANSWER
    )
    with pytest.raises(tokens.InvalidLink):
        tokens.read(
            link_made_days_ago(mentor_request, Role.MENTOR, tokens.ANSWER, days + 2, monkeypatch),
            Role.MENTOR,
            tokens.ANSWER,
        )


@pytest.mark.parametrize("made_for, used_as", [(Role.REQUESTER, Role.MENTOR), (Role.MENTOR, Role.REQUESTER)])
def test_a_link_made_for_one_side_is_refused_to_the_other(directory, made_for, used_as):
    mentor_request = MentorRequestFactory()
    link = tokens.make(mentor_request, made_for, tokens.FEEDBACK)
    assert tokens.read(link, made_for, tokens.FEEDBACK) == mentor_request
    with pytest.raises(tokens.InvalidLink):
        tokens.read(link, used_as, tokens.FEEDBACK)


def test_a_link_made_for_one_purpose_is_refused_for_another(directory):
    mentor_request = MentorRequestFactory()
    link = tokens.make(mentor_request, Role.REQUESTER, tokens.FOLLOW)
    with pytest.raises(tokens.InvalidLink):
        tokens.read(link, Role.REQUESTER, tokens.FEEDBACK)


# --- Profile addresses -----------------------------------------------------------------------------
@pytest.mark.parametrize("reserved", sorted(RESERVED_SLUGS))
def test_a_mentor_named_like_a_page_of_the_directory_gets_an_address_of_their_own(directory, client, reserved):
    mentor = MentorProfileFactory(full_name=reserved.replace("-", " ").title())
    assert mentor.slug != reserved
    assert mentor.slug.startswith(reserved)
    response = client.get(mentor.get_url())
    assert response.status_code == 200
    assert mentor.full_name in response.content.decode()


def test_the_directory_pages_keep_their_addresses_when_a_mentor_named_me_exists(directory, client):
    MentorProfileFactory(full_name="Me")
    response = client.get(f"{directory.url}me/")
    assert response.status_code == 302 and "login" in response["Location"]


# --- Matching's explained signals ------------------------------------------------------------------
def crowd():
    for number in range(6):
        MentorProfileFactory(
            full_name=f"Foule {number}",
            headline="Consultant mobilité",
            themes=[],
            bio="J'accompagne les collectivités sur la mobilité et le transport.",
        )


def test_sharing_the_challenge_s_theme_itself_weighs_more_than_sharing_its_words(catalogue, directory):
    """Two profiles alike in every word; one is tagged with the challenge's theme, the other with a theme
    written almost the same (same words once stemmed, another theme): the theme itself must count."""
    crowd()
    profile = {"headline": "Cheffe de projet cyclable", "bio": "Pistes et stationnement vélo."}
    MentorProfileFactory(full_name="Thème du défi", themes=["Vélo"], **profile)
    MentorProfileFactory(full_name="Thème voisin", themes=["Vélos"], **profile)
    challenge = ChallengePageFactory(parent=catalogue, title="Lancer le plan cyclable", themes=["Vélo"])
    matches = mentors_for_challenge(challenge)
    assert [match.mentor.full_name for match in matches[:2]] == ["Thème du défi", "Thème voisin"]
    assert matches[1].score < 0.9 * matches[0].score


def test_offering_the_recommended_model_lifts_a_mentor_beyond_a_tie(catalogue, directory):
    crowd()
    profile = {"headline": "Cheffe de projet cyclable", "bio": "Pistes et stationnement vélo.", "themes": []}
    MentorProfileFactory(full_name="Sans le modèle", models=["peer-to-peer"], **profile)
    MentorProfileFactory(full_name="Avec le modèle", models=["culture-shift"], **profile)
    challenge = ChallengePageFactory(parent=catalogue, title="Lancer le plan cyclable", models=["culture-shift"])
    matches = mentors_for_challenge(challenge)
    assert [match.mentor.full_name for match in matches[:2]] == ["Avec le modèle", "Sans le modèle"]
    assert matches[1].score < 0.9 * matches[0].score
