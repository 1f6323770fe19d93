"""The production task path, on the real PostgreSQL of `make test-services`: emails are queued with
django-tasks-db's backend and delivered by a real `manage.py db_worker` process, which sees only what
was committed. A request saved → its emails delivered by the worker; the same request rolled back → no
task, no email, ever.

The worker runs with tests/task_worker_settings.py on this test's database and writes the emails it sends
as files; this process writes the emails it would send itself into the same folder, so "no email" means
from either process."""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from email import policy
from email.parser import BytesParser
from urllib.parse import quote

from django.conf import settings
from django.db import connection, transaction

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from portal.mail.models import OutgoingEmail
from portal.mentorships.models import MentorRequest
from tests.factories import MentorProfileFactory
from tests.requests_helpers import request_data, request_url

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WORKER_ID = "services-test-worker"
WORKER = [sys.executable, "manage.py", "db_worker", "--worker-id", WORKER_ID, "--no-startup-delay", "--no-reload"]
TIMEOUT = 60  # seconds: the worker starts in 2-3 s and sends two emails in well under one
MESSAGE_SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # Django's file-based email backend, between messages


class Rollback(Exception):
    """Raised to roll back the transaction around a saved request."""


@pytest.fixture
def email_folder(settings, tmp_path):
    """Production's task backend in this process too; the emails of any process land in one folder."""
    folder = tmp_path / "emails"
    folder.mkdir()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(folder)
    return folder


def database_url_of_this_test():
    """This test's database (pytest-django's test_<name>), never the developer's."""
    database = connection.settings_dict
    assert connection.vendor == "postgresql", "the task worker tests run on PostgreSQL (make test-services)"
    assert database["NAME"].startswith("test_")
    credentials = quote(database["USER"], safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    address = quote(database["HOST"] or "", safe="") + (f":{database['PORT']}" if database["PORT"] else "")
    return f"postgres://{credentials}@{address}/{quote(database['NAME'], safe='')}"


def worker_environment(email_folder):
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "tests.task_worker_settings",
        "DATABASE_URL": database_url_of_this_test(),
        "TEST_EMAIL_FILE_PATH": str(email_folder),
    }
    if settings.ELASTICSEARCH_URL:
        environment["ELASTICSEARCH_URL"] = settings.ELASTICSEARCH_URL
    return environment


def worker_log(email_folder):
    return email_folder.parent / "worker.log"


