"""« Le programme en chiffres »: the figures published for everyone, as a page and as open data.

`build()` counts the whole history with figures.py and passes every table through anonymity.py;
`publish()` stores the result (a Release) for the page and the downloads to serve until the next run of
`manage.py publish_figures` (daily, from cron). The downloads are a Frictionless Data Package (v2): one CSV
and one JSON file per table, described by `datapackage.json` with typed fields, units, the licence (Licence
Ouverte 2.0) and the producer and date reusers must cite.
"""

import csv
import dataclasses
import io

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.contributions.models import ChallengeProposal, NeedsSurveyResponse
from portal.mentors.models import MentorProfile, MentorStatus
from portal.mentorships.models import MentorRequest, Role
from portal.pagecache import FIGURES, purge
from portal.pilotage import anonymity, figures
from portal.pilotage.figures import Column, Table
from portal.pilotage.models import Release
from portal.taxonomy.models import MentoringModel

STANDARD = "https://datapackage.org/"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
TABLE_SCHEMA = "https://datapackage.org/profiles/2.0/tableschema.json"
LICENCE = {
    "name": "etalab-2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "title": "Licence Ouverte / Open Licence version 2.0",
}
PACKAGE_NAME = "mentorat-fabmob-en-chiffres"


def history_scope(today):
    """From the first record the public tables count (a request, a proposal, a survey answer) to today."""
    firsts = [
        model.objects.order_by("created_at").values_list("created_at", flat=True).first()
        for model in (MentorRequest, ChallengeProposal, NeedsSurveyResponse)
    ]
    start = min((timezone.localtime(first).date() for first in firsts if first), default=today)
    return figures.Scope(start=start, end=today)


def build(today=None):
    """Every public table of the whole history, anonymised: a list of Tables."""
    today = today or timezone.localdate()
    scope = history_scope(today)
    rows = {
        "chiffres-cles": key_figures(scope),
        "activite-mensuelle": monthly_activity(scope),
        "themes": themes(scope),
        "modeles": models_table(scope),
        "satisfaction": satisfaction(scope),
    }
    return [dataclasses.replace(layout, rows=rows[layout.name]) for layout in LAYOUT]


def tables_of(release):
    """A stored release's tables, titled in the active language."""
    return [
        dataclasses.replace(layout, rows=[tuple(row) for row in release.rows.get(layout.name, [])]) for layout in LAYOUT
    ]


def key_figures(scope):
    funnel = figures.request_funnel(scope)
    times = figures.answer_times(scope)
    requesters = figures.satisfaction(scope)["by_role"][Role.REQUESTER]
    published = MentorProfile.objects.filter(status=MentorStatus.PUBLISHED).count()
    rate = funnel["match_rate"]

    def days(hours):
        return None if hours is None else round(hours / 24, 1)

    values = {
        "mentors_publies": anonymity.count(published),
        "demandes_envoyees": anonymity.count(funnel["sent"]),
        "demandes_acceptees": anonymity.count(funnel["accepted"]),
        "accompagnements_termines": anonymity.count(funnel["completed"]),
        "taux_appariement": anonymity.derived(None if rate is None else round(100 * rate, 1), funnel["sent"]),
        "delai_reponse_median": anonymity.derived(days(times["median_hours"]), times["answered"]),
        "delai_reponse_p90": anonymity.derived(days(times["p90_hours"]), times["answered"]),
        "adequation_moyenne": anonymity.derived(
            None if requesters["mean"] is None else round(requesters["mean"], 2), requesters["answers"]
        ),
    }
    return [(code, str(label), values[code], str(unit)) for code, label, unit in KEY_FIGURES]


KEY_FIGURES = [
    ("mentors_publies", gettext_lazy("Mentors with a public profile today"), gettext_lazy("mentors")),
    ("demandes_envoyees", gettext_lazy("Requests sent to a mentor"), gettext_lazy("requests")),
    ("demandes_acceptees", gettext_lazy("Requests accepted"), gettext_lazy("requests")),
    ("accompagnements_termines", gettext_lazy("Mentorships completed"), gettext_lazy("mentorships")),
    ("taux_appariement", gettext_lazy("Share of requests accepted"), "%"),
    ("delai_reponse_median", gettext_lazy("Median time to answer"), gettext_lazy("days")),
    ("delai_reponse_p90", gettext_lazy("Time within which 9 answers in 10 came"), gettext_lazy("days")),
    ("adequation_moyenne", gettext_lazy("Mean fit given by the people mentored"), gettext_lazy("out of 4")),
]
MONTH_COUNTS = ("demandes_envoyees", "demandes_acceptees", "accompagnements_termines")
THEME_COUNTS = ("demandes", "propositions", "reponses_enquete", "mentors_disponibles")
MODEL_COUNTS = ("demandes_envoyees", "demandes_acceptees", "accompagnements_termines")


