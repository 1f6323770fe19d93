"""Emails always leave: a subject is one clean line whoever builds it, an email that can never be sent is
given up at once, and a mail server outage is retried a bounded number of times."""

import io
from smtplib import SMTPException

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.mail.message import sanitize_address
from django.core.management import call_command
from django.utils import timezone

import pytest

from portal.mail import outbox
from portal.mail.models import OutgoingEmail
from portal.mentors import notifications as mentor_notifications
from tests.contributions_helpers import proposal_data
from tests.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db
TEMPLATE = "mentorships/emails/withdrawn.txt"
CONTEXT = {"mentor_name": "Claire", "number": 1}


class SMTPLikeBackend(EmailBackend):
    """Reads the recipients' addresses as Django's SMTP backend does before talking to the server."""

    def send_messages(self, messages):
        for message in messages:
            for address in message.recipients():
                sanitize_address(address, message.encoding or "utf-8")
        return super().send_messages(messages)


class MailServerDown(EmailBackend):
    def send_messages(self, messages):
        raise SMTPException("451 temporary failure")


def run_cron():
    call_command("send_queued_emails", stdout=io.StringIO())


def make_everything_due():
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())


# --- Subjects -------------------------------------------------------------------------------------
def test_a_newline_in_a_proposal_title_does_not_stop_the_editors_notification(client, catalogue, editor):
    title = "Comment partager\r\nnos données\nde covoiturage ?"
    response = client.post(f"{catalogue.url}proposer/", proposal_data(title=title))
    assert response.status_code == 302
    [email] = mail.outbox
    assert editor.email in email.to
    assert email.subject == "Nouvelle proposition de défi\u00a0: Comment partager nos données de covoiturage ?"
    assert OutgoingEmail.objects.get().sent_at is not None


def test_a_newline_in_an_applicants_name_does_not_stop_the_editors_notification(editor):
    mentor = MentorProfileFactory(full_name="Léa\r\nBcc: tout-le-monde@example.net\n Martin", status="pending")
    mentor_notifications.notify_editors_of_application(mentor)
    [email] = mail.outbox
    assert email.subject == "Nouvelle candidature de mentor\u00a0: Léa Bcc: tout-le-monde@example.net Martin"
    assert email.to == [editor.email] and not email.bcc
    assert email.message()["Bcc"] is None


@pytest.mark.parametrize(  # French typography's no-break spaces stay
    ("subject", "clean"),
    [
        ("Nouvelle idée :\r\nBcc: x@example.net", "Nouvelle idée : Bcc: x@example.net"),
        ("  Bonjour\t\tLéa\u2028et\x00Nora\x85!  ", "Bonjour Léa et Nora !"),
        ("Défi\x0bau\x0cbout\x1fdu\x7fmonde", "Défi au bout du monde"),
        ("Une question ordinaire ?", "Une question ordinaire ?"),
        ("Nouvelle idée\u00a0: «\u202fdonnées\u202f»\u202f!", "Nouvelle idée\u00a0: «\u202fdonnées\u202f»\u202f!"),
    ],
)
def test_subjects_are_put_on_one_line(subject, clean):
    assert outbox.clean_subject(subject) == clean


def test_long_subjects_are_cut_and_say_so():
    subject = outbox.clean_subject("Nouvelle proposition de défi : " + "mobilité partagée " * 30)
    assert len(subject) == outbox.MAX_SUBJECT_LENGTH
    assert subject.startswith("Nouvelle proposition de défi : mobilité partagée")
    assert subject.endswith("…")


def test_every_caller_gets_a_clean_subject_stored_and_sent():
    outbox.send("Votre demande\nn° 12", TEMPLATE, CONTEXT, ["lea@example.net"])
    assert OutgoingEmail.objects.get().subject == "Votre demande n° 12"
    assert mail.outbox[0].subject == "Votre demande n° 12"


def test_an_email_queued_with_a_newline_in_its_subject_before_the_fix_goes_out():
    OutgoingEmail.objects.create(subject="Ancien objet\r\nsur deux lignes", body="Bonjour", recipients=["a@b.fr"])
    run_cron()
    assert [message.subject for message in mail.outbox] == ["Ancien objet sur deux lignes"]
    assert OutgoingEmail.objects.get().sent_at is not None


# --- Failures -------------------------------------------------------------------------------------
def test_an_email_django_cannot_build_is_given_up_at_once_and_never_retried():
    email = outbox.send("Bonjour", TEMPLATE, CONTEXT, ["a@b.fr\nBcc: c@d.fr"])
    email.refresh_from_db()
    assert email.failed_at is not None and email.sent_at is None
    assert email.attempts == 1
    assert "BadHeaderError" in email.last_error
    make_everything_due()
    run_cron()
    outbox.deliver_email.call(email.pk)
    email.refresh_from_db()
    assert email.attempts == 1
    assert not mail.outbox


def test_an_address_the_mail_backend_cannot_read_is_given_up_at_once(settings):
    settings.EMAIL_BACKEND = "tests.test_email_subjects.SMTPLikeBackend"
    email = outbox.send("Bonjour", TEMPLATE, CONTEXT, ["claire@example.org, autre@example.org"])
    email.refresh_from_db()
    assert email.failed_at is not None and email.attempts == 1
    assert "Invalid address" in email.last_error
    assert not OutgoingEmail.objects.due().exists()
    assert outbox.send_due() == (0, 0)


def test_the_others_still_go_out_when_one_email_is_given_up(settings):
    outbox.send("Bonjour", TEMPLATE, CONTEXT, ["a@b.fr\nBcc: c@d.fr"])
    outbox.send("Bonjour", TEMPLATE, CONTEXT, ["claire@example.org"])
    assert [message.to for message in mail.outbox] == [["claire@example.org"]]


def test_an_outage_is_retried_a_bounded_number_of_times_then_given_up(settings):
    settings.EMAIL_BACKEND = "tests.test_email_subjects.MailServerDown"
    email = outbox.send("Bonjour", TEMPLATE, CONTEXT, ["claire@example.org"])
    email.refresh_from_db()
    assert email.failed_at is None and "SMTPException" in email.last_error  # a passing outage: it waits

    for _ in range(outbox.MAX_ATTEMPTS * 2):
        make_everything_due()
        run_cron()

    email.refresh_from_db()
    assert email.attempts == outbox.MAX_ATTEMPTS
    assert email.failed_at is not None and email.sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_everything_due()
    run_cron()
    assert not mail.outbox


def test_the_cron_command_does_not_count_given_up_emails_as_waiting(settings):
    outbox.send("Bonjour", TEMPLATE, CONTEXT, ["a@b.fr\nBcc: c@d.fr"])
    settings.EMAIL_BACKEND = "tests.test_email_subjects.MailServerDown"
    outbox.send("Bonjour", TEMPLATE, CONTEXT, ["claire@example.org"])
    make_everything_due()
    output = io.StringIO()
    call_command("send_queued_emails", stdout=output)
    assert output.getvalue().strip() == "0 email(s) sent, 1 still waiting for the mail server."
