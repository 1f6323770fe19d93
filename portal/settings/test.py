"""Tests: fast and isolated. In-memory email (and cache, as in base), MD5 hashing, tasks run immediately."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True  # no collectstatic in tests: serve from the finders
# Anonymous pages are cached as in production, in memory; tests/conftest.py empties the cache before each test.
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}  # noqa: F405

if "fallback" in WAGTAILSEARCH_BACKENDS:  # noqa: F405 - the suite runs against Elasticsearch (make test-services)
    WAGTAILSEARCH_BACKENDS["default"] |= {"INDEX_PREFIX": "test_portal_", "REFRESH_BEFORE_SEARCH": True}  # noqa: F405
