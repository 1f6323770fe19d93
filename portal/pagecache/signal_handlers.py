"""What changes every page: the page tree, and what the frame of every page shows.

Publishing, unpublishing, moving or deleting a page changes menus, listings, breadcrumbs and links anywhere on
the site; settings (site settings, navigation) and snippets show on every page; an image or a document edited
or deleted changes the pages that show it. All of them purge SITE, every page: they are rare (editors' work),
and knowing which pages list which page is not worth its bugs. Drafts and revisions purge nothing: visitors
never see them. The data that some pages show (mentors, programmes, figures) are purged by their own apps.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.contrib.settings.registry import registry as setting_models
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from portal.pagecache.store import SITE, purge

# Filled in by Wagtail on first use, not edits anyone sees.
LAZY_FIELDS = {"file_size", "file_hash"}


def site_changed(sender, **kwargs):
    purge(SITE)


def setting_saved(sender, created=False, **kwargs):
    """Settings edited (Wagtail creates them with their defaults where a page reads them first: no change)."""
    if not created:
        purge(SITE)


def file_saved(sender, created=False, update_fields=None, **kwargs):
    """An image or a document edited (a new one is on no page yet)."""
    if not created and (update_fields is None or not set(update_fields) <= LAZY_FIELDS):
        purge(SITE)


def register_signal_handlers():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(site_changed, dispatch_uid=f"pagecache.site.{id(signal)}")
    post_delete.connect(site_changed, sender=Page, dispatch_uid="pagecache.site.page_deleted")
    # A view restriction added to a page takes it away from the public; one removed gives it back.
    handlers = [
        *[(model, site_changed) for model in (PageViewRestriction, Site, *get_snippet_models())],
        *[(model, setting_saved) for model in setting_models],
        *[(model, file_saved) for model in (get_image_model(), get_document_model())],
    ]
    for model, when_saved in handlers:
        post_save.connect(when_saved, sender=model, dispatch_uid=f"pagecache.site.saved.{model._meta.label}")
        post_delete.connect(site_changed, sender=model, dispatch_uid=f"pagecache.site.deleted.{model._meta.label}")
