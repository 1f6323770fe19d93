from django.db.models.signals import post_save

from portal.mentors.models import MentorProfile
from portal.mentorships import workflow


def profile_saved(sender, instance, raw=False, **kwargs):
    """A profile paused, archived or sent back for review, by lifecycle.py, the admin's form or an import:
    the requests awaiting its answer go to other mentors in the same transaction (workflow.release_requests_of)."""
    if not raw and not instance.is_public:
        workflow.release_requests_of(instance)


def register_signal_handlers():
    post_save.connect(profile_saved, sender=MentorProfile, dispatch_uid="mentorships.release.profile_saved")
