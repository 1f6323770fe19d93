"""What a page says of itself when it is shared (Open Graph and Twitter cards) or listed for search engines
(robots.txt).

- A page is shared with its SEO title, its meta description (search description, else summary), its
  address, and its listing image, else the site's default share image (Paramètres → Paramètres du site);
  images are Wagtail renditions cropped to 1200 x 630, the size every network shows in full.
- A mentor's profile is shared with the mentor's name and headline, and their photo only while the profile is
  published (a pending or paused mentor's photo lives under a secret address: portal/mentors/photos.py).
  Nothing else of the profile, and never an email address.
- Every address is absolute, built on the Wagtail site's root URL, never on the request's Host header.
"""

from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse

from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

PAGE_IMAGE = "fill-1200x630"
# A portrait cropped to 1200 x 630 loses the face: a profile is shared as a square ("summary" card).
PORTRAIT_IMAGE = "fill-600x600"


@dataclass
class ShareImage:
    url: str
    width: int
    height: int
    alt: str


@dataclass
class ShareCard:
    title: str
    description: str
    url: str
    image: ShareImage | None
    kind: str = "website"

    @property
    def twitter_card(self):
        return "summary_large_image" if self.image and self.image.width > self.image.height else "summary"


def site_root(request):
    """The site's public root URL, without a trailing slash."""
    site = Site.find_for_request(request) if request else None
    return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute(request, url):
    return urljoin(f"{site_root(request)}/", url) if url else ""


def share_image(request, image, spec, alt=""):
    """The image's rendition as shared, with its absolute address; None when its file is missing."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
    except (SourceImageIOError, FileNotFoundError, OSError):
        return None
    return ShareImage(absolute(request, rendition.url), rendition.width, rendition.height, alt)


def default_image(request, site_settings):
    image = getattr(site_settings, "share_image", None)
    return share_image(request, image, PAGE_IMAGE, getattr(image, "description", "") if image else "")


def for_page(request, page, site_settings):
    image = getattr(page, "listing_image", None)
    shared = share_image(request, image, PAGE_IMAGE, image.description) if image else None
    return ShareCard(
        title=page.seo_title or page.title,
        description=getattr(page, "meta_description", None) or page.search_description,
        url=(page.get_full_url(request) or "") if page.pk else "",
        image=shared or default_image(request, site_settings),
    )


def for_mentor(request, mentor, directory, site_settings):
    """A mentor's profile: the photo only while the profile is published."""
    photo = mentor.photo if mentor.is_public else None
    return ShareCard(
        title=mentor.full_name,
        description=mentor.headline,
        url=absolute(request, mentor.get_url(directory)),
        image=share_image(request, photo, PORTRAIT_IMAGE, mentor.full_name) or default_image(request, site_settings),
        kind="profile",
    )


def for_view(request, title, site_settings):
    """A page that is not a Wagtail page (a form, an account page): the site's name and default image, and no
    address (some of these carry a personal link: a password reset, an invitation)."""
    return ShareCard(title=title, description="", url="", image=default_image(request, site_settings))


def robots_txt(request):
    """robots.txt: the public site open to search engines, but the admin, accounts and the addresses that
    carry a personal link (a mentor's space, requests' follow-up and answers, invitations). Outside
    production (SEARCH_ENGINES_ALLOWED off: dev, a staging copy) everything is closed, so that no copy of the
    site competes with it in search results or exposes test data."""
    lines = ["User-agent: *"]
    if not settings.SEARCH_ENGINES_ALLOWED:
        lines.append("Disallow: /")
    else:
        private = [
            reverse("wagtailadmin_home"),
            "/{}/".format(reverse("login").strip("/").split("/")[0]),  # every account page: /comptes/
            reverse("mentors:me"),
            address_start("mentors:confirm-email"),
            address_start("mentors:invitation", 2),
            address_start("mentorships:mine"),
            address_start("mentorships:answer"),
            address_start("mentorships:follow"),
            address_start("mentorships:feedback"),
        ]
        lines += [f"Disallow: {path}" for path in private]
        lines += ["Allow: /", "", f"Sitemap: {absolute(request, reverse('sitemap'))}"]
    return "\n".join(lines) + "\n"


def address_start(name, arguments=1):
    """The fixed start of an address that ends with a personal link: /demandes/reponse/ of
    /demandes/reponse/<token>/."""
    address = reverse(name, args=["PLACEHOLDER"] * arguments)
    return address[: address.index("PLACEHOLDER")]
