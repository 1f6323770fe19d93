"""The public side of the figures: « Le programme en chiffres » and its open data, from the latest release."""

import json

from django.apps import apps
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from portal.pagecache import FIGURES, cacheable
from portal.pilotage import charts, opendata

# A release changes once a day: browsers and proxies may keep a data file for an hour, then ask whether it
# changed (Last-Modified). The page is served from the page cache (portal/pagecache/) until the next release.
MAX_AGE = 3600


def release_time(request, *args, **kwargs):
    return opendata.latest().made_at


def cached(view):
    view = condition(last_modified_func=release_time)(view)

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response["Cache-Control"] = f"public, max-age={MAX_AGE}"
        return response

    return wrapped


def table_or_404(name):
    table = next((table for table in opendata.tables_of(opendata.latest()) if table.name == name), None)
    if table is None:
        raise Http404
    return table


@cacheable(FIGURES)
def figures_page(request):
    release = opendata.latest()
    tables = {table.name: table for table in opendata.tables_of(release)}
    return TemplateResponse(
        request,
        "pilotage/figures.html",
        {
            "release": release,
            "producer": producer_of(request),
            "licence_url": opendata.LICENCE["path"],
            "standard_url": opendata.STANDARD,
            "all_tables": tables.values(),
            "key": tables["chiffres-cles"],
            "key_figures": key_figures(tables["chiffres-cles"]),
            "monthly": tables["activite-mensuelle"],
            "themes": tables["themes"],
            "models": tables["modeles"],
            "satisfaction": tables["satisfaction"],
            "charts": public_charts(tables),
            "has_activity": any(any(row[2:]) for row in tables["activite-mensuelle"].rows),
        },
    )


def key_figures(table):
    """(label, value, unit) of each key figure, labelled in the reader's language."""
    values = {row[0]: row[2] for row in table.rows}
    return [(label, values.get(code), unit) for code, label, unit in opendata.KEY_FIGURES]


def producer_of(request):
    return apps.get_model("home", "SiteSettings").for_request(request).organisation_name


def public_charts(tables):
    monthly = tables["activite-mensuelle"]
    return {
        "monthly": charts.column_chart(
            str(monthly.title),
            [period_label(row) for row in monthly.rows],
            [(str(column.title), monthly.column(column.name)) for column in monthly.columns[2:]],
            chart_id="chart-monthly",
        ),
        "themes": charts.bar_chart(
            _("Requests per theme"),
            [(row[0], row[1]) for row in tables["themes"].rows],
            chart_id="chart-themes",
        ),
        "satisfaction": charts.bar_chart(
            str(tables["satisfaction"].title),
            [(fit_label(row), row[2]) for row in tables["satisfaction"].rows],
            chart_id="chart-satisfaction",
        ),
    }


def fit_label(row):
    return (
        _("Fit %(fit)s") % {"fit": row[0]}
        if row[0] == row[1]
        else _("Fit %(low)s to %(high)s") % {"low": row[0], "high": row[1]}
    )


def period_label(row):
    return row[0] if row[0] == row[1] else f"{row[0]} – {row[1]}"


@cached
def datapackage_json(request):
    producer = producer_of(request)
    homepage = request.build_absolute_uri(reverse("pilotage:figures"))
    with translation.override("fr"):
        descriptor = opendata.datapackage(opendata.latest(), producer=producer, homepage=homepage)
    return JsonResponse(descriptor, json_dumps_params={"ensure_ascii": False, "indent": 2})


@cached
def table_csv(request, name):
    response = HttpResponse(opendata.as_csv(table_or_404(name)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.csv"'
    return response


@cached
def table_json(request, name):
    body = json.dumps(opendata.as_records(table_or_404(name)), ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/json")
