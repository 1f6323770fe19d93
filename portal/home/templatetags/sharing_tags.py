"""`{% share_meta %}`: the description, Open Graph and Twitter card of the page shown (portal/home/sharing.py);
`{% share_meta mentor=mentor %}` on a mentor's profile."""

from django import template

from wagtail.models import Page

from portal.home import sharing
from portal.home.models import SiteSettings

register = template.Library()


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context, mentor=None):
    request = context["request"]
    site_settings = SiteSettings.for_request(request)
    page = context.get("page")
    if mentor is not None:
        card = sharing.for_mentor(request, mentor, page, site_settings)
    elif isinstance(page, Page):
        card = sharing.for_page(request, page, site_settings)
    else:
        card = sharing.for_view(request, "", site_settings)
    return {
        "card": card,
        "site_name": site_settings.brand_name,
        "canonical": mentor is not None or isinstance(page, Page),
    }
