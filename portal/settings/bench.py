"""`make bench`: production's behaviour (no debug, no per-query logging) on a throw-away database,
served over plain HTTP on 127.0.0.1."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-secret-key-never-used-for-a-real-site-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The benchmark measures pages, not the form limits.
FORM_RATE_PER_IP = FORM_RATE_PER_EMAIL = "100000/h"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Static files as production serves them: collected (bench/run.py sets STATIC_ROOT), hashed and compressed.
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
