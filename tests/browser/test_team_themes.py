"""An editor of the programme team (no superuser rights) merges two themes that mean the same thing in the
admin's « Thèmes »: the screen says what will happen, and the directory then finds the mentor who held the
first theme under the second."""

import re
import uuid

import pytest

from portal.home.models import CharterPage
from portal.taxonomy.models import Theme
from tests.factories import EDITORS_GROUP, MentorProfileFactory, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor():
    return UserFactory(username=f"redactrice-{uuid.uuid4().hex[:6]}", groups=[EDITORS_GROUP])


def log_into_the_admin(person, user):
    person.go("/admin/login/")
    person.type("Nom d’utilisateur", user.username)
    person.type(re.compile(r"^\s*Mot de passe"), PASSWORD)
    person.click(person.page.get_by_role("button", name="S'identifier"))
    assert person.path == "/admin/"


def test_an_editor_merges_two_themes_and_the_directory_follows(person, editor):
    tag = uuid.uuid4().hex[:5]
    first, second = f"mobilité douce {tag}", f"modes actifs {tag}"
    name = f"Lucie Ferrand {tag}"
    charter = CharterPage.current()
    MentorProfileFactory(full_name=name, themes=[first, "communs"], charter_version=charter.version)
    MentorProfileFactory(full_name=f"Marc Aubry {tag}", themes=[second], charter_version=charter.version)
    log_into_the_admin(person, editor)

    person.go(f"/admin/taxonomy/theme/?q={tag}")
    row = person.page.locator("tr", has_text=first)
    assert "Profils de mentors\u00a0: 1" in row.inner_text()
    person.click(row.get_by_role("button", name="Plus d’actions"), navigates=False)
    person.click(row.get_by_role("link", name="Fusionner avec un autre thème"))
    assert person.sees(f"Ensuite «\u202f{first}\u202f» est supprimé")
    person.choose("Fusionner avec", second)
    person.click(person.page.get_by_role("button", name="Fusionner avec un autre thème"))
    assert person.sees(f"«\u202f{first}\u202f» a été fusionné avec «\u202f{second}\u202f»")
    assert not Theme.objects.filter(name=first).exists()
    assert "Profils de mentors\u00a0: 2" in person.page.locator("tr", has_text=second).inner_text()

    person.go("/mentors/")
    if person.device == "phone":
        person.click(person.page.get_by_role("button", name=re.compile("^Filtres")), navigates=False)
    theme = person.page.get_by_label("Thème")
    assert not theme.locator("option", has_text=first).count()
    person.choose("Thème", theme.locator("option", has_text=second).inner_text().strip())
    person.click("Afficher les mentors")
    assert person.sees(name)
    assert person.sees(f"Marc Aubry {tag}")
