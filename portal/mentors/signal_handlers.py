from functools import partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from wagtail.search import index
from wagtail.signals import page_published, page_unpublished

from portal.mentors import photos
from portal.mentors.matching import forget_cached_matches
from portal.mentors.models import MentorProfile
from portal.pagecache import MENTORS, purge
from portal.taxonomy import themes
from portal.taxonomy.models import Equivalence


def reindex_mentor(sender, instance, action, **kwargs):
    """Wagtail search indexes a profile on post_save, before its themes, models and languages are
    saved: index it again whenever one of those relations changes."""
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, MentorProfile):
        if sender is MentorProfile.themes.through:
            instance.refresh_matching_vector()
        index.insert_or_update_object(instance)
        forget_cached_matches()
        purge(MENTORS, urls=partial(public_urls, instance))


def profile_changed(sender, instance=None, **kwargs):
    """A profile saved or deleted (its status, availability and capacity too), or the charter changed: matching
    forgets what it cached, and the pages showing mentors are purged (the profile's own with them)."""
    forget_cached_matches()
    purge(MENTORS, urls=partial(public_urls, instance) if isinstance(instance, MentorProfile) else ())


def public_urls(mentor):
    """The profile's public address, for a CDN in front (portal/pagecache/frontend.py)."""
    return [mentor.get_url()]


def vocabulary_changed(sender, raw=False, **kwargs):
    """Profiles' vectors and the search indexes hold the equivalents' tokens: rebuild them in the background.
    Rows loaded as they were (fixtures, a test database restored) change nothing and rebuild nothing."""
    from portal.mentors.refresh import refresh_matching_task

    if raw:
        return

    transaction.on_commit(refresh_matching_task.enqueue)


def themes_changed(sender, holders, **kwargs):
    """A theme was renamed, merged or deleted in the admin (sent once committed): the profiles that held
    it are rebuilt in the background; until then matching forgets what it cached."""
    from portal.mentors.refresh import refresh_profiles_task

    forget_cached_matches()
    purge(MENTORS)
    if holders.get(MentorProfile):
        refresh_profiles_task.enqueue(sorted(holders[MentorProfile]))


def photo_before_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if not raw:
        photos.remember_state(instance, update_fields)


def photo_after_save(sender, instance, raw=False, **kwargs):
    if not raw:
        photos.apply_rules(instance)


def photo_after_delete(sender, instance, **kwargs):
    photos.mentor_deleted(instance)


def register_signal_handlers():
    from portal.home.models import CharterPage

    for through in (
        MentorProfile.themes.through,
        MentorProfile.mentoring_models.through,
        MentorProfile.languages.through,
    ):
        m2m_changed.connect(reindex_mentor, sender=through, dispatch_uid=f"mentors.reindex.{through.__name__}")
    # Saving a profile also follows every request's change of status (capacity is stored on it).
    post_save.connect(profile_changed, sender=MentorProfile, dispatch_uid="mentors.matches.saved")
    post_delete.connect(profile_changed, sender=MentorProfile, dispatch_uid="mentors.matches.deleted")
    # One photo per mentor, out of reach while the profile is not public (photos.py).
    pre_save.connect(photo_before_save, sender=MentorProfile, dispatch_uid="mentors.photo.before_save")
    post_save.connect(photo_after_save, sender=MentorProfile, dispatch_uid="mentors.photo.after_save")
    post_delete.connect(photo_after_delete, sender=MentorProfile, dispatch_uid="mentors.photo.deleted")
    post_save.connect(vocabulary_changed, sender=Equivalence, dispatch_uid="mentors.vocabulary.saved")
    post_delete.connect(vocabulary_changed, sender=Equivalence, dispatch_uid="mentors.vocabulary.deleted")
    themes.themes_changed.connect(themes_changed, dispatch_uid="mentors.themes.changed")
    for signal in (page_published, page_unpublished):
        signal.connect(profile_changed, sender=CharterPage, dispatch_uid=f"mentors.matches.charter.{id(signal)}")
