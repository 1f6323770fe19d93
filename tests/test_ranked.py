"""search/ranked.py: the ranked candidates behind the directory and matching."""

from django.db import connection

import pytest

from portal.mentors.models import MentorProfile
from search import engine
from search.ranked import ranked, ranked_ids
from tests.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db


def test_best_matches_come_first_and_equal_matches_score_the_same(directory):
    strong = MentorProfileFactory(headline="Covoiturage", bio="Covoiturage, covoiturage rural et covoiturage urbain.")
    twin_a = MentorProfileFactory(headline="Vélo", bio="Un peu de covoiturage.")
    twin_b = MentorProfileFactory(headline="Vélo", bio="Un peu de covoiturage.")
    MentorProfileFactory(headline="Vélo", bio="Pistes cyclables.")
    scores = dict(ranked(MentorProfile.objects.all(), ["covoiturage"]))
    assert set(scores) == {strong.pk, twin_a.pk, twin_b.pk}
    assert scores[strong.pk] == 1.0 > scores[twin_a.pk] == scores[twin_b.pk] > 0


def test_and_needs_every_word_or_needs_one(directory):
    both = MentorProfileFactory(headline="Vélo", bio="Covoiturage et vélo.")
    one = MentorProfileFactory(headline="Vélo", bio="Pistes cyclables.")
    everyone = MentorProfile.objects.all()
    assert ranked_ids(everyone, ["covoiturage vélo"], operator="and") == [both.pk]
    assert set(ranked_ids(everyone, ["covoiturage vélo"], operator="or")) == {both.pk, one.pk}


def test_only_objects_of_the_queryset_are_returned_and_the_limit_holds(directory):
    paused = MentorProfileFactory(bio="Covoiturage.", status="paused")
    published = [MentorProfileFactory(bio="Covoiturage.") for _ in range(3)]
    ids = ranked_ids(MentorProfile.objects.public(), ["covoiturage"], limit=2)
    assert len(ids) == 2 and paused.pk not in ids and set(ids) <= {mentor.pk for mentor in published}


def test_no_words_no_results(directory):
    MentorProfileFactory()
    assert ranked(MentorProfile.objects.all(), ["", "!!!"]) == []


def test_site_search_results_are_counted_and_paged_by_the_backend(directory, django_assert_num_queries):
    from search.ranked import BackendRankedResults, SQLiteRankedResults, ranked_results

    MentorProfileFactory(headline="Covoiturage", bio="Covoiturage. " * 9, status="paused")
    filler = "train bus tramway métro "
    mentors = [MentorProfileFactory(headline="", bio="Covoiturage. " + filler * number) for number in range(7)]
    MentorProfileFactory(headline="", bio="Vélo.")
    expected = [mentor.pk for mentor in mentors]  # the word once: the shorter the text, the better the match
    public = MentorProfile.objects.public()
    assert ranked_results(public, ["covoiturage"]).count() == 7  # the paused profile left out
    results = ranked_results(public, ["covoiturage"], limit=5)
    assert results.count() == 5  # the limit kept
    assert {mentor.pk for mentor in ranked_results(public, ["covoiturage"])[:10]} == set(expected)
    if connection.vendor == "sqlite" and not engine.has_fallback():
        # bm25 (SQLite, Elasticsearch) normalises by length; PostgreSQL's rank does not: the order is checked here.
        assert [mentor.pk for mentor in results[:5]] == expected[:5]
        assert [mentor.pk for mentor in results[2:4]] == expected[2:4]
        assert results[0].pk == expected[0]
        # SQLite's backend: the count comes with the first results' ids, a further page reads its own ids.
        results = ranked_results(public, ["covoiturage"], limit=5)
        assert isinstance(results, SQLiteRankedResults)
        with django_assert_num_queries(1):
            results.count()
        with django_assert_num_queries(1):  # the page's objects
            results[2:4]
        further = SQLiteRankedResults(public, results.matches, limit=10, first=2)
        assert further.count() == 7
        with django_assert_num_queries(2):  # the further page's ids, its objects
            assert [mentor.pk for mentor in further[3:6]] == expected[3:6]
    else:  # PostgreSQL and Elasticsearch (the services job): their own lazy results
        assert isinstance(results, BackendRankedResults)
