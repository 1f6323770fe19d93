"""Site search: results, clear messages for empty and overlong queries, nothing unpublished."""

import pytest

from search.forms import MAX_QUERY_LENGTH
from tests.factories import ChallengePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def test_search_finds_pages_by_their_words_and_says_what_they_are(client, challenge_index):
    ChallengePageFactory(parent=challenge_index, title="Comment m'engager dans l'open source ?")
    ChallengePageFactory(parent=challenge_index, title="Développer la culture client")
    html = client.get("/search/", {"q": "open source"}).content.decode()
    assert "1 résultat pour «\u202fopen source\u202f»" in html
    assert "Comment m&#x27;engager dans l&#x27;open source ?" in html
    assert "Développer la culture client" not in html
    assert "Défi" in html


def test_search_ignores_case_and_accents(client, home):
    StandardPageFactory(parent=home, title="Charte déontologique")
    assert "Charte déontologique" in client.get("/search/", {"q": "DEONTOLOGIQUE"}).content.decode()


@pytest.mark.parametrize("query", ["donnée ouverte", "donnees ouvertes", "DONNÉES", "ouverte mobilités"])
def test_search_finds_french_plurals_and_unaccented_words(client, challenge_index, query):
    ChallengePageFactory(parent=challenge_index, title="Publier des données ouvertes de mobilité")
    assert "Publier des données ouvertes de mobilité" in client.get("/search/", {"q": query}).content.decode()


def test_the_directory_finds_mentors_by_french_variants_and_by_name(client, directory):
    from tests.factories import MentorProfileFactory

    MentorProfileFactory(full_name="Claire Fontaine", bio="Vingt ans auprès des collectivités territoriales.")
    for query in ["collectivite", "Claire", "territoriale"]:
        assert "Claire Fontaine" in client.get(directory.url, {"q": query}).content.decode(), query


def test_search_never_shows_unpublished_pages(client, challenge_index):
    draft = ChallengePageFactory(parent=challenge_index, title="Mobilité confidentielle")
    draft.unpublish()
    html = client.get("/search/", {"q": "confidentielle"}).content.decode()
    assert "Mobilité confidentielle" not in html
    assert "Aucun résultat" in html


def test_empty_search_asks_for_words(client):
    html = client.get("/search/", {"q": "   "}).content.decode()
    assert "Saisissez un ou plusieurs mots à rechercher." in html


def test_overlong_search_is_refused_with_a_clear_message(client):
    response = client.get("/search/", {"q": "mobilité " * 100})
    assert response.status_code == 200
    assert f"Votre recherche est trop longue\u00a0: {MAX_QUERY_LENGTH} caractères au plus" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "AND OR NOT",
        "(((",
        "*",
        "mot*",
        "NEAR(a b)",
        "title:open",
        "e-paiement -source",
        "l'open d’expérience",
        "a + b ^ c",
        "<script>alert(1)</script>",
        "é" * 200,
        "\x00\x01",
    ],
)
def test_odd_queries_never_break_search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_results_are_paginated_within_a_kind(client, challenge_index):
    for number in range(12):
        ChallengePageFactory(parent=challenge_index, title=f"Défi mobilité {number}")
    overview = client.get("/search/", {"q": "mobilité"})
    assert "Voir les 12 résultats dans «\u202fDéfis\u202f»" in overview.content.decode()
    first = client.get("/search/", {"q": "mobilité", "kind": "challenges"})
    assert len(first.context["results_page"]) == 10
    second = client.get("/search/", {"q": "mobilité", "kind": "challenges", "page": "2"})
    assert len(second.context["results_page"]) == 2
    assert client.get("/search/", {"q": "mobilité", "kind": "challenges", "page": "x"}).status_code == 200
    assert client.get("/search/", {"q": "mobilité", "kind": "nimportequoi"}).status_code == 200


def test_search_groups_results_by_kind_with_counts(client, home, challenge_index, story_index, directory):
    from tests.factories import MentorProfileFactory, StoryPageFactory

    ChallengePageFactory(parent=challenge_index, title="Covoiturage rural")
    StoryPageFactory(parent=story_index, title="Un covoiturage qui a marché")
    MentorProfileFactory(full_name="Sophie Laurent", headline="Fondatrice d'un service de covoiturage")
    MentorProfileFactory(full_name="Paul En Pause", headline="Expert covoiturage", status="paused")
    html = client.get("/search/", {"q": "covoiturage"}).content.decode()
    assert "3 résultats pour «\u202fcovoiturage\u202f»" in html
    assert "Défis (1)" in html and "Mentors (1)" in html and "Retours d’expérience (1)" in html
    assert f'href="{directory.url}sophie-laurent/"' in html
    assert "Paul En Pause" not in html


def test_search_reads_every_text_field_of_every_page_type(client, home, challenge_index, story_index):
    from tests.factories import (
        MentoringModelPageFactory,
        ProgrammePageFactory,
        StoryPageFactory,
        white_paper_body,
    )

    programme = ProgrammePageFactory(parent=home)
    MentoringModelPageFactory(parent=programme, body=white_paper_body(pitfalls="<p>Le clonage culturel.</p>"))
    ChallengePageFactory(
        parent=challenge_index, title="Défi A", example="<p>Navitia ouverte.</p>", themes=["covoiturage"]
    )
    StoryPageFactory(parent=story_index, title="Histoire B", outcomes="<p>Générations resserrées.</p>")
    StandardPageFactory(parent=home, title="Page C", body=[("paragraph", "<p>Télétravail partagé.</p>")])

    for word, title in [
        ("clonage", "Peer 2 Peer"),
        ("Navitia", "Défi A"),
        ("covoiturage", "Défi A"),
        ("resserrées", "Histoire B"),
        ("télétravail", "Page C"),
    ]:
        assert title in client.get("/search/", {"q": word}).content.decode(), word


def test_a_theme_added_by_an_editor_is_searchable_as_soon_as_the_page_is_published(editor_client, challenge_index):
    from django.urls import reverse

    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    challenge = ChallengePageFactory(parent=challenge_index, title="Défi A")
    data = {
        "title": "Défi A",
        "slug": challenge.slug,
        "summary": "",
        "body": streamfield([]),
        "example": rich_text(""),
        "themes": "covoiturage",
        "status": "open",
        "action-publish": "action-publish",
    }
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[challenge.pk]), nested_form_data(data))
    assert response.status_code == 302
    assert "Défi A" in editor_client.get("/search/", {"q": "covoiturage"}).content.decode()


def test_a_mentor_paused_after_publication_leaves_the_search_results(client, directory):
    from portal.mentors import lifecycle
    from tests.factories import MentorProfileFactory

    mentor = MentorProfileFactory(full_name="Sophie Laurent", headline="Covoiturage rural")
    assert "Sophie Laurent" in client.get("/search/", {"q": "covoiturage"}).content.decode()
    lifecycle.pause(mentor)
    assert "Sophie Laurent" not in client.get("/search/", {"q": "covoiturage"}).content.decode()
