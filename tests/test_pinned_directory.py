"""The directory's rules, pinned to the word (issue 15, mutation testing of portal/mentors/directory.py): what an
empty result suggests dropping and how many mentors each suggestion brings back, the orders offered and chosen,
the counts beside each facet choice, and the addresses the suggestions link to."""

from django.db.models.signals import post_init

import pytest

from portal.mentors import directory
from portal.mentors.models import MentorProfile
from tests.factories import MentorProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_french", "directory")]

EVERY_CRITERION = {
    "q": "vélo",
    "theme": "open-data",
    "model": "agility",
    "actor_type": "startup",
    "language": "en",
    "region": "occitanie",
}


def mentor_missing(criterion, **fields):
    """A mentor meeting every one of EVERY_CRITERION but `criterion` (and available, unless told otherwise)."""
    meets = {
        "bio": "Je roule à vélo." if criterion != "q" else "Je roule en bus.",
        "themes": ["open data"] if criterion != "theme" else ["MaaS"],
        "models": ["agility"] if criterion != "model" else ["peer-to-peer"],
        "actor_code": "startup" if criterion != "actor_type" else "collectivite",
        "languages": ["en"] if criterion != "language" else ["fr"],
        "region": "occitanie" if criterion != "region" else "bretagne",
    }
    return MentorProfileFactory(**meets | fields)


def suggestions(criteria):
    return [(str(item.label), item.query_string, item.count) for item in directory.relaxations(criteria)]


def test_an_empty_result_suggests_dropping_each_criterion_with_the_mentors_it_brings_back():
    for count, criterion in enumerate(["q", "theme", "model", "actor_type", "language", "region"], start=1):
        for _ in range(count):
            mentor_missing(criterion)
    mentor_missing(None, accepting_requests=False)
    assert directory.matching_ids(EVERY_CRITERION) == []
    everything = "q=v%C3%A9lo&theme=open-data&model=agility&actor_type=startup&language=en&region=occitanie"
    assert suggestions(EVERY_CRITERION) == [
        ("sans les mots «\u202fvélo\u202f»", everything.replace("q=v%C3%A9lo&", ""), 1),
        ("sans le filtre de thème", everything.replace("theme=open-data&", ""), 2),
        ("sans le filtre de modèle de mentorat", everything.replace("model=agility&", ""), 3),
        ("sans le filtre de type d’acteur", everything.replace("actor_type=startup&", ""), 4),
        ("sans le filtre de langue", everything.replace("language=en&", ""), 5),
        ("sans le filtre de région", everything.replace("&region=occitanie", ""), 6),
        ("en comptant les mentors indisponibles pour le moment", everything + "&availability=all", 1),
    ]


def test_a_criterion_whose_dropping_brings_back_nobody_is_not_suggested():
    mentor_missing("region")
    assert suggestions(EVERY_CRITERION) == [
        ("sans le filtre de région", "q=v%C3%A9lo&theme=open-data&model=agility&actor_type=startup&language=en", 1)
    ]


def test_all_mentors_already_listed_are_not_suggested_again():
    mentor_missing("theme", accepting_requests=False)
    assert suggestions({**EVERY_CRITERION, "availability": directory.EVERYONE}) == [
        (
            "sans le filtre de thème",
            "q=v%C3%A9lo&model=agility&actor_type=startup&language=en&region=occitanie&availability=all",
            1,
        )
    ]


# --- Keywords ----------------------------------------------------------------------------------------
def test_keywords_find_the_mentors_using_every_one_of_them():
    MentorProfileFactory(full_name="Vélo seul", bio="Je roule à vélo.")
    both = MentorProfileFactory(full_name="Vélo et bus", bio="Je roule à vélo et en bus.")
    MentorProfileFactory(full_name="Bus seul", bio="Je roule en bus.")
    assert directory.text_matches("vélo bus") == [both.pk]


def test_keywords_rank_no_more_mentors_than_the_limit(monkeypatch):
    for number in range(3):
        MentorProfileFactory(bio="Je roule à vélo." + " Vélo !" * number)
    monkeypatch.setattr(directory, "MAX_TEXT_MATCHES", 2)
    assert len(directory.text_matches("vélo")) == 2


# --- Orders --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "criteria, chosen",
    [
        ({}, ""),
        ({"q": "vélo"}, directory.RELEVANCE),
        ({"sort": directory.RECENT}, directory.RECENT),
        ({"q": "vélo", "sort": directory.AVAILABILITY}, directory.AVAILABILITY),
        ({"sort": directory.AVAILABILITY}, ""),
    ],
)
def test_the_order_chosen_is_the_default_one_unless_another_is_asked_for(criteria, chosen):
    assert directory.chosen_sort(criteria) == chosen


@pytest.mark.parametrize(
    "criteria, label",
    [
        ({}, "Disponibles d’abord"),
        ({"q": "vélo"}, "Pertinence"),
        ({"q": "vélo", "sort": directory.RECENT}, "Mis à jour récemment"),
    ],
)
def test_the_order_is_announced_by_its_french_name(criteria, label):
    assert str(directory.sort_label(criteria)) == label


# --- The criteria a form gives -------------------------------------------------------------------------
def test_the_directory_opened_without_criteria_lists_the_available_mentors_first():
    assert directory.DirectoryForm().criteria() == {"availability": "1", "sort": "availability", "q": ""}


