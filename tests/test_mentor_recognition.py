"""A mentor's track record on their public profile (issue 17, point 4): « N accompagnements menés · adéquation
moyenne X,X / 4 », only for a mentor who chose to show it, and only from the third completed mentorship with the
mentee's feedback; below that, nothing at all."""

import pytest

from portal.mentors.models import TRACK_RECORD_THRESHOLD
from portal.mentorships.models import MentorRequest, MentorshipFeedback, RequestStatus, Role
from portal.mentorships.track_record import track_record
from tests.factories import MentorProfileFactory, MentorRequestFactory
from tests.test_mentor_accounts import profile_data

pytestmark = pytest.mark.usefixtures("in_french")

SHOWN = "accompagnements menés"


def mentorship(mentor, status=RequestStatus.COMPLETED, mentee_fit=None, mentor_fit=None):
    """A request to `mentor` in `status`, with the mentee's and the mentor's fit when given."""
    mentor_request = MentorRequestFactory(mentor=mentor)
    MentorRequest.objects.filter(pk=mentor_request.pk).update(status=status)
    for role, fit in ((Role.REQUESTER, mentee_fit), (Role.MENTOR, mentor_fit)):
        if fit is not None:
            MentorshipFeedback.objects.create(request=mentor_request, role=role, fit=fit)
    return mentor_request


def profile(client, directory, mentor):
    return client.get(f"{directory.url}{mentor.slug}/").content.decode()


def track_record_line(page):
    """The profile's track record paragraph, or None."""
    start = page.find('<p class="track-record">')
    return None if start < 0 else page[start : page.index("</p>", start)].split(">", 1)[1]


@pytest.fixture
def mentor(db):
    return MentorProfileFactory(full_name="Claire Fontaine", shows_track_record=True)


def test_the_threshold_is_three_completed_mentorships_with_feedback():
    assert TRACK_RECORD_THRESHOLD == 3


def test_two_completed_mentorships_with_feedback_show_nothing_at_all(client, directory, mentor):
    for fit in (4, 3):
        mentorship(mentor, mentee_fit=fit)
    page = profile(client, directory, mentor)
    assert track_record_line(page) is None and "adéquation" not in page and SHOWN not in page


def test_the_third_completed_mentorship_with_feedback_shows_the_track_record(client, directory, mentor):
    for fit in (4, 3, 4):
        mentorship(mentor, mentee_fit=fit)
    assert track_record_line(profile(client, directory, mentor)) == (
        "3 accompagnements menés · adéquation moyenne 3,7\u00a0/\u00a04"
    )


def test_a_mentor_who_did_not_opt_in_shows_nothing(client, directory, mentor):
    mentor.shows_track_record = False
    mentor.save()
    for fit in (4, 4, 4, 4):
        mentorship(mentor, mentee_fit=fit)
    page = profile(client, directory, mentor)
    assert track_record_line(page) is None and "adéquation" not in page
    assert track_record(mentor) is None


def test_only_completed_mentorships_count(client, directory, mentor):
    mentorship(mentor, mentee_fit=4)
    mentorship(mentor, mentee_fit=4)
    for status in (RequestStatus.ACCEPTED, RequestStatus.DECLINED, RequestStatus.WITHDRAWN, RequestStatus.NEW):
        mentorship(mentor, status=status, mentee_fit=1)  # feedback on a mentorship not completed never counts
    assert track_record_line(profile(client, directory, mentor)) is None

    mentorship(mentor, mentee_fit=4)
    assert track_record(mentor).completed == 3 and track_record(mentor).mean_fit == 4


def test_the_count_is_every_completed_mentorship_and_the_mean_is_the_mentees_fits_only(client, directory, mentor):
    mentorship(mentor, mentee_fit=4, mentor_fit=1)
    mentorship(mentor, mentee_fit=3, mentor_fit=1)  # the mentor's own answer is not a grade of themselves
    mentorship(mentor, mentee_fit=3)
    mentorship(mentor, mentee_fit=4)
    mentorship(mentor)  # completed, no feedback from the mentee: counted, not in the mean
    mentorship(mentor, mentor_fit=4)
    other = MentorProfileFactory()
    mentorship(other, mentee_fit=1)  # another mentor's mentorship

    record = track_record(mentor)
    assert (record.completed, record.mean_fit) == (6, 3.5)
    assert track_record_line(profile(client, directory, mentor)) == (
        "6 accompagnements menés · adéquation moyenne 3,5\u00a0/\u00a04"
    )


def test_mentorships_without_the_mentees_feedback_do_not_reach_the_threshold(mentor):
    for _ in range(5):
        mentorship(mentor, mentor_fit=4)
    mentorship(mentor, mentee_fit=4)
    mentorship(mentor, mentee_fit=4)
    assert track_record(mentor) is None


def test_english_readers_read_a_decimal_point(client, directory, mentor):
    for fit in (4, 3, 4, 3):
        mentorship(mentor, mentee_fit=fit)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = profile(client, directory, mentor)
    assert track_record_line(page) == "4 mentorships completed · mean fit 3.5 / 4"


def test_the_mentor_opts_in_and_out_from_their_own_space(client, directory):
    mentor = MentorProfileFactory(full_name="Claire Fontaine", account="un mot de passe solide")
    for fit in (4, 4, 3):
        mentorship(mentor, mentee_fit=fit)
    client.force_login(mentor.user)
    assert track_record_line(profile(client, directory, mentor)) is None  # off until they choose

    space = client.get("/mentors/me/").content.decode()
    assert "Afficher mon bilan sur mon profil public" in space
    client.post("/mentors/me/", profile_data(mentor, shows_track_record="on"))
    mentor.refresh_from_db()
    assert mentor.shows_track_record
    assert track_record_line(profile(client, directory, mentor)).startswith("3 accompagnements menés")

    client.post("/mentors/me/", profile_data(mentor))  # unticked
    mentor.refresh_from_db()
    assert not mentor.shows_track_record
    assert track_record_line(profile(client, directory, mentor)) is None
