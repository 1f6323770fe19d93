from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.rich_text.pages import PageLinkHandler

from portal.home.admin_views import TranslatePageView, is_translatable


@hooks.register("insert_global_admin_css")
def editors_lists_css():
    """Row actions and whole words in the editors' lists (portal/admin_actions.py)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("register_admin_urls", order=-1)
def translate_page_url():
    """Takes the address of simple_translation's "Translate" for pages (listed first, it answers first):
    the same button, translating a page in one step (portal/home/admin_views.py)."""
    return [path("translation/submit/page/<int:page_id>/", TranslatePageView.as_view(), name="translate_page")]


@hooks.register("construct_page_listing_buttons")
def no_translate_button_for_french_only_pages(buttons, page, user, context=None):
    """The explorer offers no "Translate" for a page that stays French (its editor's header still does,
    and says why it cannot)."""
    if is_translatable(page):
        return
    translate_url = reverse("simple_translation:submit_page_translation", args=[page.id])
    for button in buttons:
        if isinstance(getattr(button, "dropdown_buttons", None), list):  # the "More" menu
            button.dropdown_buttons[:] = [item for item in button.dropdown_buttons if item.url != translate_url]


class SameAddressPageLinkHandler(PageLinkHandler):
    """Links to pages in rich text. A translation answers at its French page's address, so a link needs
    no lookup of the translation (Wagtail's handler makes one per link when the site is translated)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [format_html('<a href="{}">', page.url) if page else "<a>" for page in cls.get_many(attrs_list)]


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own "page" link type
def page_links_at_the_same_address(features):
    features.register_link_type(SameAddressPageLinkHandler)
