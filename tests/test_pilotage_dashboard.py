"""« Pilotage », the programme team's dashboard: who may open it, what it shows for a period, a model and an
iteration, its empty states, its exports (portal/pilotage/admin_views.py, dashboard.py)."""

import csv
import io
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from portal.mentorships.models import MentorRequest, MentorshipFeedback, RequestEvent, RequestStatus, Role
from portal.pilotage import dashboard, figures
from portal.taxonomy.models import MentoringModel, Theme
from tests.factories import (
    EDITORS_GROUP,
    ChallengePageFactory,
    MentorProfileFactory,
    MentorRequestFactory,
    UserFactory,
)
from tests.programmes_helpers import iteration_of

pytestmark = pytest.mark.django_db

URL = "/admin/pilotage/"


@pytest.fixture
def team_client(home):
    client = Client()
    client.force_login(UserFactory(groups=[EDITORS_GROUP]))
    return client


def sent(days_ago, status=RequestStatus.NEW, **fields):
    request = MentorRequestFactory(status=status, **fields)
    at = timezone.now() - timedelta(days=days_ago)
    answered = at + timedelta(hours=6) if status != RequestStatus.NEW else None
    MentorRequest.objects.filter(pk=request.pk).update(created_at=at, sent_at=at, answered_at=answered)
    request.refresh_from_db()
    return request


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def table(soup, caption):
    found = next(
        t for t in soup.select("table") if t.caption and t.caption.get_text(" ", strip=True).startswith(caption)
    )
    return [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in found.select("tbody tr")]


def test_the_programme_team_opens_the_dashboard_from_the_menu(team_client):
    menu = team_client.get("/admin/").content.decode()
    assert '"label": "Pilotage"' in menu and f'"url": "{URL}"' in menu
    assert team_client.get(URL).status_code == 200


def test_someone_outside_the_team_cannot_see_the_figures(home):
    client = Client()
    outsider = UserFactory()
    outsider.save()
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))  # in the admin, not the team
    client.force_login(outsider)
    assert client.get("/admin/").status_code == 200
    assert '"label": "Pilotage"' not in client.get("/admin/").content.decode()
    assert client.get(URL).status_code in (302, 403)
    assert client.get(URL + "?export=csv&table=sans_nouvelles").status_code in (302, 403)
    assert Client().get(URL).status_code == 302  # to the login page


def test_the_dashboard_shows_the_counts_of_the_period(team_client):
    mentor = MentorProfileFactory(full_name="Camille Mentor")
    for _ in range(3):
        sent(10, RequestStatus.ACCEPTED, mentor=mentor)
    sent(20, RequestStatus.DECLINED, mentor=mentor)
    sent(400, RequestStatus.ACCEPTED, mentor=mentor)  # before the period
    soup = page(team_client.get(URL))
    rows = dict(map(tuple, table(soup, "Des candidatures aux accompagnements")))
    assert rows["Demandes envoyées"] == "4"
    assert rows["Demandes acceptées"] == "3"
    cards = {
        div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True) for div in soup.select(".pilotage-cards > div")
    }
    assert cards["Taux d’appariement"] == "75\u202f%"
    assert cards["Délai médian de réponse"] == "6,0\u00a0h"


def test_a_quiet_mentorship_is_listed_with_its_mentor_and_a_link_to_the_request(team_client):
    mentor = MentorProfileFactory(full_name="Camille Mentor")
    request = sent(90, RequestStatus.ACCEPTED, mentor=mentor)
    RequestEvent.objects.create(request=request, at=timezone.now() - timedelta(days=45), role=Role.MENTOR, note="Point")
    soup = page(team_client.get(URL))
    [row] = table(soup, "Accompagnements sans nouvelles depuis 30 jours")
    assert row[0] == str(request.pk) and row[2] == "Camille Mentor"
    assert soup.find("a", href=f"/admin/mentorships/mentorrequest/inspect/{request.pk}/")
    assert request.requester_email not in soup.get_text()


def test_the_period_and_model_filters_narrow_the_figures(team_client):
    peer, culture = MentoringModel.objects.get(code="peer-to-peer"), MentoringModel.objects.get(code="culture-shift")
    sent(5, mentoring_model=peer)
    sent(5, mentoring_model=culture)
    sent(50, mentoring_model=peer)
    today = timezone.localdate()
    start = (today - timedelta(days=10)).isoformat()
    soup = page(team_client.get(URL, {"start": start, "end": today.isoformat(), "model": peer.pk}))
    assert dict(map(tuple, table(soup, "Des candidatures aux accompagnements")))["Demandes envoyées"] == "1"


def test_a_period_that_ends_before_it_starts_is_refused_in_french(team_client):
    response = team_client.get(URL, {"start": "2026-06-01", "end": "2026-01-01"})
    assert response.status_code == 200
    text = page(response).get_text(" ", strip=True)
    assert "La période doit commencer avant de finir." in text
    assert "douze derniers mois" in text


def test_a_garbled_date_is_an_error_not_a_crash(team_client):
    response = team_client.get(URL, {"start": "demain", "end": "2026-13-45", "model": "x", "iteration": "<script>"})
    assert response.status_code == 200
    assert "Saisissez une date valide" in page(response).get_text()


def test_the_dashboard_of_an_empty_site_says_so(team_client):
    text = page(team_client.get(URL)).get_text(" ", strip=True)
    assert "Aucun accompagnement en cours n’est resté sans nouvelles." in text
    assert "Aucun accompagnement ne s’est arrêté tôt." in text
    assert "Pas encore de données" in text


