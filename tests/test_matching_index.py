"""Matching scores every profile at once from the corpus index (issue 18): the index gives each profile
exactly the score its contributions sum to, every available mentor can be found however far down the text
scores they are, and the index follows the profiles' changes."""

import random

import pytest

from portal.mentors import matching, relevance
from portal.mentors.models import MentorProfile
from tests.factories import ChallengePageFactory, MentorProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("directory")]

WORDS = ["vélo", "données", "billettique", "covoiturage", "gouvernance", "logiciel", "rural", "train", "usagers"]


def test_the_index_gives_each_profile_the_sum_of_its_contributions_to_the_bit():
    rng = random.Random(18)  # noqa: S311 -- test data, not secrets
    for number in range(30):
        MentorProfileFactory(
            headline=" ".join(rng.sample(WORDS, 2)),
            bio=" ".join(rng.choices(WORDS, k=rng.randint(0, 12))),
            organisation=rng.choice(["", "Rennes Métropole", "La Fabrique"]),
            themes=rng.sample(["open data", "vélo", "billettique"], rng.randint(0, 2)),
            full_name=f"Mentor {number}",
        )
    corpus = relevance.corpus()
    for _ in range(20):
        need = matching.need_for_text(" ".join(rng.sample(WORDS, rng.randint(1, 5))))
        totals = corpus.index.scores(need.query, corpus.statistics)
        for pk, vector in MentorProfile.objects.values_list("pk", "matching_vector"):
            expected = sum(relevance.contributions(vector, need.query, corpus.statistics).values())
            assert corpus.index.score_of(totals, pk) == expected


def test_a_mentor_the_model_boost_lifts_is_found_beyond_the_first_candidates(challenge_index, monkeypatch):
    monkeypatch.setattr(matching, "FIRST_CANDIDATES", 1)
    challenge = ChallengePageFactory(parent=challenge_index, title="Billettique", models=["agility"])
    MentorProfileFactory(full_name="Texte", headline="billettique billettique", models=["peer-to-peer"])
    MentorProfileFactory(full_name="Modèle", headline="billettique", models=["agility"])
    corpus = relevance.corpus()
    totals = corpus.index.scores(matching.need_for_challenge(challenge).query, corpus.statistics)
    texte, modele = (MentorProfile.objects.get(full_name=name).pk for name in ("Texte", "Modèle"))
    assert totals[texte] > totals[modele]  # the text alone ranks "Texte" first…
    assert [match.mentor.full_name for match in matching.mentors_for_challenge(challenge, 1)] == ["Modèle"]


def test_unavailable_mentors_at_the_top_of_the_scores_are_passed_over(challenge_index, monkeypatch):
    monkeypatch.setattr(matching, "FIRST_CANDIDATES", 1)
    challenge = ChallengePageFactory(parent=challenge_index, title="Billettique")
    MentorProfileFactory(full_name="Complet", headline="billettique billettique billettique", accepting_requests=False)
    MentorProfileFactory(full_name="En pause", headline="billettique billettique", status="paused")
    MentorProfileFactory(full_name="Disponible", headline="billettique et train")
    assert [match.mentor.full_name for match in matching.mentors_for_challenge(challenge)] == ["Disponible"]


def test_the_index_follows_a_profile_created_or_edited_since_it_was_built():
    MentorProfileFactory(full_name="Ancien", headline="train")
    assert [match.mentor.full_name for match in matching.mentors_for_text("covoiturage")] == []
    nouveau = MentorProfileFactory(full_name="Nouveau", headline="covoiturage")
    assert [match.mentor.full_name for match in matching.mentors_for_text("covoiturage")] == ["Nouveau"]
    nouveau.headline = "train"
    nouveau.save()
    assert [match.mentor.full_name for match in matching.mentors_for_text("covoiturage")] == []
