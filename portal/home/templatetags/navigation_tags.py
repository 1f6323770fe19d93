from django import template

from wagtail.models import Page, Site

from portal.home.models import CharterPage

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Live pages flagged "show in menus" directly under the site's home page."""
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    items = []
    if site:
        items = site.root_page.get_children().live().public().in_menu().only("title", "url_path", "path")
    return {
        "request": request,
        "menu_items": [(item, bool(current and current.path.startswith(item.path))) for item in items],
        "home_url": site.root_page.get_url(request) if site else "/",
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The current page's ancestors from the site's home page down, in one query."""
    page = context.get("page")
    request = context["request"]
    site = Site.find_for_request(request)
    ancestors = []
    if page and page.pk and site and page.depth > site.root_page.depth:
        ancestors = Page.objects.ancestor_of(page).filter(depth__gte=site.root_page.depth).live()
    return {"request": request, "ancestors": ancestors, "page": page}


@register.simple_tag(takes_context=True)
def current_charter(context):
    """The published ethics charter, looked up once per request."""
    request = context["request"]
    if not hasattr(request, "_current_charter"):
        request._current_charter = CharterPage.current()
    return request._current_charter
