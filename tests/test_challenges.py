"""The challenge catalogue: filters with counts, bad filter values, pagination, query counts."""

import pytest
from bs4 import BeautifulSoup

from portal.challenges.models import LISTING_PAGE_SIZE
from tests.factories import ChallengePageFactory, StoryPageFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(challenge_index):
    ChallengePageFactory(
        parent=challenge_index,
        title="Comment m'engager dans l'open source ?",
        themes=["open source", "communs"],
        actor_types=["startup", "industrie"],
        models=["peer-to-peer", "agility"],
        status="pre-identified",
    )
    ChallengePageFactory(
        parent=challenge_index,
        title="Partager l'open data entre collectivités",
        themes=["open data"],
        actor_types=["collectivite"],
        models=["peer-to-peer"],
        status="open",
    )
    ChallengePageFactory(
        parent=challenge_index,
        title="Développer la culture client",
        themes=["culture client"],
        actor_types=["industrie", "collectivite"],
        models=["agility", "culture-shift"],
        status="open",
    )
    return challenge_index


def titles(response):
    return [challenge.title for challenge in response.context["challenges"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "",
            [
                "Comment m'engager dans l'open source ?",
                "Développer la culture client",
                "Partager l'open data entre collectivités",
            ],
        ),
        ("?theme=open-source", ["Comment m'engager dans l'open source ?"]),
        ("?actor_type=collectivite", ["Développer la culture client", "Partager l'open data entre collectivités"]),
        ("?model=agility", ["Comment m'engager dans l'open source ?", "Développer la culture client"]),
        ("?status=open", ["Développer la culture client", "Partager l'open data entre collectivités"]),
        ("?model=peer-to-peer&actor_type=collectivite", ["Partager l'open data entre collectivités"]),
        ("?theme=culture-client&model=peer-to-peer", []),
    ],
)
def test_catalogue_filters_by_theme_actor_type_model_and_status(client, catalogue, query, expected):
    response = client.get(catalogue.url + query)
    assert titles(response) == expected


def test_filters_show_how_many_challenges_each_choice_holds(client, catalogue):
    html = client.get(catalogue.url).content.decode()
    assert "Collectivité (2)" in html
    assert "École (0)" in html
    assert "Peer 2 Peer (2)" in html
    assert "open source (1)" in html
    assert "Ouvert (2)" in html


def test_theme_choices_read_in_alphabetical_order_whatever_the_case_and_accents(client, challenge_index):
    ChallengePageFactory(parent=challenge_index, themes=["vélo", "MaaS", "évaluation", "données ouvertes"])
    html = client.get(challenge_index.url).content
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": "theme"})
    assert [option.get_text() for option in select.find_all("option")][1:] == [
        "données ouvertes (1)",
        "évaluation (1)",
        "MaaS (1)",
        "vélo (1)",
    ]


def test_unknown_filter_value_is_reported_in_french_and_ignored(client, catalogue):
    response = client.get(catalogue.url + "?theme=<script>alert(1)</script>&model=agility")
    html = response.content.decode()
    assert response.status_code == 200
    assert "ne fait pas partie des choix proposés\u00a0: ce filtre a été ignoré" in html
    assert "<script>alert(1)</script>" not in html
    assert titles(response) == ["Comment m'engager dans l'open source ?", "Développer la culture client"]


def test_no_result_says_so_and_offers_to_reset(client, catalogue):
    html = client.get(catalogue.url + "?theme=culture-client&model=peer-to-peer").content.decode()
    assert "Aucun défi ne correspond à ces filtres." in html
    assert "Voir tous les défis" in html


def test_catalogue_is_paginated_and_keeps_the_filters(client, challenge_index):
    for number in range(LISTING_PAGE_SIZE + 2):
        ChallengePageFactory(parent=challenge_index, title=f"Défi {number:02d}", models=["agility"])
    first = client.get(challenge_index.url + "?model=agility")
    assert len(titles(first)) == LISTING_PAGE_SIZE
    assert 'href="?model=agility&amp;page=2"' in first.content.decode()
    second = client.get(challenge_index.url + "?model=agility&page=2")
    assert titles(second) == ["Défi 12", "Défi 13"]
    assert client.get(challenge_index.url + "?page=abc").status_code == 200
    assert titles(client.get(challenge_index.url + "?page=999")) == ["Défi 12", "Défi 13"]


def test_catalogue_query_count_does_not_grow_with_the_challenges(client, challenge_index):
    ChallengePageFactory(parent=challenge_index, themes=["a"], actor_types=["ecole"], models=["agility"])
    small = count_queries(client, challenge_index.url + "?model=agility")
    for number in range(10):
        ChallengePageFactory(
            parent=challenge_index, themes=[f"t{number}", "b"], actor_types=["startup", "ecole"], models=["agility"]
        )
    assert count_queries(client, challenge_index.url + "?model=agility") == small
    assert small <= 25


def test_challenge_page_query_count_does_not_grow_with_the_site(client, challenge_index, story_index):
    challenge = ChallengePageFactory(parent=challenge_index, themes=["a"], actor_types=["ecole"], models=["agility"])
    StoryPageFactory(parent=story_index, related_challenges=[challenge])
    small = count_queries(client, challenge.url)
    for number in range(5):
        ChallengePageFactory(parent=challenge_index, themes=[f"t{number}"], models=["agility"])
        StoryPageFactory(parent=story_index, related_challenges=[challenge])
    challenge.themes.add("b", "c")
    challenge.save_revision().publish()
    assert count_queries(client, challenge.url) == small
    assert small <= 27  # including the savepoint and its release of the request's transaction
