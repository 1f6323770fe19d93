"""What the main menu and the footer's columns show a visitor, from the links editors keep in
Paramètres > Navigation (portal/navigation/).

- A link to a page is shown while the page is live and public; an item that only opens a sub-menu, and a
  footer column, are shown while one of their links is.
- Labels: the editor's label, else the page's title. To a visitor reading another language than French:
  the English label when there is one, else the page's title in that language when it is translated,
  else the French text, marked with its language (`lang`).
- The current page's link says so (`aria-current="page"`); the link to a section it is in, and a
  sub-menu holding it, `aria-current="true"`. The home page's link is current on the home page only.
"""

from dataclasses import dataclass, field

from wagtail.models import Page

from portal.home import languages
from portal.home.models import BasePageQuerySet

LINK_FIELDS = ["title", "url_path", "path", "depth", "locale_id", "translation_key", "alias_of_id"]


@dataclass
class MenuLink:
    label: str
    url: str = ""
    lang: str = ""  # the label's language when it differs from the interface's
    current: str = ""  # "page", "true" or ""
    children: list = field(default_factory=list)


@dataclass
class FooterColumn:
    heading: str
    lang: str
    links: list


def _links_in(stream, children_key):
    for block in stream:
        yield block.value
        yield from (child for child in block.value.get(children_key) or [])


def _shown_pages(values):
    """{page id: page} for the live, public pages these links name, with their translations found."""
    ids = {value["page"].pk for value in values if value.get("page")}
    if not ids:
        return {}
    pages = BasePageQuerySet(Page).filter(pk__in=ids).live().public().only(*LINK_FIELDS)
    return {page.pk: page for page in languages.prefetch_translations(pages)}


def _text(french, english):
    """(text, lang) of an editor's French text that may have an English version."""
    active, default = languages.active_language(), languages.default_language()
    if active == default:
        return french, ""
    if active == "en" and english:
        return english, ""
    return french, default


class MenuBuilder:
    def __init__(self, request, current_page, pages):
        self.request = request
        self.pages = pages
        self.current_path = None
        if current_page is not None and current_page.pk:
            self.current_path = languages.source_page(current_page).path

    def link(self, value):
        """A MenuLink for one link's value, or None when it is not to be shown."""
        chosen = value.get("page")
        if chosen:
            page = self.pages.get(chosen.pk)
            if page is None:
                return None
            label, lang = self.page_label(value, page)
            return MenuLink(label=label, url=page.get_url(self.request), lang=lang, current=self.page_current(page))
        address = value.get("address")
        if address:
            label, lang = _text(value.get("label"), value.get("english_label"))
            current = "page" if address.startswith("/") and self.request.path == address else ""
            return MenuLink(label=label, url=address, lang=lang, current=current)
        label, lang = _text(value.get("label"), value.get("english_label"))
        return MenuLink(label=label, lang=lang)

    def page_label(self, value, page):
        label, english = value.get("label"), value.get("english_label")
        shown = languages.localized(page)
        if languages.active_language() == languages.default_language():
            return label or page.title, ""
        if languages.active_language() == "en" and english:
            return english, ""
        if not languages.in_another_language(shown):  # translated: its title in the visitor's language
            return shown.title, ""
        return label or page.title, languages.default_language()

    def page_current(self, page):
        if not self.current_path:
            return ""
        if self.current_path == page.path:
            return "page"
        is_site_root = page.depth <= 2  # a site's home page: every page is "in" it
        return "true" if not is_site_root and self.current_path.startswith(page.path) else ""

    def item(self, value):
        item = self.link(value)
        if item is None:
            return None
        item.children = [child for child in map(self.link, value.get("children") or []) if child]
        if not item.url and not item.children:
            return None
        if not item.current and any(child.current for child in item.children):
            item.current = "true"
        return item


def main_menu(request, navigation, current_page=None):
    """The main menu's items (MenuLink, each with its sub-menu's links) as this visitor sees them."""
    pages = _shown_pages(list(_links_in(navigation.main_menu, "children")))
    builder = MenuBuilder(request, current_page, pages)
    return [item for item in map(builder.item, (block.value for block in navigation.main_menu)) if item]


def footer_columns(request, navigation, current_page=None):
    """The footer's columns (FooterColumn) with the links this visitor sees, empty columns left out."""
    values = [link for block in navigation.footer_columns for link in block.value.get("links") or []]
    builder = MenuBuilder(request, current_page, _shown_pages(values))
    columns = []
    for block in navigation.footer_columns:
        links = [link for link in map(builder.link, block.value.get("links") or []) if link and link.url]
        if links:
            heading, lang = _text(block.value.get("heading"), block.value.get("english_heading"))
            columns.append(FooterColumn(heading=heading, lang=lang, links=links))
    return columns
