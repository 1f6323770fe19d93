"""Security headers: a strict Content-Security-Policy on the public site (which runs no inline script or
style, so injected markup can run nothing), the admin's own policy, a Permissions-Policy, and an admin that
sends editors' email hashes to no third party."""

from html.parser import HTMLParser

from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.embeds.models import Embed
from wagtail.models import Page

import pytest

from portal.challenges.models import ChallengeIndexPage
from portal.mentors.models import MentorIndexPage, MentorProfile

pytestmark = pytest.mark.django_db
PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-src": ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, *sources in directives}


def test_public_pages_carry_the_strict_content_security_policy(client, directory):
    for url in ("/", directory.url, reverse("mentors:apply"), "/search/?q=donn%C3%A9es", "/nulle-part/"):
        assert policy(client.get(url)) == PUBLIC_POLICY, url


def test_an_editor_browsing_the_public_site_gets_the_same_strict_policy(editor_client, directory):
    assert policy(editor_client.get(directory.url)) == PUBLIC_POLICY


def test_the_admin_has_its_own_policy_that_keeps_everything_on_the_site(editor_client):
    admin = policy(editor_client.get("/admin/"))
    # Wagtail's admin writes inline scripts and style attributes; nothing else is relaxed.
    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["style-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["default-src"] == admin["form-action"] == admin["base-uri"] == ["'self'"]
    assert admin["frame-ancestors"] == ["'self'"]  # the page editor's preview panel frames the admin itself
    assert admin["object-src"] == ["'none'"]


def test_a_page_s_preview_in_the_admin_may_be_framed_by_the_admin(editor_client, home):
    """Wagtail renders a preview through a request for the page's own address: the admin's policy still holds,
    or the page editor's preview panel stays blank."""
    preview = policy(editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[home.id])))
    assert preview["frame-ancestors"] == ["'self'"]


def test_every_response_denies_the_browser_features_the_portal_never_uses(client, editor_client):
    for response in (client.get("/"), client.get("/api/v1/mentors/"), editor_client.get("/admin/")):
        features = dict(part.strip().split("=") for part in response["Permissions-Policy"].split(","))
        for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
            assert features[feature] == "()", feature


class InlineCode(HTMLParser):
    """Collects what a strict policy blocks: inline scripts, <style> elements, style attributes and on*
    event handlers. A <script type="application/json"> is data, not code: allowed."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and attributes.get("type") != "application/json":
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f'<{tag} {name}="{value}">')


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_no_demo_page_has_an_inline_script_handler_or_style(client, demo):
    directory = MentorIndexPage.objects.live().first()
    challenges = ChallengeIndexPage.objects.live().first()
    mentor = MentorProfile.objects.public().first()
    urls = [page.url for page in Page.objects.live().filter(depth__gte=2).specific()]
    urls += [
        f"{directory.url}{mentor.slug}/",
        f"{directory.url}{mentor.slug}/demander/",
        f"{directory.url}defi/?texte=ouvrir+les+donn%C3%A9es+de+transport",
        f"{directory.url}?theme=open-data&page=2",
        f"{challenges.url}proposer/",
        "/search/?q=donn%C3%A9es",
        "/nulle-part/",
        "/api/v1/docs",
        reverse("mentors:apply"),
        reverse("mentorships:find"),
        reverse("login"),
        reverse("password_reset"),
    ]
    assert len(urls) > 25
    for url in urls:
        response = client.get(url)
        assert response.status_code == (404 if url == "/nulle-part/" else 200), url  # every address but one is real
        assert inline_code(response.content.decode()) == [], url
    # A form sent back with its errors, as a person sees it.
    refused = client.post(reverse("mentors:apply"), {"contact_email": "pas une adresse"})
    assert "errorlist" in refused.content.decode() and inline_code(refused.content.decode()) == []


def test_an_embedded_video_keeps_its_shape_without_an_inline_style():
    video = Embed(
        url="https://www.youtube.com/watch?v=abc",
        html='<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Vidéo"></iframe>',
        width=560,
        height=315,
    )
    html = render_to_string("wagtailembeds/embed_frontend.html", {"embed": video})
    assert inline_code(html) == []
    assert 'class="responsive-object"' in html
    video.width, video.height = 400, 300
    assert "responsive-object--4-3" in render_to_string("wagtailembeds/embed_frontend.html", {"embed": video})


def test_the_admin_asks_no_third_party_for_editors_avatars(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()
    assert "/static/wagtailadmin/images/default-user-avatar" in html
