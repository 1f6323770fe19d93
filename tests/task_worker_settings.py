"""Settings of the `manage.py db_worker` process that tests/test_services_task_worker.py starts: the test
settings with production's task backend, and outgoing email written as files into TEST_EMAIL_FILE_PATH,
where the test reads them. The test starts the process with an environment of its own (the test
database, Elasticsearch, that folder), so nothing of a developer's shell leaks in; and the worker refuses
any database but a test one, so it never writes into the developer's."""

import os

from django.core.exceptions import ImproperlyConfigured

from portal.settings.test import *  # noqa: F403
from portal.settings.test import DATABASES

if not DATABASES["default"]["NAME"].startswith("test_"):
    raise ImproperlyConfigured(
        f"The tests' task worker runs on a test database only, not {DATABASES['default']['NAME']!r}."
    )

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["TEST_EMAIL_FILE_PATH"]
