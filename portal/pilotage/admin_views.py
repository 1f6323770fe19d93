"""« Pilotage »: the programme team's dashboard, for a period, a mentoring model and an iteration, with each
table exported as CSV or XLSX."""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from portal.pilotage import charts, dashboard, figures
from portal.programmes.models import IterationPage
from portal.taxonomy.models import MentoringModel, Theme

PERMISSION = "pilotage.view_release"
LONGEST_PERIOD = timedelta(days=3 * 366)


class ScopeForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    model = forms.ModelChoiceField(
        label=_("Mentoring model"), queryset=MentoringModel.objects.order_by("pk"), required=False, empty_label=_("All")
    )
    iteration = forms.ModelChoiceField(
        label=_("Iteration"),
        queryset=IterationPage.objects.order_by("-starts_on", "title"),
        required=False,
        empty_label=_("None"),
        help_text=_("Choosing an iteration shows its cohort, with its model and its dates."),
    )

    @classmethod
    def default_initial(cls, today):
        return {"start": today - timedelta(days=365), "end": today}

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        earliest, latest = date(2000, 1, 1), timezone.localdate() + timedelta(days=5 * 366)
        for name in ("start", "end"):
            if data.get(name) and not earliest <= data[name] <= latest:
                self.add_error(name, _("Choose a date between 2000 and five years from now."))
                return data
        if start and end and start > end:
            raise forms.ValidationError(_("The period must start before it ends."))
        if start and end and end - start > LONGEST_PERIOD:
            raise forms.ValidationError(_("Choose a period of three years at most."))
        return data

    def scope(self):
        data = self.cleaned_data
        iteration = data["iteration"]
        if iteration:
            return figures.Scope(
                start=iteration.applications_open_on,
                end=max(iteration.ends_on, iteration.applications_open_on),
                model=iteration.mentoring_model,
                iteration=iteration,
            )
        return figures.Scope(start=data["start"], end=data["end"], model=data["model"])


class DashboardView(View):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        today = timezone.localdate()
        given = {key: value for key, value in request.GET.items() if key in ScopeForm.base_fields}
        form = ScopeForm({**{k: v.isoformat() for k, v in ScopeForm.default_initial(today).items()}, **given})
        scope = form.scope() if form.is_valid() else figures.Scope(**ScopeForm.default_initial(today))
        built = dashboard.build(scope)
        export = request.GET.get("export")
        if export:
            return export_table(built, request.GET.get("table"), export)
        return TemplateResponse(
            request,
            "pilotage/admin/dashboard.html",
            {
                "form": form,
                "dashboard": built,
                "tables": built.tables,
                "charts": dashboard_charts(built),
                "query": request.GET.urlencode(),
                "invite_themes": invite_links(built.tables["themes"]),
            },
        )


def invite_links(table):
    """The themes short of mentors (a positive gap), by name, with their slug for the call for mentors."""
    slugs = dict(Theme.objects.values_list("name", "slug"))
    gap = table.index("ecart")
    return {row[0]: slugs.get(row[0]) for row in table.rows if row[gap] > 0}


def dashboard_charts(built):
    monthly = built.tables["mois"]
    return {
        "funnel": charts.funnel_chart(
            str(built.tables["entonnoir"].title), built.tables["entonnoir"].rows[3:], chart_id="chart-funnel"
        ),
        "monthly": charts.column_chart(
            str(monthly.title),
            [month.strftime("%m/%Y") for month in monthly.column("mois")],
            [(str(column.title), monthly.column(column.name)) for column in monthly.columns[1:]],
            chart_id="chart-monthly",
        ),
        "satisfaction": charts.bar_chart(
            str(built.tables["adequation"].title),
            [(f"{fit} / 4", answers) for fit, answers in built.tables["adequation"].rows],
            chart_id="chart-fit",
        ),
        "themes": charts.bar_chart(
            str(built.tables["themes"].title),
            [(row[0], row[5]) for row in built.tables["themes"].rows[:12]],
            chart_id="chart-gap",
        ),
    }


class TableExport(SpreadsheetExportMixin):
    """One dashboard table through the admin's export rules (portal/spreadsheets.py)."""

    def __init__(self, table, scope):
        self.table = table
        self.scope = scope
        self.list_export = [column.name for column in table.columns]
        self.export_headings = {column.name: str(column.title) for column in table.columns}

    def get_filename(self):
        return f"pilotage-{self.table.name}-{self.scope.start:%Y-%m-%d}-{self.scope.end:%Y-%m-%d}"

    def get_heading(self, queryset, field):
        return self.export_headings[field]

    def to_row_dict(self, item):
        return dict(zip(self.list_export, item, strict=True))


def export_table(built, name, export_format):
    table = built.tables.get(name)
    if table is None or export_format not in SpreadsheetExportMixin.FORMATS:
        raise Http404
    return TableExport(table, built.scope).as_spreadsheet(table.rows, export_format)
