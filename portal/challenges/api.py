"""Public JSON about challenges, and the mentors proposed for each (the same ranking as the page)."""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from portal.api_common import ErrorOut, MessageOut, PageNumbers, Serialised
from portal.challenges.models import ChallengePage
from portal.mentors.api import MatchOut, serialise_matches
from portal.mentors.matching import mentors_for_challenge

router = Router(tags=["challenges"])


class ChallengeRef(Schema):
    slug: str
    title: str
    url: str


class ChallengeOut(ChallengeRef):
    themes: list[str]


class ChallengeMentorsOut(Schema):
    challenge: ChallengeRef
    results: list[MatchOut]


class Limit(Schema):
    limit: int = Field(10, ge=1, le=50, description="How many mentors, 1 to 50")


@router.get("/", response={200: list[ChallengeOut], 422: ErrorOut}, summary="Published challenges, a page at a time")
@paginate(PageNumbers)
def list_challenges(request: HttpRequest):
    challenges = ChallengePage.objects.live().public().in_default_locale().prefetch_related("themes")

    def load(page):
        return [
            ChallengeOut(slug=c.slug, title=c.title, url=c.get_url(request), themes=[t.slug for t in c.themes.all()])
            for c in page
        ]

    return Serialised(challenges.order_by("title", "pk"), load)


@router.get(
    "/{slug}/mentors/",
    response={200: ChallengeMentorsOut, 404: MessageOut, 422: ErrorOut},
    summary="Mentors proposed for a challenge",
)
def challenge_mentors(request: HttpRequest, slug: str, params: Query[Limit]):
    challenge = ChallengePage.objects.live().public().in_default_locale().filter(slug=slug).first()
    if challenge is None:
        return Status(404, {"detail": _("Unknown challenge: “%(slug)s”.") % {"slug": slug}})
    return {
        "challenge": ChallengeRef(slug=challenge.slug, title=challenge.title, url=challenge.get_url(request)),
        "results": serialise_matches(mentors_for_challenge(challenge, params.limit)),
    }
