"""The outbox, pinned to the character and to the attempt (issue 15, mutation testing of portal/mail/outbox.py):
links' addresses, subjects at their length limit, who an email goes to, what a delivery writes and logs, what the
cron counts, and which emails an erasure removes."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.template import engines
from django.utils import timezone

import pytest

from portal.mail import outbox
from portal.mail.models import OutgoingEmail

pytestmark = pytest.mark.django_db

TEMPLATE = "mentorships/emails/withdrawn.txt"
CONTEXT = {"mentor_name": "Claire", "number": 7}
DOWN = "panne.example"  # the relay refuses every email to this domain


class RelayDownFor(EmailBackend):
    """Refuses, as a relay that is down would, the emails to an address at DOWN; delivers the others."""

    def send_messages(self, messages):
        for message in messages:
            if any(address.endswith(f"@{DOWN}") for address in message.recipients()):
                raise OSError(f"relay down for {DOWN}")
        return super().send_messages(messages)


class LongRefusal(EmailBackend):
    def send_messages(self, messages):
        raise OSError("5" * 600)


@pytest.fixture
def relay(settings):
    settings.EMAIL_BACKEND = "tests.test_pinned_outbox.RelayDownFor"


@pytest.fixture
def outbox_log(caplog):
    caplog.set_level(logging.WARNING, logger="portal.mail.outbox")
    return caplog


def queued(*recipients, attempts=0, **fields):
    return OutgoingEmail.objects.create(
        subject="Votre demande", body="Bonjour Léa", recipients=list(recipients), attempts=attempts, **fields
    )


def stored(email):
    return OutgoingEmail.objects.get(pk=email.pk)


def log_lines(caplog):
    return [(record.levelname, record.getMessage()) for record in caplog.records]


# --- Addresses of links ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "base, full",
    [
        ("https://mentorat.example.org", "https://mentorat.example.org/mentors/"),
        ("https://mentorat.example.org/", "https://mentorat.example.org/mentors/"),
        ("https://mentorat.example.org///", "https://mentorat.example.org/mentors/"),
        ("https://example.org/BOX", "https://example.org/BOX/mentors/"),
    ],
)
def test_a_link_in_an_email_is_the_site_address_and_the_path_with_one_slash_between(settings, base, full):
    settings.SITE_BASE_URL = base
    assert outbox.absolute("/mentors/") == full


# --- Subjects at their length limit ----------------------------------------------------------------
def test_a_subject_of_exactly_the_maximum_length_is_kept_whole():
    subject = "a" * outbox.MAX_SUBJECT_LENGTH
    assert outbox.clean_subject(subject) == subject


def test_a_subject_one_character_too_long_is_cut_and_ends_with_an_ellipsis():
    cut = outbox.clean_subject("a" * (outbox.MAX_SUBJECT_LENGTH + 1))
    assert cut == "a" * (outbox.MAX_SUBJECT_LENGTH - 1) + "…"


def test_a_subject_cut_after_a_space_does_not_keep_the_space_before_the_ellipsis():
    subject = "a" * (outbox.MAX_SUBJECT_LENGTH - 2) + " " + "b" * 10
    assert outbox.clean_subject(subject) == "a" * (outbox.MAX_SUBJECT_LENGTH - 2) + "…"


@pytest.mark.parametrize(
    "subject, clean",
    [
        ("Votre\r\ndemande\tn°\u20287", "Votre demande n° 7"),
        ("  Votre   demande  ", "Votre demande"),
        ("Demande\u00a0: «\u202fdonnées\u202f»", "Demande\u00a0: «\u202fdonnées\u202f»"),
        (7, "7"),
    ],
)
def test_a_subject_is_one_line_with_single_spaces_and_its_french_spaces_kept(subject, clean):
    assert outbox.clean_subject(subject) == clean


# --- Sending -------------------------------------------------------------------------------------
def test_an_email_goes_to_each_address_once_trimmed_in_order_and_never_to_a_blank_one():
    email = outbox.send("Objet", TEMPLATE, CONTEXT, ["  nora@example.net ", None, "", "   ", "claire@example.org"] * 2)
    assert stored(email).recipients == ["claire@example.org", "nora@example.net"]
    [message] = mail.outbox
    assert message.to == ["claire@example.org", "nora@example.net"]


@pytest.mark.parametrize("recipients", [[], ["", "  ", None]])
def test_an_email_without_any_address_is_neither_stored_nor_sent(recipients):
    assert outbox.send("Objet", TEMPLATE, CONTEXT, recipients) is None
    assert not OutgoingEmail.objects.exists()
    assert not mail.outbox


def test_an_email_is_stored_rendered_with_its_clean_subject_until_it_can_be_sent(relay):
    email = outbox.send("Votre\ndemande", TEMPLATE, CONTEXT, [f"claire@{DOWN}"])
    body = engines["email"].get_template(TEMPLATE).render({**CONTEXT, "site_url": settings.SITE_BASE_URL})
    assert "Claire" in body
    email = stored(email)
    assert (email.subject, email.body, email.recipients) == ("Votre demande", body, [f"claire@{DOWN}"])
    assert (email.attempts, email.sent_at, email.failed_at) == (1, None, None)


def test_an_email_is_sent_at_once_from_the_portal_s_address_with_its_subject_and_body(settings):
    settings.DEFAULT_FROM_EMAIL = "Mentorat FabMob <mentorat@example.org>"
    email = outbox.send("Votre\ndemande", TEMPLATE, CONTEXT, ["claire@example.org"])
    [message] = mail.outbox
    assert (message.from_email, message.to, message.subject) == (
        "Mentorat FabMob <mentorat@example.org>",
        ["claire@example.org"],
        "Votre demande",
    )
    assert "Claire" in message.body and "7" in message.body
    email = stored(email)
    assert (email.attempts, email.body, email.last_error) == (1, "", "")
    assert email.sent_at is not None


def test_an_email_can_point_to_the_site_whatever_its_context_holds(settings):
    settings.SITE_BASE_URL = "https://mentorat.example.org"
    outbox.send("Objet", "mentorships/emails/_alternatives.txt", {"alternatives": []}, ["lea@example.net"])
    assert "https://mentorat.example.org/mentors/" in mail.outbox[0].body


# --- One delivery: what it writes and logs ---------------------------------------------------------
def test_a_delivery_after_failures_sends_the_email_and_clears_its_error_and_body():
    email = queued("claire@example.org", attempts=2, last_error="OSError: relay down")
    assert outbox.deliver(email) is True
    email = stored(email)
    assert (email.attempts, email.body, email.last_error, email.failed_at) == (3, "", "", None)
    assert email.sent_at is not None
    [message] = mail.outbox
    assert (message.subject, message.body, message.to) == ("Votre demande", "Bonjour Léa", ["claire@example.org"])


def test_a_refused_delivery_says_why_waits_five_minutes_and_logs_a_warning(relay, outbox_log):
    email = queued(f"claire@{DOWN}")
    assert outbox.deliver(email) is False
    email = stored(email)
    assert (email.attempts, email.last_error, email.failed_at, email.sent_at) == (
        1,
        f"OSError: relay down for {DOWN}",
        None,
        None,
    )
    assert abs(email.next_attempt_at - (timezone.now() + timedelta(minutes=5))) < timedelta(seconds=5)
    assert log_lines(outbox_log) == [
        ("WARNING", f"Email {email.pk} not sent (attempt 1 of 8): OSError: relay down for {DOWN}")
    ]


def test_the_last_but_one_attempt_still_waits_and_the_last_one_gives_up_with_an_error_logged(relay, outbox_log):
    email = queued(f"claire@{DOWN}", attempts=outbox.MAX_ATTEMPTS - 2)
    assert outbox.deliver(email) is False
    email = stored(email)
    assert email.failed_at is None
    wait = outbox.FIRST_RETRY_DELAY * 2 ** (outbox.MAX_ATTEMPTS - 2)
    assert abs(email.next_attempt_at - (timezone.now() + wait)) < timedelta(seconds=5)
    assert outbox.deliver(email) is False
    email = stored(email)
    assert email.attempts == outbox.MAX_ATTEMPTS and email.failed_at is not None
    error = f"OSError: relay down for {DOWN}"
    assert log_lines(outbox_log) == [
        ("WARNING", f"Email {email.pk} not sent (attempt 7 of 8): {error}"),
        ("ERROR", f"Email {email.pk} given up after 8 attempt(s): {error}"),
    ]


def test_an_email_django_cannot_build_is_given_up_at_its_first_attempt_with_an_error_logged(outbox_log):
    email = queued("claire@example.org\nBcc: nora@example.net")
    assert outbox.deliver(email) is False
    email = stored(email)
    assert (email.attempts, email.sent_at) == (1, None)
    assert email.failed_at is not None
    assert email.last_error.startswith("BadHeaderError: ")
    assert log_lines(outbox_log) == [("ERROR", f"Email {email.pk} given up after 1 attempt(s): {email.last_error}")]


def test_a_long_refusal_is_kept_to_the_five_hundred_characters_the_error_field_holds(settings):
    settings.EMAIL_BACKEND = "tests.test_pinned_outbox.LongRefusal"
    email = queued("claire@example.org")
    outbox.deliver(email)
    assert stored(email).last_error == ("OSError: " + "5" * 600)[:500]
    assert len(stored(email).last_error) == 500


def test_a_failed_attempt_on_an_old_copy_never_brings_back_the_body_of_an_email_sent_meanwhile(relay):
    # The task worker and the cron may hold the same email: the one that fails must not undo the one that sent it.
    email = queued(f"claire@{DOWN}")
    old_copy = stored(email)
    OutgoingEmail.objects.filter(pk=email.pk).update(sent_at=timezone.now(), body="")
    outbox.deliver(old_copy)
    email = stored(email)
    assert email.sent_at is not None and email.body == ""


class ErasedWhileSending(EmailBackend):
    """The person's data is erased (outbox.forget) while their email is with the relay."""

    def send_messages(self, messages):
        outbox.forget("lea.martin@example.net")
        return super().send_messages(messages)


