"""Matching: from a challenge (or a free text) to the right available mentors, with the reasons."""

import pytest

from portal.mentors.matching import mentors_for_challenge, mentors_for_text
from search import french
from tests.factories import ChallengePageFactory, MentorProfileFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_data_challenge(challenge_index, directory):
    return ChallengePageFactory(
        parent=challenge_index,
        title="Partager l'open data dans une collectivité",
        summary="Ouvrir les données de transport d'une collectivité et partager les retours d'expérience.",
        body=[("paragraph", "<p>Des élus et des services techniques partagent leurs échecs.</p>")],
        themes=["open data"],
        actor_types=["collectivite"],
        models=["peer-to-peer"],
    )


def names(matches):
    return [match.mentor.full_name for match in matches]


def test_french_terms_ignore_case_accents_and_plurals():
    assert french.terms("Données ouvertes") == french.terms("donnee ouverte") == ["donne", "ouvert"]
    assert french.terms("COLLECTIVITÉS") == french.terms("collectivite")
    assert french.terms("le la les de l'open") == ["open"]


def test_a_mentor_with_the_challenges_theme_outranks_one_without(open_data_challenge):
    MentorProfileFactory(full_name="Sans thème", themes=["vélo"], bio="J'ai travaillé dans une collectivité.")
    MentorProfileFactory(full_name="Avec thème", themes=["open data"], bio="J'ai travaillé dans une collectivité.")
    assert names(mentors_for_challenge(open_data_challenge))[:2] == ["Avec thème", "Sans thème"]


@pytest.mark.parametrize("status", ["draft", "pending", "paused", "archived"])
def test_unpublished_mentors_are_never_proposed(open_data_challenge, status):
    MentorProfileFactory(full_name="Caché", themes=["open data"], status=status)
    assert mentors_for_challenge(open_data_challenge) == []


def test_mentors_not_accepting_full_or_behind_on_the_charter_are_never_proposed(open_data_challenge):
    MentorProfileFactory(full_name="Occupé", themes=["open data"], accepting_requests=False)
    MentorProfileFactory(full_name="Complet", themes=["open data"], capacity=0)
    MentorProfileFactory(full_name="Ancienne charte", themes=["open data"], charter_version="2025-1")
    MentorProfileFactory(full_name="Disponible", themes=["open data"])
    assert names(mentors_for_challenge(open_data_challenge)) == ["Disponible"]


def test_accent_and_plural_variants_match(open_data_challenge):
    MentorProfileFactory(
        full_name="Variantes",
        headline="Cheffe de projet",
        themes=["vélo"],
        bio="J'ai ouvert la donnee de transport de ma COLLECTIVITE.",
    )
    [match] = mentors_for_challenge(open_data_challenge)
    assert match.mentor.full_name == "Variantes"
    [words] = [reason for reason in match.reasons if reason.startswith("Mots qui comptent")]
    assert "donnee de transport" in words and "COLLECTIVITE" in words


def test_expertise_only_in_the_bio_is_found(open_data_challenge):
    MentorProfileFactory(full_name="Bio seulement", themes=[], bio="Vingt ans à ouvrir des données publiques.")
    assert names(mentors_for_challenge(open_data_challenge)) == ["Bio seulement"]


def test_at_equal_relevance_the_recommended_model_ranks_first(open_data_challenge):
    for name, model in [("Agile", "agility"), ("Pair", "peer-to-peer")]:
        MentorProfileFactory(full_name=name, themes=["open data"], models=[model], bio="Même texte.")
    matches = mentors_for_challenge(open_data_challenge)
    assert names(matches) == ["Pair", "Agile"]
    assert "Propose le modèle recommandé\u00a0: Peer 2 Peer" in matches[0].reasons


def test_reasons_name_the_themes_words_model_and_actor_type(open_data_challenge):
    MentorProfileFactory(full_name="Claire", themes=["open data"], bio="J'ai ouvert les données de transport.")
    [match] = mentors_for_challenge(open_data_challenge)
    assert match.reasons[0] == "Thèmes en commun\u00a0: open data"
    assert match.reasons[1] == "Mots qui comptent\u00a0: données de transport"
    assert "Type d’acteur concerné\u00a0: Collectivité" in match.reasons


def test_the_free_text_match_works_for_a_problem_that_is_not_a_challenge(directory):
    MentorProfileFactory(full_name="Covoiturage", themes=["covoiturage"], bio="Service de covoiturage rural.")
    MentorProfileFactory(full_name="Autre", themes=["vélo"], bio="Pistes cyclables.")
    assert names(mentors_for_text("Comment lancer du covoiturage dans nos villages ?")) == ["Covoiturage"]
    assert mentors_for_text("") == []


def test_challenge_page_shows_mentors_for_this_challenge_with_reasons(client, open_data_challenge):
    MentorProfileFactory(full_name="Claire Morvan", themes=["open data"], contact_email="claire.x@example.org")
    html = client.get(open_data_challenge.url).content.decode()
    assert "Mentors pour ce défi" in html
    assert "Claire Morvan" in html and "Thèmes en commun\u00a0: open data" in html
    assert "claire.x" not in html


def test_challenge_page_query_count_does_not_grow_with_the_mentors(client, open_data_challenge):
    MentorProfileFactory(themes=["open data"])
    small = count_queries(client, open_data_challenge.url)
    for number in range(12):
        MentorProfileFactory(
            themes=["open data", f"t{number}"], models=["peer-to-peer", "agility"], languages=["fr", "en"]
        )
    assert count_queries(client, open_data_challenge.url) == small


