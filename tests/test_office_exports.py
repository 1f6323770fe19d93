"""Every export of the admin opens cleanly in a French office: CSV in UTF-8 with a byte order mark and `;` between
cells (XLSX beside it), the labels the admin shows (« Publié », « Oui », « Bretagne »), times in Europe/Paris to
the minute, headings as written, several values joined with ", ". Downloaded as the team does: a member of the
editors' or the moderators' group."""

import datetime

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import ModelLogEntry

import pytest

from portal.mentors.models import MentorProfile
from portal.mentorships.models import MentorRequest
from portal.spreadsheets import office_value
from portal.taxonomy.models import ActorType, MentoringModel, Theme, ThemeSuggestion
from tests.contributions_helpers import idea, needs
from tests.exports_helpers import csv_bytes, csv_records, office_csv_rows, xlsx_records
from tests.factories import (
    EDITORS_GROUP,
    MODERATORS_GROUP,
    ChallengePageFactory,
    ChallengeProposalFactory,
    IdeaFormPageFactory,
    MentorProfileFactory,
    MentorRequestFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MENTORS = "/admin/mentors/mentorprofile/"
REQUESTS = "/admin/mentorships/mentorrequest/"
PROPOSALS = "/admin/contributions/challengeproposal/"
NEEDS = "/admin/contributions/needssurveyresponse/"
SUGGESTIONS = "/admin/taxonomy/themesuggestion/"
SITE_HISTORY = "/admin/reports/site-history/"

# 13:05:42.123456 UTC on 28 November is 14:05 in Paris (winter time); 1 July at 12:00 UTC is 14:00 (summer time).
WINTER = datetime.datetime(2026, 11, 28, 13, 5, 42, 123456, tzinfo=datetime.UTC)
SUMMER = datetime.datetime(2026, 7, 1, 12, 0, 59, 999999, tzinfo=datetime.UTC)


@pytest.fixture(params=[EDITORS_GROUP, MODERATORS_GROUP])
def team_client(request, client):
    client.force_login(UserFactory(groups=[request.param]))
    return client


def download(client, url, export_format="csv"):
    return client.get(url, {"export": export_format})


def only(records):
    assert len(records) == 1, records
    return records[0]


# --- One set of rules --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (True, "Oui"),
        (False, "Non"),
        (None, ""),
        (WINTER, "28/11/2026 14:05"),
        (SUMMER, "01/07/2026 14:00"),
        (datetime.date(2026, 3, 9), "09/03/2026"),
        (["open data", "covoiturage"], "open data, covoiturage"),
        (3, 3),
        (2.5, "2,5"),
    ],
)
def test_a_value_is_written_as_a_french_office_reads_it(value, cell):
    assert office_value(value) == cell


def test_an_xlsx_time_is_the_paris_time_to_the_second_without_its_zone():
    assert office_value(WINTER, "xlsx") == datetime.datetime(2026, 11, 28, 14, 5, 42)


# --- Each export --------------------------------------------------------------------------------------------------
def test_the_mentors_export(team_client, directory):
    mentor = MentorProfileFactory(
        full_name="Claire Morvan",
        contact_email="claire@example.org",
        themes=["open data", "covoiturage"],
        models=["peer-to-peer", "agility"],
        languages=["fr", "en"],
        offers_group=True,
        region="provence-alpes-cote-d-azur",
        meeting_mode="both",
    )
    MentorProfile.objects.filter(pk=mentor.pk).update(created_at=WINTER, first_published_at=SUMMER)

    row = only(csv_records(download(team_client, MENTORS)))
    assert row["Nom complet"] == "Claire Morvan"
    assert row["Adresse e-mail de contact"] == "claire@example.org"
    assert row["Type d’acteur"] == "Collectivité"
    assert row["Statut"] == "Publié"
    assert row["Accepte des demandes"] == "Oui"
    assert row["Région"] == "Provence-Alpes-Côte d’Azur"
    assert row["Mode de rencontre"] == "À distance ou en présentiel"
    assert sorted(row["Thèmes d’expertise"].split(", ")) == ["covoiturage", "open data"]
    assert row["Modèles de mentorat proposés"] == "Peer 2 Peer, Agilité"
    assert row["Langues"] == "Français, Anglais"
    assert row["Formats"] == "Mentorat individuel, Mentorat de groupe"
    assert row["Créé le"] == "28/11/2026 14:05"
    assert row["Première publication"] == "01/07/2026 14:00"
    assert row["Capacité"] == "2"

    cells = only(xlsx_records(download(team_client, MENTORS, "xlsx")))
    assert cells["Statut"].value == "Publié"
    assert cells["Créé le"].value == datetime.datetime(2026, 11, 28, 14, 5, 42)
    assert cells["Créé le"].number_format == "dd/mm/yyyy hh:mm"
    assert cells["Langues"].value == "Français, Anglais"
    assert cells["Capacité"].value == 2


