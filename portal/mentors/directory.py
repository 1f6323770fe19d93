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

Counts (the number beside each facet choice, and for an empty result how many mentors dropping each
criterion would bring back) come from one SQL statement (`counts`): the public mentors the keywords find
(all of them without keywords), each with a flag per criterion chosen, then a UNION ALL of a grouped count
per facet over the mentors flagged for every other criterion, and of a count per criterion dropped. With
Elasticsearch the text matches come from it (`text_matches`) and the counts still from the database: the
facets would fit an aggregation, but not "available now", which reads capacity and the charter version in
the database, changes with every request accepted or completed and with every new charter, and would need
the index rewritten each time. The text matches (up to MAX_TEXT_MATCHES ids) go to the database as one
parameter (`id_set`), not as a thousand that Django prepares one by one.

The condition "can take a request now" reads the current charter: it is computed once per page
(`can_take_requests`) and handed to every query that needs it (`available`).
"""

import json
from dataclasses import dataclass, field

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, Case, Count, Exists, ExpressionWrapper, OuterRef, Q, Value, When
from django.db.models.expressions import RawSQL
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from portal.home.languages import FrenchLabelsSelect
from portal.mentors.matching import matching_version, order_by_relevance
from portal.mentors.models import MentorProfile, MentorStatus, MentorTheme, can_take_requests
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
# What each facet's value is, from a mentor.
FACET_VALUES = {
    "theme": "themes__slug",
    "model": "mentoring_models__code",
    "actor_type": "actor_type__code",
    "language": "languages__code",
    "region": "region",
}
POPULAR_THEMES = 6
CACHE_SECONDS = 60 * 60


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
        self.fields["theme"].choices = everything + theme_choices()
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


def theme_choices():
    """(slug, name) of the themes at least one published mentor holds, in French order: a theme is offered as a
    filter only if it can find someone. One lookup per theme (not a join over every mentor's themes), and the
    answer kept until a mentor or a theme changes (`matching_version`)."""
    key = f"directory:themes:{matching_version()}"
    choices = cache.get(key)
    if choices is None:
        held = MentorTheme.objects.filter(tag=OuterRef("pk"), content_object__status=MentorStatus.PUBLISHED)
        themes = in_french_order(Theme.objects.filter(Exists(held)), label=lambda theme: theme.name)
        choices = [(theme.slug, theme.name) for theme in themes]
        cache.set(key, choices, CACHE_SECONDS)
    return choices


def popular_themes():
    """(name, slug) of the themes with the most published mentors; counting them reads every mentor's themes,
    so the answer is kept until a mentor changes (`matching_version`)."""
    key = f"directory:popular-themes:{matching_version()}"
    themes = cache.get(key)
    if themes is None:
        themes = list(
            Theme.objects.filter(mentor_items__content_object__status=MentorStatus.PUBLISHED)
            .annotate(mentors=Count("mentor_items"))  # the published ones: the filter above restricts the join
            .order_by("-mentors", "name")
            .values_list("name", "slug")[:POPULAR_THEMES]
        )
        cache.set(key, themes, CACHE_SECONDS)
    return themes


def id_set(ids):
    """`ids` for a `pk__in=` filter, sent as one parameter that the database reads as a set (SQLite with
    json_each, PostgreSQL as an array): a thousand text matches cost one value to send, not a thousand
    parameters that Django prepares one by one."""
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(ids))])
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])
    return list(ids)


def facet_conditions(criteria, available=None):
    """The conditions of the criteria's facets and availability. `available`: who can take a request now
    (`can_take_requests()`), when the caller has it already."""
    conditions = [Q(**{FACET_VALUES[name]: criteria[name]}) for name in FACETS if criteria.get(name)]
    if criteria.get("availability", ACCEPTING) == ACCEPTING:
        conditions.append(can_take_requests() if available is None else available)
    return conditions


def apply_facets(mentors, criteria, available=None):
    """The mentors meeting the criteria's facets and availability (each relation joined once: a mentor with
    several themes is found by any of them)."""
    return mentors.filter(*facet_conditions(criteria, available))


def unavailable_last(available=None):
    """False for the mentors who can take a request now, True for the others: an order for SQL."""
    return Case(When(can_take_requests() if available is None else available, then=Value(False)), default=Value(True))


def in_order(mentors, sort, ranked=None, query="", available=None):
    """Ids of `mentors` in the chosen order (see the module's docstring). `ranked`: the ids, best text
    match first, when there are keywords (`query`)."""
    if sort == RECENT:
        return distinct_ids(mentors.order_by("-updated_at", "full_name", "pk"))
    if ranked is None:
        return distinct_ids(mentors.order_by(unavailable_last(available), "full_name", "pk"))
    if sort == AVAILABILITY:
        group = dict(mentors.annotate(group=unavailable_last(available)).values_list("pk", "group"))
    else:
        group = dict.fromkeys(mentors.values_list("pk", flat=True), False)
    # Only the text matches meeting the other criteria are scored: a mentor's relevance is its own, so
    # scoring fewer changes no one's place.
    kept = [pk for pk in ranked if pk in group]
    return sorted(order_by_relevance(kept, query) if kept else [], key=group.get)


def distinct_ids(mentors):
    return list(mentors.values_list("pk", flat=True).distinct())


def text_matches(query):
    """Ids of public profiles matching every word of the query, best first."""
    return ranked_ids(MentorProfile.objects.public(), [query], operator="and", limit=MAX_TEXT_MATCHES, variants=True)


def public_mentors(text_ids=None):
    """Published mentors; only the keywords' matches when there are keywords (`text_ids`)."""
    public = MentorProfile.objects.public()
    return public if text_ids is None else public.filter(pk__in=id_set(text_ids))


def matching(criteria, text_ids=None, available=None):
    """The mentors meeting all criteria (a queryset) and their ids in the chosen order. `text_ids`: the
    keywords' matches (`text_matches`), when the caller has them already; `available`: who can take a
    request now (`can_take_requests()`)."""
    available = can_take_requests() if available is None else available
    sort = criteria.get("sort") or default_sort(criteria)
    if not criteria.get("q"):
        mentors = apply_facets(public_mentors(), criteria, available)
        return mentors, in_order(mentors, sort, available=available)
    ranked = text_ids if text_ids is not None else text_matches(criteria["q"])
    mentors = apply_facets(public_mentors(ranked), criteria, available)
    return mentors, in_order(mentors, sort, ranked, criteria["q"], available)


def matching_ids(criteria):
    return matching(criteria)[1]


RELAXED = "relaxed"  # the group of a count row telling what dropping a criterion brings back
RELAXATION_LABELS = {
    "q": _("without the words “%(value)s”"),
    "theme": _("without the theme filter"),
    "model": _("without the mentoring model filter"),
    "actor_type": _("without the actor type filter"),
    "language": _("without the language filter"),
    "region": _("without the region filter"),
}


def without(criteria, name):
    return {key: value for key, value in criteria.items() if key != name}


# The facets a mentor may have several values of: the table linking mentors to the values, its fields naming
# the mentor and the value, and the value's field that criteria name.
LINKS = {
    "theme": (MentorTheme, "content_object", "tag", "slug"),
    "model": (MentorProfile.mentoring_models.through, "mentorprofile", "mentoringmodel", "code"),
    "language": (MentorProfile.languages.through, "mentorprofile", "language", "code"),
}


def has_value(name, value):
    """The condition "the mentor has this value of the facet", as one column of the mentor's row: a subquery
    for the facets a mentor may have several values of (a join would repeat the mentor)."""
    if name not in LINKS:
        return Q(**{FACET_VALUES[name]: value})
    link, mentor, target, field_name = LINKS[name]
    return Q(pk__in=link.objects.filter(**{f"{target}__{field_name}": value}).values(mentor))


def column(model, field_name="pk"):
    field = model._meta.pk if field_name == "pk" else model._meta.get_field(field_name)
    return connection.ops.quote_name(field.column)


def table(model):
    return connection.ops.quote_name(model._meta.db_table)


def values_sql(name):
    """How the counting statement reads a facet's values: (joins from a mentor's row in `base`, the value's
    column, whether a mentor may have several values)."""
    if name == "region":
        return "", f"base.{column(MentorProfile, 'region')}", False
    if name == "actor_type":
        actor_type = MentorProfile._meta.get_field("actor_type").related_model
        joins = f"JOIN {table(actor_type)} AS target ON target.{column(actor_type)} = base.actor_type_id"
        return joins, f"target.{column(actor_type, 'code')}", False
    link, mentor, target, field_name = LINKS[name]
    model = link._meta.get_field(target).related_model
    joins = (
        f"LEFT JOIN {table(link)} AS link ON link.{column(link, mentor)} = base.id "
        f"LEFT JOIN {table(model)} AS target ON target.{column(model)} = link.{column(link, target)}"
    )
    return joins, f"target.{column(model, field_name)}", True


def counts(criteria, text_ids=None, available=None, *, relaxed=False):
    """Facet counts (`facet_counts`) and, with `relaxed`, the counts of `relaxations` ({criterion dropped:
    mentors}), from one SQL statement. `text_ids`: the keywords' matches; `available`: who can take a
    request now.

    The statement: `base`, the public mentors (the keywords' matches only, if any) with a flag per criterion
    chosen; then, UNION ALL, for each facet, its values counted over the mentors of `base` flagged for every
    other criterion; with `relaxed`, for each criterion, the mentors of `base` flagged for all the others, and
    the mentors meeting every criterion but the keywords (outside `base`: a subquery of its own)."""
    if criteria.get("q") and text_ids is None:
        text_ids = text_matches(criteria["q"])
    available = can_take_requests() if available is None else available
    chosen = [name for name in FACETS if criteria.get(name)]
    flags = {name: has_value(name, criteria[name]) for name in chosen}
    if criteria.get("availability", ACCEPTING) == ACCEPTING:
        flags["availability"] = available
    base = public_mentors(text_ids if criteria.get("q") else None)
    if not criteria.get("q") and len(chosen) >= 2:
        # Every count is over mentors meeting all the criteria but one at most: with two facets chosen or more,
        # they have one value or the other (the keywords' matches are few enough as they are).
        base = base.filter(flags[chosen[0]] | flags[chosen[1]])
    columns = {f"flag_{name}": ExpressionWrapper(condition, BooleanField()) for name, condition in flags.items()}
    base = base.annotate(**columns).order_by().values("id", "actor_type_id", "region", *columns)
    base_sql, params = base.query.sql_with_params()

    def where(left_out):
        kept = [f"base.flag_{name}" for name in flags if name != left_out]
        return f"WHERE {' AND '.join(kept)}" if kept else ""

    # Formatted in: names of this module's (facets, criteria) and of the models' tables and columns; the
    # criteria's values are parameters.
    arms = []
    for name in FACETS:
        joins, value, several = values_sql(name)
        number = "COUNT(DISTINCT base.id)" if several else "COUNT(*)"
        arms.append(f"SELECT '{name}', {value}, {number} FROM base {joins} {where(name)} GROUP BY {value}")  # noqa: S608
    if relaxed:
        arms += [f"SELECT '{RELAXED}', '{name}', COUNT(*) FROM base {where(name)}" for name in flags]  # noqa: S608
        if criteria.get("q"):
            everywhere = apply_facets(public_mentors(), without(criteria, "q"), available).order_by().values("pk")
            sql, everywhere_params = everywhere.distinct().query.sql_with_params()
            arms.append(f"SELECT '{RELAXED}', 'q', COUNT(*) FROM ({sql}) AS everywhere")  # noqa: S608
            params = (*params, *everywhere_params)
    by_group = {name: {} for name in [*FACETS, RELAXED]}
    with connection.cursor() as cursor:
        cursor.execute(f"WITH base AS ({base_sql}) {' UNION ALL '.join(arms)}", params)
        for group, value, number in cursor.fetchall():
            by_group[group][value] = number
    return {name: by_group[name] for name in FACETS}, by_group[RELAXED]


def facet_counts(criteria, text_ids=None, available=None):
    """For each facet, how many mentors each of its values gives with the other criteria kept (its own
    left out: choosing another value replaces it). `text_ids`: the keywords' matches."""
    return counts(criteria, text_ids, available)[0]


def relaxations(criteria, text_ids=None, available=None, *, counted=None):
    """For an empty result: how many mentors each criterion, dropped alone, would bring back. `text_ids`: the
    keywords' matches, when the caller has them already (every relaxation but the one dropping them keeps them);
    `counted`: the counts (`counts(..., relaxed=True)[1]`), when the caller has them already."""
    if counted is None:
        counted = counts(criteria, text_ids, available, relaxed=True)[1]
    suggestions = []
    for name, label in RELAXATION_LABELS.items():
        if criteria.get(name) and counted.get(name):
            suggestions.append(
                Relaxation(label % {"value": criteria[name]}, to_query_string(without(criteria, name)), counted[name])
            )
    if counted.get("availability"):
        relaxed = {**criteria, "availability": EVERYONE}
        suggestions.append(
            Relaxation(
                _("including mentors not available right now"), to_query_string(relaxed), counted["availability"]
            )
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
    available = can_take_requests()
    _matched, ids = matching(criteria, text_ids, available)
    page = Paginator(ids, PAGE_SIZE).get_page(page_number)
    by_id = MentorProfile.objects.for_listing().in_bulk(list(page.object_list))
    page.object_list = [by_id[pk] for pk in page.object_list]
    facets, relaxed = counts(criteria, text_ids, available, relaxed=not ids)
    result = DirectoryResult(page=page, total=len(ids), counts=facets)
    if not ids:
        result.relaxations = relaxations(criteria, counted=relaxed)
        result.popular_themes = [
            ThemeLink(name, to_query_string({"theme": slug, "sort": criteria.get("sort")}))
            for name, slug in popular_themes()
        ]
    return result
