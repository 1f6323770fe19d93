"""Matching data kept current when what it is built from changes outside a profile's own save.

- The editors' vocabulary of equivalents: every profile's vector and every search index are rebuilt, in
  the background (django-tasks), since both hold the equivalents' tokens.
- A theme renamed, merged or deleted in the admin: the profiles that held it, in the background.
- Rows created in bulk (the benchmark's generator) or saved before vectors existed: `manage.py
  refresh_matching` does the same at once.
"""

from django.core.management import call_command

from wagtail.search import index

from django_tasks import task

from portal.mentors.matching import forget_cached_matches
from portal.mentors.models import MentorProfile
from portal.pagecache import MENTORS, purge


def refresh_vectors():
    """Rebuild every profile's matching vector; returns how many changed."""
    changed = 0
    for mentor in MentorProfile.objects.only("pk", "headline", "organisation", "bio", "matching_vector").iterator():
        before = mentor.matching_vector
        mentor.refresh_matching_vector()
        changed += mentor.matching_vector != before
    return changed


def refresh_matching():
    changed = refresh_vectors()
    call_command("update_index", verbosity=0)
    forget_cached_matches()
    purge(MENTORS)
    return changed


@task()
def refresh_matching_task():
    refresh_matching()


def refresh_profiles(pks):
    """After their themes changed elsewhere (a theme renamed, merged or deleted in the admin): these
    profiles' vectors and index entries are rebuilt, and cached matches forgotten."""
    for mentor in MentorProfile.objects.filter(pk__in=pks).iterator():
        mentor.refresh_matching_vector()
        index.insert_or_update_object(mentor)
    forget_cached_matches()
    purge(MENTORS)


@task()
def refresh_profiles_task(pks):
    refresh_profiles(pks)
