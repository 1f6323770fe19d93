"""What every visitor gets: accessible structure, navigation from the tree, no third-party assets."""

import re
from pathlib import Path

from wagtail.models import Page

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Tags that make the browser fetch something (the canonical <link> is only an address, not an asset).
ASSET_ATTRIBUTES = re.compile(
    r"<(?:script|img|iframe|source|link(?![^>]*canonical))\b[^>]*\b(?:src|href)=\"([^\"]+)\"", re.I
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


@pytest.fixture
def demo_pages():
    return list(Page.objects.live().filter(depth__gte=2).specific())


def test_every_page_has_a_skip_link_landmarks_and_a_single_h1(client, demo_pages):
    for page in demo_pages:
        html = client.get(page.url).content.decode()
        assert '<a class="skip-link" href="#main-content">' in html, page.url
        assert '<main id="main-content"' in html, page.url
        assert "<header" in html and "<footer" in html and "<nav" in html, page.url
        assert html.count("<h1") == 1, page.url
        assert 'name="viewport"' in html, page.url


def test_no_page_loads_an_asset_from_another_site(client, demo_pages):
    for page in [*demo_pages, None]:
        html = client.get(page.url if page else "/search/?q=mentorat").content.decode()
        for address in ASSET_ATTRIBUTES.findall(html):
            assert not re.match(r"^(https?:)?//", address), f"{address} on {page.url if page else 'search'}"


def test_the_stylesheet_and_templates_reference_no_cdn():
    stylesheet = (ROOT / "portal/static/css/portal.css").read_text()
    assert "@import" not in stylesheet
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", stylesheet)
    for template in (ROOT / "templates").rglob("*.html"):
        assert not re.search(r"(src|href)=\"(https?:)?//", template.read_text()), template


def test_the_menu_comes_from_the_page_tree_and_marks_the_current_section(client, demo_pages):
    html = client.get("/defis/developper-la-culture-client/").content.decode()
    menu = html[html.index('<nav class="main-nav"') : html.index("</nav>", html.index('<nav class="main-nav"'))]
    for title in ["Mentorat by FabMob", "Défis", "Retours d&#x27;expérience", "Identifions les besoins", "Ressources"]:
        assert title in menu
    assert "Données personnelles" not in menu  # not flagged "show in menus": linked from the footer
    assert '<a href="/defis/" aria-current="true">Défis</a>' in menu


def test_breadcrumbs_follow_the_ancestors(client, demo_pages):
    html = client.get("/ressources/charte-deontologique/").content.decode()
    crumbs = html[html.index('<nav class="breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert re.findall(r'<a href="([^"]+)">', crumbs) == ["/", "/ressources/"]
    assert '<li aria-current="page">Charte déontologique du mentorat</li>' in crumbs


def test_footer_shows_the_editable_site_settings(client, demo_pages):
    from wagtail.models import Site

    from portal.home.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.contact_email = "mentorat@fabmob.example"
    site_settings.save()
    html = client.get("/").content.decode()
    assert 'href="mailto:mentorat@fabmob.example"' in html
    assert "Wiki de la Fabrique des Mobilités" in html
    assert 'href="/donnees-personnelles/"' in html


def test_unknown_address_gets_a_french_404_page(client, db):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