def test_describe_your_challenge_page_proposes_mentors(client, directory):
    MentorProfileFactory(full_name="Covoiturage", themes=["covoiturage"], bio="Service de covoiturage rural.")
    html = client.get(f"{directory.url}defi/", {"texte": "Du covoiturage pour nos villages"}).content.decode()
    assert "Covoiturage" in html and "Thèmes en commun\u00a0: covoiturage" in html


@pytest.mark.parametrize(
    ("text", "message"), [("   ", "Décrivez votre défi en quelques mots."), ("x" * 10_001, "trop long")]
)
def test_describe_your_challenge_refuses_empty_or_huge_texts(client, directory, text, message):
    response = client.get(f"{directory.url}defi/", {"texte": text})
    assert response.status_code == 200 and message in response.content.decode()


def test_home_page_box_runs_the_same_matching(client, directory):
    html = client.get("/").content.decode()
    assert f'action="{directory.url}defi/"' in html and 'name="texte"' in html


# --- API ----------------------------------------------------------------------------------------


def test_api_lists_published_challenges(client, open_data_challenge):
    [challenge] = client.get("/api/v1/challenges/").json()["items"]
    assert challenge == {
        "slug": open_data_challenge.slug,
        "title": open_data_challenge.title,
        "url": open_data_challenge.url,
        "themes": ["open-data"],
    }


def test_api_returns_the_same_ranking_as_the_page(client, open_data_challenge):
    for number in range(4):
        MentorProfileFactory(
            full_name=f"Mentor {number}", themes=["open data"] if number % 2 else ["vélo"], bio="Collectivité."
        )
    body = client.get(f"/api/v1/challenges/{open_data_challenge.slug}/mentors/?limit=3").json()
    assert body["challenge"]["slug"] == open_data_challenge.slug
    assert [r["name"] for r in body["results"]] == names(mentors_for_challenge(open_data_challenge, 3))
    assert set(body["results"][0]) == {
        "slug",
        "name",
        "url",
        "score",
        "strength",
        "strength_label",
        "reasons",
        "excerpt",
    }
    assert body["results"][0]["score"] == 1.0


def test_api_match_runs_the_free_text_matching(client, directory):
    MentorProfileFactory(full_name="Covoiturage", themes=["covoiturage"])
    response = client.post(
        "/api/v1/match/", {"text": "du covoiturage rural", "limit": 5}, content_type="application/json"
    )
    assert [r["name"] for r in response.json()["results"]] == ["Covoiturage"]


def test_api_match_takes_a_whole_number_written_with_a_decimal_point(client, directory):
    """JSON Schema counts 2.0 as an integer; `true` and `"2"` are refused (test_api_bad_input_gets_a_clear_error)."""
    for name in ("Covoiturage", "Covoiturage rural", "Covoiturage solidaire"):
        MentorProfileFactory(full_name=name, themes=["covoiturage"])
    response = client.post("/api/v1/match/", {"text": "covoiturage", "limit": 2.0}, content_type="application/json")
    assert len(response.json()["results"]) == 2


@pytest.mark.parametrize(
    ("method", "url", "payload", "status"),
    [
        ("get", "/api/v1/challenges/inconnu/mentors/", None, 404),
        ("get", "/api/v1/challenges/{slug}/mentors/?limit=0", None, 422),
        ("get", "/api/v1/challenges/{slug}/mentors/?limit=51", None, 422),
        ("get", "/api/v1/challenges/{slug}/mentors/?limit=abc", None, 422),
        ("post", "/api/v1/match/", {"text": ""}, 422),
        ("post", "/api/v1/match/", {"text": "   "}, 422),
        ("post", "/api/v1/match/", {"text": "x" * 10_001}, 422),
        ("post", "/api/v1/match/", {"text": "vélo", "limit": 0}, 422),
        ("post", "/api/v1/match/", {"limit": 3}, 422),
        ("post", "/api/v1/match/", {"text": "vélo", "limit": True}, 422),
        ("post", "/api/v1/match/", {"text": "vélo", "limit": "5"}, 422),
        ("post", "/api/v1/match/", {"text": "vélo", "limit": 2.5}, 422),
        ("post", "/api/v1/match/", {"text": "vélo", "limit": 51.0}, 422),
        ("post", "/api/v1/match/", "pas du json", 400),
    ],
)
def test_api_bad_input_gets_a_clear_error(client, open_data_challenge, method, url, payload, status):
    url = url.format(slug=open_data_challenge.slug)
    if method == "get":
        response = client.get(url)
    elif isinstance(payload, str):
        response = client.post(url, payload, content_type="application/json")
    else:
        response = client.post(url, payload, content_type="application/json")
    assert response.status_code == status
    assert response.json()["detail"]


def test_a_popular_theme_does_not_hide_the_mentor_sharing_both_themes(challenge_index, directory):
    from portal.mentors.matching import FIRST_CANDIDATES

    challenge = ChallengePageFactory(parent=challenge_index, themes=["open data", "billettique"])
    MentorProfileFactory.create_batch(FIRST_CANDIDATES + 5, themes=["open data"])
    both = MentorProfileFactory(themes=["open data", "billettique"])
    assert mentors_for_challenge(challenge)[0].mentor == both


def test_cached_candidates_follow_mentor_changes_at_once(client, challenge_index, directory):
    from portal.mentors import lifecycle
    from portal.mentorships import workflow
    from tests.factories import MentorRequestFactory

    challenge = ChallengePageFactory(
        parent=challenge_index, title="Ouvrir les données de transport", themes=["open data"]
    )
    paused, full = MentorProfileFactory.create_batch(2, themes=["open data"], capacity=1)
    page = client.get(challenge.url).content.decode()
    assert paused.full_name in page and full.full_name in page
    lifecycle.pause(paused)
    workflow.accept(MentorRequestFactory(mentor=full))
    page = client.get(challenge.url).content.decode()
    assert paused.full_name not in page and full.full_name not in page
