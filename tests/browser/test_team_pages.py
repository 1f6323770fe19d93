"""A moderator of the programme team composes pages in Wagtail's editor: adds a quote and a call to action
to the Culture Shift model page and a text block to the home page, publishes, and a visitor sees them."""

import re
import uuid

import pytest

from portal.home.models import HomePage, MentoringModelPage
from tests.factories import MODERATORS_GROUP, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def moderator():
    """A member of the moderators' group: edits and publishes pages; no superuser rights."""
    return UserFactory(username=f"moderateur-{uuid.uuid4().hex[:6]}", groups=[MODERATORS_GROUP])


def log_into_the_admin(person, user):
    person.go("/admin/login/")
    person.type("Nom d’utilisateur", user.username)
    person.type(re.compile(r"^\s*Mot de passe"), PASSWORD)
    person.click(person.page.get_by_role("button", name="S'identifier"))
    assert person.path == "/admin/"


def add_block_at_the_end(person, block_label):
    """Click the last "+" of the page's body, then the block in the picker."""
    person.click(person.page.get_by_role("button", name="Insérer un bloc").last, navigates=False)
    person.click(person.page.get_by_role("option", name=block_label), navigates=False)
    person.pause(0.5)


def type_in_the_new_block(person, label, text):
    """Type into the field with this label of the block just added (the last one of the body: earlier
    runs may have left blocks of the same kind)."""
    field = person.page.get_by_label(label).last
    person.pause(0.4)
    field.scroll_into_view_if_needed()
    field.click()
    field.fill("")
    field.press_sequentially(text, delay=25)
    person.pause(0.1)


def publish(person):
    person.click(person.page.get_by_role("button", name="Plus d’actions"), navigates=False)
    person.click(person.page.get_by_role("button", name="Publier"))


def test_a_moderator_adds_a_quote_and_a_call_to_action_to_a_model_page(person, moderator):
    page = MentoringModelPage.objects.get(slug="culture-shift")
    quote = f"On apprend autant qu’on transmet ({uuid.uuid4().hex[:4]})."
    log_into_the_admin(person, moderator)
    person.go(f"/admin/pages/{page.pk}/edit/")

    add_block_at_the_end(person, re.compile(r"^Citation$"))
    type_in_the_new_block(person, re.compile(r"^Citation"), quote)
    type_in_the_new_block(person, re.compile(r"^Auteur"), "Une mentore de Worldline")
    add_block_at_the_end(person, re.compile(r"^Appel à"))
    type_in_the_new_block(person, re.compile(r"^Titre\*?$"), "Lancer un Culture Shift chez vous")
    type_in_the_new_block(person, re.compile(r"^Libellé du bouton"), "Nous écrire")
    type_in_the_new_block(person, re.compile(r"^Ou une adresse"), "https://lafabriquedesmobilites.fr/")
    publish(person)
    assert not person.page.get_by_text("La page n’a pas pu être").count()

    person.go(page.url)
    article = person.page.locator("article").first
    assert article.get_by_text(quote).is_visible()
    button = person.page.get_by_role("link", name="Nous écrire").last
    assert button.is_visible() and button.get_attribute("href") == "https://lafabriquedesmobilites.fr/"
    text = article.inner_text()
    assert text.index("Communs produits") < text.index(quote) < text.rindex("Lancer un Culture Shift chez vous")


def test_a_moderator_adds_a_text_block_to_the_home_page(person, moderator):
    home = HomePage.objects.get()
    sentence = f"Une nouvelle promotion de mentors commence ce printemps ({uuid.uuid4().hex[:4]})."
    log_into_the_admin(person, moderator)
    person.go(f"/admin/pages/{home.pk}/edit/")

    add_block_at_the_end(person, re.compile(r"^Texte$"))
    editor = person.page.locator(".Draftail-Editor [contenteditable=true]").last
    editor.scroll_into_view_if_needed()
    editor.click()
    editor.press_sequentially(sentence, delay=15)
    publish(person)

    person.go("/")
    assert person.page.get_by_text(sentence).is_visible()
    assert not person.page.locator("figure", has_text=sentence).count()  # a text block, no image
