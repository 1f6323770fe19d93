"""The availability badge of a profile and of its card says what a visitor can do: a mentor whose mentorships
fill their capacity accepts no request, however their own switch is set (found by a tester, issue 18)."""

import pytest

from tests.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accepting", "full", "badge"),
    [(True, False, "Accepte des demandes"), (True, True, "Indisponible pour le moment"),
     (False, False, "Indisponible pour le moment")],
)  # fmt: skip
def test_the_badge_says_whether_the_mentor_can_take_a_request(client, directory, accepting, full, badge):
    mentor = MentorProfileFactory(full_name="Claire Morvan", accepting_requests=accepting)
    if full:
        type(mentor).objects.filter(pk=mentor.pk).update(is_full=True)
    other = "Indisponible pour le moment" if badge == "Accepte des demandes" else "Accepte des demandes"
    profile = client.get(mentor.get_url()).content.decode()
    assert badge in profile and other not in profile
    # The directory's card (every mentor listed; its availability filter offers both words as choices).
    card = client.get(f"{directory.url}?availability=all").content.decode().split("Claire Morvan", 1)[1]
    assert f'">{badge}</span>' in card.split("</article>", 1)[0]