@contextmanager
def worker(email_folder, *options):
    """A `manage.py db_worker` process, stopped (killed if it must) when the block ends, whatever happens;
    what it prints goes to worker_log()."""
    with worker_log(email_folder).open("w") as log:
        process = subprocess.Popen(
            [*WORKER, *options],
            cwd=settings.BASE_DIR,
            env=worker_environment(email_folder),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def run_worker_until_the_queue_is_empty(email_folder):
    with worker(email_folder, "--batch", "--interval", "0") as process:
        process.wait(timeout=TIMEOUT)
    assert process.returncode == 0, worker_log(email_folder).read_text()


def wait_until(condition, process, email_folder):
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert process.poll() is None, f"the worker stopped:\n{worker_log(email_folder).read_text()}"
        assert time.monotonic() < deadline, f"nothing delivered in time:\n{worker_log(email_folder).read_text()}"
        time.sleep(0.2)


def delivered(email_folder):
    """Every email written into the folder, parsed: {recipient: [(subject, body)]}."""
    messages = {}
    for path in sorted(email_folder.iterdir()):
        for raw in path.read_bytes().split(MESSAGE_SEPARATOR):
            if raw.strip():
                message = BytesParser(policy=policy.default).parsebytes(raw)
                # Django folds a long subject after "Subject:"; unfolded, it starts with that space.
                subject = message["Subject"].strip()
                for recipient in message.get_all("To"):
                    messages.setdefault(str(recipient), []).append((subject, message.get_content()))
    return messages


def email_tasks():
    return DBTaskResult.objects.filter(task_path="portal.mail.outbox.deliver_email")


def assert_delivered_through_tasks_the_worker_ran():
    """Every queued email has its task, and the worker ran every task (emails, indexing) successfully."""
    emails = sorted(OutgoingEmail.objects.values_list("pk", flat=True))
    assert sorted(task.args_kwargs["args"][0] for task in email_tasks()) == emails
    assert {(task.status, tuple(task.worker_ids)) for task in DBTaskResult.objects.all()} == {
        (TaskResultStatus.SUCCESSFUL, (WORKER_ID,))
    }


def send_request(client, directory, mentor, email):
    response = client.post(request_url(directory, mentor), request_data(requester_email=email))
    assert response.status_code == 302, response.content.decode()[:2000]


# --- A request saved: its emails are delivered by the worker ----------------------------------------
def test_a_saved_request_s_emails_are_delivered_by_the_worker(client, directory, email_folder):
    mentor = MentorProfileFactory(contact_email="claire@example.org")
    with worker(email_folder, "--interval", "0.1") as process:
        send_request(client, directory, mentor, "lea.martin@example.net")
        wait_until(
            lambda: len(delivered(email_folder)) == 2 and not OutgoingEmail.objects.pending().exists(),
            process,
            email_folder,
        )
    number = MentorRequest.objects.get().pk

    emails = delivered(email_folder)
    assert sorted(emails) == ["claire@example.org", "lea.martin@example.net"]
    [(subject, body)] = emails["claire@example.org"]
    assert subject == f"Nouvelle demande de mentorat (nº\u00a0{number})"
    assert "Nous voulons publier nos horaires en open data" in body
    assert "lea.martin@example.net" not in body  # the mentor learns the requester's address only on accepting
    [(subject, body)] = emails["lea.martin@example.net"]
    assert subject == f"Votre demande de mentorat est envoyée (nº\u00a0{number})"
    assert body.startswith("Bonjour Léa Martin,")
    # The outbox records the delivery and keeps no copy of the message.
    assert sorted(
        (email.recipients, email.attempts, email.body, email.sent_at is not None)
        for email in OutgoingEmail.objects.all()
    ) == [(["claire@example.org"], 1, "", True), (["lea.martin@example.net"], 1, "", True)]
    assert_delivered_through_tasks_the_worker_ran()


# --- The same request rolled back: no task, no email, ever ------------------------------------------
def test_a_rolled_back_request_leaves_no_task_and_sends_no_email(client, directory, email_folder):
    mentor = MentorProfileFactory(contact_email="claire@example.org")
    other_mentor = MentorProfileFactory(contact_email="malik@example.org")
    tasks_before = set(DBTaskResult.objects.values_list("pk", flat=True))  # the profiles' indexing
    with pytest.raises(Rollback), transaction.atomic():
        send_request(client, directory, mentor, "lea.martin@example.net")
        # Stored, with its two emails and their tasks, until the transaction around it is rolled back.
        assert OutgoingEmail.objects.count() == 2
        assert email_tasks().count() == 2
        raise Rollback
    assert not MentorRequest.objects.exists()
    assert not OutgoingEmail.objects.exists()
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == tasks_before

    # Another request, committed: the worker delivers it, and nothing of the rolled-back one.
    send_request(client, directory, other_mentor, "yann.le-goff@example.net")
    run_worker_until_the_queue_is_empty(email_folder)

    assert sorted(delivered(email_folder)) == ["malik@example.org", "yann.le-goff@example.net"]
    assert not any("lea.martin@example.net" in path.read_text() for path in email_folder.iterdir())
    assert list(MentorRequest.objects.values_list("mentor", flat=True)) == [other_mentor.pk]
    assert sorted((email.recipients, email.sent_at is not None) for email in OutgoingEmail.objects.all()) == [
        (["malik@example.org"], True),
        (["yann.le-goff@example.net"], True),
    ]
    assert_delivered_through_tasks_the_worker_ran()


# --- The worker never writes into the developer's database ------------------------------------------
def test_the_worker_refuses_a_database_that_is_not_a_test_database(email_folder):
    # A name that exists nowhere: were the guard gone, the worker would fail to connect, not write anything.
    elsewhere = database_url_of_this_test().rsplit("/", 1)[0] + "/developer_database"
    environment = worker_environment(email_folder) | {"DATABASE_URL": elsewhere}
    result = subprocess.run(
        [*WORKER, "--batch"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode != 0
    assert "The tests' task worker runs on a test database only" in result.stderr
