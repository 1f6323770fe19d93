"""The main menu, the footer's links, the brand and the tagline are kept by editors in the admin
(Paramètres > Navigation, Paramètres du site): labels, pages or addresses, one level of sub-menu
(issue 14, point 2). Nothing editorial is left in the header's and footer's templates."""

import importlib
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from wagtail.blocks import StructBlockValidationError
from wagtail.models import Locale, PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from portal.home.models import SiteSettings
from portal.navigation.blocks import LinkBlock, MenuItemBlock
from portal.navigation.models import NavigationSettings
from tests.factories import (
    EDITORS_GROUP,
    ChallengePageFactory,
    CharterPageFactory,
    StandardPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

team_migration = importlib.import_module("portal.home.migrations.0008_team_groups_and_navigation")


def soup_of(client, url):
    return BeautifulSoup(client.get(url).content.decode(), "html.parser")


def menu_links(soup):
    return [(a.get_text(strip=True), a["href"]) for a in soup.select("nav.main-nav a")]


def footer_columns(soup):
    """{heading: [(label, address)]} of the footer's columns of links (after organisation and contact)."""
    columns = {}
    for section in soup.select(".site-footer section")[2:]:
        columns[section.h2.get_text(strip=True)] = [(a.get_text(strip=True), a["href"]) for a in section.select("a")]
    return columns


def link(page=None, label="", english_label="", address="", children=()):
    value = {"label": label, "english_label": english_label, "page": page.pk if page else None, "address": address}
    return {"type": "item", "id": str(uuid.uuid4()), "value": {**value, "children": list(children)}}


def set_navigation(home, menu=None, footer=None):
    navigation = NavigationSettings.for_site(home.get_site())
    if menu is not None:
        navigation.main_menu = menu
    if footer is not None:
        navigation.footer_columns = [
            {
                "type": "column",
                "id": str(uuid.uuid4()),
                "value": {"heading": heading, "english_heading": "", "links": links},
            }
            for heading, links in footer
        ]
    navigation.save()


# --- What the migration seeds ------------------------------------------------------------------------


def test_after_migrating_the_menu_and_footer_read_as_before(client, directory, challenge_index, story_index):
    soup = soup_of(client, "/")
    assert menu_links(soup) == [
        ("Accueil", "/"),
        ("Défis", challenge_index.url),
        ("Retours d'expérience", story_index.url),
        ("Mentors", directory.url),
    ]
    assert footer_columns(soup) == {
        "Le programme": [
            ("Devenir mentor", "/mentors/devenir-mentor/"),
            ("Mon espace mentor", "/mentors/me/"),
            ("Espace éditeurs", "/admin/"),
        ]
    }


def test_the_seed_lists_the_charter_and_privacy_notice_of_a_site_that_has_them(client, home):
    charter = CharterPageFactory(parent=home, title="Charte déontologique")
    privacy = StandardPageFactory(parent=home, title="Données personnelles", show_in_menus=False)
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.privacy_page = privacy
    site_settings.save()
    NavigationSettings.objects.all().delete()
    team_migration.seed_navigation(apps, None)
    links = footer_columns(soup_of(client, "/"))["Le programme"]
    assert links[:2] == [("Charte déontologique", charter.url), ("Données personnelles", privacy.url)]
    team_migration.seed_navigation(apps, None)  # a site that has its navigation keeps it
    assert NavigationSettings.objects.count() == 1


def test_the_demo_adds_its_pages_with_the_three_models_under_the_programme(client, home):
    call_command("load_demo", verbosity=0)
    soup = soup_of(client, "/")
    assert [label for label, _address in menu_links(soup)] == [
        "Accueil",
        "Mentorat by FabMob",
        "Culture Shift",
        "Peer 2 Peer",
        "Agilité",
        "Défis",
        "Retours d'expérience",
        "Mentors",
        "Identifions les besoins",
        "Ressources",
    ]
    assert len(soup.select(".main-nav__submenu a")) == 3
    assert [label for label, _address in footer_columns(soup)["Le programme"]][:2] == [
        "Charte déontologique du mentorat",
        "Données personnelles",
    ]


# --- What editors set --------------------------------------------------------------------------------


def test_a_label_replaces_the_pages_title_and_an_address_links_anywhere(client, home, challenge_index):
    set_navigation(
        home,
        menu=[
            link(challenge_index, label="Le catalogue"),
            link(label="Le wiki", address="https://wiki.lafabriquedesmobilites.fr/"),
        ],
    )
    assert menu_links(soup_of(client, "/")) == [
        ("Le catalogue", challenge_index.url),
        ("Le wiki", "https://wiki.lafabriquedesmobilites.fr/"),
    ]


def test_a_sub_menu_is_a_list_its_button_controls_open_without_javascript(client, home, challenge_index):
    programme = StandardPageFactory(parent=home, title="Le programme")
    culture = StandardPageFactory(parent=programme, title="Culture Shift")
    set_navigation(
        home,
        menu=[
            link(programme, children=[link(culture)["value"], {**link(challenge_index)["value"], "label": "Défis"}]),
            link(label="Ressources", children=[{**link(label="Wiki", address="https://example.org/")["value"]}]),
        ],
    )
    soup = soup_of(client, "/")
    first, second = soup.select(".main-nav__item")
    button = first.select_one("button[data-disclosure]")
    assert button["aria-expanded"] == "true" and button.has_attr("hidden")  # the script shows it
    assert button.get_text(strip=True) == "Pages de «\u202fLe programme\u202f»"
    submenu = soup.find(id=button["aria-controls"])
    assert submenu.find_parent("li") is first and not submenu.has_attr("hidden")
    assert [a.get_text(strip=True) for a in submenu.select("a")] == ["Culture Shift", "Défis"]
    # An item without a page of its own is a button that opens its sub-menu, its label shown.
    opener = second.select_one("button[data-disclosure]")
    assert opener.get_text(strip=True) == "Ressources" and not opener.has_attr("hidden")
    assert not second.find("a", recursive=False)


def test_the_current_page_and_its_section_are_marked_for_screen_readers(client, home, challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index, title="Partager des données")
    set_navigation(home, menu=[link(home, label="Accueil"), link(challenge_index)])
    soup = soup_of(client, challenge.url)
    marks = {a.get_text(strip=True): a.get("aria-current") for a in soup.select("nav.main-nav a")}
    assert marks == {"Accueil": None, "Défis": "true"}
    soup = soup_of(client, challenge_index.url)
    assert soup.select_one("nav.main-nav a[aria-current=page]").get_text(strip=True) == "Défis"
    soup = soup_of(client, "/")
    assert soup.select_one("nav.main-nav a[aria-current=page]").get_text(strip=True) == "Accueil"


def test_draft_and_private_pages_are_left_out_of_the_menu_and_footer(client, home, challenge_index):
    draft = StandardPageFactory(parent=home, title="En préparation", live=False)
    private = StandardPageFactory(parent=home, title="Réservé à l’équipe")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    set_navigation(
        home,
        menu=[link(challenge_index), link(draft), link(private), link(label="Vide", children=[link(draft)["value"]])],
        footer=[("Interne", [link(private)]), ("Le programme", [link(draft), link(challenge_index)])],
    )
    soup = soup_of(client, "/")
    assert menu_links(soup) == [("Défis", challenge_index.url)]
    assert "Vide" not in soup.select_one("nav.main-nav").get_text()
    assert footer_columns(soup) == {"Le programme": [("Défis", challenge_index.url)]}


def test_english_visitors_read_english_labels_translated_titles_or_french_marked_as_such(client, home, settings):
    settings.LANGUAGE_CODE = "fr"
    programme = StandardPageFactory(parent=home, title="Le programme")
    english = programme.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "The programme"
    english.save_revision().publish()
    resources = StandardPageFactory(parent=home, title="Ressources")
    set_navigation(
        home,
        menu=[
            link(home, label="Accueil", english_label="Home"),
            link(programme),
            link(resources),
            link(label="Devenir mentor", address="/mentors/devenir-mentor/"),
        ],
        footer=[("Le programme", [link(programme)])],
    )
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    soup = soup_of(client, "/")
    shown = [(a.get_text(strip=True), a.get("lang")) for a in soup.select("nav.main-nav a")]
    assert shown == [("Home", None), ("The programme", None), ("Ressources", "fr"), ("Devenir mentor", "fr")]
    assert soup.select_one(".site-footer section:nth-of-type(3) h2")["lang"] == "fr"


# --- Brand and tagline ---------------------------------------------------------------------------------


def test_brand_tagline_and_organisation_come_from_the_site_settings(client, home):
    site_settings = SiteSettings.for_site(home.get_site())
    assert site_settings.brand_name == "Mentorat FabMob" and "comme un commun" in site_settings.tagline
    site_settings.brand_name = "Mentorat des mobilités"
    site_settings.tagline = "Des pairs qui s’entraident."
    site_settings.organisation_name = "FabMob"
    site_settings.save()
    soup = soup_of(client, "/")
    assert soup.select_one("a.brand").get_text(" ", strip=True) == "Mentorat des mobilités FabMob"
    assert soup.title.get_text().endswith("· Mentorat des mobilités")
    assert soup.select_one(".site-footer__bottom").get_text(strip=True) == "Des pairs qui s’entraident."


def test_nothing_editorial_is_left_in_the_header_and_footer_templates():
    for name in ["header.html", "main_menu.html", "footer.html"]:
        text = (Path(settings.BASE_DIR) / "templates" / "includes" / name).read_text()
        for words in ["Accueil", '"Home"', "Mentorat FabMob", "La Fabrique des Mobilités", "The programme"]:
            assert words not in text, (name, words)
        for words in ["Become a mentor", "mentors:apply", "/admin/", "current_charter", "privacy_page"]:
            assert words not in text, (name, words)


# --- Links editors cannot get wrong ------------------------------------------------------------------


def refusals(block, value):
    with translation.override("fr"), pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python(value))
    return {name: " ".join(error.messages) for name, error in refused.value.block_errors.items()}


