"""French by default, English on request, and a complete French catalogue."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "fr" / "LC_MESSAGES"

pytestmark = pytest.mark.django_db


def test_the_interface_is_french_by_default_even_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Aller au contenu" in html
    assert "Trouver un mentor" in html
    assert response["Content-Language"] == "fr"


def test_the_language_switcher_turns_the_interface_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/defis/"})
    assert response.status_code == 302
    assert response["Location"] == "/defis/"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Find a mentor" in html
    assert 'aria-pressed="true" title="English"' in html


def test_an_unknown_language_cookie_falls_back_to_french(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="fr">' in client.get("/").content.decode()


def test_vocabulary_labels_follow_the_language(client, challenge_index):
    from tests.factories import ChallengePageFactory

    ChallengePageFactory(parent=challenge_index, actor_types=["collectivite"], models=["agility"])
    assert "Collectivité (1)" in client.get(challenge_index.url).content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(challenge_index.url).content.decode()
    assert "Local authority (1)" in html
    assert "Agility (1)" in html


def test_every_interface_string_has_a_french_translation():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    assert len(catalogue) > 100
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_the_compiled_catalogue_matches_the_sources():
    source = {(entry.msgid, entry.msgstr) for entry in polib.pofile(str(LOCALE / "django.po")) if not entry.obsolete}
    compiled = {(entry.msgid, entry.msgstr) for entry in polib.mofile(str(LOCALE / "django.mo"))}
    assert source - compiled == set(), "run `make messages` to compile django.po"
