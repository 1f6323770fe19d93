"""Sharing and search engines: what a shared page shows (Open Graph, Twitter cards), robots.txt, mentor
profiles in the sitemap, ASCII addresses for new pages, and the site's own page for password-protected pages."""

import re
from html import unescape

from django.template import Context, Template
from django.test import RequestFactory

from wagtail.models import PageViewRestriction

import pytest
import wagtail_factories

from portal.challenges.models import ChallengePage
from portal.home.models import SiteSettings
from portal.mentors.models import MentorStatus
from tests.factories import ChallengePageFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db

# The Wagtail site's root URL, as the first migration set it from SITE_BASE_URL.
ROOT = "http://127.0.0.1:8000"


def meta(html, name):
    """The content of the <meta property|name="…"> tags of that name, in order."""
    pattern = rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"'
    return [unescape(value) for value in re.findall(pattern, html)]


def landscape(title="Atelier vélo"):
    return wagtail_factories.ImageFactory(
        title=title, description="Un atelier de réparation de vélos", file__width=1600, file__height=1000
    )


@pytest.fixture
def default_share_image(home):
    image = landscape("Image de partage par défaut")
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.share_image = image
    site_settings.save()
    return image


# --- Open Graph and Twitter cards -------------------------------------------------------------------
def test_a_shared_page_shows_its_title_summary_address_and_listing_image_in_absolute_urls(
    client, challenge_index, default_share_image
):
    image = landscape()
    challenge = ChallengePageFactory(
        parent=challenge_index, title="Mutualiser les données", summary="Ouvrir les données.", listing_image=image
    )
    html = client.get(challenge.url).content.decode()

    assert meta(html, "og:title") == ["Mutualiser les données"]
    assert meta(html, "og:description") == ["Ouvrir les données."]
    assert meta(html, "og:url") == [f"{ROOT}{challenge.url}"]
    [og_image] = meta(html, "og:image")
    rendition = image.get_rendition("fill-1200x630")
    assert og_image == f"{ROOT}{rendition.url}"
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == (["1200"], ["630"])
    assert meta(html, "og:image:alt") == ["Un atelier de réparation de vélos"]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert meta(html, "twitter:image") == [og_image]
    assert meta(html, "twitter:title") == ["Mutualiser les données"]


