from django import template

from wagtail.models import Page, Site

from portal.home import languages
from portal.home.models import CharterPage

register = template.Library()

# What a menu item or a breadcrumb needs, its translation's lookup included.
LINK_FIELDS = ["title", "url_path", "path", "depth", "locale_id", "translation_key", "alias_of_id"]


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Live pages flagged "show in menus" directly under the site's (French) home page, each with its
    title in the visitor's language when translated."""
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    current_path = languages.source_page(current).path if current and current.pk else None
    items = []
    if site:
        items = site.root_page.get_children().live().public().in_menu().only(*LINK_FIELDS)
    return {
        "request": request,
        "menu_items": [
            (item, languages.localized(item), bool(current_path and current_path.startswith(item.path)))
            for item in languages.prefetch_translations(items)
        ],
        "home_url": site.root_page.get_url(request) if site else "/",
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The current page's ancestors from the site's home page down, in one query (and one more for
    their translations in English), in the French tree that every translation mirrors."""
    page = context.get("page")
    request = context["request"]
    site = Site.find_for_request(request)
    ancestors = []
    if page and page.pk and site and page.depth > site.root_page.depth:
        source = languages.source_page(page)
        ancestors = languages.prefetch_translations(
            Page.objects.ancestor_of(source).filter(depth__gte=site.root_page.depth).live().only(*LINK_FIELDS)
        )
    return {"request": request, "ancestors": ancestors, "page": page}


@register.simple_tag(takes_context=True)
def current_charter(context):
    """The published ethics charter, looked up once per request."""
    request = context["request"]
    if not hasattr(request, "_current_charter"):
        request._current_charter = CharterPage.current()
    return request._current_charter
