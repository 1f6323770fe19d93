"""Measures matching on a labelled set: nDCG@5, recall@10, and how many unavailable mentors were offered,
beside two plain rankings computed in the same run over the same available mentors:
- BM25: rank_bm25's Okapi BM25 over each profile's words (lower case, accents folded, French stop words
  left out; no stemming, no fields, no vocabulary): the well-kept baseline matching must beat;
- tag overlap: mentors sharing the most themes with the challenge.

The sets (bench/matching_eval*.json) say in their "about" how they were made."""

import json
import math
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from portal.challenges.models import ChallengeIndexPage, ChallengePage
from portal.home.models import CharterPage
from portal.mentors.matching import mentors_for_challenge
from portal.mentors.models import MentorProfile
from portal.taxonomy.models import ActorType, Language, MentoringModel, Theme
from search import french

RELEVANT = 2  # grade from which a mentor must be found


@dataclass
class Scores:
    ndcg_at_5: float
    recall_at_10: float
    unavailable_offered: int
    by_challenge: dict  # challenge key -> nDCG@5


def dcg(grades):
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def evaluate(rankings, judgements, available):
    """rankings: challenge key -> mentor keys, best first; judgements: challenge key -> {mentor key: grade}."""
    ndcgs, recalls, unavailable, by_challenge = [], [], 0, {}
    for challenge, ranked in rankings.items():
        grades = judgements[challenge]
        ideal = sorted((grade for key, grade in grades.items() if key in available), reverse=True)[:5]
        ndcgs.append(dcg([grades.get(key, 0) for key in ranked[:5]]) / (dcg(ideal) or 1))
        by_challenge[challenge] = ndcgs[-1]
        relevant = {key for key, grade in grades.items() if grade >= RELEVANT and key in available}
        recalls.append(len(relevant & set(ranked[:10])) / (len(relevant) or 1))
        unavailable += sum(1 for key in ranked if key not in available)
    return Scores(sum(ndcgs) / len(ndcgs), sum(recalls) / len(recalls), unavailable, by_challenge)


@transaction.atomic
def load(data):
    """Creates the set's challenges and mentors; returns {challenge key: page}, {mentor pk: key}."""
    index = ChallengeIndexPage.objects.live().in_default_locale().get()
    charter = CharterPage.current()
    actor_types = {a.code: a for a in ActorType.objects.all()}
    models = {m.code: m for m in MentoringModel.objects.all()}
    french = Language.objects.get(code="fr")
    challenges = {}
    for spec in data["challenges"]:
        page = ChallengePage(title=spec["title"], slug=spec["key"], summary=spec["summary"])
        page.body = [("paragraph", f"<p>{spec['body']}</p>")]
        page.themes.set(Theme.objects.for_names(spec["themes"]))
        page.actor_types = [actor_types[code] for code in spec["actor_types"]]
        page.recommended_models = [models[code] for code in spec["models"]]
        index.add_child(instance=page)
        page.save_revision().publish()
        challenges[spec["key"]] = page
    keys = {}
    for spec in data["mentors"]:
        mentor = MentorProfile.objects.create(
            full_name=spec["full_name"],
            organisation=spec.get("organisation", ""),
            contact_email=f"{spec['key']}@example.org",
            actor_type=actor_types[spec["actor_type"]],
            headline=spec["headline"],
            bio=spec["bio"],
            region=spec["region"],
            status=spec["status"],
            accepting_requests=spec["accepting"],
            email_confirmed_at=timezone.now(),
            charter_version=charter.version if charter else "",
        )
        mentor.themes.set(Theme.objects.for_names(spec["themes"]))
        mentor.mentoring_models.set([models[code] for code in spec["models"]])
        mentor.languages.set([french])
        keys[mentor.pk] = spec["key"]
    return challenges, keys


def tag_overlap_ranking(challenge, keys, limit=10):
    """The baseline: available mentors ranked by how many themes they share with the challenge."""
    slugs = {theme.slug for theme in challenge.themes.all()}
    scored = []
    for mentor in MentorProfile.objects.available().prefetch_related("themes"):
        shared = len(slugs & {theme.slug for theme in mentor.themes.all()})
        if shared:
            scored.append((-shared, mentor.full_name, keys[mentor.pk]))
    return [key for _shared, _name, key in sorted(scored)[:limit]]


def words(text):
    return [french.fold(word) for word in french.words(text)]


def profile_text(mentor):
    return " ".join([mentor.headline, *(theme.name for theme in mentor.themes.all()), mentor.organisation, mentor.bio])


def challenge_text(challenge):
    body = " ".join(challenge.body.stream_block.get_searchable_content(challenge.body))
    themes = " ".join(theme.name for theme in challenge.themes.all())
    return f"{challenge.title} {themes} {challenge.summary} {body}"


def bm25_rankings(challenges, keys, limit=10):
    """challenge key -> mentor keys ranked by plain Okapi BM25 (rank_bm25) over the available mentors."""
    from rank_bm25 import BM25Okapi

    mentors = list(MentorProfile.objects.available().prefetch_related("themes").order_by("pk"))
    bm25 = BM25Okapi([words(profile_text(mentor)) for mentor in mentors])
    rankings = {}
    for key, page in challenges.items():
        scores = bm25.get_scores(words(challenge_text(page)))
        order = sorted(range(len(mentors)), key=lambda index: (-scores[index], mentors[index].full_name))
        rankings[key] = [keys[mentors[index].pk] for index in order[:limit] if scores[index] > 0]
    return rankings


def run(path, after_load=None):
    data = json.loads(path.read_text(encoding="utf-8"))
    challenges, keys = load(data)
    if after_load:
        after_load()
    available = {keys[pk] for pk in MentorProfile.objects.available().values_list("pk", flat=True)}
    matching = {
        key: [keys[match.mentor.pk] for match in mentors_for_challenge(page, limit=10)]
        for key, page in challenges.items()
    }
    overlap = {key: tag_overlap_ranking(page, keys) for key, page in challenges.items()}
    return (
        {
            "matching": evaluate(matching, data["judgements"], available),
            "BM25": evaluate(bm25_rankings(challenges, keys), data["judgements"], available),
            "tag overlap": evaluate(overlap, data["judgements"], available),
        },
        len(data["challenges"]),
        len(data["mentors"]),
    )
