"""Nothing is lost: emails survive a mail server outage, silent mentors are reminded, unanswered
requests expire and their requesters receive other mentors."""

import io
from datetime import timedelta
from smtplib import SMTPException

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone

import pytest

from portal.mail import outbox
from portal.mail.models import OutgoingEmail
from portal.mentorships.models import MentorRequest, RequestStatus
from portal.mentorships.reminders import send_reminders
from tests.factories import ChallengePageFactory, MentorProfileFactory, MentorRequestFactory
from tests.requests_helpers import emails_to, request_data, request_url

pytestmark = pytest.mark.django_db


class FailingBackend(EmailBackend):
    def send_messages(self, messages):
        raise SMTPException("451 temporary failure")


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.test_request_follow_up.FailingBackend"


def test_a_request_is_kept_and_confirmed_when_the_mail_server_is_down(client, directory, mail_server_down, settings):
    mentor = MentorProfileFactory(contact_email="claire@example.org")
    response = client.post(request_url(directory, mentor), request_data())
    assert response.status_code == 302
    assert "Votre demande est envoyée" in client.get(response["Location"]).content.decode()
    assert MentorRequest.objects.get().status == RequestStatus.NEW
    waiting = OutgoingEmail.objects.filter(sent_at__isnull=True)
    assert waiting.count() == 2
    assert {email.attempts for email in waiting} == {1}
    assert "SMTPException" in waiting.first().last_error

    # The server is back; the next run of the cron command sends what waited, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    call_command("send_queued_emails", stdout=io.StringIO())
    assert len(emails_to("claire@example.org")) == 1
    assert len(emails_to("lea.martin@example.net")) == 1
    call_command("send_queued_emails", stdout=io.StringIO())
    assert len(mail.outbox) == 2


def test_retries_wait_longer_each_time_and_stop_after_the_last_attempt(mail_server_down):
    email = outbox.send("Objet", "mentorships/emails/withdrawn.txt", {"mentor_name": "A", "number": 1}, ["a@b.fr"])
    email.refresh_from_db()
    first_delay = email.next_attempt_at - timezone.now()
    outbox.deliver(email)
    second_delay = email.next_attempt_at - timezone.now()
    assert second_delay > first_delay * 1.5
    OutgoingEmail.objects.update(attempts=outbox.MAX_ATTEMPTS, next_attempt_at=timezone.now())
    assert outbox.send_due() == (0, 0)


def test_sent_emails_do_not_keep_their_body():
    email = outbox.send("Objet", "mentorships/emails/withdrawn.txt", {"mentor_name": "A", "number": 1}, ["a@b.fr"])
    email.refresh_from_db()
    assert email.sent_at and email.body == ""
    assert "A" in mail.outbox[0].body


def test_plain_text_emails_are_not_html_escaped(client, directory):
    mentor = MentorProfileFactory(contact_email="claire@example.org")
    client.post(request_url(directory, mentor), request_data(message="Données & « mobilité » : <urgent> l'an prochain"))
    assert "Données & « mobilité » : <urgent> l'an prochain" in emails_to("claire@example.org")[0].body


# --- Silent mentors -------------------------------------------------------------------------------
def days_ago(days):
    return timezone.now() - timedelta(days=days)


def test_a_silent_mentor_is_reminded_once_after_five_days(directory):
    mentor_request = MentorRequestFactory(sent_at=days_ago(6), mentor__contact_email="claire@example.org")
    MentorRequestFactory(sent_at=days_ago(3))  # too recent
    assert send_reminders().reminded == 1
    [reminder] = emails_to("claire@example.org")
    assert "Rappel" in reminder.subject and "/demandes/reponse/" in reminder.body
    assert send_reminders().reminded == 0
    assert len(emails_to("claire@example.org")) == 1
    mentor_request.refresh_from_db()
    assert mentor_request.reminded_at and mentor_request.status == RequestStatus.NEW


def test_an_unanswered_request_expires_after_fourteen_days_with_alternatives(challenge_index, directory):
    challenge = ChallengePageFactory(parent=challenge_index, themes=["open data"])
    silent = MentorProfileFactory(full_name="Muet", themes=["open data"])
    MentorProfileFactory(full_name="Bruno Alternatif", themes=["open data"])
    mentor_request = MentorRequestFactory(mentor=silent, challenge=challenge, sent_at=days_ago(15))
    report = send_reminders()
    assert (report.expired, report.reminded) == (1, 0)
    mentor_request.refresh_from_db()
    assert mentor_request.status == RequestStatus.EXPIRED and mentor_request.closed_at
    [to_requester] = emails_to(mentor_request.requester_email)
    assert "Bruno Alternatif" in to_requester.body and "Muet," not in to_requester.body
    assert mentor_request.events.last().role == "system"
    assert send_reminders().expired == 0
    assert len(emails_to(mentor_request.requester_email)) == 1


def test_delays_are_settings(settings, directory):
    settings.MENTOR_REQUEST_REMINDER_DAYS = 1
    settings.MENTOR_REQUEST_EXPIRY_DAYS = 2
    MentorRequestFactory(sent_at=days_ago(1.5))
    MentorRequestFactory(sent_at=days_ago(3))
    report = send_reminders()
    assert (report.reminded, report.expired) == (1, 1)


def test_answered_requests_are_neither_reminded_nor_expired(directory):
    from portal.mentorships import workflow

    workflow.accept(MentorRequestFactory(sent_at=days_ago(20)))
    mail.outbox.clear()
    assert send_reminders().__dict__ == {"reminded": 0, "expired": 0}
    assert not mail.outbox


def test_the_send_reminders_command_reports_what_it_did(directory, capsys):
    MentorRequestFactory(sent_at=days_ago(6))
    call_command("send_reminders")
    assert "1 mentor(s) reminded" in capsys.readouterr().out


def test_a_database_failure_during_a_submit_answers_a_clear_503(client, directory, monkeypatch):
    from django.db import OperationalError

    from portal.mentorships import workflow

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(workflow, "create_request", database_gone)
    client.raise_request_exception = False
    response = client.post(request_url(directory, MentorProfileFactory()), request_data())
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Service momentanément indisponible" in response.content.decode()
    assert "n’a pas été enregistré" in response.content.decode()
