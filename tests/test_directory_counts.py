"""The directory at scale (issue 18): the counts beside the facets and the suggestions of an empty result come
from one SQL statement, and they are the counts a plain query per value gives, whatever the criteria; a search
with keywords and two facets costs the same few queries whatever the number of mentors."""

import random

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from portal.mentors import directory
from portal.mentors.models import MentorProfile
from portal.taxonomy import themes
from portal.taxonomy.models import Theme
from tests.factories import MentorProfileFactory
from tests.utils import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("directory")]

THEMES = ["vélo", "MaaS", "open data", "covoiturage"]
THEME_SLUGS = ["velo", "maas", "open-data", "covoiturage"]
MODELS = ["peer-to-peer", "agility", "culture-shift"]
ACTOR_TYPES = ["collectivite", "startup", "ecole"]
LANGUAGES = ["fr", "en", "de"]
REGIONS = ["bretagne", "occitanie", "corse"]
FACET_CHOICES = {
    "theme": THEME_SLUGS,
    "model": MODELS,
    "actor_type": ACTOR_TYPES,
    "language": LANGUAGES,
    "region": REGIONS,
}


def some(rng, values):
    return rng.sample(values, rng.randint(0, 2))


def mentors_of_every_kind(seed=18, number=24):
    """Mentors with zero to two themes, models and languages, of various actor types and regions, published or
    not, available or not (paused, full, bound by an old charter)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible mentors, not a secret
    for index in range(number):
        mentor = MentorProfileFactory(
            themes=some(rng, THEMES),
            actor_code=rng.choice(ACTOR_TYPES),
            region=rng.choice(REGIONS),
            bio=rng.choice(["Je roule à vélo.", "Je roule en bus.", "Vélo et bus."]),
            status=rng.choice(["published"] * 5 + ["paused", "draft"]),
            accepting_requests=rng.random() > 0.2,
            charter_version=rng.choice(["2026-1"] * 5 + ["2025-1"]),
            capacity=2,
            active_mentorships=2 if index % 7 == 0 else 0,
        )
        # The factory gives a model and a language to a mentor asked for none: set them afterwards.
        mentor.mentoring_models.set(mentor.mentoring_models.model.objects.filter(code__in=some(rng, MODELS)))
        mentor.languages.set(mentor.languages.model.objects.filter(code__in=some(rng, LANGUAGES)))


def random_criteria(rng, text_ids):
    criteria = {name: rng.choice(values) for name, values in FACET_CHOICES.items() if rng.random() < 0.5}
    criteria["availability"] = rng.choice([directory.ACCEPTING, directory.EVERYONE])
    if rng.random() < 0.6:
        criteria["q"] = "vélo"
    return criteria, rng.sample(text_ids, rng.randint(0, len(text_ids)))


# --- What the counts must be: plain queries, one criterion at a time ----------------------------------------
def meeting(criteria, text_ids):
    """Ids of the public mentors meeting every criterion, one plain filter each."""
    mentors = MentorProfile.objects.filter(status="published")
    if criteria.get("q"):
        mentors = mentors.filter(pk__in=text_ids)
    if criteria.get("theme"):
        mentors = mentors.filter(themes__slug=criteria["theme"])
    if criteria.get("model"):
        mentors = mentors.filter(mentoring_models__code=criteria["model"])
    if criteria.get("actor_type"):
        mentors = mentors.filter(actor_type__code=criteria["actor_type"])
    if criteria.get("language"):
        mentors = mentors.filter(languages__code=criteria["language"])
    if criteria.get("region"):
        mentors = mentors.filter(region=criteria["region"])
    if criteria.get("availability", directory.ACCEPTING) == directory.ACCEPTING:
        mentors = mentors.filter(pk__in=MentorProfile.objects.available())
    return set(mentors.values_list("pk", flat=True))


def values_of(name, mentor):
    if name == "theme":
        return [theme.slug for theme in mentor.themes.all()]
    if name == "model":
        return [model.code for model in mentor.mentoring_models.all()]
    if name == "language":
        return [language.code for language in mentor.languages.all()]
    return [mentor.actor_type.code if name == "actor_type" else mentor.region]


def expected_counts(criteria, text_ids):
    """For each facet, {value: mentors} over the mentors meeting the other criteria; mentors with no value of
    a facet count under None, as a grouped query counts them."""
    counts = {}
    for name in directory.FACETS:
        others = {key: value for key, value in criteria.items() if key != name}
        by_value = {}
        for mentor in MentorProfile.objects.filter(pk__in=meeting(others, text_ids)):
            for value in values_of(name, mentor) or [None]:
                by_value[value] = by_value.get(value, 0) + 1
        counts[name] = by_value
    return counts


def expected_relaxations(criteria, text_ids):
    """{criterion: mentors} meeting all the other criteria, for each criterion chosen; "availability": all the
    mentors meeting the criteria, available or not."""
    relaxed = {
        name: len(meeting({key: value for key, value in criteria.items() if key != name}, text_ids))
        for name in ["q", *directory.FACETS]
        if criteria.get(name)
    }
    if criteria.get("availability", directory.ACCEPTING) == directory.ACCEPTING:
        relaxed["availability"] = len(meeting({**criteria, "availability": directory.EVERYONE}, text_ids))
    return relaxed


def test_each_facet_counts_the_mentors_a_plain_query_per_value_finds_whatever_the_criteria():
    mentors_of_every_kind()
    text_ids = list(MentorProfile.objects.values_list("pk", flat=True))
    rng = random.Random(2026)  # noqa: S311 - reproducible criteria, not a secret
    for _ in range(40):
        criteria, matches = random_criteria(rng, text_ids)
        assert directory.facet_counts(criteria, text_ids=matches) == expected_counts(criteria, matches), criteria


def test_what_dropping_each_criterion_brings_back_is_what_a_plain_query_finds_whatever_the_criteria():
    mentors_of_every_kind()
    text_ids = list(MentorProfile.objects.values_list("pk", flat=True))
    rng = random.Random(1815)  # noqa: S311 - reproducible criteria, not a secret
    for _ in range(40):
        criteria, matches = random_criteria(rng, text_ids)
        counted = directory.counts(criteria, matches, relaxed=True)[1]
        expected = expected_relaxations(criteria, matches)
        assert counted == expected | {name: 0 for name in counted if name not in expected}, criteria


def test_a_mentor_linked_twice_to_a_theme_counts_once():
    mentor = MentorProfileFactory(themes=["vélo"])
    MentorProfile.themes.through.objects.create(content_object=mentor, tag=mentor.themes.get())
    assert directory.facet_counts({"model": "peer-to-peer"})["theme"] == {"velo": 1}


# --- Queries -----------------------------------------------------------------------------------------------
def test_facets_and_suggestions_are_counted_in_one_statement():
    mentors_of_every_kind()
    text_ids = list(MentorProfile.objects.values_list("pk", flat=True))
    criteria = {"q": "vélo", "theme": "velo", "model": "agility", "availability": directory.ACCEPTING}
    with CaptureQueriesContext(connection) as queries:
        directory.counts(criteria, text_ids, relaxed=True)
    # The charter (who can take a request now), then the counts.
    assert len(queries.captured_queries) == 2


def test_the_keywords_matches_are_sent_as_one_value(monkeypatch):
    """A thousand matches are one parameter of each query, not a thousand."""
    mentors_of_every_kind()
    matches = list(MentorProfile.objects.values_list("pk", flat=True)) + list(range(10_000, 11_000))
    monkeypatch.setattr(directory, "text_matches", lambda query: matches)
    parameters = []

    def spy(execute, sql, params, many, context):
        parameters.append(len(params or ()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        directory.find_mentors({"q": "vélo", "theme": "velo", "model": "agility", "sort": directory.RELEVANCE})
        directory.find_mentors({"q": "vélo", "theme": "maas", "region": "corse", "sort": directory.AVAILABILITY})
    assert parameters and max(parameters) < 50


@pytest.fixture
def page_cache_off(settings):
    """Every request builds its page (portal/pagecache/ would answer the second from the cache)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize(
    "query",
    ["?q=vélo&theme=velo&model=agility", "?q=vélo&theme=maas&model=culture-shift&region=corse", "?q=introuvable"],
)
def test_a_search_with_keywords_and_facets_costs_the_same_queries_whatever_the_number_of_mentors(
    client, directory, query
):
    MentorProfileFactory(themes=["vélo"], bio="Je roule à vélo.", models=["agility"])
    MentorProfileFactory(themes=["MaaS"], bio="Je roule à vélo.", models=["culture-shift"], region="corse")
    few = count_queries(client, directory.url + query)
    mentors_of_every_kind(number=30)
    assert count_queries(client, directory.url + query) == few


