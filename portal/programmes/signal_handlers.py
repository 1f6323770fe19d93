from django.db.models.signals import post_delete, post_save

from portal.pagecache import PROGRAMMES, purge
from portal.programmes.models import Application, Organisation


def iterations_changed(sender, **kwargs):
    """An application takes or frees a place; an organisation's name shows on its iterations' pages. The changes
    made without saving (closing an iteration, a participant leaving a circle, erasing) purge where they are made."""
    purge(PROGRAMMES)


def register_signal_handlers():
    for model in (Application, Organisation):
        post_save.connect(iterations_changed, sender=model, dispatch_uid=f"programmes.pages.saved.{model.__name__}")
        post_delete.connect(iterations_changed, sender=model, dispatch_uid=f"programmes.pages.deleted.{model.__name__}")