def monthly_activity(scope):
    rows = [
        {
            "debut": month.strftime("%Y-%m"),
            "fin": month.strftime("%Y-%m"),
            "demandes_envoyees": counts["sent"],
            "demandes_acceptees": counts["accepted"],
            "accompagnements_termines": counts["completed"],
        }
        for month, counts in figures.monthly(scope)
    ]
    periods = anonymity.merge_periods(rows, MONTH_COUNTS, start="debut", end="fin")
    return [tuple(period[name] for name in ("debut", "fin", *MONTH_COUNTS)) for period in periods]


def themes(scope):
    rows = [
        {
            "theme": row["theme"].name,
            "demandes": row["requests"],
            "propositions": row["proposals"],
            "reponses_enquete": row["survey"],
            "mentors_disponibles": row["mentors"],
        }
        for row in figures.theme_demand(scope)
    ]
    # Themes overlap (a request counts under each theme of its challenge, a mentor under each of theirs): no
    # published total is their sum, so a small cell is left empty rather than merged.
    published = [anonymity.suppress_small(row, THEME_COUNTS) for row in rows]
    for row in published:
        counts = [row[name] for name in THEME_COUNTS]
        row["ecart"] = None if None in counts else sum(counts[:3]) - counts[3]
    published = [row for row in published if any(row[name] for name in THEME_COUNTS)]
    published.sort(key=lambda row: (row["ecart"] is None, -(row["ecart"] or 0), row["theme"]))
    return [tuple(row[name] for name in ("theme", *THEME_COUNTS, "ecart")) for row in published]


def models_table(scope):
    requests = scope.requests()
    groups = [(model.label, requests.filter(mentoring_model=model)) for model in MentoringModel.objects.order_by("pk")]
    groups.append((_("No preference"), requests.filter(mentoring_model__isnull=True)))
    rows = []
    for label, of_model in groups:
        funnel = figures.funnel_of(of_model)
        counts = (funnel["sent"], funnel["accepted"], funnel["completed"])
        if any(counts):
            rows.append({"modele": str(label), **dict(zip(MODEL_COUNTS, counts, strict=True))})
    merged = anonymity.merge_categories(rows, MODEL_COUNTS, label="modele", other=_("Other models"))
    return [tuple(row[name] for name in ("modele", *MODEL_COUNTS)) for row in merged]


def satisfaction(scope):
    rows = [{"de": fit, "a": fit, "avis": answers} for fit, answers in figures.satisfaction(scope)["distribution"]]
    levels = anonymity.merge_periods(rows, ("avis",), start="de", end="a")
    return [(level["de"], level["a"], level["avis"]) for level in levels]


