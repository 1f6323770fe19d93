"""A mentor's load: the mentorships under way that count against their one capacity, whatever brought them
(a request accepted, a programme's pair). Each app above mentors registers how it counts (in its
AppConfig.ready), so that mentors imports none of them; MentorProfile stores the sum (active_mentorships,
is_full) for matching, the directory and every search backend."""

from portal.mentors.models import MentorProfile

COUNTERS = {}  # name -> function(mentor) -> number of mentorships under way


def register(name, counter):
    COUNTERS[name] = counter


def under_way(mentor):
    return sum(counter(mentor) for counter in COUNTERS.values())


def refresh(mentor):
    """Store the mentor's mentorships under way, and whether they are at capacity (the load alone: an edit
    of the profile saved meanwhile is kept)."""
    mentor = MentorProfile.objects.get(pk=mentor.pk)
    mentor.active_mentorships = under_way(mentor)
    mentor.save(update_fields=["active_mentorships", "is_full", "updated_at"])
    return mentor