def test_a_link_goes_to_a_page_or_to_an_address_never_both_nor_neither(home):
    block = LinkBlock()
    both = {"label": "", "english_label": "", "page": home.pk, "address": "https://example.org/"}
    assert refusals(block, both) == {"address": "Choisissez une page ou écrivez une adresse, pas les deux."}
    neither = {"label": "Rien", "english_label": "", "page": None, "address": ""}
    assert refusals(block, neither) == {"page": "Choisissez une page ou écrivez une adresse."}


@pytest.mark.parametrize("address", ["mentors/me", "javascript:alert(1)", "https://", "/ espace"])
def test_an_address_is_a_path_of_the_site_a_web_address_or_an_email(address):
    value = {"label": "Lien", "english_label": "", "page": None, "address": address}
    assert "commençant par /" in refusals(LinkBlock(), value)["address"]


@pytest.mark.parametrize("address", ["/mentors/me/", "https://example.org/a?b=c", "mailto:mentorat@example.org"])
def test_paths_web_and_email_addresses_are_accepted(address):
    block = LinkBlock()
    value = block.clean(block.to_python({"label": "Lien", "english_label": "", "page": None, "address": address}))
    assert value["address"] == address


def test_a_link_to_a_page_needs_nothing_else(home):
    block = LinkBlock()
    value = block.clean(block.to_python({"label": "", "english_label": "", "page": home.pk, "address": ""}))
    assert value["page"].pk == home.pk


