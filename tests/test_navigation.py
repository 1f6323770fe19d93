"""Finding one's way on a phone and a desktop: under 600 px the main menu and the site search fold
behind « Menu » (a script of our own, progressive enhancement: without it everything stays open), and
each search box says, in a visible label, what it searches."""

from pathlib import Path

from django.contrib.staticfiles import finders

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    return BeautifulSoup(client.get(url).content.decode(), "html.parser")


def test_the_menu_button_controls_the_panel_holding_the_menu_and_the_site_search(client, directory):
    soup = soup_of(client, "/")
    button = soup.select_one(".site-header button[data-disclosure]")
    assert button.get_text(strip=True) == "Menu"
    assert button["type"] == "button"
    assert button["aria-expanded"] == "true"  # the panel is open until the script folds it
    panel = soup.find(id=button["aria-controls"])
    assert panel.select_one("nav.main-nav[aria-label='Menu principal']")
    assert panel.select_one("form[role=search][action='/search/'] input[name=q]")
    bar = button.parent  # brand, « Menu » and languages share the bar above the panel
    assert bar.select_one("a.brand") and bar.select_one("form.language-switcher")
    assert panel not in bar.descendants


def test_without_javascript_the_menu_is_open_and_its_button_hidden(client, directory):
    soup = soup_of(client, "/")
    button = soup.select_one(".site-header button[data-disclosure]")
    panel = soup.find(id=button["aria-controls"])
    assert button.has_attr("hidden")  # useless without the script, which shows it
    assert not panel.has_attr("hidden") and not panel.has_attr("style")
    assert "is-collapsible" not in panel["class"]  # what the script adds to fold it on small screens
    links = {link.get_text(strip=True): link["href"] for link in panel.select("nav.main-nav a")}
    assert links["Accueil"] == "/"
    assert links["Mentors"] == directory.url


def test_the_folding_script_is_ours_served_locally_and_deferred(client, directory, settings):
    settings.WHITENOISE_USE_FINDERS = True  # served as in production, without collectstatic
    soup = soup_of(client, directory.url)
    scripts = [script for script in soup.find_all("script") if "disclosures" in script.get("src", "")]
    assert len(scripts) == 1
    assert scripts[0]["src"] == "/static/js/disclosures.js"
    assert scripts[0].has_attr("defer")
    response = client.get("/static/js/disclosures.js")
    assert response.status_code == 200
    served = b"".join(response.streaming_content).decode()
    assert served == Path(finders.find("js/disclosures.js")).read_text()
    for behaviour in ["[data-disclosure]", "aria-expanded", '"Escape"', "button.focus()", "is-collapsible"]:
        assert behaviour in served, behaviour


def search_boxes(soup):
    """{visible label: (the form's address, its submit buttons' texts)} of every free-text field."""
    boxes = {}
    for field in soup.select("input[type=search], textarea"):
        label = soup.find("label", attrs={"for": field["id"]})
        assert label is not None and "visually-hidden" not in label.get("class", []), field["id"]
        form = field.find_parent("form")
        boxes[label.get_text(strip=True)] = (
            form["action"],
            [b.get_text(strip=True) for b in form.select("[type=submit]")],
        )
    return boxes


def test_the_directory_has_one_search_box_per_purpose_each_saying_what_it_does(client, directory):
    assert search_boxes(soup_of(client, directory.url)) == {
        "Rechercher sur le site": ("/search/", ["Rechercher"]),
        "Rechercher un mentor par mots-clés": (directory.url, ["Afficher les mentors"]),
        "Décrivez votre défi\u00a0: nous proposons des mentors": (f"{directory.url}defi/", ["Trouver des mentors"]),
    }


def test_the_home_page_finder_and_the_site_search_say_what_they_do(client, directory):
    assert search_boxes(soup_of(client, "/")) == {
        "Rechercher sur le site": ("/search/", ["Rechercher"]),
        "Décrivez votre défi\u00a0: nous proposons des mentors": (f"{directory.url}defi/", ["Trouver des mentors"]),
    }


def test_the_search_boxes_speak_english_too(client, directory):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    labels = set(search_boxes(soup_of(client, directory.url)))
    assert labels == {
        "Search the site",
        "Search for a mentor by keywords",
        "Describe your challenge: we propose mentors",
    }
