"""« Le programme en chiffres »: the public page and its open data, a Frictionless Data Package (v2) that
validates, at stable addresses, refreshed by `publish_figures` and served from the stored release between
runs (portal/pilotage/opendata.py, views.py)."""

import csv
import io
import json
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup
from frictionless import Package, validate

from portal.mentorships.models import MentorRequest, MentorshipFeedback, RequestStatus, Role
from portal.pilotage import opendata
from portal.pilotage.models import Release
from tests.factories import ChallengePageFactory, MentorProfileFactory, MentorRequestFactory

pytestmark = pytest.mark.django_db

TABLES = ("chiffres-cles", "activite-mensuelle", "themes", "modeles", "satisfaction")


@pytest.fixture
def history(home, catalogue):
    mentors = MentorProfileFactory.create_batch(6, themes=["open data"])
    challenge = ChallengePageFactory(parent=catalogue, themes=["open data"])
    now = timezone.now()
    for index in range(40):
        request = MentorRequestFactory(mentor=mentors[index % 6], challenge=challenge if index % 3 else None)
        at = now - timedelta(days=index * 7)
        status = (RequestStatus.COMPLETED, RequestStatus.ACCEPTED, RequestStatus.DECLINED, RequestStatus.NEW)[index % 4]
        answered = at + timedelta(hours=5 + index) if status != RequestStatus.NEW else None
        MentorRequest.objects.filter(pk=request.pk).update(
            created_at=at, sent_at=at, status=status, answered_at=answered
        )
        if status == RequestStatus.COMPLETED:
            MentorshipFeedback.objects.create(request=request, role=Role.REQUESTER, fit=3 + index % 2)
    return mentors


def download(client, tmp_path):
    """Everything a reuser downloads, saved as they would save it."""
    response = client.get("/chiffres/datapackage.json")
    assert response.status_code == 200
    (tmp_path / "datapackage.json").write_bytes(response.content)
    descriptor = json.loads(response.content)
    for resource in descriptor["resources"]:
        file = client.get(f"/chiffres/{resource['path']}")
        assert file.status_code == 200
        (tmp_path / resource["path"]).write_bytes(file.content)
    return descriptor


def assert_valid(path):
    report = validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_open_data_validates_against_its_datapackage(client, history, tmp_path):
    descriptor = download(client, tmp_path)
    assert [resource["name"] for resource in descriptor["resources"]] == list(TABLES)
    assert_valid(tmp_path / "datapackage.json")
    package = Package(str(tmp_path / "datapackage.json"))
    monthly = package.get_resource("activite-mensuelle").read_rows()
    assert sum(row["demandes_envoyees"] for row in monthly) == 40


def test_the_open_data_of_an_empty_site_validates_too(client, home, tmp_path):
    download(client, tmp_path)
    assert_valid(tmp_path / "datapackage.json")


def test_the_datapackage_names_its_licence_producer_date_types_and_units(client, history):
    descriptor = client.get("/chiffres/datapackage.json").json()
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["licenses"][0]["name"] == "etalab-2.0"
    assert descriptor["contributors"] == [
        {
            "title": "La Fabrique des Mobilités",
            "roles": ["producer", "publisher"],
            "path": "http://testserver/chiffres/",
        }
    ]
    release = Release.objects.get()
    assert descriptor["created"] == release.made_at.isoformat(timespec="seconds")
    themes = next(resource for resource in descriptor["resources"] if resource["name"] == "themes")
    fields = {field["name"]: field for field in themes["schema"]["fields"]}
    assert fields["theme"]["type"] == "string"
    assert fields["demandes"] == {
        "name": "demandes",
        "title": "Demandes",
        "type": "integer",
        "unit": "demandes",
        "constraints": {"minimum": 0},
    }
    assert themes["schema"]["missingValues"] == [""]
    assert descriptor["title"] == "Le programme de mentorat en chiffres"


def test_the_json_files_hold_the_same_rows_as_the_csv_files(client, history):
    for name in TABLES:
        records = client.get(f"/chiffres/{name}.json").json()
        text = client.get(f"/chiffres/{name}.csv").content.decode()
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(records) == len(rows)
        for record, row in zip(records, rows, strict=True):
            assert {key: "" if value is None else str(value) for key, value in record.items()} == row


def test_the_addresses_are_stable(client, history):
    for address in ["/chiffres/", "/chiffres/datapackage.json", *[f"/chiffres/{name}.csv" for name in TABLES]]:
        assert client.get(address).status_code == 200, address
    assert client.get("/chiffres/inconnue.csv").status_code == 404
    assert client.get("/chiffres/inconnue.json").status_code == 404


def test_the_files_are_served_from_the_release_until_the_next_run(client, history):
    call_command("publish_figures")
    before = client.get("/chiffres/chiffres-cles.csv")
    assert before["Cache-Control"] == "public, max-age=3600"
    assert client.get("/chiffres/chiffres-cles.csv", HTTP_IF_MODIFIED_SINCE=before["Last-Modified"]).status_code == 304
    MentorRequestFactory.create_batch(10, mentor=history[0])
    assert client.get("/chiffres/chiffres-cles.csv").content == before.content
    call_command("publish_figures")
    assert Release.objects.count() == 1
    after = client.get("/chiffres/chiffres-cles.csv").content.decode()
    assert "demandes_envoyees,Demandes envoyées à un mentor,50," in after


def test_the_public_page_shows_each_chart_with_its_data_table(client, history):
    page = BeautifulSoup(client.get("/chiffres/").content, "html.parser")
    assert page.h1.get_text() == "Le programme en chiffres"
    charts = page.select("svg[role=img]")
    assert len(charts) == 3
    assert len(page.select("table.figures-table")) == 4
    figures = {
        item.dt.get_text(strip=True): item.dd.get_text(" ", strip=True) for item in page.select(".key-figures__item")
    }
    assert figures["Demandes envoyées à un mentor"] == "40 demandes"
    assert "Licence Ouverte 2.0" in page.get_text()
    assert page.find("a", href="/chiffres/datapackage.json")


def test_the_public_page_of_an_empty_site_says_there_is_nothing_yet(client, home):
    response = client.get("/chiffres/")
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Le programme démarre" in text
    assert "non publié" in text


def test_the_whole_history_starts_with_the_first_record_of_any_kind(home, survey):
    from portal.contributions.models import NeedsSurveyResponse
    from portal.taxonomy.models import Theme

    answer = NeedsSurveyResponse.objects.create(consent_at=timezone.now())
    answer.themes.set(Theme.objects.for_names(["open data"]))
    NeedsSurveyResponse.objects.filter(pk=answer.pk).update(created_at=timezone.now() - timedelta(days=300))
    MentorRequestFactory()  # today
    scope = opendata.history_scope(timezone.localdate())
    assert scope.start == timezone.localdate() - timedelta(days=300)


def test_the_page_rounds_a_mean_as_its_file_does(client, history):
    from portal.pilotage.templatetags.pilotage_tags import figure

    assert figure(3.28) == "3,3"
    assert figure(3.24) == "3,2"
    assert figure(2.0) == "2"