def test_a_link_to_an_address_needs_a_label_and_an_item_without_link_needs_a_sub_menu():
    assert refusals(LinkBlock(), {"label": "", "english_label": "", "page": None, "address": "/mentors/me/"}) == {
        "label": "Un lien vers une adresse a besoin d’un libellé."
    }
    empty = {"label": "Ressources", "english_label": "", "page": None, "address": "", "children": []}
    assert "ajoutez des liens à son sous-menu" in refusals(MenuItemBlock(), empty)["page"]


def test_a_refused_menu_is_explained_in_french_and_nothing_is_saved(client, home):
    client.force_login(UserFactory(groups=[EDITORS_GROUP]))
    before = list(NavigationSettings.for_site(home.get_site()).main_menu.raw_data)
    data = {
        "main_menu-count": "1",
        "main_menu-0-type": "item",
        "main_menu-0-deleted": "",
        "main_menu-0-order": "0",
        "main_menu-0-id": "",
        "main_menu-0-value-label": "",
        "main_menu-0-value-english_label": "",
        "main_menu-0-value-page": "",
        "main_menu-0-value-address": "javascript:alert(1)",
        "main_menu-0-value-children-count": "0",
        "footer_columns-count": "0",
    }
    response = client.post(f"/admin/settings/navigation/navigationsettings/{home.get_site().pk}/", data)
    page = response.content.decode()
    assert response.status_code == 200
    # The editor's form carries the errors as JSON, read by Wagtail's script beside the field.
    assert "\\u00c9crivez une adresse de ce site commen\\u00e7ant par /" in page
    assert list(NavigationSettings.for_site(home.get_site()).main_menu.raw_data) == before
