"""Other mentors to offer when a request cannot go ahead: the mentor is unavailable, declined, or stayed silent."""

from portal.mentors.matching import mentors_for_challenge, mentors_for_text
from portal.mentorships.models import MentorRequest

DEFAULT_LIMIT = 3


def alternatives(mentor=None, challenge=None, text="", requester_email="", limit=DEFAULT_LIMIT):
    """Available mentors for the same need, best first, leaving out `mentor` and anyone the requester
    already has an open request with. The need is the challenge, else the text, else the mentor's profile."""
    excluded = {mentor.pk} if mentor else set()
    if requester_email:
        excluded |= set(
            MentorRequest.objects.open().from_requester(requester_email).values_list("mentor_id", flat=True)
        )
    wanted = limit + len(excluded)
    if challenge is not None:
        matches = mentors_for_challenge(challenge, wanted)
    elif text.strip() or mentor:
        matches = mentors_for_text(text if text.strip() else mentor.matching_text(), wanted)
    else:
        matches = []
    return [match for match in matches if match.mentor.pk not in excluded][:limit]


def alternatives_for_request(mentor_request, limit=DEFAULT_LIMIT):
    return alternatives(
        mentor=mentor_request.mentor,
        challenge=mentor_request.challenge,
        text=mentor_request.challenge_text,
        requester_email=mentor_request.requester_email,
        limit=limit,
    )
