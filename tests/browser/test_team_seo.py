"""Sharing and addresses, in a browser: a visitor opens a password-protected page (a wrong password first,
then the right one) on the site's own page, and an editor of the team (« Rédaction », not a superuser) gets an
ASCII address from an accented title as they type it."""

import re
import uuid

from wagtail.models import PageViewRestriction

import pytest

from portal.challenges.models import ChallengeIndexPage
from tests.factories import EDITORS_GROUP, ChallengePageFactory, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def protected_challenge():
    tag = uuid.uuid4().hex[:6]
    challenge = ChallengePageFactory(
        parent=ChallengeIndexPage.objects.first(),
        title=f"Défi du comité {tag}",
        slug=f"defi-du-comite-{tag}",
        summary="Ce que le comité prépare.",
    )
    PageViewRestriction.objects.create(page=challenge, restriction_type="password", password="velo-partage-2026")
    return challenge


def test_a_visitor_types_a_wrong_then_the_right_password(person, protected_challenge):
    person.go(protected_challenge.url)
    page = person.page
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Mot de passe requis"
    assert not person.sees(protected_challenge.title)
    assert page.locator("header").first.is_visible() and page.locator("footer").first.is_visible()

    person.type(re.compile(r"^\s*Mot de passe"), "velo-partage")
    person.click(page.get_by_role("button", name="Ouvrir la page"))
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible() and "La page reste fermée" in summary.inner_text()
    field = page.get_by_label(re.compile(r"^\s*Mot de passe"))
    assert field.get_attribute("aria-invalid") == "true"
    error = page.locator(f"#{field.get_attribute('aria-describedby')}")
    assert "Le mot de passe que vous avez saisi est incorrect." in error.inner_text()
    person.screenshot("password-refused")

    person.type(re.compile(r"^\s*Mot de passe"), "velo-partage-2026")
    person.click(page.get_by_role("button", name="Ouvrir la page"))
    assert person.path == protected_challenge.url
    assert page.get_by_role("heading", level=1).inner_text().strip() == protected_challenge.title


def test_an_editor_gets_an_ascii_address_from_an_accented_title(person):
    editor = UserFactory(username=f"redactrice-{uuid.uuid4().hex[:6]}", is_staff=False, groups=[EDITORS_GROUP])
    person.go("/admin/login/")
    person.type("Nom d’utilisateur", editor.username)
    person.type(re.compile(r"^\s*Mot de passe"), PASSWORD)
    person.click(person.page.get_by_role("button", name="S'identifier"))

    catalogue = ChallengeIndexPage.objects.first()
    person.go(f"/admin/pages/add/challenges/challengepage/{catalogue.pk}/")
    person.type(re.compile(r"^Titre"), "Mutualiser les données")
    person.page.keyboard.press("Tab")
    person.click(person.page.get_by_role("tab", name=re.compile("^Promotion")), navigates=False)
    assert person.page.get_by_label(re.compile(r"^\s*Slug")).input_value() == "mutualiser-les-donnees"
