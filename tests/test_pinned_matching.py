"""Matching's rules, pinned (issue 15, mutation testing of portal/mentors/matching.py): how a visitor's words
become the need (every word a key word, themes named whole), and how the directory's relevance order treats
mentors that share nothing or that the search index still lists after their profile is gone."""

import pytest

from portal.mentors import matching
from search import analysis
from tests.factories import MentorProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("directory")]


def test_every_word_of_a_visitors_text_is_a_key_word_and_nothing_else_counts():
    text = "Partager nos données de vélo"
    need = matching.need_for_text(text)
    tokens = {token.text for token in analysis.tokens(text)}
    assert set(need.query) == tokens
    for token, weight in need.query.items():
        expected = matching.KEY_WEIGHT * (matching.PHRASE_WEIGHT if analysis.is_phrase(token) else 1)
        assert weight == pytest.approx(expected), token


def test_a_text_that_is_exactly_a_themes_name_names_that_theme():
    MentorProfileFactory(themes=["gouvernance partagée", "vélo"])
    assert matching.need_for_text("Gouvernance partagée").themes == {"gouvernance-partagee": "gouvernance partagée"}
    assert matching.need_for_text("La gouvernance partagée du vélo").themes == {
        "gouvernance-partagee": "gouvernance partagée",
        "velo": "vélo",
    }
    assert matching.need_for_text("gouvernance").themes == {}


def test_the_relevance_order_puts_a_profile_the_index_still_lists_after_its_deletion_last():
    """A search index may still hold a profile deleted a moment ago: it is ranked with those sharing
    nothing, in the order given, never before them nor as an error."""
    unrelated = MentorProfileFactory(bio="Je roule en bus.", headline="Urbaniste", themes=["MaaS"])
    related = MentorProfileFactory(bio="Je roule à vélo. Le vélo partout, le vélo toujours.", themes=["vélo"])
    gone = MentorProfileFactory()
    gone_pk = gone.pk
    gone.delete()
    assert matching.order_by_relevance([unrelated.pk, gone_pk, related.pk], "vélo") == [
        related.pk,
        unrelated.pk,
        gone_pk,
    ]
