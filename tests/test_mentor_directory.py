"""The public directory: full text, facets with counts, availability, suggestions, profiles."""

import pytest

from portal.home.models import CharterPage
from portal.mentors.directory import PAGE_SIZE
from tests.factories import MentorProfileFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def names(response):
    return [mentor.full_name for mentor in response.context["result"].page.object_list]


def test_directory_lists_published_mentors_only(client, directory):
    MentorProfileFactory(full_name="Claire Publiée")
    for status in ["draft", "pending", "paused", "archived"]:
        MentorProfileFactory(full_name=f"Profil {status}", status=status)
    assert names(client.get(directory.url + "?availability=all")) == ["Claire Publiée"]


def test_a_mentor_is_found_by_a_theme_and_by_a_word_of_the_bio(client, directory):
    MentorProfileFactory(full_name="Julien Libre", themes=["open source"], bio="Je publie un moteur d'itinéraires.")
    MentorProfileFactory(full_name="Émilie Client", themes=["culture client"], bio="Vingt ans dans l'hôtellerie.")
    assert names(client.get(directory.url + "?theme=open-source")) == ["Julien Libre"]
    assert names(client.get(directory.url, {"q": "hôtellerie"})) == ["Émilie Client"]
    assert names(client.get(directory.url, {"q": "HOTELLERIE"})) == ["Émilie Client"]
    assert names(client.get(directory.url, {"q": "open source"})) == ["Julien Libre"]


def test_a_paused_mentor_leaves_the_accepting_results_but_stays_listed_among_all(client, directory):
    MentorProfileFactory(full_name="Occupée", accepting_requests=False)
    MentorProfileFactory(full_name="Disponible")
    assert names(client.get(directory.url)) == ["Disponible"]
    assert names(client.get(directory.url + "?availability=all")) == ["Disponible", "Occupée"]
    html = client.get(directory.url + "?availability=all").content.decode()
    assert "Indisponible pour le moment" in html


def test_a_mentor_who_has_not_accepted_the_new_charter_is_not_offered(client, directory):
    MentorProfileFactory(full_name="À jour", charter_version="2026-1")
    MentorProfileFactory(full_name="En retard", charter_version="2025-1")
    assert names(client.get(directory.url)) == ["À jour"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?model=agility", ["Agile"]),
        ("?actor_type=startup", ["Startupeuse"]),
        ("?language=en", ["Agile"]),
        ("?region=occitanie", ["Startupeuse"]),
        ("?model=agility&region=occitanie", []),
    ],
)
def test_facets_filter_by_model_actor_type_language_and_region(client, directory, query, expected):
    MentorProfileFactory(full_name="Agile", models=["agility"], languages=["fr", "en"], region="bretagne")
    MentorProfileFactory(full_name="Startupeuse", actor_code="startup", models=["peer-to-peer"], region="occitanie")
    assert names(client.get(directory.url + query)) == expected


def test_facet_choices_show_result_counts(client, directory):
    MentorProfileFactory(themes=["open data", "vélo"], models=["agility"])
    MentorProfileFactory(themes=["open data"], models=["peer-to-peer"])
    html = client.get(directory.url).content.decode()
    assert "open data (2)" in html
    assert "vélo (1)" in html
    assert "Agilité (1)" in html
    assert "Bretagne (2)" in html


def test_bad_filter_values_are_reported_in_french_and_ignored(client, directory):
    MentorProfileFactory(full_name="Claire")
    response = client.get(directory.url + "?region=<b>mars</b>&theme=inconnu&availability=peut-etre")
    html = response.content.decode()
    assert response.status_code == 200
    assert "ne fait pas partie des choix proposés : ce filtre a été ignoré" in html
    assert "<b>mars</b>" not in html
    assert names(response) == ["Claire"]


def test_zero_results_suggest_what_to_relax(client, directory):
    MentorProfileFactory(full_name="Claire", themes=["open data"], region="bretagne")
    MentorProfileFactory(full_name="Paul", themes=["vélo"], region="occitanie", bio="Vélo.", accepting_requests=False)
    html = client.get(directory.url + "?q=données&region=occitanie").content.decode()
    assert "Aucun mentor ne correspond" in html
    assert '<a href="?q=donn%C3%A9es">Sans le filtre de région</a> — 1 mentor' in html
    assert 'class="tag" href="?theme=open-data"' in html

    html = client.get(directory.url + "?theme=velo").content.decode()
    assert "En comptant les mentors indisponibles pour le moment</a> — 1 mentor" in html


def test_directory_is_paginated(client, directory):
    for number in range(PAGE_SIZE + 3):
        MentorProfileFactory(full_name=f"Mentor {number:02d}")
    assert len(names(client.get(directory.url))) == PAGE_SIZE
    assert names(client.get(directory.url + "?page=2")) == ["Mentor 12", "Mentor 13", "Mentor 14"]
    assert client.get(directory.url + "?page=zz").status_code == 200


def test_directory_query_count_does_not_grow_with_the_mentors(client, directory):
    MentorProfileFactory(themes=["a"])
    small = count_queries(client, directory.url + "?q=données&model=peer-to-peer")
    for number in range(15):
        MentorProfileFactory(themes=[f"t{number}", "b"], languages=["fr", "en"], models=["peer-to-peer", "agility"])
    assert count_queries(client, directory.url + "?q=données&model=peer-to-peer") == small
    assert count_queries(client, directory.url) <= small + 2


def test_profile_page_shows_the_public_fields_and_never_the_email(client, directory):
    mentor = MentorProfileFactory(
        full_name="Claire Morvan", contact_email="claire.secret@example.org", themes=["open data"], models=["agility"]
    )
    html = client.get(f"{directory.url}{mentor.slug}/").content.decode()
    assert "Claire Morvan" in html and "Directrice de la donnée" in html and "open data" in html
    assert "Agilité" in html and "Bretagne" in html and "Accepte des demandes" in html
    assert "claire.secret" not in html


@pytest.mark.parametrize("status", ["draft", "pending", "paused", "archived"])
def test_unpublished_profiles_answer_404(client, directory, status):
    mentor = MentorProfileFactory(status=status)
    assert client.get(f"{directory.url}{mentor.slug}/").status_code == 404


def test_directory_and_pages_never_show_contact_emails(client, directory):
    MentorProfileFactory(contact_email="hidden.person@example.org")
    for url in [directory.url, directory.url + "?availability=all", "/search/?q=mentor", "/api/v1/mentors/"]:
        assert "hidden.person" not in client.get(url).content.decode(), url


def test_a_new_charter_version_hides_mentors_until_they_accept_it(client, directory, home):
    MentorProfileFactory(full_name="Claire")
    charter = CharterPage.current()
    charter.version = "2026-2"
    charter.save_revision().publish()
    assert names(client.get(directory.url)) == []
    assert names(client.get(directory.url + "?availability=all")) == ["Claire"]