def test_the_address_of_a_shared_image_is_built_on_the_site_root_not_the_visitor_host(
    client, challenge_index, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    challenge = ChallengePageFactory(parent=challenge_index, title="Partager", listing_image=landscape())
    html = client.get(challenge.url, HTTP_HOST="attacker.example").content.decode()
    assert meta(html, "og:image")[0].startswith(f"{ROOT}/")
    assert "attacker.example" not in html


def test_a_page_without_a_listing_image_is_shared_with_the_default_share_image(
    client, challenge_index, default_share_image
):
    challenge = ChallengePageFactory(parent=challenge_index, title="Sans image")
    html = client.get(challenge.url).content.decode()
    rendition = default_share_image.get_rendition("fill-1200x630")
    assert meta(html, "og:image") == [f"{ROOT}{rendition.url}"]


def test_without_any_image_a_page_is_shared_as_a_plain_summary_card(client, challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index, title="Sans image", summary="Un résumé.")
    html = client.get(challenge.url).content.decode()
    assert meta(html, "og:image") == []
    assert meta(html, "twitter:card") == ["summary"]
    assert meta(html, "description") == ["Un résumé."]


def test_the_search_description_wins_over_the_summary(client, challenge_index):
    challenge = ChallengePageFactory(
        parent=challenge_index, title="Décrit", summary="Le résumé.", search_description="Pour les moteurs."
    )
    html = client.get(challenge.url).content.decode()
    assert meta(html, "og:description") == ["Pour les moteurs."]
    assert meta(html, "description") == ["Pour les moteurs."]


def test_a_published_mentor_is_shared_with_name_headline_and_photo_never_the_email(client, directory):
    mentor = MentorProfileFactory(full_name="Claire Martin", photo=landscape("Portrait"))
    url = f"{directory.url}{mentor.slug}/"
    html = client.get(url).content.decode()

    assert meta(html, "og:title") == ["Claire Martin"]
    assert meta(html, "og:description") == [mentor.headline]
    assert meta(html, "og:url") == [f"{ROOT}{url}"]
    assert meta(html, "og:type") == ["profile"]
    assert meta(html, "og:image") == [f"{ROOT}{mentor.photo.get_rendition('fill-600x600').url}"]
    head = html.split("</head>")[0]
    assert mentor.contact_email not in head


@pytest.mark.parametrize("status", [MentorStatus.PENDING, MentorStatus.PAUSED, MentorStatus.DRAFT])
def test_an_unpublished_mentors_photo_is_never_shared(directory, default_share_image, status):
    """Whatever renders a profile that is not published (an editor's preview of a pending application,
    for one), its photo's secret address never reaches the meta tags: the default image stands in."""
    mentor = MentorProfileFactory(status=status, photo=landscape("Portrait"))
    request = RequestFactory().get(f"{directory.url}{mentor.slug}/", HTTP_HOST="localhost")
    html = Template("{% load sharing_tags %}{% share_meta mentor=mentor %}").render(
        Context({"request": request, "mentor": mentor, "page": directory})
    )
    photo_name = mentor.photo.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert photo_name not in html
    assert meta(html, "og:image") == [f"{ROOT}{default_share_image.get_rendition('fill-1200x630').url}"]


def test_a_page_reached_by_a_personal_link_never_repeats_it_in_its_meta(client, home, default_share_image):
    html = client.get("/comptes/reset/MQ/set-password/").content.decode()
    assert meta(html, "og:url") == [] and "set-password" not in html.split("</head>")[0]
    assert meta(html, "og:title") == ["Mentorat FabMob"]


# --- robots.txt ---------------------------------------------------------------------------------------
def test_robots_txt_opens_the_public_site_and_closes_personal_addresses(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for private in [
        "/admin/",
        "/comptes/",
        "/mentors/me/",
        "/mentors/confirmer/",
        "/mentors/bienvenue/",
        "/demandes/mes-demandes/",
        "/demandes/reponse/",
        "/demandes/suivi/",
        "/demandes/avis/",
    ]:
        assert f"Disallow: {private}" in lines
    assert "Disallow: /" not in lines
    assert "Allow: /" in lines
    assert f"Sitemap: {ROOT}/sitemap.xml" in lines


def test_robots_txt_closes_everything_outside_production(client, home, settings):
    settings.SEARCH_ENGINES_ALLOWED = False
    assert client.get("/robots.txt").content.decode().splitlines() == ["User-agent: *", "Disallow: /"]


# --- Sitemap ------------------------------------------------------------------------------------------
def sitemap_entries(client):
    xml = client.get("/sitemap.xml").content.decode()
    return dict(re.findall(r"<url><loc>([^<]+)</loc>(?:<lastmod>([^<]+)</lastmod>)?", xml.replace("\n", "")))


def test_the_sitemap_lists_published_mentors_with_their_last_update_and_no_one_else(client, directory):
    published = MentorProfileFactory(full_name="Publiée")
    others = [MentorProfileFactory(status=status) for status in ("draft", "pending", "paused", "archived")]
    entries = sitemap_entries(client)

    url = f"{ROOT}{directory.url}{published.slug}/"
    assert entries[url] == published.updated_at.date().isoformat()
    for other in others:
        assert not any(loc.endswith(f"/{other.slug}/") for loc in entries)
    assert f"{ROOT}{directory.url}" in entries  # Wagtail's pages are still there


def test_the_sitemap_lists_no_mentor_while_the_directory_is_private(client, directory):
    MentorProfileFactory(full_name="Publiée")
    PageViewRestriction.objects.create(page=directory, restriction_type="login")
    assert not any("/mentors/" in loc for loc in sitemap_entries(client))


# --- Addresses ----------------------------------------------------------------------------------------
def test_a_new_page_with_an_accented_title_gets_an_ascii_address(challenge_index):
    page = ChallengePage(title="Mutualiser les données")
    challenge_index.add_child(instance=page)
    assert page.slug == "mutualiser-les-donnees"


def test_the_editor_slugifies_titles_into_ascii(editor_client, challenge_index):
    """Wagtail's slug field (its w-slug controller) transliterates accents unless told to allow unicode."""
    html = editor_client.get(f"/admin/pages/add/challenges/challengepage/{challenge_index.pk}/").content.decode()
    slug_input = re.search(r'<input[^>]+name="slug"[^>]*>', html).group(0)
    assert 'data-controller="w-slug"' in slug_input
    assert "allow-unicode" not in slug_input


def test_a_page_published_with_an_accented_address_keeps_answering(client, challenge_index):
    page = ChallengePageFactory(parent=challenge_index, title="Données ouvertes", slug="données-ouvertes")
    page.full_clean()  # an editor can still save it as it is
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Données ouvertes" in response.content.decode()


# --- Password-protected pages -------------------------------------------------------------------------
@pytest.fixture
def protected(challenge_index):
    page = ChallengePageFactory(
        parent=challenge_index, title="Défi du comité", summary="Résumé confidentiel.", listing_image=landscape()
    )
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="bonne-clé")
    return page


def test_a_protected_page_asks_its_password_in_the_sites_frame_without_revealing_the_page(client, protected):
    response = client.get(protected.url)
    html = response.content.decode()
    assert "password_required.html" in [template.name for template in response.templates]
    assert "includes/header.html" in [template.name for template in response.templates]
    assert "<h1>Mot de passe requis</h1>" in html
    assert re.search(r'<label for="id_password">Mot de passe', html)
    assert "Résumé confidentiel." not in html and "Défi du comité" not in html
    assert meta(html, "og:image") == [] and meta(html, "robots") == ["noindex"]
    assert "style=" not in html.split("<main")[1] and "<script>" not in html


def test_a_wrong_password_is_refused_in_french_and_the_right_one_opens_the_page(client, protected):
    html = client.get(protected.url).content.decode()
    action = unescape(re.search(r'<form method="post" action="([^"]+)"', html).group(1))
    return_url = re.search(r'name="return_url" value="([^"]+)"', html).group(1)

    refused = client.post(action, {"password": "mauvaise", "return_url": return_url}).content.decode()
    assert "Le mot de passe que vous avez saisi est incorrect." in refused
    assert 'aria-invalid="true"' in refused and 'aria-describedby="id_password_error"' in refused
    assert "Résumé confidentiel." not in refused

    opened = client.post(action, {"password": "bonne-clé", "return_url": return_url}, follow=True)
    assert "Résumé confidentiel." in opened.content.decode()