def test_a_page_with_keywords_and_two_facets_asks_the_database_a_fixed_few_queries(monkeypatch):
    """Besides the keywords' search and their scoring: the charter, the mentors matching, those of the page
    with their themes, models and languages, and the counts."""
    mentors_of_every_kind(number=30)
    everyone = list(MentorProfile.objects.values_list("pk", flat=True))
    monkeypatch.setattr(directory, "text_matches", lambda query: everyone)
    monkeypatch.setattr(directory, "order_by_relevance", lambda ids, text: ids)
    criteria = {"q": "vélo", "theme": "velo", "model": "agility", "availability": "all", "sort": directory.RELEVANCE}
    with CaptureQueriesContext(connection) as queries:
        result = directory.find_mentors(criteria)
    assert result.total
    assert len(queries.captured_queries) == 7


def test_an_empty_result_adds_no_query_for_its_suggestions_once_the_popular_themes_are_known(monkeypatch):
    mentors_of_every_kind(number=10)
    monkeypatch.setattr(directory, "text_matches", lambda query: [])
    criteria = {"q": "introuvable", "theme": "velo", "model": "agility", "sort": directory.RELEVANCE}
    directory.find_mentors(criteria)
    with CaptureQueriesContext(connection) as queries:
        result = directory.find_mentors(criteria)
    assert result.total == 0 and result.popular_themes
    # The charter, the mentors matching (none), the counts and suggestions.
    assert len(queries.captured_queries) == 3


