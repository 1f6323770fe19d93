"""Matching's rules, pinned (issue 15, mutation testing of portal/mentors/matching.py): how a visitor's words
become the need (every word a key word, themes named whole), and how the directory's relevance order treats
mentors that share nothing or that the search index still lists after their profile is gone."""

import time

from django.db.models.signals import post_init

import pytest

from portal.mentors import matching, relevance
from portal.mentors.models import MentorProfile
from search import analysis
from tests.factories import ChallengePageFactory, MentorProfileFactory

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


# --- Candidates kept in the cache ----------------------------------------------------------------------
@pytest.fixture
def challenge(challenge_index):
    return ChallengePageFactory(parent=challenge_index, title="Ouvrir les données de transport", themes=["open data"])


def shown(matches):
    return [(m.mentor.pk, m.score, m.reasons, m.offers_model, m.strength, m.excerpt) for m in matches]


@pytest.fixture
def computed(monkeypatch):
    """How many times the candidates were worked out rather than read from the cache."""
    calls = []
    real = matching.find_mentors

    def find_mentors(need, limit=matching.DEFAULT_LIMIT):
        calls.append(limit)
        return real(need, limit)

    monkeypatch.setattr(matching, "find_mentors", find_mentors)
    return calls


def test_cached_candidates_are_shown_exactly_as_they_were_worked_out(challenge, computed):
    MentorProfileFactory.create_batch(3, themes=["open data"], models=["peer-to-peer", "agility"])
    first = shown(matching.mentors_for_challenge(challenge))
    assert shown(matching.mentors_for_challenge(challenge)) == first
    assert computed == [matching.DEFAULT_LIMIT]
    assert all(score is not None and reasons for _pk, score, reasons, *_rest in first)


def test_a_challenge_shows_no_more_candidates_than_asked(challenge):
    MentorProfileFactory.create_batch(3, themes=["open data"])
    assert len(matching.mentors_for_challenge(challenge, limit=2)) == 2


def test_a_mentor_who_joins_is_proposed_at_once_despite_the_cache(challenge):
    MentorProfileFactory(full_name="Claire", themes=["open data"])
    assert [m.mentor.full_name for m in matching.mentors_for_challenge(challenge)] == ["Claire"]
    MentorProfileFactory(full_name="Yann", themes=["open data"])
    assert sorted(m.mentor.full_name for m in matching.mentors_for_challenge(challenge)) == ["Claire", "Yann"]


def test_cached_candidates_are_worked_out_again_after_an_hour(challenge, computed, monkeypatch):
    MentorProfileFactory(themes=["open data"])
    matching.mentors_for_challenge(challenge)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + matching.CACHE_SECONDS - 5)
    matching.mentors_for_challenge(challenge)
    assert len(computed) == 1
    monkeypatch.setattr(time, "time", lambda: now + matching.CACHE_SECONDS + 5)
    matching.mentors_for_challenge(challenge)
    assert len(computed) == 2


def test_reading_cached_candidates_loads_those_mentors_only(challenge):
    proposed = MentorProfileFactory(full_name="Claire", themes=["open data"])
    MentorProfileFactory.create_batch(2, full_name="Sans rapport", themes=["vélo"], bio="Vélo.", headline="Cycliste")
    matching.mentors_for_challenge(challenge)
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance.pk)

    post_init.connect(count, sender=MentorProfile)
    try:
        assert [m.mentor.pk for m in matching.mentors_for_challenge(challenge)] == [proposed.pk]
    finally:
        post_init.disconnect(count, sender=MentorProfile)
    assert loaded == [proposed.pk]


# --- A challenge as a need, and how candidates are scored ----------------------------------------------
def test_a_challenges_need_holds_the_words_of_its_title_themes_summary_body_and_example(challenge_index):
    challenge = ChallengePageFactory(
        parent=challenge_index,
        title="Covoiturage rural",
        themes=["gouvernance partagée"],
        summary="Relier les villages.",
        body=[("paragraph", "<p>Les habitants conduisent.</p>"), ("paragraph", "<p>Les mairies animent.</p>")],
        example="<p>Une <b>navette</b> solidaire.</p>",
    )
    need = matching.need_for_challenge(challenge)
    key = "Covoiturage rural ; gouvernance partagée"
    other = "Relier les villages. ; Les habitants conduisent. Les mairies animent. ; Une navette solidaire."
    assert need.query == matching.need_query(key, other, ["gouvernance-partagee"])
    assert any("navet" in token for token in need.query)  # the example's words, without its markup


def ranked_names(challenge):
    need = matching.need_for_challenge(challenge)
    statistics = relevance.corpus_statistics()
    return (
        need,
        statistics,
        [
            (item.name, item.offers_model)
            for item in matching.score_candidates(need, MentorProfile.objects.all(), statistics)
        ],
    )


def test_being_of_an_actor_type_the_challenge_concerns_lifts_a_mentor(challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index, themes=["open data"], actor_types=["startup"], models=[])
    MentorProfileFactory(full_name="Anne", themes=["open data"], actor_code="collectivite")
    MentorProfileFactory(full_name="Zoé", themes=["open data"], actor_code="startup")
    assert [name for name, _offers in ranked_names(challenge)[2]] == ["Zoé", "Anne"]


def test_mentors_scored_alike_read_by_name_and_say_whether_they_offer_the_model(challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index, themes=["open data"], actor_types=[], models=["agility"])
    MentorProfileFactory(full_name="Zoé", themes=["open data"], models=["peer-to-peer"])
    MentorProfileFactory(full_name="Anne", themes=["open data"], models=["peer-to-peer"])
    MentorProfileFactory(full_name="Yves", themes=["open data"], models=["agility"])
    assert ranked_names(challenge)[2] == [("Yves", True), ("Anne", False), ("Zoé", False)]


def test_a_mentor_sharing_nothing_is_left_out_and_the_others_still_scored(challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index, themes=["open data"])
    MentorProfileFactory(full_name="Anne", themes=["vélo"], bio="Vélo.", headline="Cycliste", organisation="")
    MentorProfileFactory(full_name="Claire", themes=["open data"])
    assert [name for name, _offers in ranked_names(challenge)[2]] == ["Claire"]


# --- Strength, reasons, search words -------------------------------------------------------------------------
@pytest.mark.parametrize("value, code", [(0.5, "strong"), (0.49, "good"), (0.3, "good"), (0.29, "possible")])
def test_a_match_is_strong_from_half_the_yardstick_and_good_from_three_tenths(value, code):
    assert matching.strength(value, 1.0) == code


@pytest.mark.usefixtures("in_french")
def test_reasons_list_every_shared_theme_and_offered_model(challenge_index):
    challenge = ChallengePageFactory(
        parent=challenge_index, themes=["open data", "vélo"], actor_types=[], models=["agility", "peer-to-peer"]
    )
    MentorProfileFactory(full_name="Claire", themes=["open data", "vélo"], models=["agility", "peer-to-peer"])
    [match] = matching.mentors_for_challenge(challenge)
    assert match.reasons[0] == "Thèmes en commun\u00a0: open data, vélo"
    assert match.reasons[-1] == "Propose le modèle recommandé\u00a0: Peer 2 Peer, Agilité"
    assert match.offers_model is True