def test_criteria_keep_what_was_chosen_and_default_to_the_available_mentors():
    MentorProfileFactory(themes=["open data"])
    criteria = directory.DirectoryForm({"theme": "open-data", "q": "  Vélo,  bus "}).criteria()
    assert criteria == {"theme": "open-data", "q": "Vélo bus", "availability": "1", "sort": "relevance"}
    assert directory.DirectoryForm({"availability": "all"}).criteria() == {
        "availability": "all",
        "q": "",
        "sort": "availability",
    }


# --- Facet counts ----------------------------------------------------------------------------------------
def test_facet_counts_count_only_the_mentors_the_keywords_find():
    cyclist = MentorProfileFactory(bio="Je roule à vélo.", themes=["vélo"])
    MentorProfileFactory(bio="Je roule en bus.", themes=["MaaS"])
    assert directory.facet_counts({"q": "vélo"})["theme"] == {"velo": 1}
    assert directory.facet_counts({"q": "vélo"}, text_ids=[cyclist.pk])["theme"] == {"velo": 1}
    assert directory.facet_counts({})["theme"] == {"velo": 1, "maas": 1}


def test_facet_counts_use_the_keywords_matches_the_caller_already_has():
    MentorProfileFactory(bio="Je roule à vélo.", themes=["vélo"])
    bus = MentorProfileFactory(bio="Je roule en bus.", themes=["MaaS"])
    assert directory.facet_counts({"q": "vélo"}, text_ids=[bus.pk])["theme"] == {"maas": 1}


# --- Addresses -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "criteria, query_string",
    [
        ({"theme": "open-data", "sort": "availability", "availability": "1"}, "theme=open-data"),
        ({"q": "vélo", "sort": "relevance"}, "q=v%C3%A9lo"),
        ({"q": "vélo", "sort": "availability"}, "q=v%C3%A9lo&sort=availability"),
        (
            {"theme": "open-data", "sort": "recent", "availability": "all"},
            "theme=open-data&sort=recent&availability=all",
        ),
    ],
)
def test_an_address_leaves_out_the_default_order_and_availability(criteria, query_string):
    assert directory.to_query_string(criteria) == query_string


# --- One page of results ------------------------------------------------------------------------------
@pytest.fixture
def searches(monkeypatch):
    """The keyword searches a page view asks of the search backend."""
    asked = []
    real = directory.text_matches

    def text_matches(query):
        asked.append(query)
        return real(query)

    monkeypatch.setattr(directory, "text_matches", text_matches)
    return asked


def test_a_page_with_keywords_searches_them_once(searches):
    MentorProfileFactory(full_name="Cycliste", bio="Je roule à vélo.", themes=["vélo"])
    result = directory.find_mentors({"q": "vélo", "availability": "1", "sort": "relevance"})
    assert [mentor.full_name for mentor in result.page.object_list] == ["Cycliste"]
    assert result.counts["theme"] == {"velo": 1}
    assert searches == ["vélo"]


def test_a_page_without_keywords_searches_nothing(searches):
    MentorProfileFactory()
    assert directory.find_mentors({"q": "", "availability": "1", "sort": "availability"}).total == 1
    assert searches == []


def test_a_page_loads_its_own_mentors_only(monkeypatch):
    for number in range(5):
        MentorProfileFactory(full_name=f"Mentor {number}")
    monkeypatch.setattr(directory, "PAGE_SIZE", 2)
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance.full_name)

    post_init.connect(count, sender=MentorProfile)
    try:
        result = directory.find_mentors({"q": "", "availability": "1", "sort": "availability"}, page_number=2)
    finally:
        post_init.disconnect(count, sender=MentorProfile)
    assert [mentor.full_name for mentor in result.page.object_list] == ["Mentor 2", "Mentor 3"]
    assert sorted(loaded) == ["Mentor 2", "Mentor 3"]


@pytest.mark.parametrize("sort", [directory.RECENT, directory.AVAILABILITY])
def test_mentors_updated_together_read_by_name_then_in_the_order_they_joined(sort):
    for name in ["Zoé", "Marie Dupont", "Anne", "Marie Dupont"]:
        MentorProfileFactory(full_name=name)
    MentorProfile.objects.update(updated_at=MentorProfile.objects.first().updated_at)
    first_marie, second_marie = MentorProfile.objects.filter(full_name="Marie Dupont").order_by("pk")
    ids = directory.matching_ids({"q": "", "availability": "1", "sort": sort})
    anne, zoe = MentorProfile.objects.get(full_name="Anne").pk, MentorProfile.objects.get(full_name="Zoé").pk
    assert ids == [anne, first_marie.pk, second_marie.pk, zoe]


def test_an_empty_result_offers_the_six_themes_with_the_most_published_mentors(searches):
    for count, theme in enumerate(["vélo", "MaaS", "open data", "covoiturage", "logistique", "fret", "marche"], 1):
        MentorProfileFactory.create_batch(count if theme != "fret" else 5, themes=[theme])
    MentorProfileFactory.create_batch(9, themes=["accessibilité"], status="draft")
    result = directory.find_mentors({"q": "introuvable", "availability": "1", "sort": "relevance"})
    assert result.total == 0
    assert [(link.name, link.query_string) for link in result.popular_themes] == [
        ("marche", "theme=marche"),
        ("fret", "theme=fret"),
        ("logistique", "theme=logistique"),
        ("covoiturage", "theme=covoiturage"),
        ("open data", "theme=open-data"),
        ("MaaS", "theme=maas"),
    ]
    assert searches == ["introuvable"]