def test_an_email_erased_while_it_was_being_sent_does_not_come_back_nor_stop_the_next_ones(settings):
    settings.EMAIL_BACKEND = "tests.test_pinned_outbox.ErasedWhileSending"
    due = timezone.now() - timedelta(minutes=1)
    queued("lea.martin@example.net", next_attempt_at=due)
    after = queued("claire@example.org", next_attempt_at=due)
    assert outbox.send_due() == (2, 0)
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [after.pk]
    assert stored(after).sent_at is not None


class OtherProcessTries(EmailBackend):
    """While this process sends, the cron (or a second worker) reaches the same email with its own copy."""

    copy = None
    seen = []

    def send_messages(self, messages):
        if OtherProcessTries.copy is not None:
            copy, OtherProcessTries.copy = OtherProcessTries.copy, None
            OtherProcessTries.seen.append((list(OutgoingEmail.objects.due()), outbox.deliver(copy)))
        return super().send_messages(messages)


def test_an_email_reached_by_the_worker_and_the_cron_at_once_is_sent_once(settings):
    settings.EMAIL_BACKEND = "tests.test_pinned_outbox.OtherProcessTries"
    email = queued("claire@example.org")
    OtherProcessTries.copy, OtherProcessTries.seen = stored(email), []
    assert outbox.deliver(email) is True
    assert OtherProcessTries.seen == [([], None)]  # not due while it is sent, and the other copy is not sent
    assert len(mail.outbox) == 1
    assert (stored(email).attempts, stored(email).body) == (1, "")


