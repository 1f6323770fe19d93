"""Public JSON about mentors: published profiles, public fields only (never an email)."""

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _

from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError
from ninja.pagination import paginate

from portal.api_common import ErrorOut, JsonInteger, MessageOut, PageNumbers, Serialised
from portal.mentors.directory import ACCEPTING, EVERYONE, MAX_QUERY_LENGTH, DirectoryForm, matching_ids
from portal.mentors.forms import MAX_NEED_LENGTH
from portal.mentors.matching import mentors_for_text
from portal.mentors.models import MentorIndexPage, MentorProfile
from portal.taxonomy.models import ActorTypeCode, LanguageCode, MentoringModelCode, Region

router = Router(tags=["mentors"])


class MentorOut(Schema):
    slug: str
    name: str
    url: str
    headline: str
    organisation: str
    actor_type: str
    themes: list[str]
    models: list[str]
    languages: list[str]
    region: str
    accepting: bool


def code_of(vocabulary):
    """A closed vocabulary as a parameter type: one of its codes, or "" for any. The schema lists them."""
    return Literal[("", *vocabulary.values)]


class MentorFilters(Schema):
    q: str = Field("", max_length=MAX_QUERY_LENGTH, description="Words of names, headlines, biographies, themes")
    theme: str = Field("", description="A theme slug, e.g. open-source; a theme no mentor has matches nobody")
    model: code_of(MentoringModelCode) = Field("", description="A mentoring model")
    actor_type: code_of(ActorTypeCode) = Field("", description="An actor type")
    language: code_of(LanguageCode) = Field("", description="A language code")
    region: code_of(Region) = Field("", description="A region code")
    accepting: bool | None = Field(None, description="true (default): only mentors accepting requests")


def serialise(mentor, directory):
    return MentorOut(
        slug=mentor.slug,
        name=mentor.full_name,
        url=mentor.get_url(directory),
        headline=mentor.headline,
        organisation=mentor.organisation,
        actor_type=mentor.actor_type.code,
        themes=[theme.slug for theme in mentor.themes.all()],
        models=[model.code for model in mentor.mentoring_models.all()],
        languages=[language.code for language in mentor.languages.all()],
        region=mentor.region,
        accepting=mentor.accepting_requests,
    )


@router.get("/", response={200: list[MentorOut], 422: ErrorOut}, summary="Search published mentors, a page at a time")
@paginate(PageNumbers)
def list_mentors(request: HttpRequest, filters: Query[MentorFilters]):
    data = filters.dict(exclude={"accepting"})
    data["availability"] = EVERYONE if filters.accepting is False else ACCEPTING
    form = DirectoryForm(data)
    directory = MentorIndexPage.objects.live().in_default_locale().first()

    def load(ids):
        by_id = MentorProfile.objects.for_listing().in_bulk(ids)
        return [serialise(by_id[pk], directory) for pk in ids]

    if "theme" in form.errors:
        # Themes are an open vocabulary (editors add them): one that no published mentor has matches nobody.
        return Serialised([], load)
    if form.errors:
        # The schema lists the other vocabularies' codes; this guards against an entry removed since.
        raise ValidationError(
            [{"loc": ("query", name), "type": "unknown_value", "input": data[name]} for name in form.errors]
        )
    return Serialised(matching_ids(form.criteria()), load)


class MatchOut(Schema):
    slug: str
    name: str
    url: str
    score: float = Field(..., description="Relative to the best match of the list (1.0)")
    strength: str = Field(..., description="strong, good or possible: the match on its own, whatever the others")
    strength_label: str
    reasons: list[str]
    excerpt: str = Field(..., description="The sentence of the mentor's biography that shares the most with the need")


class MatchResults(Schema):
    results: list[MatchOut]


class MatchIn(Schema):
    text: str = Field(
        ...,
        min_length=1,
        max_length=MAX_NEED_LENGTH,
        description="The problem, in a few sentences (not only spaces)",
        # Documented for clients; the view refuses blank text itself, with a clearer message than a pattern's.
        json_schema_extra={"pattern": r"\S"},
    )
    limit: JsonInteger = Field(10, ge=1, le=50, description="How many mentors, 1 to 50")


def serialise_matches(matches):
    directory = MentorIndexPage.objects.live().in_default_locale().first()
    return [
        MatchOut(
            slug=match.mentor.slug,
            name=match.mentor.full_name,
            url=match.mentor.get_url(directory),
            score=match.score,
            strength=match.strength,
            strength_label=str(match.strength_label),
            reasons=match.reasons,
            excerpt=match.excerpt_text,
        )
        for match in matches
    ]


matching_router = Router(tags=["matching"])


@matching_router.post(
    "/", response={200: MatchResults, 400: MessageOut, 422: ErrorOut}, summary="Mentors for a free-text problem"
)
def match_text(request: HttpRequest, payload: MatchIn):
    if not payload.text.strip():
        return Status(422, {"detail": _("Invalid parameters."), "errors": {"text": [_("The text is empty.")]}})
    return Status(200, {"results": serialise_matches(mentors_for_text(payload.text, payload.limit))})
