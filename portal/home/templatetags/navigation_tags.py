from django import template

from wagtail.models import Page, Site

from portal.home import languages, menus
from portal.home.models import CharterPage
from portal.navigation.models import NavigationSettings

register = template.Library()

LINK_FIELDS = menus.LINK_FIELDS


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The main menu editors keep in Paramètres > Navigation (portal/home/menus.py)."""
    request = context["request"]
    navigation = NavigationSettings.for_request(request)
    return {"request": request, "menu_items": menus.main_menu(request, navigation, context.get("page"))}


@register.simple_tag(takes_context=True)
def footer_columns(context):
    """The footer's columns of links editors keep in Paramètres > Navigation."""
    request = context["request"]
    navigation = NavigationSettings.for_request(request)
    return menus.footer_columns(request, navigation, context.get("page"))


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
