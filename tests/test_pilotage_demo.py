"""On the demo site and its year of history, the dashboard and « Le programme en chiffres » show something in
every section, and the open data validates against its Data Package."""

import json

from django.test import Client

import pytest
from bs4 import BeautifulSoup
from frictionless import validate

from portal.pilotage import opendata
from tests.factories import EDITORS_GROUP, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_the_demo_open_data_validates_and_every_table_has_rows(client, tmp_path):
    opendata.publish()
    descriptor = client.get("/chiffres/datapackage.json").content
    (tmp_path / "datapackage.json").write_bytes(descriptor)
    for resource in json.loads(descriptor)["resources"]:
        body = client.get(f"/chiffres/{resource['path']}").content
        (tmp_path / resource["path"]).write_bytes(body)
        assert body.count(b"\n") >= 3, resource["name"]  # a header and rows
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_demo_public_page_has_figures_charts_and_no_starting_notice(client):
    soup = BeautifulSoup(client.get("/chiffres/").content, "html.parser")
    assert "Le programme démarre" not in soup.get_text()
    assert len(soup.select("svg[role=img]")) == 3
    values = [item.dd.get_text(strip=True) for item in soup.select(".key-figures__item")]
    assert not any("non publié" in value for value in values)


def test_the_demo_dashboard_shows_every_stage_with_figures():
    client = Client()
    client.force_login(UserFactory(groups=[EDITORS_GROUP]))
    soup = BeautifulSoup(client.get("/admin/pilotage/").content, "html.parser")
    text = soup.get_text(" ", strip=True)
    for stage in ("1. Recrutement", "2. Mise en relation", "3. Suivi", "4. Clôture", "Où manquent des mentors"):
        assert stage in text
    for caption in ("Accompagnements sans nouvelles depuis 30 jours", "Accompagnements arrêtés tôt"):
        table = next(t for t in soup.select("table") if t.caption.get_text(" ", strip=True).startswith(caption))
        assert table.select("tbody tr td a"), caption  # the demo has some, each linked to its request
    assert len(soup.select("svg[role=img]")) == 4
