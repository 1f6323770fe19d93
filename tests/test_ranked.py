"""search/ranked.py: the ranked candidates behind the directory and matching."""

import pytest

from portal.mentors.models import MentorProfile
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
