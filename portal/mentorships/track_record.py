"""A mentor's track record, on their public profile (issue 17, point 4): how many mentorships they completed and
the mean fit their mentees gave them, for the mentors who chose to show it, once at least
TRACK_RECORD_THRESHOLD completed mentorships have the mentee's feedback. Below that, nothing at all: a mean of one
or two answers would be those people's answers, and "nothing yet" would read as a bad record.

The count is every completed mentorship; the mean is over the fits mentees gave on completed mentorships (the
mentor's own answer about the fit is not a grade of themselves)."""

from dataclasses import dataclass

from django.db.models import Avg, Count

from portal.mentors.models import TRACK_RECORD_THRESHOLD
from portal.mentorships.models import MentorRequest, MentorshipFeedback, RequestStatus, Role


@dataclass(frozen=True)
class TrackRecord:
    completed: int
    mean_fit: float


def track_record(mentor):
    """The mentor's track record, or None when the profile shows none."""
    if mentor is None or not mentor.shows_track_record:
        return None
    completed = MentorRequest.objects.filter(mentor=mentor, status=RequestStatus.COMPLETED)
    rated = MentorshipFeedback.objects.filter(request__in=completed, role=Role.REQUESTER).aggregate(
        count=Count("request", distinct=True), mean=Avg("fit")
    )
    if rated["count"] < TRACK_RECORD_THRESHOLD:
        return None
    return TrackRecord(completed=completed.count(), mean_fit=rated["mean"])
