"""The home page: hero, programme, the three models, featured challenges, stories, ideas."""

import pytest

from portal.home.models import HomePageFeaturedChallenge
from tests.factories import ChallengePageFactory, MentoringModelPageFactory, ProgrammePageFactory, StoryPageFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def test_home_shows_the_models_in_programme_order(client, home):
    programme = ProgrammePageFactory(parent=home)
    for code, title in [("agility", "Agilité"), ("culture-shift", "Culture Shift"), ("peer-to-peer", "Peer 2 Peer")]:
        MentoringModelPageFactory(parent=programme, title=title, model_code=code)
    html = client.get("/").content.decode()
    positions = [html.index(title) for title in ["Culture Shift", "Peer 2 Peer", "Agilité"]]
    assert positions == sorted(positions)


def test_home_features_the_chosen_challenges_first(client, home, challenge_index):
    chosen = ChallengePageFactory(parent=challenge_index, title="Le défi choisi")
    ChallengePageFactory(parent=challenge_index, title="Un autre défi")
    home.featured_challenges = [HomePageFeaturedChallenge(challenge=chosen)]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert html.index("Le défi choisi") < html.index("Un autre défi")


def test_home_falls_back_to_the_latest_challenges_when_none_is_featured(client, challenge_index):
    ChallengePageFactory(parent=challenge_index, title="Le seul défi")
    assert "Le seul défi" in client.get("/").content.decode()


def test_home_has_a_find_a_mentor_box_and_the_latest_stories(client, story_index):
    StoryPageFactory(parent=story_index, title="Worldline depuis 2014", pull_quote="Confiance et bienveillance.")
    html = client.get("/").content.decode()
    assert "Trouver un mentor" in html
    assert 'name="q"' in html
    assert "Worldline depuis 2014" in html
    assert "Confiance et bienveillance." in html


def test_home_page_query_count_does_not_grow_with_the_content(client, home, challenge_index, story_index):
    programme = ProgrammePageFactory(parent=home)
    MentoringModelPageFactory(parent=programme)
    challenge = ChallengePageFactory(parent=challenge_index, themes=["a"], actor_types=["ecole"], models=["agility"])
    home.featured_challenges = [HomePageFeaturedChallenge(challenge=challenge)]
    home.save_revision().publish()
    StoryPageFactory(parent=story_index)
    small = count_queries(client, "/")

    for code in ["culture-shift", "agility"]:
        MentoringModelPageFactory(parent=programme, title=code, model_code=code)
    challenges = [
        ChallengePageFactory(parent=challenge_index, themes=[f"t{n}", "b"], actor_types=["startup"], models=["agility"])
        for n in range(8)
    ]
    # Five chosen of eight: the newest fill the sixth place, as one chosen of one did above.
    home.featured_challenges = [HomePageFeaturedChallenge(challenge=challenge) for challenge in challenges[:5]]
    home.save_revision().publish()
    for _ in range(5):
        StoryPageFactory(parent=story_index)
    large = count_queries(client, "/")

    assert large == small
    assert small <= 20
