"""An editor of the programme team (« Rédaction », not a superuser) runs the site's frame from the admin:
renames a menu item and a footer link in Paramètres > Navigation, changes the organisation's contact
e-mail address in Paramètres > Paramètres du site, and a visitor sees all three on the site."""

import re
import uuid

import pytest

from tests.factories import EDITORS_GROUP, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor():
    return UserFactory(username=f"redactrice-{uuid.uuid4().hex[:6]}", is_staff=False, groups=[EDITORS_GROUP])


def log_into_the_admin(person, user):
    person.go("/admin/login/")
    person.type("Nom d’utilisateur", user.username)
    person.type(re.compile(r"^\s*Mot de passe"), PASSWORD)
    person.click(person.page.get_by_role("button", name="S'identifier"))
    assert person.path == "/admin/"


def open_settings(person, name):
    """Paramètres, then one of its entries, from the admin's menu (folded behind a button on a phone)."""
    page = person.page
    toggle = page.get_by_role("button", name="Afficher/masquer la barre latérale")
    if toggle.get_attribute("aria-expanded") == "false":
        person.click(toggle, navigates=False)
    person.click(page.get_by_role("button", name="Paramètres"), navigates=False)
    person.click(page.get_by_role("link", name=name, exact=True))


def block_of(field):
    """The stream block (a menu item, a link) holding a field."""
    return field.locator("xpath=ancestor::*[@data-streamfield-child][1]")


def type_into(person, field, text):
    field.scroll_into_view_if_needed()
    person.pause(0.3)
    field.click()
    field.fill("")
    field.press_sequentially(text, delay=20)


def save(person):
    person.click(person.page.get_by_role("button", name="Enregistrer"))
    assert person.page.get_by_text("Modifications enregistrées").first.is_visible()


def test_an_editor_renames_a_menu_item_and_a_footer_link_and_changes_the_contact(person, editor):
    tag = uuid.uuid4().hex[:4]
    menu_label, footer_label, email = f"Nos mentors {tag}", f"Espace de l’équipe {tag}", f"mentorat-{tag}@example.org"
    log_into_the_admin(person, editor)

    open_settings(person, "Navigation")
    page = person.page
    mentors_item = page.locator("[data-streamfield-child]").filter(has=page.get_by_text("Mentors", exact=True)).last
    type_into(person, mentors_item.get_by_label("Libellé", exact=True).first, menu_label)
    addresses = page.get_by_label("Ou une adresse")
    admin_link = next(
        addresses.nth(index) for index in range(addresses.count()) if addresses.nth(index).input_value() == "/admin/"
    )
    type_into(person, block_of(admin_link).get_by_label("Libellé", exact=True), footer_label)
    save(person)

    open_settings(person, "Paramètres du site")
    type_into(person, page.get_by_label("Adresse e-mail de contact"), email)
    save(person)

    person.go("/")
    if person.device == "phone":
        person.click("Menu", navigates=False)
    link = page.get_by_role("navigation", name="Menu principal").get_by_role("link", name=menu_label)
    assert link.is_visible()
    person.click(link)
    assert person.page.get_by_role("heading", level=1, name="Mentors").is_visible()
    footer = page.locator("footer")
    footer.scroll_into_view_if_needed()
    assert footer.get_by_role("link", name=footer_label).get_attribute("href") == "/admin/"
    assert footer.get_by_role("link", name=email).is_visible()
