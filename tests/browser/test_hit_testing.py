"""Every visible link, button and field of the main pages is the element a mouse reaches at its centre:
no overlay (a card's stretched link, a sticky header, a menu) can hide a control again."""

import pytest

from portal.challenges.models import ChallengePage, StoryPage
from portal.home.models import MentoringModelPage
from portal.mentors.models import MentorProfile

pytestmark = pytest.mark.browser


def main_pages():
    challenge = ChallengePage.objects.live().get(title__icontains="open data")
    mentor = MentorProfile.objects.available().order_by("full_name").first()
    return {
        "home": "/",
        "catalogue": "/defis/",
        "challenge": challenge.url,
        "directory": "/mentors/",
        "directory with filters": "/mentors/?q=données&theme=open-data",
        "profile": f"/mentors/{mentor.slug}/",
        "request form": f"/mentors/{mentor.slug}/demander/?defi={challenge.pk}",
        "free-text results": "/mentors/defi/?texte=ouvrir+nos+données+de+transport",
        "stories": StoryPage.objects.live().first().get_parent().url,
        "story": StoryPage.objects.live().first().url,
        "model": MentoringModelPage.objects.live().first().url,
        "site search": "/search/?q=open+data",
        "proposal form": "/defis/proposer/",
        "mentor application": "/mentors/devenir-mentor/",
        "find my requests": "/demandes/retrouver/",
    }


PAGES = ["home", "catalogue", "challenge", "directory", "directory with filters", "profile", "request form",
         "free-text results", "stories", "story", "model", "site search", "proposal form", "mentor application",
         "find my requests"]  # fmt: skip


@pytest.mark.parametrize("name", PAGES)
def test_every_visible_control_of_a_main_page_can_be_clicked(person, name):
    person.go(main_pages()[name])
    uncovered = person.uncovered_controls()
    assert uncovered == [], "\n".join(uncovered)
