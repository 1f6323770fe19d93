"""The evaluation's metrics, on hand-computed cases, and its command on a tiny labelled set."""

import json
from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from portal.mentors.evaluation import evaluate
from tests.factories import MentorProfileFactory


def test_a_perfect_ranking_scores_one_and_a_missed_mentor_lowers_recall():
    judgements = {"c": {"a": 3, "b": 2, "x": 0}}
    perfect = evaluate({"c": ["a", "b"]}, judgements, available={"a", "b", "x"})
    assert (perfect.ndcg_at_5, perfect.recall_at_10, perfect.unavailable_offered) == (1.0, 1.0, 0)
    partial = evaluate({"c": ["x", "a"]}, judgements, available={"a", "b", "x"})
    assert partial.ndcg_at_5 < 1 and partial.recall_at_10 == 0.5


def test_unavailable_mentors_offered_are_counted():
    scores = evaluate({"c": ["a", "paused"]}, {"c": {"a": 3, "paused": 3}}, available={"a"})
    assert scores.unavailable_offered == 1 and scores.recall_at_10 == 1.0


@pytest.mark.django_db
def test_the_command_prints_both_rankings(tmp_path, directory):
    data = {
        "challenges": [
            {
                "key": "velo",
                "title": "Développer le vélo",
                "summary": "Pistes cyclables.",
                "body": "Aménagements cyclables.",
                "themes": ["vélo"],
                "actor_types": ["collectivite"],
                "models": ["peer-to-peer"],
            }
        ],
        "mentors": [
            {
                "key": key,
                "full_name": name,
                "actor_type": "collectivite",
                "headline": "Mobilité",
                "bio": bio,
                "themes": themes,
                "models": ["peer-to-peer"],
                "region": "bretagne",
                "status": "published",
                "accepting": True,
            }
            for key, name, bio, themes in [
                ("expert", "Experte Vélo", "Aménagements cyclables.", ["vélo"]),
                ("bio", "Bio Vélo", "Des aménagements cyclables partout.", []),
            ]
        ],
        "judgements": {"velo": {"expert": 3, "bio": 2}},
    }
    path = tmp_path / "set.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = StringIO()
    call_command("eval_matching", str(path), stdout=out)
    assert "matching          1.000      1.000                    0" in out.getvalue()
    assert "tag overlap" in out.getvalue()


@pytest.mark.django_db
def test_the_command_refuses_a_database_that_has_mentors(directory):
    MentorProfileFactory()
    with pytest.raises(CommandError, match="empty"):
        call_command("eval_matching")
