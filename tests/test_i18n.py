"""French by default, English on request, and a complete French catalogue."""

import re
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


def french_texts():
    """Every French interface string, with placeholders, HTML tags and addresses taken out."""
    hidden = re.compile(r"<[^>]+>|\{\{[^}]*\}\}|\{%[^%]*%\}|%\([a-z_]+\)[sd]|\w+://\S+|mailto:\S+")
    for entry in polib.pofile(str(LOCALE / "django.po")):
        if entry.obsolete:
            continue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:
                yield entry.msgid, hidden.sub("X", text)


def test_french_strings_follow_french_typography():
    """A no-break space before « : », a narrow one before « ; ! ? » and inside guillemets, a curly apostrophe."""
    rules = {
        "space before a colon": re.compile(r"(?<![\u00a0\d]):(?!\d)"),
        "space before ; ! ?": re.compile(r"(?<!\u202f)[;!?](?=\s|$)"),
        "space inside guillemets": re.compile(r"«(?!\u202f)|(?<!\u202f)»"),
        "typographic apostrophe": re.compile(r"\w'\w"),
    }
    wrong = [(rule, msgid) for msgid, text in french_texts() for rule, pattern in rules.items() if pattern.search(text)]
    assert wrong == []


def test_an_email_address_is_an_adresse_e_mail_everywhere():
    words = re.compile(r"courriel|électronique|\bmél\b|(?<!e-)\bmails?\b|\bemails?\b", re.IGNORECASE)
    assert [msgid for msgid, text in french_texts() if words.search(text)] == []


def test_django_error_messages_use_the_portal_s_word_for_email():
    from django import forms
    from django.utils import translation

    with translation.override("fr"), pytest.raises(forms.ValidationError) as refused:
        forms.EmailField().clean("pas-une-adresse")
    assert refused.value.messages == ["Saisissez une adresse e-mail valide."]


def test_french_visitors_get_no_language_marks_beyond_the_page_and_the_switcher(client, home, challenge_index):
    from tests.factories import ChallengePageFactory, MentorProfileFactory

    challenge = ChallengePageFactory(parent=challenge_index, themes=["open source"], actor_types=["startup"])
    MentorProfileFactory(themes=["open source"])
    for url in ("/", challenge_index.url, challenge.url, "/search/?q=open+source"):
        html = client.get(url).content.decode()
        switcher = re.search(r'<form class="language-switcher".*?</form>', html, re.S).group(0)
        marks = html.replace(switcher, "").replace('<html lang="fr">', "")
        assert "lang=" not in marks, url
        assert "Cette page n’est pas encore traduite" not in html, url


def test_english_visitors_read_interface_and_vocabulary_in_english_without_french_marks(client, challenge_index):
    from tests.factories import ChallengePageFactory

    challenge = ChallengePageFactory(parent=challenge_index, actor_types=["collectivite"], models=["agility"])
    client.post("/i18n/setlang/", {"language": "en", "next": challenge.url})
    html = client.get(challenge.url).content.decode()

    assert '<html lang="en">' in html
    assert "<dd>Local authority</dd>" in html
    assert '<span class="badge badge--model model--agility">Agility</span>' in html
    assert '<h2 id="matches-title">Mentors for this challenge</h2>' in html
    assert '<span class="eyebrow">Challenge</span>' in html
