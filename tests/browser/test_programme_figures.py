"""The programme's figures with a mouse, on the demo site and its year of history: a visitor finds « Le
programme en chiffres » in the footer and downloads its open data; a moderator opens « Pilotage », narrows the
period and exports a table as a French office opens it."""

import csv
import json
import uuid

import pytest

from portal.pilotage import opendata
from tests.browser.test_team_approval import log_into_the_admin
from tests.exports_helpers import office_csv_rows
from tests.factories import MODERATORS_GROUP, UserFactory

pytestmark = pytest.mark.browser


def test_a_visitor_finds_the_figures_in_the_footer_and_downloads_the_open_data(person):
    opendata.publish()
    person.go("/")
    person.click(person.page.locator("footer").get_by_role("link", name="Le programme en chiffres"))
    assert person.path == "/chiffres/"
    assert person.sees("Chiffres clés")
    assert person.page.locator(".key-figures__item", has_text="Demandes envoyées à un mentor").is_visible()
    assert person.page.locator("svg[role=img]").first.is_visible()

    link = person.page.get_by_role("link", name="activite-mensuelle.csv").first
    with person.page.expect_download() as download:
        person.click(link, navigates=False)
    assert download.value.suggested_filename == "activite-mensuelle.csv"
    with open(download.value.path(), encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert rows and sum(int(row["demandes_envoyees"]) for row in rows) >= 100  # the demo's year

    # A reuser's tool fetches the package's descriptor from the address the page gives.
    address = person.page.get_by_role("link", name="datapackage.json").get_attribute("href")
    descriptor = json.loads(person.page.request.get(person.site_url + address).text())
    assert descriptor["licenses"][0]["name"] == "etalab-2.0"


def test_a_moderator_narrows_the_dashboard_and_exports_a_table(person):
    moderator = UserFactory(username=f"moderatrice-{uuid.uuid4().hex[:6]}", groups=[MODERATORS_GROUP])
    log_into_the_admin(person, moderator)
    if person.device == "phone":  # the admin's menu is folded away behind its button
        person.click(person.page.get_by_role("button", name="Afficher/masquer la barre latérale"), navigates=False)
    person.click(person.page.get_by_role("link", name="Pilotage", exact=True))
    assert person.path == "/admin/pilotage/"
    assert person.sees("1. Recrutement") and person.sees("Où manquent des mentors")

    person.page.get_by_label("Modèle de mentorat").select_option(label="Peer 2 Peer")
    person.click(person.page.get_by_role("button", name="Afficher", exact=True))
    assert "model=" in person.page.url
    assert person.page.get_by_label("Modèle de mentorat").input_value() != ""

    exports = person.page.locator(".pilotage-table", has=person.page.locator("caption", has_text="Mois par mois"))
    with person.page.expect_download() as download:
        person.click(exports.get_by_role("link", name="CSV"), navigates=False)
    assert download.value.suggested_filename.startswith("pilotage-mois-")
    with open(download.value.path(), "rb") as file:
        headings, *rows = office_csv_rows(file.read())
    assert headings == [
        "Mois",
        "Candidatures de mentors",
        "Demandes envoyées",
        "Demandes acceptées",
        "Accompagnements terminés",
    ]
    assert len(rows) >= 12
