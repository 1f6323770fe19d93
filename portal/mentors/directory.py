"""How the public directory finds mentors: full-text query, facets with counts, order, suggestions.

The text query goes through Wagtail search (database backend or Elasticsearch) over public profiles;
facets and the chosen order are then applied with the ORM on the matching ids, so every backend
behaves the same.

Orders (`sort` in the address; anything else means the default: relevance with keywords, availability
without, where relevance means nothing and is not offered):
- relevance: best text match first, scored as matching scores a need (portal/mentors/relevance.py: rare
  words and the headline weigh most);
- availability: mentors who can take a request now first (accepting requests, with room left, bound
  by the current charter: `can_take_requests`), then the others; by relevance within each group when
  there are keywords, then by name;
- recent: the most recently updated profile first, then by name. A profile is updated when its mentor
  edits it or accepts the charter, when a mentorship of theirs is accepted or completed, and when an
  editor or an import changes it. We store no login nor answer dates on profiles: "recently updated"
  is what we can honestly say, not "recently active".
"""

from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Paginator
from django.db.models import Case, Count, Value, When
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from portal.home.languages import FrenchLabelsSelect
from portal.mentors.matching import order_by_relevance
from portal.mentors.models import MentorProfile, can_take_requests
from portal.taxonomy.forms import FacetField, RegionFacetField, ThemeFacetField, in_french_order, with_count
from portal.taxonomy.models import ActorType, Language, MentoringModel, Region, Theme
from search.forms import MAX_QUERY_LENGTH
from search.query import plain_words
from search.ranked import ranked_ids

PAGE_SIZE = 12
# Text matches beyond this many are not ranked further: nobody pages that far.
MAX_TEXT_MATCHES = 1000
ACCEPTING = "1"
EVERYONE = "all"
RELEVANCE = "relevance"
AVAILABILITY = "availability"
RECENT = "recent"
SORTS = [(RELEVANCE, _("Relevance")), (AVAILABILITY, _("Available first")), (RECENT, _("Recently updated"))]
FACETS = ["theme", "model", "actor_type", "language", "region"]


class SortField(forms.ChoiceField):
    """The order of the results; an unknown value (an old or edited link) silently means relevance."""

    def to_python(self, value):
        value = super().to_python(value)
        return value if self.valid_value(value) else ""


class DirectoryForm(forms.Form):
    q = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Your search is too long: %(limit_value)d characters at most.")},
    )
    theme = ThemeFacetField(_("Theme"), widget=FrenchLabelsSelect)
    model = FacetField(_("Mentoring model"))
    actor_type = FacetField(_("Actor type"))
    language = FacetField(_("Language"))
    region = RegionFacetField(_("Region"))
    availability = FacetField(
        _("Availability"), choices=[(ACCEPTING, _("Accepting requests")), (EVERYONE, _("All mentors"))]
    )
    sort = SortField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, data=None):
        super().__init__(data)
        everything = [("", _("All"))]
        themes = Theme.objects.filter(mentor_items__content_object__status="published").distinct()
        themes = in_french_order(themes, label=lambda theme: theme.name)
        self.fields["theme"].choices = everything + [(theme.slug, theme.name) for theme in themes]
        self.fields["model"].choices = everything + [(m.code, m.label) for m in MentoringModel.objects.all()]
        self.fields["actor_type"].choices = everything + [(a.code, a.label) for a in ActorType.objects.all()]
        self.fields["language"].choices = everything + [(lang.code, lang.label) for lang in Language.objects.all()]
        self.fields["region"].choices = everything + list(Region.choices)

    def show_counts(self, counts, criteria):
        """Label each facet choice with how many mentors it would give; leave out those that would give none,
        unless chosen."""
        for name, by_value in counts.items():
            self.fields[name].choices = [
                (value, with_count(label, by_value.get(value, 0)) if value else label)
                for value, label in self.fields[name].choices
                if not value or by_value.get(value) or value == criteria.get(name)
            ]

    def criteria(self):
        """The valid criteria; invalid ones are reported by the form and left out."""
        if not self.is_bound:
            return {"availability": ACCEPTING, "sort": AVAILABILITY, "q": ""}
        self.is_valid()
        criteria = {name: value for name, value in self.cleaned_data.items() if value}
        criteria.setdefault("availability", ACCEPTING)
        criteria["q"] = plain_words(criteria.get("q", ""))
        if criteria.get("sort") in (None, default_sort(criteria), RELEVANCE):
            criteria["sort"] = default_sort(criteria)
        return criteria


