"""Settings: safe by default, production refuses to start without secrets, env switches."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRONG_SECRET = "x7Kq9-" * 10


def run_python(code, settings_module, **env):
    # Only the variables a test passes: not those of the shell, nor the services of `make test-services`.
    inherited = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "ELASTICSEARCH_URL", "ELASTICSEARCH_INDEX_PREFIX"}
    clean = {key: value for key, value in os.environ.items() if key not in inherited}
    clean |= {"DJANGO_SETTINGS_MODULE": settings_module, **env}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def settings_values(settings_module, names, **env):
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {names!r}}}, default=str))"
    )
    result = run_python(code, settings_module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_base_settings_are_safe_by_default():
    code = (
        "import json, portal.settings.base as s; "
        "print(json.dumps([s.DEBUG, s.SECRET_KEY, s.ALLOWED_HOSTS, s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS]))"
    )
    result = run_python(code, "portal.settings.base")
    assert json.loads(result.stdout) == [False, "", [], True, "DENY"]


def test_base_settings_refuse_to_serve_without_a_secret_key():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; settings.SECRET_KEY", "portal.settings.base"
    )
    assert "The SECRET_KEY setting must not be empty" in result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "mentorat.example.org"}, "SECRET_KEY must be set"),
        ({"ALLOWED_HOSTS": "mentorat.example.org", "SECRET_KEY": "short"}, "at least 50 random characters"),
        ({"SECRET_KEY": STRONG_SECRET}, "ALLOWED_HOSTS must list"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, message):
    result = run_python("import portal.settings.production", "portal.settings.production", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_passes_the_deployment_checks_with_zero_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": STRONG_SECRET,
            "ALLOWED_HOSTS": "mentorat.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_trusts_the_proxy_header_only_when_told():
    names = ["SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "DEBUG"]
    env = {"SECRET_KEY": STRONG_SECRET, "ALLOWED_HOSTS": "mentorat.example.org"}
    direct = settings_values("portal.settings.production", names, **env)
    proxied = settings_values("portal.settings.production", names, BEHIND_HTTPS_PROXY="true", **env)
    assert direct["SECURE_PROXY_SSL_HEADER"] is None
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert direct["SESSION_COOKIE_SECURE"] and direct["CSRF_COOKIE_SECURE"] and not direct["DEBUG"]


def test_database_url_switches_to_postgresql():
    values = settings_values(
        "portal.settings.dev", ["DATABASES"], DATABASE_URL="postgres://mentor:secret@127.0.0.1:5433/mentorat"
    )
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["HOST"], database["PORT"]) == ("mentorat", "127.0.0.1", 5433)


def test_sqlite_and_database_search_are_the_embedded_default():
    env = {"DATABASE_URL": "", "ELASTICSEARCH_URL": ""}
    values = settings_values("portal.settings.dev", ["DATABASES", "WAGTAILSEARCH_BACKENDS"], **env)
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["WAGTAILSEARCH_BACKENDS"]["default"]["BACKEND"] == "wagtail.search.backends.database"


def test_elasticsearch_url_switches_search_to_elasticsearch_with_an_index_prefix():
    values = settings_values(
        "portal.settings.dev",
        ["WAGTAILSEARCH_BACKENDS"],
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
        ELASTICSEARCH_INDEX_PREFIX="mentorat_",
    )
    backend = values["WAGTAILSEARCH_BACKENDS"]["default"]
    assert backend["BACKEND"] == "search.elasticsearch"
    assert values["WAGTAILSEARCH_BACKENDS"]["fallback"]["BACKEND"] == "wagtail.search.backends.database"
    assert backend["URLS"] == ["http://127.0.0.1:9200"]
    assert backend["INDEX_PREFIX"] == "mentorat_"
    assert "INDEX" not in backend
    assert backend["INDEX_SETTINGS"]["settings"]["index"]["analysis"]["analyzer"]["default"] == {"type": "french"}


def test_postgresql_searches_with_its_french_configuration():
    values = settings_values(
        "portal.settings.dev", ["WAGTAILSEARCH_BACKENDS"], DATABASE_URL="postgres://m:s@127.0.0.1:5433/mentorat"
    )
    assert values["WAGTAILSEARCH_BACKENDS"]["default"]["SEARCH_CONFIG"] == "french"


def test_french_is_the_default_language_and_paris_the_time_zone(settings):
    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert [code for code, _name in settings.LANGUAGES] == ["fr", "en"]


def test_uploaded_documents_are_capped(settings):
    assert 0 < settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 50 * 1024 * 1024


def test_pages_can_be_translated_into_the_interface_languages_only(settings):
    assert settings.WAGTAIL_I18N_ENABLED is True
    assert settings.WAGTAIL_CONTENT_LANGUAGES == settings.LANGUAGES
    assert "wagtail.contrib.simple_translation" in settings.INSTALLED_APPS
    assert "wagtail.locales" in settings.INSTALLED_APPS
    # No alias of every page in the English tree: only what editors translate (portal/home/languages.py).
    assert settings.WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE is False


def test_the_admin_loads_no_avatar_from_gravatar(settings, editor_client):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    html = editor_client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()
    assert "default-user-avatar" in html  # Wagtail's own avatar takes its place


SAVING_AT_ONCE = """
import threading, time, django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE saved (n integer)")
errors, first_has_read = [], threading.Event()


def saving_request(number, first):
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM saved")
            if first:
                first_has_read.set()
                time.sleep(0.5)
            cursor.execute("INSERT INTO saved VALUES (%s)", [number])
    except Exception as error:
        errors.append(str(error))
    finally:
        first_has_read.set()
        connection.close()


first = threading.Thread(target=saving_request, args=(1, True))
first.start()
first_has_read.wait(10)
second = threading.Thread(target=saving_request, args=(2, False))
second.start()
first.join()
second.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM saved")
    print(errors, cursor.fetchone()[0])
"""


def test_two_requests_saving_at_once_on_sqlite_queue_instead_of_failing(tmp_path):
    """The editor's autosave beside the preview panel: both requests read, then write."""
    result = run_python(SAVING_AT_ONCE, "portal.settings.dev", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[] 2"


def test_the_test_settings_ignore_a_developer_s_environment_but_the_services():
    values = settings_values(
        "portal.settings.test",
        ["SITE_BASE_URL", "MENTOR_REQUEST_MAX_OPEN", "FORM_RATE_PER_IP", "TRUSTED_PROXY_COUNT", "ELASTICSEARCH_URL"],
        SITE_BASE_URL="https://mentorat.example.org",
        MENTOR_REQUEST_MAX_OPEN="5",
        FORM_RATE_PER_IP="1/h",
        TRUSTED_PROXY_COUNT="2",
        ELASTICSEARCH_URL="http://127.0.0.1:9299",
    )
    assert values == {
        "SITE_BASE_URL": "http://127.0.0.1:8000",
        "MENTOR_REQUEST_MAX_OPEN": 3,
        "FORM_RATE_PER_IP": "10/h",
        "TRUSTED_PROXY_COUNT": 0,
        "ELASTICSEARCH_URL": "http://127.0.0.1:9299",
    }


def test_other_settings_still_read_the_environment():
    values = settings_values(
        "portal.settings.dev",
        ["SITE_BASE_URL", "MENTOR_REQUEST_MAX_OPEN"],
        **{"SITE_BASE_URL": "https://mentorat.example.org", "MENTOR_REQUEST_MAX_OPEN": "5"},
    )
    assert values == {"SITE_BASE_URL": "https://mentorat.example.org", "MENTOR_REQUEST_MAX_OPEN": 5}