@pytest.mark.parametrize(
    "name",
    [
        "entonnoir",
        "mois",
        "en_attente",
        "sans_nouvelles",
        "fins_anticipees",
        "mentors_sans_demande",
        "adequation",
        "themes",
    ],
)
def test_every_table_exports_as_csv_and_xlsx(team_client, name):
    request = sent(90, RequestStatus.ACCEPTED)
    RequestEvent.objects.create(
        request=request, at=timezone.now() - timedelta(days=45), role=Role.MENTOR, note="=HYPERLINK(1)"
    )
    built = dashboard.build(figures.Scope(start=timezone.localdate() - timedelta(days=365), end=timezone.localdate()))
    expected = built.tables[name]
    response = team_client.get(URL, {"export": "csv", "table": name})
    assert response["Content-Disposition"].startswith(f'attachment; filename="pilotage-{name}-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [str(column.title) for column in expected.columns]
    assert len(rows) == len(expected.rows) + 1
    xlsx = team_client.get(URL, {"export": "xlsx", "table": name})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)).active
    assert sheet.max_row == len(expected.rows) + 1


def test_an_unknown_table_or_format_is_not_found(team_client):
    assert team_client.get(URL, {"export": "csv", "table": "secrets"}).status_code == 404
    assert team_client.get(URL, {"export": "pdf", "table": "mois"}).status_code == 404


def test_a_theme_short_of_mentors_links_to_a_call_for_mentors_with_the_theme_ticked(team_client, catalogue):
    challenge = ChallengePageFactory(parent=catalogue, themes=["billettique"])
    sent(3, challenge=challenge)
    soup = page(team_client.get(URL))
    theme = Theme.objects.get(name="billettique")
    link = soup.find("a", href=f"/mentors/devenir-mentor/?theme={theme.slug}")
    assert link and link.get_text(" ", strip=True) == "Inviter des mentors (billettique)"
    form = page(Client().get(link["href"]))
    assert form.find("input", attrs={"name": "themes", "value": str(theme.pk)}).has_attr("checked")


def test_choosing_an_iteration_shows_its_cohort(team_client, programme):
    iteration = iteration_of(programme, "peer-to-peer")
    soup = page(team_client.get(URL, {"iteration": iteration.pk, "start": "2026-01-01", "end": "2026-02-01"}))
    rows = dict(map(tuple, table(soup, "La cohorte de la promotion")))
    assert rows["Candidatures"] == str(figures.iteration_funnel(iteration)["applications"])
    assert iteration.title in soup.get_text()


def test_satisfaction_shows_the_mean_fit_of_each_side(team_client):
    request = sent(20, RequestStatus.COMPLETED)
    MentorshipFeedback.objects.create(request=request, role=Role.REQUESTER, fit=4)
    MentorshipFeedback.objects.create(request=request, role=Role.MENTOR, fit=3)
    cards = {
        div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True)
        for div in page(team_client.get(URL)).select(".pilotage-cards > div")
    }
    assert cards["Adéquation moyenne, personnes accompagnées"].startswith("4,0 / 4")
    assert cards["Adéquation moyenne, mentors"].startswith("3,0 / 4")


@pytest.mark.parametrize("start,end", [("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-02-01")])
def test_a_date_out_of_any_sensible_range_is_refused_in_french(team_client, start, end):
    response = team_client.get(URL, {"start": start, "end": end})
    assert response.status_code == 200
    assert "Choisissez une date entre 2000 et dans cinq ans." in page(response).get_text()
    assert team_client.get(URL, {"start": start, "end": end, "export": "csv", "table": "mois"}).status_code == 200


def test_an_export_is_named_after_its_table_and_period(team_client):
    response = team_client.get(URL, {"start": "2026-10-01", "end": "2026-10-31", "export": "xlsx", "table": "mois"})
    assert 'filename="pilotage-mois-2026-10-01-2026-10-31.xlsx"' in response["Content-Disposition"]


def test_an_iteration_says_it_replaces_the_period_and_model_of_the_form(team_client, programme):
    iteration = iteration_of(programme, "peer-to-peer")
    text = page(team_client.get(URL, {"iteration": iteration.pk})).get_text(" ", strip=True)
    assert "ses dates et son modèle remplacent la période et le modèle du formulaire" in text


def test_only_themes_short_of_mentors_offer_a_call_named_after_the_theme(team_client, catalogue):
    challenge = ChallengePageFactory(parent=catalogue, themes=["billettique"])
    sent(3, challenge=challenge)
    MentorProfileFactory.create_batch(2, themes=["covoiturage"])  # a surplus: nobody to invite
    soup = page(team_client.get(URL))
    calls = [link.get_text(" ", strip=True) for link in soup.select("a[href^='/mentors/devenir-mentor/']")]
    assert calls == ["Inviter des mentors (billettique)"]


def test_a_mentor_never_asked_reads_as_a_dash_not_as_withheld(team_client):
    from portal.mentors.models import MentorProfile

    mentor = MentorProfileFactory(full_name="Jamais Sollicitée")
    MentorProfile.objects.filter(pk=mentor.pk).update(first_published_at=timezone.now() - timedelta(days=200))
    [row] = table(page(team_client.get(URL)), "Mentors sans demande depuis 60 jours")
    assert row[0] == "Jamais Sollicitée" and row[2] == "—"