def default_sort(criteria):
    """Relevance orders keyword matches; without keywords it means nothing: the available mentors first."""
    return RELEVANCE if criteria.get("q") else AVAILABILITY


def sort_choices(criteria):
    """The orders offered, as (value, label): relevance only with keywords. Without keywords the default
    order has no value of its own, so that keywords typed next are ranked by relevance."""
    if criteria.get("q"):
        return SORTS
    return [("", dict(SORTS)[AVAILABILITY]), (RECENT, dict(SORTS)[RECENT])]


def chosen_sort(criteria):
    """The value of the order chosen among `sort_choices`."""
    sort = criteria.get("sort", default_sort(criteria))
    return "" if not criteria.get("q") and sort == AVAILABILITY else sort


def active_filters(criteria):
    """How many filters narrow or widen the list: facets chosen, and "all mentors" for availability."""
    return sum(1 for name in FACETS if criteria.get(name)) + (criteria.get("availability") == EVERYONE)


def sort_label(criteria):
    return dict(SORTS)[criteria.get("sort") or default_sort(criteria)]


@dataclass
class Relaxation:
    label: str
    query_string: str
    count: int


@dataclass
class ThemeLink:
    name: str
    query_string: str


@dataclass
class DirectoryResult:
    page: object
    total: int
    counts: dict = field(default_factory=dict)
    relaxations: list = field(default_factory=list)
    popular_themes: list = field(default_factory=list)


def apply_facets(mentors, criteria):
    if criteria.get("theme"):
        mentors = mentors.filter(themes__slug=criteria["theme"])
    if criteria.get("model"):
        mentors = mentors.filter(mentoring_models__code=criteria["model"])
    if criteria.get("actor_type"):
        mentors = mentors.filter(actor_type__code=criteria["actor_type"])
    if criteria.get("language"):
        mentors = mentors.filter(languages__code=criteria["language"])
    if criteria.get("region"):
        mentors = mentors.filter(region=criteria["region"])
    if criteria.get("availability", ACCEPTING) == ACCEPTING:
        mentors = mentors.available()
    return mentors


def unavailable_last():
    """False for the mentors who can take a request now, True for the others: an order for SQL."""
    return Case(When(can_take_requests(), then=Value(False)), default=Value(True))


def in_order(mentors, sort, ranked=None):
    """Ids of `mentors` in the chosen order (see the module's docstring). `ranked`: the ids, best text
    match first, when there are keywords."""
    if sort == RECENT:
        return distinct_ids(mentors.order_by("-updated_at", "full_name", "pk"))
    if ranked is None:
        return distinct_ids(mentors.order_by(unavailable_last(), "full_name", "pk"))
    if sort == AVAILABILITY:
        group = dict(mentors.annotate(group=unavailable_last()).values_list("pk", "group"))
    else:
        group = dict.fromkeys(mentors.values_list("pk", flat=True), False)
    return sorted((pk for pk in ranked if pk in group), key=group.get)


def distinct_ids(mentors):
    return list(mentors.values_list("pk", flat=True).distinct())


def text_matches(query):
    """Ids of public profiles matching every word of the query, best first."""
    return ranked_ids(MentorProfile.objects.public(), [query], operator="and", limit=MAX_TEXT_MATCHES, variants=True)


