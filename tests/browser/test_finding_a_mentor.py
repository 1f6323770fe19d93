"""Finding a mentor on a phone and at a desk: the main menu folds behind « Menu » on a phone, the
directory's first results are in the first screen, filters fold on a phone and keep readable labels."""

import re

import pytest

pytestmark = pytest.mark.browser


def first_card_top(person):
    return person.page.locator(".card-grid .card").first.bounding_box()["y"]


def test_the_main_menu_folds_behind_a_button_on_a_phone_and_stays_open_at_a_desk(person):
    person.go("/")
    menu = person.page.get_by_role("navigation", name="Menu principal")
    button = person.page.get_by_role("button", name="Menu")
    if person.device == "desktop":
        assert menu.is_visible() and not button.is_visible()
        person.click(menu.get_by_role("link", name="Défis"))
    else:
        assert not menu.is_visible() and button.get_attribute("aria-expanded") == "false"
        person.click(button, navigates=False)
        assert menu.is_visible() and button.get_attribute("aria-expanded") == "true"
        assert person.page.get_by_label("Rechercher sur le site").is_visible()
        person.page.keyboard.press("Escape")
        assert not menu.is_visible()
        assert button.evaluate("element => element === document.activeElement")
        person.click(button, navigates=False)
        person.click(menu.get_by_role("link", name="Défis"))
    assert person.path == "/defis/"


def test_the_directory_shows_its_first_results_in_the_first_screen(person):
    person.go("/mentors/")
    height = person.page.viewport_size["height"]
    assert first_card_top(person) < height - 120, "a person should see the first card without scrolling"
    keywords = person.page.get_by_label("Rechercher un mentor par mots-clés")
    assert keywords.is_visible()
    assert person.page.get_by_label("Thème").is_visible() == (person.device == "desktop")


def test_a_phone_user_opens_the_filters_chooses_a_theme_and_sorts(person):
    person.go("/mentors/")
    filters = person.page.get_by_role("button", name=re.compile("^Filtres"))
    if person.device == "phone":
        person.click(filters, navigates=False)
    theme = person.page.get_by_label("Thème")
    label = theme.locator("option").nth(1).inner_text()
    theme.select_option(index=1)
    person.choose("Trier par", "Mis à jour récemment")
    person.click("Afficher les mentors")
    assert "sort=recent" in person.page.url
    assert person.page.get_by_label("Trier par").input_value() == "recent"
    if person.device == "phone":
        assert person.page.get_by_role("button", name=re.compile(r"^Filtres \(1 actif\)")).is_visible()
    assert first_card_top(person) < person.page.viewport_size["height"]
    for option in person.page.get_by_label("Thème").locator("option").all_inner_texts():
        assert "…" not in option
    assert label.split(" (")[0] in person.page.get_by_label("Thème").locator("option:checked").inner_text()
