"""The editors' dashboard (« Pilotage »): figures.py's counts for one scope, laid out along the stages of a
programme, every list as a Table the page shows and exports (CSV, XLSX). Unlike the public figures, nothing
is merged: the team sees the real counts and the mentorships behind them."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from portal.pilotage import figures
from portal.pilotage.figures import Column, Table


@dataclass
class Dashboard:
    scope: figures.Scope
    mentor_funnel: dict
    request_funnel: dict
    whose_move: dict
    answer_times: dict
    monitoring: dict
    utilisation: dict
    satisfaction: dict
    iteration_funnel: dict = None
    tables: dict = field(default_factory=dict)  # name -> Table


def build(scope, now=None):
    now = now or timezone.now()
    mentor_funnel = figures.mentor_funnel(scope)
    request_funnel = figures.request_funnel(scope)
    whose_move = figures.whose_move(scope)
    satisfaction = figures.satisfaction(scope)
    quiet = figures.quiet_mentorships(scope, now)
    early = figures.early_endings(scope)
    dashboard = Dashboard(
        scope=scope,
        mentor_funnel=mentor_funnel,
        request_funnel=request_funnel,
        whose_move=whose_move,
        answer_times=figures.answer_times(scope),
        monitoring={
            **figures.monitoring_counts(scope),
            "quiet": len(quiet),
            "ended_early": len(early),
        },
        utilisation=figures.utilisation(scope),
        satisfaction=satisfaction,
        iteration_funnel=figures.iteration_funnel(scope.iteration) if scope.iteration else None,
    )
    tables = [
        funnel_table(mentor_funnel, request_funnel),
        monthly_table(scope),
        whose_move_table(whose_move),
        quiet_table(quiet),
        early_table(early),
        idle_table(figures.idle_mentors(scope, now)),
        satisfaction_table(satisfaction),
        themes_table(figures.theme_demand(scope)),
    ]
    if scope.iteration:
        tables.append(iteration_table(dashboard.iteration_funnel))
    dashboard.tables = {table.name: table for table in tables}
    return dashboard


def stages_table(name, title, description, rows):
    """A funnel: each stage and how many reached it."""
    return Table(
        name=name,
        title=title,
        description=description,
        columns=[Column("etape", _("Stage"), "string"), Column("nombre", _("Number"))],
        rows=[(str(stage), number) for stage, number in rows],
    )


def funnel_table(mentors, requests):
    return stages_table(
        "entonnoir",
        _("From applications to mentorships"),
        _("Mentors who applied in the period, and the requests sent in the period, stage by stage."),
        [
            (_("Mentor applications"), mentors["applied"]),
            (_("Mentors approved"), mentors["approved"]),
            (_("Mentors available today"), mentors["available"]),
            (_("Requests sent"), requests["sent"]),
            (_("Requests accepted"), requests["accepted"]),
            (_("Mentorships completed"), requests["completed"]),
        ],
    )


def monthly_table(scope):
    return Table(
        name="mois",
        title=_("Month by month"),
        description=_("Mentor applications and requests by the month they were sent, and how far those requests went."),
        columns=[
            Column("mois", _("Month"), "yearmonth"),
            Column("candidatures", _("Mentor applications")),
            Column("demandes", _("Requests sent")),
            Column("acceptees", _("Requests accepted")),
            Column("terminees", _("Mentorships completed")),
        ],
        rows=[
            (month, counts["applied"], counts["sent"], counts["accepted"], counts["completed"])
            for month, counts in figures.monthly(scope)
        ],
    )


def whose_move_table(moves):
    return Table(
        name="en_attente",
        title=_("Requests waiting, by whose move it is"),
        description=_(
            "The mentor's: no answer yet. The team's: the mentor was reminded and still says nothing. The "
            "requester's: declined, expired or mentor unavailable, and no new request since."
        ),
        columns=[Column("qui", _("Whose move"), "string"), Column("demandes", _("Requests"))],
        rows=[
            (str(_("The mentor")), moves["mentor"]),
            (str(_("The programme team")), moves["team"]),
            (str(_("The requester")), moves["requester"]),
        ],
    )


def quiet_table(quiet):
    return Table(
        name="sans_nouvelles",
        title=_("Mentorships with no news for 30 days"),
        description=_("Under way, with no event and no feedback for 30 days: worth a call."),
        columns=[
            Column("demande", _("Request no."), "integer"),
            Column("defi", _("Challenge"), "string"),
            Column("mentor", _("Mentor"), "string"),
            Column("acceptee_le", _("Accepted on"), "date"),
            Column("dernieres_nouvelles", _("Last news"), "date"),
        ],
        rows=[
            (
                link_to(request),
                challenge_of(request),
                mentor_of(request),
                local_date(request.answered_at),
                local_date(news),
            )
            for request, news in quiet
        ],
    )


def early_table(early):
    return Table(
        name="fins_anticipees",
        title=_("Mentorships that ended early"),
        description=_("Completed less than 30 days after they were accepted, with the note left when they ended."),
        columns=[
            Column("demande", _("Request no."), "integer"),
            Column("defi", _("Challenge"), "string"),
            Column("mentor", _("Mentor"), "string"),
            Column("jours", _("Days"), unit=_("days")),
            Column("par", _("Ended by"), "string"),
            Column("raison", _("Reason"), "string"),
        ],
        rows=[
            (
                link_to(request),
                challenge_of(request),
                mentor_of(request),
                days,
                str(event.get_role_display()) if event else "",
                event.note if event else "",
            )
            for request, days, event in early
        ],
    )


def idle_table(mentors):
    return Table(
        name="mentors_sans_demande",
        title=_("Mentors with no request for 60 days"),
        description=_("Published and accepting requests, neither asked nor busy for 60 days."),
        columns=[
            Column("mentor", _("Mentor"), "string"),
            Column("publie_le", _("Published on"), "date"),
            Column("derniere_demande", _("Last request"), "date"),
            Column("capacite", _("Capacity")),
        ],
        rows=[
            (mentor.full_name, local_date(mentor.first_published_at), local_date(mentor.last_asked), mentor.capacity)
            for mentor in mentors
        ],
    )


def satisfaction_table(satisfaction):
    return Table(
        name="adequation",
        title=_("Fit, as mentors and mentees judged it"),
        description=_("Feedback on the mentorships of the period, from both sides, from 1 to 4."),
        columns=[Column("adequation", _("Fit"), unit=_("out of 4")), Column("avis", _("Answers"))],
        rows=list(satisfaction["distribution"]),
    )


def themes_table(rows):
    return Table(
        name="themes",
        title=_("Where mentors are missing"),
        description=_(
            "Demand per theme in the period (requests through a challenge of the theme, challenge proposals, "
            "needs-survey answers) against the mentors of the theme who can take a request today, largest gap "
            "first."
        ),
        columns=[
            Column("theme", _("Theme"), "string"),
            Column("demandes", _("Requests")),
            Column("propositions", _("Challenge proposals")),
            Column("enquete", _("Needs-survey answers")),
            Column("mentors", _("Mentors available")),
            Column("ecart", _("Gap")),
        ],
        rows=[
            (row["theme"].name, row["requests"], row["proposals"], row["survey"], row["mentors"], row["gap"])
            for row in rows
        ],
    )


def iteration_table(funnel):
    return stages_table(
        "promotion",
        _("The iteration's cohort"),
        _("Applications to the iteration, then its pairs."),
        [
            (_("Applications"), funnel["applications"]),
            (_("Applications accepted"), funnel["accepted"]),
            (_("Paired"), funnel["paired"]),
            (_("Pairs under way"), funnel["live"]),
            (_("Pairs ended"), funnel["ended"]),
            (_("Pairs declined"), funnel["declined"]),
        ],
    )


class RequestNumber(int):
    """A request's number: a number in an export, a link to the request in the admin's page."""

    def __html__(self):
        url = reverse("mentorships_mentorrequest_modeladmin_inspect", args=[int(self)])
        return format_html('<a href="{}">{}</a>', url, int(self))


def link_to(request):
    return RequestNumber(request.pk)


def challenge_of(request):
    return request.challenge.title if request.challenge else Truncator(request.challenge_text).chars(80)


def mentor_of(request):
    return request.mentor.full_name if request.mentor else ""


def local_date(value):
    return timezone.localtime(value).date() if value else None
