"""A year of contributions for `load_demo`: challenge proposals, a few a month, and needs-survey answers, more each
month as the programme becomes known, over the twelve months before today.

Proposals older than a few weeks were handled — merged into the catalogue's challenge that covers them (their
proposer thanked), refused as out of the programme's scope, or under review — and the latest are new. None was
turned into a challenge: the catalogue keeps the founding text's four. Survey answers choose among the areas the
form offers (the published challenges' themes). Nothing is emailed.

Deterministic (a fixed seed; every date is an offset from now), and loaded once: when the demo's proposers are
there, it adds nothing.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from portal.challenges.models import ChallengePage
from portal.contributions import demo_content as content
from portal.contributions.forms import catalogue_themes
from portal.contributions.models import ChallengeProposal, NeedsSurveyResponse, ProposalStatus
from portal.mentors.demo import demo_email
from portal.taxonomy.models import ActorType, MentoringModel, Theme

SEED = 2018
YEAR = timedelta(days=365)
PROPOSALS_PER_MONTH = [1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3]  # oldest first: one a month, then a few
ANSWERS_PER_MONTH = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
COMMENTED_SHARE = 0.3


@transaction.atomic
def load_contributions(report, now=None):
    now = now or timezone.now()
    if ChallengeProposal.objects.filter(email__in=[demo_email(spec["name"]) for spec in content.PROPOSALS]).exists():
        report.kept.append("Propositions de défis et réponses au questionnaire")
        return
    year = Contributions(now)
    proposals = year.proposals()
    answers = year.answers()
    report.created.append(f"Historique : {proposals} propositions de défis, {answers} réponses au questionnaire")


class Contributions:
    def __init__(self, now):
        self.now = now
        self.start = now - YEAR
        self.rng = random.Random(SEED)  # noqa: S311 (demo data, reproducible on purpose)
        self.themes = {theme.name: theme for theme in Theme.objects.all()}
        self.actor_types = {actor_type.code: actor_type for actor_type in ActorType.objects.all()}

    def moments(self, per_month):
        """Times spread over each twelfth of the year, at working hours (Paris time), none in the future."""
        twelfth = YEAR / len(per_month)
        moments = []
        for index, count in enumerate(per_month):
            for _number in range(count):
                local = timezone.localtime(self.start + twelfth * (index + self.rng.random()))
                moment = local.replace(
                    hour=self.rng.randint(8, 21), minute=self.rng.randrange(60), second=0, microsecond=0
                )
                moments.append(moment - timedelta(days=1) if moment > self.now - timedelta(hours=1) else moment)
        return sorted(moments)

    def proposals(self):
        rng = self.rng
        challenges = {
            page.slug: page
            for page in ChallengePage.objects.live()
            .in_default_locale()
            .filter(slug__in=[spec["merge_into"] for spec in content.PROPOSALS if spec.get("merge_into")])
        }
        specs = list(content.PROPOSALS)
        rng.shuffle(specs)
        rows = []
        for spec, moment in zip(specs, self.moments(PROPOSALS_PER_MONTH), strict=True):
            age = self.now - moment
            proposal = ChallengeProposal(
                title=spec["title"],
                description=spec["description"],
                example=spec.get("example", ""),
                actor_type=self.actor_types.get(spec["actor_type"]),
                name=spec["name"],
                organisation=spec["organisation"],
                email=demo_email(spec["name"]),
                consent_at=moment,
                created_at=moment,
            )
            challenge = challenges.get(spec.get("merge_into"))
            if spec.get("refused"):
                proposal.status = ProposalStatus.REFUSED if age > timedelta(days=10) else ProposalStatus.REVIEW
            elif challenge and age > timedelta(days=21):
                proposal.status, proposal.challenge = ProposalStatus.MERGED, challenge
                proposal.thanked_at = min(moment + timedelta(days=rng.uniform(5, 20)), self.now - timedelta(hours=1))
            elif age < timedelta(days=30):
                proposal.status = ProposalStatus.NEW if rng.random() < 0.6 else ProposalStatus.REVIEW
            else:
                statuses = [ProposalStatus.REVIEW, ProposalStatus.NEW, ProposalStatus.REFUSED]
                proposal.status = rng.choices(statuses, [60, 25, 15])[0]
            rows.append((proposal, spec["themes"]))
        ChallengeProposal.objects.bulk_create([proposal for proposal, _names in rows])
        Through = ChallengeProposal.themes.through
        Through.objects.bulk_create(
            Through(challengeproposal=proposal, theme=self.themes[name])
            for proposal, names in rows
            for name in names
            if name in self.themes
        )
        return len(rows)

    def answers(self):
        rng = self.rng
        areas = list(catalogue_themes())
        area_weights = [content.SURVEY_THEME_WEIGHTS.get(theme.name, content.OTHER_THEME_WEIGHT) for theme in areas]
        models = {model.code: model for model in MentoringModel.objects.all()}
        actor_codes = list(content.SURVEY_ACTOR_TYPE_WEIGHTS)
        model_codes = list(content.SURVEY_MODEL_WEIGHTS)
        rows = []
        for moment in self.moments(ANSWERS_PER_MONTH):
            chosen = []
            for _number in range(rng.choice([1, 1, 2, 2, 3])):
                left = [
                    (theme, weight) for theme, weight in zip(areas, area_weights, strict=True) if theme not in chosen
                ]
                if left:
                    chosen.append(rng.choices([theme for theme, _w in left], [weight for _t, weight in left])[0])
            answer = NeedsSurveyResponse(
                actor_type=self.actor_types.get(
                    rng.choices(actor_codes, list(content.SURVEY_ACTOR_TYPE_WEIGHTS.values()))[0]
                ),
                mentoring_model=models.get(rng.choices(model_codes, list(content.SURVEY_MODEL_WEIGHTS.values()))[0]),
                comment=rng.choice(content.SURVEY_COMMENTS) if rng.random() < COMMENTED_SHARE else "",
                consent_at=moment,
                created_at=moment,
            )
            if chosen:
                rows.append((answer, chosen))
        NeedsSurveyResponse.objects.bulk_create([answer for answer, _themes in rows])
        Through = NeedsSurveyResponse.themes.through
        Through.objects.bulk_create(
            Through(needssurveyresponse=answer, theme=theme) for answer, themes in rows for theme in themes
        )
        return len(rows)
