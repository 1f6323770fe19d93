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


HIDDEN = re.compile(r"<[^>]+>|\{\{[^}]*\}\}|\{%[^%]*%\}|%\([a-z_]+\)[sd]|\w+://\S+|mailto:\S+")
# A no-break space before « : » (a colon between digits is a time), a narrow one before « ; ! ? » and
# inside guillemets, a curly apostrophe; « nº » held to its number by a no-break space.
FRENCH_TYPOGRAPHY = {
    "space before a colon": re.compile(r"(?<![\u00a0\d]):(?!\d)"),
    "space before ; ! ?": re.compile(r"(?<!\u202f)[;!?](?=\s|$)"),
    "space inside guillemets": re.compile(r"«(?!\u202f)|(?<!\u202f)»"),
    "typographic apostrophe": re.compile(r"\w'\w"),
    "no-break space after nº": re.compile(r"nº(?!\u00a0)"),
}


def typography_faults(text):
    """The French typography rules a text breaks, once placeholders, HTML tags and addresses are taken out."""
    text = HIDDEN.sub("X", text)
    return [rule for rule, pattern in FRENCH_TYPOGRAPHY.items() if pattern.search(text)]


def french_texts():
    """Every French interface string, with placeholders, HTML tags and addresses taken out."""
    for entry in polib.pofile(str(LOCALE / "django.po")):
        if entry.obsolete:
            continue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:
                yield entry.msgid, HIDDEN.sub("X", text)


def test_french_strings_follow_french_typography():
    wrong = [(rule, msgid) for msgid, text in french_texts() for rule in typography_faults(text)]
    assert wrong == []


TEMPLATES = LOCALE.parent.parent.parent / "templates"
EMAIL_TEMPLATES = sorted(
    str(path.relative_to(TEMPLATES))
    for path in [*TEMPLATES.glob("*/emails/*.txt"), *TEMPLATES.glob("registration/*.txt")]
)
# What the emails are filled with: every optional part present, then every optional part absent.
EMAIL_CONTEXT = {
    "name": "Camille Durand",
    "mentor_name": "Claire Fontaine",
    "requester_name": "Léa Martin",
    "username": "claire@example.org",
    "requester_email": "lea@example.org",
    "mentor_email": "claire@example.org",
    "number": 12,
    "count": 2,
    "days": 7,
    "days_left": 9,
    "expiry_days": 14,
    "site_name": "Mentorat FabMob",
    "site_url": "https://mentorat.example.org",
    "url": "https://mentorat.example.org/a/?b=1",
    **{
        f"{name}_url": f"https://mentorat.example.org/{name}/?jeton=a:b"
        for name in ("login", "reset", "me", "mentor", "follow", "feedback", "answer", "list", "challenge")
    },
    "headline": "Directrice de la donnée à 10:30",
    "title": "Partager des retours d’expériences",
    "page_title": "Renvoyez-nous vos idées",
    "challenge": "Ouvrir nos données de transport",
    "actor_type": "Collectivité",
    "organisation": "Communauté de communes du Val",
    "model": "Peer 2 Peer",
    "format": "En groupe",
    "participants": 5,
    "message": "Par où commencer",
    "reason": "Je suis trop occupée en ce moment",
    "alternatives": [{"name": "Paul", "headline": "Responsable de l’autopartage", "url": "http://x.org/p/"}],
    "fields": [("Votre idée", "Un atelier")],
    "proposal": {"title": "Un défi", "name": "Léa", "actor_type": {"label": "Startup"}, "description": "Voilà"},
}
SPARSE = dict.fromkeys(["challenge_url", "actor_type", "organisation", "model", "participants", "reason"], "")


@pytest.mark.parametrize("template", EMAIL_TEMPLATES)
@pytest.mark.parametrize(
    "context", [EMAIL_CONTEXT, EMAIL_CONTEXT | SPARSE | {"alternatives": []}], ids=["full", "sparse"]
)
def test_emails_follow_french_typography(template, context):
    from django.template import engines
    from django.utils import translation

    with translation.override("fr"):
        text = engines["email"].get_template(template).render(context)
    assert [(rule, line) for line in text.splitlines() for rule in typography_faults(line)] == []


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


def test_english_dates_read_the_british_way(client, directory):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import translation
    from django.utils.formats import date_format

    from portal.mentorships.models import MentorRequest
    from tests.factories import MentorProfileFactory, MentorRequestFactory

    mentor = MentorProfileFactory(account="une phrase de passe solide")
    sent = datetime(2026, 12, 3, 10, tzinfo=ZoneInfo("Europe/Paris"))
    MentorRequest.objects.filter(pk=MentorRequestFactory(mentor=mentor).pk).update(created_at=sent)
    client.force_login(mentor.user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/mentors/me/").content.decode()
    assert "<dt>Sent on</dt><dd>3 December 2026</dd>" in html
    with translation.override("en"):
        assert date_format(sent, "SHORT_DATE_FORMAT") == "03/12/2026"