# --- What pages share: kept until a mentor or a theme changes -------------------------------------------------
def offered_themes():
    return [str(label) for value, label in directory.DirectoryForm().fields["theme"].choices if value]


def popular_names():
    result = directory.find_mentors({"q": "", "theme": "introuvable", "sort": directory.AVAILABILITY})
    return [link.name for link in result.popular_themes]


def test_a_theme_whose_last_published_mentor_leaves_is_no_longer_offered_nor_suggested():
    cyclist = MentorProfileFactory(themes=["vélo"])
    MentorProfileFactory(themes=["MaaS"])
    assert offered_themes() == ["MaaS", "vélo"]
    assert popular_names() == ["MaaS", "vélo"]
    cyclist.status = "paused"
    cyclist.save()
    assert offered_themes() == ["MaaS"]
    assert popular_names() == ["MaaS"]


def test_a_theme_renamed_in_the_admin_is_offered_and_suggested_under_its_new_name(
    django_capture_on_commit_callbacks,
):
    MentorProfileFactory(themes=["vélo"])
    assert offered_themes() == ["vélo"]
    assert popular_names() == ["vélo"]
    with django_capture_on_commit_callbacks(execute=True):
        themes.rename(Theme.objects.get(slug="velo"), "vélo cargo")
    assert offered_themes() == ["vélo cargo"]
    assert popular_names() == ["vélo cargo"]
