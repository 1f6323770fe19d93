"""The admin reads as French to the team (a member of the editors' or the moderators' group): no phrase
Wagtail builds from a model's name that French cannot agree (« Ajouter un(e) Défis à la une », « Ce(tte)
page », « Aucun demandes … n'a été créé(e) »), no « Appel à l'action »; each add button says its whole
phrase."""

import html as html_module
import re

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model

import pytest

from tests.factories import (
    EDITORS_GROUP,
    MODERATORS_GROUP,
    ChallengePageFactory,
    IdeaFormPageFactory,
    StandardPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Wagtail's French once a model's name is put in its phrases, and the words the issue listed.
BAD = [
    re.compile(r"\w\(e\)"),  # créé(e), Déverrouillé(e), Référencé(e), Utilisé(e), Réordonné(e)(s)
    re.compile(r"\b[Uu]n\(e\)"),
    re.compile(r"\b[Cc]e\(tte\)|\bce/cette\b|\bLe/la\b|\ble/la\b|\bLe\(la\)"),
    re.compile(r"\bAucun\(e\)"),
    re.compile(r"\bAucun [a-zé]+s\b"),  # « Aucun demandes »
    re.compile(r"Appel à l[’']action"),
    re.compile(r"Défis à la une \d"),
    re.compile(r"\bpas de [aeiouéèê]"),  # « Il n'y a pas de entrées »
]


@pytest.fixture(params=[EDITORS_GROUP, MODERATORS_GROUP])
def team_client(request, client, db):
    client.force_login(UserFactory(groups=[request.param]))
    return client


def readable(response):
    """The page's text as a person and the editor's scripts show it (JSON escapes and entities decoded)."""
    assert response.status_code == 200, response
    text = html_module.unescape(response.content.decode())
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), text)


def assert_french(text, url):
    for pattern in BAD:
        found = pattern.search(text)
        assert found is None, f"{found.group(0)!r} on {url}: …{text[max(0, found.start() - 80) : found.end() + 80]}…"


def test_the_home_editor_adds_a_featured_challenge_in_full(team_client, home, challenge_index):
    ChallengePageFactory(parent=challenge_index)
    text = readable(team_client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])))
    assert "Ajouter un défi à la une" in text
    assert '"Appel à action"' in text  # the call-to-action block, in the block chooser
    assert_french(text, "home editor")


def test_the_ideas_form_editor_adds_a_field_in_full(team_client, home):
    ideas = IdeaFormPageFactory(parent=home)
    text = readable(team_client.get(reverse("wagtailadmin_pages:edit", args=[ideas.pk])))
    assert "Ajouter un champ" in text and "Champ du formulaire 1" not in text.replace("\n", "")
    assert_french(text, "ideas editor")


def test_the_page_editors_status_panel_agrees(team_client, home):
    page = StandardPageFactory(parent=home)
    text = readable(team_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert "Modifiable par tous" in text and "Sans verrou" in text
    assert_french(text, "page editor")
    add = readable(team_client.get(reverse("wagtailadmin_pages:add", args=["home", "standardpage", home.pk])))
    assert_french(add, "new page")


def test_a_pages_history_and_the_explorer_agree(team_client, home):
    first = StandardPageFactory(parent=home, title="Première")
    StandardPageFactory(parent=home, title="Seconde")
    first.move(home, pos="last-child")  # logged as « reordered under … », as the explorer's drag and drop does
    for url in [f"/admin/pages/{first.pk}/history/", f"/admin/pages/{home.pk}/", "/admin/reports/site-history/"]:
        response = team_client.get(url)
        if response.status_code == 403:  # a report the group may not read
            continue
        assert_french(readable(response), url)


def test_documents_and_images_lists_agree(team_client):
    document = get_document_model()(title="Charte")
    document.file.save("charte.txt", ContentFile(b"Charte"), save=True)
    for url in ["/admin/documents/", f"/admin/documents/edit/{document.pk}/", "/admin/images/"]:
        assert_french(readable(team_client.get(url)), url)


@pytest.mark.parametrize(
    ("url", "add_label"),
    [
        ("/admin/taxonomy/equivalence/", "Ajouter une équivalence"),
        ("/admin/mentors/mentorprofile/", "Ajouter un profil de mentor"),
    ],
)
def test_the_lists_add_buttons_say_their_whole_phrase(team_client, directory, url, add_label):
    from portal.taxonomy.models import Equivalence

    Equivalence.objects.create(expressions="TAD\ntransport à la demande")
    text = readable(team_client.get(url))
    assert add_label in text
    assert_french(text, url)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/mentors/mentorprofile/",
        "/admin/mentorships/mentorrequest/",
        "/admin/contributions/challengeproposal/",
        "/admin/contributions/needssurveyresponse/",
        "/admin/taxonomy/equivalence/",
        "/admin/taxonomy/themesuggestion/",
        "/admin/forms/",
    ],
)
def test_empty_lists_read_as_french(team_client, url):
    response = team_client.get(url)
    if response.status_code == 403:  # a list the group does not read
        return
    text = readable(response)
    assert "n'a été créé" not in text and "n’a été créé" not in text
    assert_french(text, url)
