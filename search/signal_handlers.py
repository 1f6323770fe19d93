from django.db.models.signals import post_delete, post_save

from wagtail.search import index
from wagtail.signals import page_published

from search import analysis


def reindex_published_page(sender, instance, **kwargs):
    """Index a page again once it is published, relations included.

    Wagtail search indexes a page from its post_save signal, which fires before modelcluster
    commits the page's child relations (themes, actor types, models). With tasks run immediately,
    the index would keep the previous themes until the next save. `page_published` fires after
    everything is stored.
    """
    index.insert_or_update_object(instance)


def forget_vocabulary(sender, **kwargs):
    analysis.vocabulary_changed()


def register_signal_handlers():
    from portal.taxonomy.models import Equivalence

    post_save.connect(forget_vocabulary, sender=Equivalence, dispatch_uid="search.vocabulary.saved")
    post_delete.connect(forget_vocabulary, sender=Equivalence, dispatch_uid="search.vocabulary.deleted")
    page_published.connect(reindex_published_page, dispatch_uid="search.reindex_published_page")
