"""Choosers that scale (issue 14, point 7): a story's related challenges are chosen with Wagtail's page
chooser (search, several at once) among the published French challenges, not ticked in a box per challenge;
a page's themes are typed with the tag field, which suggests existing themes and accepts a new one."""

import json

from django.urls import reverse

from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from portal.challenges.models import ChallengePage, StoryChallenge, StoryPage
from portal.taxonomy.models import Theme
from search import engine
from tests.factories import EDITORS_GROUP, MODERATORS_GROUP, ChallengePageFactory, StoryPageFactory, UserFactory

pytestmark = pytest.mark.django_db
CHOOSER = "/admin/choose-page/"


@pytest.fixture
def team_member(client):
    member = UserFactory(groups=[EDITORS_GROUP])
    client.force_login(member)
    return member


@pytest.fixture
def moderator(client):
    """Publishes what they change (an editor submits it to moderation)."""
    member = UserFactory(groups=[MODERATORS_GROUP])
    client.force_login(member)
    return member


@pytest.fixture
def challenges(challenge_index):
    published = ChallengePageFactory(parent=challenge_index, title="Mutualiser les données de covoiturage")
    draft = ChallengePageFactory(parent=challenge_index, title="Brouillon sur le covoiturage")
    draft.unpublish()
    english = published.copy_for_translation(Locale.objects.get_or_create(language_code="en")[0], copy_parents=True)
    english.title = "Pooling covoiturage data"
    english.save_revision().publish()
    return {"published": published, "draft": ChallengePage.objects.get(pk=draft.pk), "english": english}


def chooser_html(client, path="", **params):
    response = client.get(f"{CHOOSER}{path}", params)
    assert response.status_code == 200
    return json.loads(response.content)["html"]


def story_form(story, links):
    return nested_form_data(
        {
            "title": story.title,
            "slug": story.slug,
            "summary": "Un résumé.",
            "organisation": "Worldline",
            "body": streamfield([]),
            "challenge_links": inline_formset([{"challenge": pk} for pk in links]),
            "action-publish": "action-publish",
        }
    )


# --- The story's related challenges -------------------------------------------------------------------
def test_the_story_editor_offers_a_chooser_not_a_box_per_challenge(client, team_member, story_index, challenges):
    story = StoryPageFactory(parent=story_index)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert 'name="challenge_links-TOTAL_FORMS"' in page
    assert 'name="related_challenges"' not in page
    assert "Brouillon sur le covoiturage" not in page  # no list of every challenge, drafts included


def test_the_chooser_offers_published_french_challenges_only(client, team_member, challenges, challenge_index):
    browse = chooser_html(client, f"{challenge_index.pk}/", page_type="challenges.challengepage", multiple="1")
    assert "Mutualiser les données de covoiturage" in browse
    assert "Brouillon sur le covoiturage" not in browse
    response = client.get(f"{CHOOSER}search/", {"page_type": "challenges.challengepage", "q": "covoiturage"})
    search = response.content.decode()
    assert "Brouillon" not in search and "Pooling covoiturage data" not in search
    if not engine.has_fallback():
        # On Elasticsearch, Wagtail's own chooser search restricted to a page type finds nothing
        # (Page.objects.exclude(depth=1).type(ChallengePage).autocomplete(...) is empty there, with or without
        # this hook): editors browse the catalogue in the chooser instead. Known limitation, in the README.
        assert "Mutualiser les données de covoiturage" in search


def test_other_page_choosers_still_show_drafts(client, team_member, challenges, challenge_index):
    browse = chooser_html(client, f"{challenge_index.pk}/")
    assert "Brouillon sur le covoiturage" in browse


def test_a_story_relates_to_challenges_in_the_chosen_order(client, moderator, story_index, challenge_index):
    first = ChallengePageFactory(parent=challenge_index, title="Zéro émission en ville")
    second = ChallengePageFactory(parent=challenge_index, title="Adopter l’open source")
    story = StoryPageFactory(parent=story_index)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]), story_form(story, [first.pk, second.pk])
    )
    assert response.status_code == 302
    links = StoryPage.objects.get(pk=story.pk).challenge_links.all()
    assert [link.challenge for link in links] == [first, second]
    page = client.get(story.url).content.decode()
    assert "Zéro émission en ville" in page and "Adopter l’open source" in page


@pytest.mark.parametrize("kind", ["draft", "english"])
def test_a_challenge_sent_by_hand_that_the_chooser_does_not_offer_is_refused(
    client, team_member, story_index, challenges, kind
):
    story = StoryPageFactory(parent=story_index)
    refused = challenges[kind]
    response = client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), story_form(story, [refused.pk]))
    assert response.status_code == 200
    refusal = f"Choisissez un défi publié des pages en français\u00a0: «\u202f{refused.title}\u202f» n’en est pas un."
    assert refusal in response.content.decode()
    assert not StoryChallenge.objects.filter(story=story).exists()


def test_unknown_or_hostile_challenge_ids_are_refused_without_an_error_page(client, team_member, story_index):
    story = StoryPageFactory(parent=story_index)
    for value in ["999999", "abc", "1 OR 1=1"]:
        response = client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), story_form(story, [value]))
        assert response.status_code == 200
        assert "Sélectionnez un choix valide" in response.content.decode()
    assert not StoryChallenge.objects.exists()


# --- Themes on pages ----------------------------------------------------------------------------------
def test_the_theme_field_suggests_existing_themes(client, team_member, challenge_index):
    ChallengePageFactory(parent=challenge_index, themes=["données ouvertes", "open source"])
    challenge = ChallengePage.objects.get(title__startswith="Défi")
    page = client.get(reverse("wagtailadmin_pages:edit", args=[challenge.pk])).content.decode()
    autocomplete = reverse("wagtailadmin_tag_model_autocomplete", args=["taxonomy", "theme"])
    assert autocomplete in page
    response = client.get(autocomplete, {"term": "donn"})
    assert response.json() == ["données ouvertes"]


def test_a_new_theme_may_be_typed_on_a_challenge(client, moderator, challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index, themes=["open source"])
    data = nested_form_data(
        {
            "title": challenge.title,
            "slug": challenge.slug,
            "summary": "Un résumé.",
            "body": streamfield([]),
            "themes": "open source, vélo cargo",
            "status": "open",
            "action-publish": "action-publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[challenge.pk]), data)
    assert response.status_code == 302
    assert sorted(theme.name for theme in ChallengePage.objects.get(pk=challenge.pk).themes.all()) == [
        "open source",
        "vélo cargo",
    ]
    assert Theme.objects.filter(name="vélo cargo").count() == 1
