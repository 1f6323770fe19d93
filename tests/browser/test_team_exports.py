"""A moderator of the programme team downloads the mentors' list from the admin, as a French office will open it:
UTF-8 with a byte order mark, `;` between cells, the labels the admin shows."""

import re
import uuid

import pytest

from tests.exports_helpers import office_csv_rows
from tests.factories import MODERATORS_GROUP, MentorProfileFactory, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def moderator():
    """A member of the moderators' group: no superuser rights."""
    return UserFactory(username=f"moderatrice-{uuid.uuid4().hex[:6]}", groups=[MODERATORS_GROUP])


def log_into_the_admin(person, user):
    person.go("/admin/login/")
    person.type("Nom d’utilisateur", user.username)
    person.type(re.compile(r"^\s*Mot de passe"), PASSWORD)
    person.click(person.page.get_by_role("button", name="S'identifier"))
    assert person.path == "/admin/"


def test_a_moderator_downloads_the_mentors_as_a_csv_a_french_office_opens(person, moderator):
    name = f"Claire Morvan {uuid.uuid4().hex[:4]}"
    MentorProfileFactory(full_name=name, themes=["open data", "covoiturage"], region="bretagne")
    log_into_the_admin(person, moderator)
    if person.device == "phone":  # the admin's menu is folded away behind its button
        person.click(person.page.get_by_role("button", name="Afficher/masquer la barre latérale"), navigates=False)
    person.click(person.page.get_by_role("link", name="Mentors", exact=True))
    assert person.path == "/admin/mentors/mentorprofile/"

    xlsx = person.page.get_by_role("link", name="Télécharger en XLSX")
    assert xlsx.is_visible()  # offered first, the CSV under the arrow beside it
    arrow = person.page.locator(".w-dropdown-button", has=xlsx).get_by_role("button")
    person.click(arrow, navigates=False)
    with person.page.expect_download() as download:
        person.click(person.page.get_by_role("link", name="Télécharger en CSV"), navigates=False)
    assert download.value.suggested_filename == "mentors.csv"
    with open(download.value.path(), "rb") as file:
        headings, *rows = office_csv_rows(file.read())

    [row] = [dict(zip(headings, row, strict=True)) for row in rows if row[0] == name]
    assert row["Statut"] == "Publié" and row["Région"] == "Bretagne" and row["Accepte des demandes"] == "Oui"
    assert sorted(row["Thèmes d’expertise"].split(", ")) == ["covoiturage", "open data"]