def test_a_copy_read_before_another_attempt_is_not_sent_again(relay):
    email = queued(f"claire@{DOWN}")
    old_copy = stored(email)
    assert outbox.deliver(email) is False
    assert outbox.deliver(old_copy) is None
    assert stored(email).attempts == 1


def test_an_email_whose_sending_process_died_is_due_again_five_minutes_later_with_the_attempt_counted(settings):
    settings.EMAIL_BACKEND = "tests.test_pinned_outbox.ProcessKilled"
    email = queued("claire@example.org")
    with pytest.raises(SystemExit):
        outbox.deliver(email)
    email = stored(email)
    assert (email.attempts, email.sent_at, email.failed_at) == (1, None, None)
    assert abs(email.next_attempt_at - (timezone.now() + timedelta(minutes=5))) < timedelta(seconds=5)
    assert list(OutgoingEmail.objects.due(timezone.now() + timedelta(minutes=6))) == [email]


class ProcessKilled(EmailBackend):
    def send_messages(self, messages):
        raise SystemExit("worker stopped")


# --- The cron's count ------------------------------------------------------------------------------
def test_the_cron_counts_each_email_sent_and_each_still_waiting_and_not_those_given_up(relay):
    due = timezone.now() - timedelta(minutes=1)
    for recipients in (["a@example.org"], ["b@example.org"], [f"c@{DOWN}"], [f"d@{DOWN}"], ["e@example.org\nBcc: x"]):
        queued(*recipients, next_attempt_at=due)
    queued("later@example.org", next_attempt_at=timezone.now() + timedelta(hours=1))
    queued("sent@example.org", next_attempt_at=due, sent_at=due)
    assert outbox.send_due() == (2, 2)
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]


class ClaimedElsewhere(EmailBackend):
    """While the cron sends one email, another process claims the next one (the only one not attempted yet)."""

    def send_messages(self, messages):
        OutgoingEmail.objects.filter(attempts=0).update(attempts=1)
        return super().send_messages(messages)


def test_the_cron_does_not_count_an_email_another_process_took_meanwhile(settings):
    settings.EMAIL_BACKEND = "tests.test_pinned_outbox.ClaimedElsewhere"
    due = timezone.now() - timedelta(minutes=1)
    queued("a@example.org", next_attempt_at=due)
    queued("b@example.org", next_attempt_at=due)
    assert outbox.send_due() == (1, 0)
    assert [message.to for message in mail.outbox] == [["a@example.org"]]


def test_the_cron_with_nothing_due_sends_nothing_and_counts_nothing():
    queued("later@example.org", next_attempt_at=timezone.now() + timedelta(hours=1))
    assert outbox.send_due() == (0, 0)


# --- Forgetting an address -------------------------------------------------------------------------
def test_forgetting_an_address_removes_every_email_to_it_whatever_its_case_and_only_those():
    sent = queued("LEA.Martin@example.net", sent_at=timezone.now())
    together = queued("claire@example.org", "lea.martin@example.net")
    kept = [queued("martin@example.net"), queued("claire@example.org"), queued("lea.martin@example.net.fr")]
    outbox.forget("  Lea.Martin@Example.NET ")
    remaining = set(OutgoingEmail.objects.values_list("pk", flat=True))
    assert remaining == {email.pk for email in kept}
    assert not {sent.pk, together.pk} & remaining
