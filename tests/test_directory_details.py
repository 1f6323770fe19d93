"""Details of the public directory a tester found: a facet offers no value that would give nothing (unless
chosen), relevance is neither offered nor announced without keywords, and an empty result says so with a
way out."""

from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from tests.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db


def soup_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def options(soup, name):
    return {option["value"]: option.get_text(strip=True) for option in soup.select(f"select[name={name}] option")}


def test_a_facet_value_that_would_give_no_mentor_is_not_offered(client, directory):
    MentorProfileFactory(themes=["open data"], languages=["fr"], region="bretagne")
    MentorProfileFactory(themes=["marchés publics"], languages=["fr"], accepting_requests=False)
    soup = soup_of(client, directory.url)
    themes, languages, regions = options(soup, "theme"), options(soup, "language"), options(soup, "region")
    assert themes == {"": "Tous", "open-data": "open data (1)"}  # the other theme's mentor takes no request
    assert languages == {"": "Tous", "fr": "Français (1)"}
    assert regions == {"": "Tous", "bretagne": "Bretagne (1)"}
    assert not any(label.endswith("(0)") for label in soup.select_one("#directory-facets").stripped_strings)
    everyone = options(soup_of(client, directory.url, availability="all"), "theme")
    assert everyone["marches-publics"] == "marchés publics (1)"


def test_a_chosen_value_stays_shown_even_when_it_gives_nothing(client, directory):
    MentorProfileFactory(themes=["open data"])
    MentorProfileFactory(themes=["marchés publics"], accepting_requests=False)
    soup = soup_of(client, directory.url, theme="marches-publics")
    chosen = soup.select_one("select[name=theme] option[selected]")
    assert (chosen["value"], chosen.get_text(strip=True)) == ("marches-publics", "marchés publics (0)")


def test_a_facet_offers_the_other_values_one_can_switch_to(client, directory):
    """A theme chosen does not hide the other themes: each says how many mentors it would give instead."""
    MentorProfileFactory(themes=["open data"])
    MentorProfileFactory(themes=["vélo"])
    MentorProfileFactory(themes=["vélo"], models=["agility"])
    themes = options(soup_of(client, directory.url, theme="open-data"), "theme")
    assert themes["velo"] == "vélo (2)" and themes["open-data"] == "open data (1)"
    models = options(soup_of(client, directory.url, theme="velo"), "model")
    assert models["agility"] == "Agilité (1)"


def test_without_keywords_relevance_is_neither_offered_nor_announced(client, directory):
    for name in ("Anne", "Bruno"):
        MentorProfileFactory(full_name=name)
    for params in ({}, {"sort": "relevance"}, {"sort": ""}, {"theme": ""}):
        soup = soup_of(client, directory.url, **params)
        sorts = options(soup, "sort")
        assert sorts == {"": "Disponibles d’abord", "recent": "Mis à jour récemment"}, params
        assert soup.select_one("select[name=sort] option[selected]")["value"] == ""
        announced = soup.select_one(".result-count__sort").get_text(" ", strip=True)
        assert announced == "· Tri\u00a0: disponibles d’abord", params
        assert "pertinence" not in soup.select_one(".result-count").get_text().lower()


def test_with_keywords_relevance_is_the_first_order_offered(client, directory):
    MentorProfileFactory(full_name="Anne", bio="Données ouvertes et transport.")
    MentorProfileFactory(full_name="Bruno", bio="Données ouvertes.")
    soup = soup_of(client, directory.url, q="données")
    assert list(options(soup, "sort")) == ["relevance", "availability", "recent"]
    assert soup.select_one("select[name=sort] option[selected]")["value"] == "relevance"
    assert "Tri\u00a0: pertinence" in soup.select_one(".result-count").get_text()


def test_keywords_typed_from_the_first_screen_are_ranked_by_relevance(client, directory):
    """The first screen's default order sends no value: keywords typed there get relevance."""
    MentorProfileFactory(full_name="Anne", bio="Tramway.")
    MentorProfileFactory(full_name="Zoé", bio="Ferroviaire, ferroviaire, ferroviaire.")
    response = client.get(directory.url, {"q": "ferroviaire tramway", "sort": ""})
    assert response.context["criteria"]["sort"] == "relevance"


def test_a_theme_without_mentor_says_so_with_a_way_out(client, directory):
    MentorProfileFactory(themes=["open data"])
    MentorProfileFactory(themes=["marchés publics"], accepting_requests=False)
    soup = soup_of(client, directory.url, theme="marches-publics", q="")
    notice = soup.select_one(".notice")
    assert "Aucun mentor ne correspond encore à cette recherche." in notice.get_text()
    links = {link.get_text(strip=True): link["href"] for link in notice.select("a")}
    assert links["Effacer les filtres"] == directory.url
    assert links["Décrivez votre défi\u00a0: nous proposons des mentors"] == "#describe"
    assert soup.find(id="describe") is not None
    with translation.override("fr"):
        kept = soup_of(client, directory.url, theme="marches-publics", q="données")
    clear = kept.select_one(".notice").find("a", string="Effacer les filtres")
    assert clear["href"] == f"{directory.url}?q=donn%C3%A9es"
