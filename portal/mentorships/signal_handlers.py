from django.db.models.signals import post_delete, post_save

from portal.mentors.models import MentorProfile
from portal.mentorships import workflow
from portal.mentorships.models import MentorshipFeedback
from portal.pagecache import MENTORS, purge


def profile_saved(sender, instance, raw=False, **kwargs):
    """A profile paused, archived or sent back for review, by lifecycle.py, the admin's form or an import:
    the requests awaiting its answer go to other mentors in the same transaction (workflow.release_requests_of)."""
    if not raw and not instance.is_public:
        workflow.release_requests_of(instance)


def feedback_changed(sender, **kwargs):
    """A mentee's feedback counts in the mentor's track record on the public profile (track_record.py).
    Requests change capacity through the profile's own save (portal/mentors/load.py), purged by mentors."""
    purge(MENTORS)


def register_signal_handlers():
    post_save.connect(profile_saved, sender=MentorProfile, dispatch_uid="mentorships.release.profile_saved")
    post_save.connect(feedback_changed, sender=MentorshipFeedback, dispatch_uid="mentorships.pages.feedback_saved")
    post_delete.connect(feedback_changed, sender=MentorshipFeedback, dispatch_uid="mentorships.pages.feedback_deleted")