LAYOUT = [
    Table(
        name="chiffres-cles",
        title=gettext_lazy("Key figures"),
        description=gettext_lazy("The programme's main figures since it started."),
        columns=[
            Column("indicateur", gettext_lazy("Indicator code"), "string"),
            Column("libelle", gettext_lazy("Indicator"), "string"),
            Column(
                "valeur",
                gettext_lazy("Value"),
                "number",
                description=gettext_lazy("Empty when too few records stand behind it."),
            ),
            Column("unite", gettext_lazy("Unit"), "string"),
        ],
    ),
    Table(
        name="activite-mensuelle",
        title=gettext_lazy("Activity month by month"),
        description=gettext_lazy(
            "Requests by the month they were sent; accepted and completed count the requests of that month that "
            "reached that stage. Months with few requests are merged with the next."
        ),
        columns=[
            Column("debut", gettext_lazy("First month"), "yearmonth"),
            Column("fin", gettext_lazy("Last month"), "yearmonth"),
            Column("demandes_envoyees", gettext_lazy("Requests sent"), unit=gettext_lazy("requests")),
            Column("demandes_acceptees", gettext_lazy("Requests accepted"), unit=gettext_lazy("requests")),
            Column("accompagnements_termines", gettext_lazy("Mentorships completed"), unit=gettext_lazy("mentorships")),
        ],
    ),
    Table(
        name="themes",
        title=gettext_lazy("Demand and mentors per theme"),
        description=gettext_lazy(
            "Per theme: requests through a challenge of that theme, challenge proposals and needs-survey "
            "answers, against the mentors who can take a request today; the gap is the demand minus the "
            "mentors. A count from 1 to 4 is left empty, and so is the gap it would reveal."
        ),
        columns=[
            Column("theme", gettext_lazy("Theme"), "string"),
            Column("demandes", gettext_lazy("Requests"), unit=gettext_lazy("requests")),
            Column("propositions", gettext_lazy("Challenge proposals"), unit=gettext_lazy("proposals")),
            Column("reponses_enquete", gettext_lazy("Needs-survey answers"), unit=gettext_lazy("answers")),
            Column("mentors_disponibles", gettext_lazy("Mentors available"), unit=gettext_lazy("mentors")),
            Column(
                "ecart", gettext_lazy("Gap"), description=gettext_lazy("Demand minus mentors available."), counts=False
            ),
        ],
    ),
    Table(
        name="modeles",
        title=gettext_lazy("Requests per mentoring model"),
        description=gettext_lazy("Requests by the mentoring model the requester preferred."),
        columns=[
            Column("modele", gettext_lazy("Mentoring model"), "string"),
            Column("demandes_envoyees", gettext_lazy("Requests sent"), unit=gettext_lazy("requests")),
            Column("demandes_acceptees", gettext_lazy("Requests accepted"), unit=gettext_lazy("requests")),
            Column("accompagnements_termines", gettext_lazy("Mentorships completed"), unit=gettext_lazy("mentorships")),
        ],
    ),
    Table(
        name="satisfaction",
        title=gettext_lazy("How well mentor and mentee fitted"),
        description=gettext_lazy(
            "Feedback at the end of a mentorship, from both sides: how many gave each fit, from 1 (not a good "
            "fit) to 4 (an excellent fit). Levels with few answers are merged with the next."
        ),
        columns=[
            Column("de", gettext_lazy("From fit"), unit=gettext_lazy("out of 4"), counts=False),
            Column("a", gettext_lazy("To fit"), unit=gettext_lazy("out of 4"), counts=False),
            Column("avis", gettext_lazy("Answers"), unit=gettext_lazy("answers")),
        ],
    ),
]


# Files


def as_csv(table):
    """RFC 4180 CSV in UTF-8, comma-separated, a header of field names: what open-data tools read."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    writer.writerows([["" if value is None else value for value in row] for row in table.rows])
    return out.getvalue()


def as_records(table):
    return [dict(zip([column.name for column in table.columns], row, strict=True)) for row in table.rows]


def field(column):
    described = {"name": column.name, "title": str(column.title), "type": column.type}
    if column.description:
        described["description"] = str(column.description)
    if column.unit:
        described["unit"] = str(column.unit)
    if column.type == "integer" and column.counts:
        described["constraints"] = {"minimum": 0}
    return described


def datapackage(release, *, producer, homepage):
    """The Data Package v2 descriptor of a release: every table as a CSV resource with its schema."""
    return {
        "$schema": PROFILE,
        "name": PACKAGE_NAME,
        "id": homepage,
        "title": _("The mentoring programme in figures"),
        "description": _(
            "Anonymised figures of La Fabrique des Mobilités' mentoring programme: no personal data; every count "
            "from 1 to 4 is merged with others or left empty so that no one can be singled out."
        ),
        "homepage": homepage,
        "version": release.made_at.strftime("%Y.%m.%d"),
        "created": release.made_at.isoformat(timespec="seconds"),
        "licenses": [LICENCE],
        "contributors": [{"title": producer, "roles": ["producer", "publisher"], "path": homepage}],
        "keywords": ["mentorat", "mobilités", "communs"],
        "resources": [
            {
                "$schema": RESOURCE_PROFILE,
                "name": table.name,
                "type": "table",
                "path": f"{table.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": str(table.title),
                "description": str(table.description),
                "licenses": [LICENCE],
                "schema": {
                    "$schema": TABLE_SCHEMA,
                    "fields": [field(column) for column in table.columns],
                    "missingValues": [""],
                },
            }
            for table in tables_of(release)
        ],
    }


@transaction.atomic
def publish(today=None):
    """Count, anonymise and store a new release; only the latest one is kept. The data is written in the
    site's language (French): labels in the rows are data, like the names of themes."""
    with translation.override(settings.LANGUAGE_CODE):
        tables = build(today)
    release = Release.objects.create(made_at=timezone.now(), rows={table.name: table.rows for table in tables})
    Release.objects.exclude(pk=release.pk).delete()
    purge(FIGURES)
    return release


def latest():
    """The release to show: the latest, or the first one now on a site where cron has not run yet."""
    return Release.objects.order_by("-made_at").first() or publish()
