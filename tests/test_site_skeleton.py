"""`migrate` alone gives a working, empty site."""

from wagtail.models import Site

import pytest

from portal.challenges.models import ChallengeIndexPage, StoryIndexPage
from portal.home.models import HomePage
from portal.taxonomy.models import ActorType, MentoringModel

pytestmark = pytest.mark.django_db


def test_migrations_create_the_home_page_as_the_default_site_root():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.live


def test_migrations_create_the_challenge_and_story_indexes_under_home(home):
    assert ChallengeIndexPage.objects.child_of(home).live().get().title == "Défis"
    assert StoryIndexPage.objects.child_of(home).live().get().title == "Retours d'expérience"


def test_empty_site_home_and_indexes_render(client):
    for url in ["/", "/defis/", "/retours-d-experience/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Aucun défi ne correspond" in client.get("/defis/").content.decode()


def test_vocabularies_are_seeded_in_programme_order():
    assert list(ActorType.objects.values_list("code", flat=True)) == [
        "collectivite",
        "industrie",
        "startup",
        "laboratoire",
        "ecole",
    ]
    assert list(MentoringModel.objects.values_list("code", flat=True)) == ["culture-shift", "peer-to-peer", "agility"]
    assert [str(model) for model in MentoringModel.objects.all()] == ["Culture Shift", "Peer 2 Peer", "Agilité"]
