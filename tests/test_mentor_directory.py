"""The public directory: full text, facets with counts, availability, suggestions, profiles."""

from datetime import timedelta

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from portal.home.models import CharterPage
from portal.mentors.directory import PAGE_SIZE
from portal.mentors.models import MentorProfile
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


def test_theme_choices_read_in_alphabetical_order_whatever_the_case_and_accents(client, directory):
    MentorProfileFactory(themes=["vélo", "MaaS", "évaluation", "données ouvertes", "Accessibilité"])
    select = BeautifulSoup(client.get(directory.url).content, "html.parser").find("select", attrs={"name": "theme"})
    assert [option.get_text() for option in select.find_all("option")][1:] == [
        "Accessibilité (1)",
        "données ouvertes (1)",
        "évaluation (1)",
        "MaaS (1)",
        "vélo (1)",
    ]


def test_bad_filter_values_are_reported_in_french_and_ignored(client, directory):
    MentorProfileFactory(full_name="Claire")
    response = client.get(directory.url + "?region=<b>mars</b>&theme=inconnu&availability=peut-etre")
    html = response.content.decode()
    assert response.status_code == 200
    assert "ne fait pas partie des choix proposés\u00a0: ce filtre a été ignoré" in html
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


# --- Order of the results ----------------------------------------------------------------------------
@pytest.fixture
def rail_mentors(directory):
    """Three mentors knowing "ferroviaire" more or less (Zoé most), Bruno not taking requests, each
    profile updated at another time (Bruno most recently, Zoé longest ago)."""
    now = timezone.now()
    for name, bio, accepting, age in [
        ("Zoé Rail", "Ferroviaire, ferroviaire, ferroviaire.", True, 10),
        ("Bruno Rail", "Ferroviaire, ferroviaire, tramway.", False, 0),
        ("Anne Rail", "Ferroviaire, tramway, tramway.", True, 5),
    ]:
        mentor = MentorProfileFactory(full_name=name, bio=bio, accepting_requests=accepting, themes=["transport"])
        MentorProfile.objects.filter(pk=mentor.pk).update(updated_at=now - timedelta(days=age))
    return directory


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=ferroviaire", ["Zoé Rail", "Bruno Rail", "Anne Rail"]),
        ("?q=ferroviaire&sort=relevance", ["Zoé Rail", "Bruno Rail", "Anne Rail"]),
        ("?q=ferroviaire&sort=availability", ["Zoé Rail", "Anne Rail", "Bruno Rail"]),
        ("?q=ferroviaire&sort=recent", ["Bruno Rail", "Anne Rail", "Zoé Rail"]),
        ("?sort=relevance", ["Anne Rail", "Zoé Rail", "Bruno Rail"]),
        ("?sort=availability", ["Anne Rail", "Zoé Rail", "Bruno Rail"]),
        ("?sort=recent", ["Bruno Rail", "Anne Rail", "Zoé Rail"]),
        ("?theme=transport", ["Anne Rail", "Zoé Rail", "Bruno Rail"]),
    ],
)
def test_each_order_sorts_the_directory_as_announced(client, rail_mentors, query, expected):
    """Relevance: best text match first, or without keywords the available mentors first, then by name;
    availability: the available ones first, by relevance then name; recent: last updated first."""
    assert names(client.get(rail_mentors.url + query + "&availability=all")) == expected


def test_an_unknown_order_falls_back_to_relevance_without_an_error(client, rail_mentors):
    response = client.get(rail_mentors.url + "?q=ferroviaire&availability=all&sort=<b>n'importe</b>")
    html = response.content.decode()
    assert response.status_code == 200
    assert names(response) == ["Zoé Rail", "Bruno Rail", "Anne Rail"]
    assert '<option value="relevance" selected>Pertinence</option>' in html
    assert "filters-errors" not in html and "<b>n'importe" not in html
    assert names(client.get(rail_mentors.url + "?sort=")) == ["Anne Rail", "Zoé Rail"]


def test_the_chosen_order_is_selected_and_announced(client, rail_mentors):
    html = client.get(rail_mentors.url + "?sort=recent").content.decode()
    assert '<option value="recent" selected>Mis à jour récemment</option>' in html
    assert "Tri\u00a0: mis à jour récemment" in html