def test_an_account_allowed_only_to_view_mentors_exports_them_without_their_addresses(client, directory):
    MentorProfileFactory(full_name="Claire Morvan", contact_email="claire@example.org")
    viewer = UserFactory()
    viewer.save()
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_mentorprofile")
    )
    client.force_login(viewer)
    for export_format in ("csv", "xlsx"):
        response = download(client, MENTORS, export_format)
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        assert b"claire@example.org" not in content
    row = only(csv_records(download(client, MENTORS)))
    assert row["Nom complet"] == "Claire Morvan" and "Adresse e-mail de contact" not in row


def test_the_requests_export(team_client, directory, catalogue):
    challenge = ChallengePageFactory(parent=catalogue, title="Ouvrir nos données", themes=["open data", "covoiturage"])
    MentorRequestFactory(
        mentor=MentorProfileFactory(full_name="Claire Morvan"),
        challenge=challenge,
        requester_name="Léa Martin",
        requester_email="lea@example.net",
        mentoring_model=MentoringModel.objects.get(code="agility"),
        mentoring_format="group",
        participants=6,
    )
    MentorRequest.objects.update(created_at=WINTER)

    row = only(csv_records(download(team_client, REQUESTS)))
    assert row["Nº"] == str(MentorRequest.objects.get().pk)
    assert row["Envoyée le"] == "28/11/2026 14:05"
    assert row["Statut"] == "Nouvelle"
    assert row["Mentor"] == "Claire Morvan"
    assert row["Défi"] == "Ouvrir nos données"
    assert sorted(row["Thèmes"].split(", ")) == ["covoiturage", "open data"]
    assert row["Nom"] == "Léa Martin" and row["E-mail"] == "lea@example.net"
    assert row["Type d’acteur"] == "Collectivité"
    assert row["Modèle souhaité"] == "Agilité"
    assert row["Individuel ou en groupe"] == "Groupe"
    assert row["Close le"] == ""

    cells = only(xlsx_records(download(team_client, REQUESTS, "xlsx")))
    assert cells["Envoyée le"].value == datetime.datetime(2026, 11, 28, 14, 5, 42)
    assert cells["Statut"].value == "Nouvelle"


def test_the_challenge_proposals_export(team_client, catalogue):
    proposal = ChallengeProposalFactory(title="Partager nos données", created_at=SUMMER, organisation="")
    proposal.themes.set(Theme.objects.for_names(["open data", "covoiturage"]))

    row = only(csv_records(download(team_client, PROPOSALS)))
    assert row["Envoyée le"] == "01/07/2026 14:00"
    assert row["Statut"] == "Nouvelle"
    assert sorted(row["Thèmes"].split(", ")) == ["covoiturage", "open data"]
    assert row["Type d’acteur"] == "Collectivité"
    assert row["Organisation"] == ""  # an empty cell, not "-"

    cells = only(xlsx_records(download(team_client, PROPOSALS, "xlsx")))
    assert cells["Envoyée le"].value == datetime.datetime(2026, 7, 1, 14, 0, 59)


def test_the_needs_survey_export(team_client, client, survey):
    client.post(survey.url, needs(actor_type=ActorType.objects.get(code="laboratoire").pk))

    row = only(csv_records(download(team_client, NEEDS)))
    assert row["Type d’acteur"] == "Laboratoire"
    assert sorted(row["Domaines de défis"].split(", ")) == ["culture client", "open source"]
    assert row["Modèle souhaité"] == "Peer 2 Peer"
    assert row["Dans vos mots"] == "Nous cherchons des pairs pour ouvrir notre code."

    cells = only(xlsx_records(download(team_client, NEEDS, "xlsx")))
    assert isinstance(cells["Envoyée le"].value, datetime.datetime)