def matching(criteria, text_ids=None):
    """The mentors meeting all criteria (a queryset) and their ids in the chosen order. `text_ids`: the
    keywords' matches (`text_matches`), when the caller has them already."""
    mentors = apply_facets(MentorProfile.objects.public(), criteria)
    sort = criteria.get("sort") or default_sort(criteria)
    if not criteria.get("q"):
        return mentors, in_order(mentors, sort)
    ranked = text_ids if text_ids is not None else text_matches(criteria["q"])
    if sort != RECENT:
        ranked = order_by_relevance(ranked, criteria["q"])
    mentors = mentors.filter(pk__in=ranked)
    return mentors, in_order(mentors, sort, ranked)


def matching_ids(criteria):
    return matching(criteria)[1]


FACET_VALUES = {
    "theme": "themes__slug",
    "model": "mentoring_models__code",
    "actor_type": "actor_type__code",
    "language": "languages__code",
    "region": "region",
}


def facet_counts(criteria, text_ids=None):
    """For each facet, how many mentors each of its values gives with the other criteria kept (its own
    left out: choosing another value replaces it). `text_ids`: the keywords' matches."""
    public = MentorProfile.objects.public()
    if criteria.get("q"):
        public = public.filter(pk__in=text_ids if text_ids is not None else text_matches(criteria["q"]))
    counts = {}
    for name, values in FACET_VALUES.items():
        others = {key: value for key, value in criteria.items() if key != name}
        mentors = MentorProfile.objects.filter(pk__in=apply_facets(public, others).values("pk"))
        counts[name] = dict(mentors.values_list(values).annotate(n=Count("pk", distinct=True)))
    return counts


def relaxations(criteria, text_ids=None):
    """For an empty result: how many mentors each criterion, dropped alone, would bring back. `text_ids`: the
    keywords' matches, when the caller has them already (every relaxation but the one dropping them keeps them)."""
    suggestions = []
    labels = {
        "q": _("without the words “%(value)s”"),
        "theme": _("without the theme filter"),
        "model": _("without the mentoring model filter"),
        "actor_type": _("without the actor type filter"),
        "language": _("without the language filter"),
        "region": _("without the region filter"),
    }
    for name, label in labels.items():
        if not criteria.get(name):
            continue
        relaxed = {key: value for key, value in criteria.items() if key != name}
        count = len(matching(relaxed, text_ids if relaxed.get("q") else None)[1])
        if count:
            suggestions.append(Relaxation(label % {"value": criteria[name]}, to_query_string(relaxed), count))
    if criteria.get("availability", ACCEPTING) == ACCEPTING:
        relaxed = {**criteria, "availability": EVERYONE}
        count = len(matching(relaxed, text_ids)[1])
        if count:
            suggestions.append(
                Relaxation(_("including mentors not available right now"), to_query_string(relaxed), count)
            )
    return suggestions


def to_query_string(criteria):
    query = QueryDict(mutable=True)
    defaults = {"availability": ACCEPTING, "sort": default_sort(criteria)}
    for name, value in criteria.items():
        if value and value != defaults.get(name) and not (name == "sort" and value == RELEVANCE):
            query[name] = value
    return query.urlencode()


def find_mentors(criteria, page_number=None):
    text_ids = text_matches(criteria["q"]) if criteria.get("q") else None
    _matched, ids = matching(criteria, text_ids)
    page = Paginator(ids, PAGE_SIZE).get_page(page_number)
    by_id = MentorProfile.objects.for_listing().in_bulk(list(page.object_list))
    page.object_list = [by_id[pk] for pk in page.object_list]
    result = DirectoryResult(page=page, total=len(ids), counts=facet_counts(criteria, text_ids))
    if not ids:
        result.relaxations = relaxations(criteria, text_ids)
        themes = (
            Theme.objects.filter(mentor_items__content_object__status="published")
            .annotate(mentors=Count("mentor_items"))  # the published ones: the filter above restricts the join
            .order_by("-mentors", "name")[:6]
        )
        result.popular_themes = [
            ThemeLink(theme.name, to_query_string({"theme": theme.slug, "sort": criteria.get("sort")}))
            for theme in themes
        ]
    return result