def test_the_order_is_kept_in_pagination_links(client, directory):
    for number in range(PAGE_SIZE + 2):
        mentor = MentorProfileFactory(full_name=f"Mentor {number:02d}")
        MentorProfile.objects.filter(pk=mentor.pk).update(updated_at=timezone.now() - timedelta(days=number))
    html = client.get(directory.url + "?sort=recent").content.decode()
    assert 'href="?sort=recent&amp;page=2" rel="next"' in html
    assert names(client.get(directory.url + "?sort=recent&page=2")) == ["Mentor 12", "Mentor 13"]


def test_the_order_is_kept_in_the_suggestions_of_an_empty_result(client, directory):
    MentorProfileFactory(full_name="Claire", themes=["open data"], region="bretagne")
    html = client.get(directory.url + "?q=données&region=occitanie&sort=recent").content.decode()
    assert '<a href="?q=donn%C3%A9es&amp;sort=recent">Sans le filtre de région</a>' in html
    assert 'class="tag" href="?theme=open-data&amp;sort=recent"' in html
    html = client.get(directory.url + "?q=données&region=occitanie").content.decode()
    assert '<a href="?q=donn%C3%A9es">Sans le filtre de région</a>' in html


@pytest.mark.parametrize("sort", ["relevance", "availability", "recent"])
def test_no_order_costs_queries_per_mentor(client, directory, sort):
    MentorProfileFactory(themes=["a"], accepting_requests=False)
    for query in [f"?sort={sort}&availability=all", f"?q=données&sort={sort}&availability=all"]:
        small = count_queries(client, directory.url + query)
        for _number in range(5):
            MentorProfileFactory(themes=["b"], accepting_requests=False)
            MentorProfileFactory(themes=["c"])
        assert count_queries(client, directory.url + query) == small, query


# --- The filter bar ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "toggle"),
    [
        ("", "Filtres"),
        ("?q=données&sort=recent", "Filtres"),
        ("?theme=open-data", "Filtres (1 actif)"),
        ("?theme=open-data&region=bretagne&availability=all", "Filtres (3 actifs)"),
    ],
)
def test_the_filters_button_counts_the_active_filters(client, directory, query, toggle):
    MentorProfileFactory(themes=["open data"])
    soup = BeautifulSoup(client.get(directory.url + query).content.decode(), "html.parser")
    button = soup.select_one("button[aria-controls=directory-facets]")
    assert button.get_text(" ", strip=True) == toggle
    assert button.has_attr("data-disclosure") and button.has_attr("hidden")  # shown by the script
    facets = soup.find(id="directory-facets")
    assert facets.find("form") is None and facets.find_parent("form")["id"] == "directory-filters"
    assert {field["name"] for field in facets.select("select")} == {
        "theme",
        "model",
        "actor_type",
        "language",
        "region",
        "availability",
        "sort",
    }
    assert [label.get_text(strip=True) for label in facets.select("label")] == [
        "Thème",
        "Modèle de mentorat",
        "Type d’acteur",
        "Langue",
        "Région",
        "Disponibilité",
        "Trier par",
    ]


def test_the_language_switcher_and_the_language_filter_have_different_names(client, directory):
    soup = BeautifulSoup(client.get(directory.url).content, "html.parser")
    switcher = soup.select_one("form.language-switcher")["aria-label"]
    facet = soup.find("label", attrs={"for": soup.find("select", attrs={"name": "language"})["id"]}).get_text()
    assert (switcher, facet) == ("Langue du site", "Langue")


def test_the_results_come_right_after_the_filter_bar(client, directory):
    """The "describe your challenge" box and the introduction follow the cards, not precede them."""
    MentorProfileFactory(full_name="Claire")
    directory.introduction = "<p>Une introduction de l’annuaire.</p>"
    directory.save_revision().publish()
    html = client.get(directory.url).content.decode()
    positions = [
        html.index('id="directory-filters"'),
        html.index('class="result-count"'),
        html.index("Claire"),
        html.index('id="describe"'),
        html.index("Une introduction de l’annuaire."),
    ]
    assert positions == sorted(positions)
    assert '<a href="#describe">' in html[: positions[0]]  # one line at the top leads to the box