def test_the_theme_suggestions_export_names_what_each_was_suggested_for_in_words(team_client):
    proposal = ChallengeProposalFactory(title="Partager nos données")
    ThemeSuggestion.objects.create(name="covoiturage", suggested_for=proposal)

    row = only(csv_records(download(team_client, SUGGESTIONS)))
    assert row["Thème suggéré"] == "covoiturage"
    assert row["Suggéré pour"] == "Proposition de défi\u00a0: Partager nos données"  # the link's text, no HTML


def test_the_idea_submissions_export(team_client, client, home):
    ideas = IdeaFormPageFactory(
        parent=home,
        fields=[
            {"label": "Votre idée", "field_type": "multiline", "required": True},
            {"label": "Vos formats", "field_type": "checkboxes", "required": False, "choices": "Individuel\nEn groupe"},
        ],
    )
    client.post(ideas.url, idea(vos_formats=["Individuel", "En groupe"]))
    url = f"/admin/forms/submissions/{ideas.pk}/"

    row = only(csv_records(download(team_client, url)))
    assert row["Votre idée"] == "Un mentorat inversé entre startups et collectivités."
    assert row["Vos formats"] == "Individuel, En groupe"
    assert len(row["Date de soumission"]) == len("28/11/2026 14:05")

    cells = only(xlsx_records(download(team_client, url, "xlsx")))
    assert cells["Vos formats"].value == "Individuel, En groupe"
    assert cells["Date de soumission"].number_format == "dd/mm/yyyy hh:mm"


def test_wagtails_site_history_export_gives_paris_times(team_client, catalogue):
    ModelLogEntry.objects.update(timestamp=WINTER)
    rows = csv_records(download(team_client, SITE_HISTORY))
    assert rows and {row["Date/Heure"] for row in rows if row["Type"] != "Défi"} <= {"28/11/2026 14:05"}


def test_wagtails_page_reports_write_the_page_type_as_written(client, directory):
    """The locked pages' report, which moderators may read (they lock and unlock pages)."""
    client.force_login(UserFactory(groups=[MODERATORS_GROUP]))
    directory.locked, directory.locked_at = True, WINTER
    directory.save()
    [row] = [row for row in csv_records(download(client, "/admin/reports/locked/")) if row["Titre"] == directory.title]
    assert row["Type"] == "Annuaire des mentors"  # Wagtail title-cases it: « Annuaire Des Mentors »


# --- Who may export -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("url", [MENTORS, REQUESTS, PROPOSALS, NEEDS, SUGGESTIONS])
def test_only_the_team_downloads_the_lists(client, directory, url):
    MentorRequestFactory(requester_email="lea@example.net", mentor=MentorProfileFactory(contact_email="c@example.org"))
    outsider = MentorProfileFactory(account="a long passphrase indeed").user
    client.force_login(outsider)
    for export_format in ("csv", "xlsx"):
        response = download(client, url, export_format)
        assert response.status_code in (302, 403)
        assert not response.streaming and b"@example" not in response.content


def test_the_byte_order_mark_comes_once_before_the_headings(team_client, directory):
    MentorProfileFactory(full_name="Claire Morvan")
    content = csv_bytes(download(team_client, MENTORS))
    assert content.count("\ufeff".encode()) == 1
    assert content.split(b"\r\n")[0].startswith("\ufeffNom complet;".encode())
    headings, _row = office_csv_rows(content)
    assert "Type d’acteur" in headings and "Type D'Acteur" not in headings


def test_the_requests_export_costs_no_query_per_request(editor_client, directory, catalogue):
    made = []

    def more_requests(count):
        for _ in range(count):
            made.append(ChallengePageFactory(parent=catalogue, title=f"Défi {len(made)}", themes=["open data", "vélo"]))
            MentorRequestFactory(challenge=made[-1], mentoring_model=MentoringModel.objects.get(code="agility"))

    def queries_of_the_export():
        download(editor_client, REQUESTS)  # per-process caches warm
        with CaptureQueriesContext(connection) as captured:
            assert len(csv_records(download(editor_client, REQUESTS))) == len(made)
        return len(captured)

    more_requests(2)
    few = queries_of_the_export()
    more_requests(6)
    assert queries_of_the_export() == few
