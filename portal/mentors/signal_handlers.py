from django.db.models.signals import m2m_changed

from wagtail.search import index

from portal.mentors.models import MentorProfile


def reindex_mentor(sender, instance, action, **kwargs):
    """Wagtail search indexes a profile on post_save, before its themes, models and languages are
    saved: index it again whenever one of those relations changes."""
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, MentorProfile):
        index.insert_or_update_object(instance)


def register_signal_handlers():
    for through in (
        MentorProfile.themes.through,
        MentorProfile.mentoring_models.through,
        MentorProfile.languages.through,
    ):
        m2m_changed.connect(reindex_mentor, sender=through, dispatch_uid=f"mentors.reindex.{through.__name__}")
