"""Which language each piece of content is shown in.

Pages are written in French, the default language, and the French pages are the source of truth: every
list, menu, search and matching selects them only, so nothing appears twice. An editor may translate a
page into English (the admin's "Translate" action). A visitor whose interface is English then sees the
page's live English translation where there is one, and the French page everywhere else, at the same
address, marked lang="fr" and announced as not translated yet (templatetags/language_tags.py).

Everything else people write on the portal — mentors' profiles, themes, the site settings, form labels —
is French and never translated: it is marked lang="fr" in an English interface.
"""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

_locale_ids = {}  # language code -> Locale id; the table holds a row per language and rarely changes


def _locales():
    if not _locale_ids:
        _locale_ids.update(Locale.all_objects.values_list("language_code", "id"))
    return _locale_ids


def forget_locales(**kwargs):
    _locale_ids.clear()


post_save.connect(forget_locales, sender=Locale, dispatch_uid="portal-languages-locale-saved")
post_delete.connect(forget_locales, sender=Locale, dispatch_uid="portal-languages-locale-deleted")


def default_language():
    """The language pages are written in: French."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def active_language():
    """The visitor's interface language, as a content language."""
    try:
        return get_supported_content_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return default_language()


def in_default_locale():
    """Choices of a relation to pages: the French ones only (`limit_choices_to`), since stored relations
    point at the source of truth."""
    return Q(locale__language_code=default_language())


def locale_id(language):
    return _locales().get(language)


def language_of_locale(locale_pk):
    return next((language for language, pk in _locales().items() if pk == locale_pk), default_language())


def is_source(page):
    """True for a French page (or any page while the locales are unknown): the source of truth."""
    default = locale_id(default_language())
    return default is None or page.locale_id == default


def content_language(obj):
    """The language `obj`'s text is written in. A page's is its locale's, except an alias, which repeats
    its French source; anything else editors and members write is French."""
    if isinstance(obj, Page) and not obj.alias_of_id:
        return language_of_locale(obj.locale_id)
    return default_language()


def in_another_language(obj):
    """True when `obj` is shown in a language other than the interface's (an untranslated page in English)."""
    return content_language(obj) != active_language()


def shown_untranslated(page):
    """True when a visitor whose interface is not French is shown the French text of `page`."""
    default = default_language()
    return active_language() != default and content_language(page) == default


def prefetch_translations(pages):
    """Find, for a whole list of pages, what `localized()` answers for each: one query per page type in
    the list, none when the pages are already in the interface language (French pages in French).
    Returns the pages themselves, as a list."""
    pages = list(pages)
    language = active_language()
    target = locale_id(language)
    wanted = {}
    for page in pages:
        if target is not None and isinstance(page, Page) and page.locale_id != target:
            wanted.setdefault(type(page), set()).add(page.translation_key)
    if not wanted:
        return pages
    found = {}
    for model, keys in wanted.items():
        translations = model.objects.live().public().filter(locale_id=target, translation_key__in=keys)
        found |= {translated.translation_key: translated for translated in translations}
    for page in pages:
        if isinstance(page, Page):
            translated = page if page.locale_id == target else found.get(page.translation_key, page)
            page.__dict__["_localized"] = (language, translated)
    return pages


def localized(page):
    """`page` as shown to the visitor: its live translation in the interface language when an editor
    made one, else the page itself (Wagtail's `Page.localized`, without a query for a French page in French)."""
    if page is None:
        return None
    language = active_language()
    remembered = page.__dict__.get("_localized")
    if remembered and remembered[0] == language:
        return remembered[1]
    if page.locale_id == locale_id(language):
        return page
    prefetch_translations([page])
    return page.__dict__.get("_localized", (language, page))[1]


def source_page(page):
    """The French page of a translation: the source of truth for classification, relations and matching.
    A French page is its own source; a page that exists only in another language too."""
    if is_source(page):
        return page
    if "_source_page" not in page.__dict__:  # asked by the page, its menu and its breadcrumbs: once
        default = locale_id(default_language())
        source = type(page).objects.filter(translation_key=page.translation_key, locale_id=default).first()
        page.__dict__["_source_page"] = source or page
    return page.__dict__["_source_page"]


class FrenchLabelsSelect(forms.Select):
    """A list of choices whose labels people wrote in French (themes): marked like any French content
    when the interface is in another language."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        if option["value"] and active_language() != default_language():
            option["attrs"]["lang"] = default_language()
        return option
