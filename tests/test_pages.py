"""Every page type is routable, renders, and can be edited and previewed in the admin."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from portal.home.blocks import SECTION_NAMES
from portal.home.models import HomePage
from portal.taxonomy.models import ActorType, MentoringModel
from tests.factories import (
    ChallengePageFactory,
    CharterPageFactory,
    MentoringModelPageFactory,
    ProgrammePageFactory,
    StandardPageFactory,
    StoryPageFactory,
    white_paper_body,
)


class PageTypesWorkEndToEndTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.challenge_index = cls.home.get_children().get(slug="defis").specific
        cls.story_index = cls.home.get_children().get(slug="retours-d-experience").specific
        cls.programme = ProgrammePageFactory(parent=cls.home)
        cls.model_page = MentoringModelPageFactory(parent=cls.programme)
        cls.challenge = ChallengePageFactory(
            parent=cls.challenge_index, themes=["open source"], actor_types=["startup"], models=["peer-to-peer"]
        )
        cls.story = StoryPageFactory(parent=cls.story_index, related_challenges=[cls.challenge])
        cls.wiki = StandardPageFactory(parent=cls.home)
        cls.charter = CharterPageFactory(parent=cls.wiki)
        cls.directory = cls.home.get_children().get(slug="mentors").specific
        cls.pages = [
            cls.charter,
            cls.directory,
            cls.home,
            cls.programme,
            cls.model_page,
            cls.challenge_index,
            cls.challenge,
            cls.story_index,
            cls.story,
            cls.wiki,
        ]

    def test_every_page_type_is_routable_and_renderable(self):
        for page in self.pages:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def edit_form_data(self, page):
        """What an editor submits: the page's own fields, through the admin's widgets."""
        body = streamfield(
            [
                ("heading", {"text": "Une section", "level": "h2"}),
                ("paragraph", rich_text("<p>Un paragraphe modifié.</p>")),
            ]
        )
        data = {"title": page.title, "slug": page.slug, "summary": "Résumé modifié."}
        model_pk = MentoringModel.objects.get(code="peer-to-peer").pk
        data |= {
            "HomePage": {
                "body": streamfield(
                    [
                        (
                            "hero",
                            {"heading": "Mentorat, vers une culture commune", "introduction": "Texte du bandeau."},
                        ),
                        ("featured_challenges", {"heading": "Les défis", "introduction": ""}),
                        (
                            "call_to_action",
                            {
                                "title": "Renvoyez-nous vos idées !",
                                "text": "",
                                "button_label": "Proposer une idée",
                                "page": self.wiki.pk,
                                "url": "",
                            },
                        ),
                    ]
                ),
                "featured_challenges": inline_formset([{"challenge": self.challenge.pk}]),
            },
            "ProgrammePage": {"body": body},
            "CharterPage": {"version": "2026-2", "body": body},
            "MentorIndexPage": {"introduction": rich_text("<p>Nos mentors.</p>")},
            "StandardPage": {"body": body},
            "MentoringModelPage": {
                "mentoring_model": model_pk,
                "definition": "Entraide 1-2-1.",
                "body": streamfield(
                    [("situation", rich_text("<p>Une situation.</p>"))]
                    + [(name, streamfield([("paragraph", rich_text(f"<p>{name}</p>"))])) for name in SECTION_NAMES]
                ),
            },
            "ChallengeIndexPage": {"introduction": rich_text("<p>Les défis.</p>")},
            "StoryIndexPage": {"introduction": rich_text("<p>Les histoires.</p>")},
            "ChallengePage": {
                "body": body,
                "example": rich_text("<p>Un exemple.</p>"),
                "themes": "open source, communs",
                "actor_types": [ActorType.objects.get(code="collectivite").pk],
                "recommended_models": [model_pk],
                "status": "in-progress",
            },
            "StoryPage": {
                "organisation": "Worldline",
                "start_year": "2014",
                "participants": "400",
                "mentoring_model": model_pk,
                "reverse_mentoring": "on",
                "body": body,
                "outcomes": rich_text("<ul><li>Des générations rapprochées.</li></ul>"),
                "pull_quote": "Une citation.",
                "pull_quote_attribution": "Worldline",
                "challenge_links": inline_formset([{"challenge": self.challenge.pk}]),
            },
        }[type(page).__name__]
        return nested_form_data(data)

    def test_every_page_type_is_editable_in_the_admin(self):
        for page in self.pages:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsEditable(page, post_data=self.edit_form_data(page))

    def test_every_page_type_is_previewable(self):
        for page in self.pages:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsPreviewable(page, post_data=self.edit_form_data(page))


@pytest.mark.django_db
def test_challenge_page_shows_its_classification_and_related_stories(client, challenge_index, story_index):
    challenge = ChallengePageFactory(
        parent=challenge_index,
        title="Comment m'engager dans l'open source ?",
        themes=["open source", "communs"],
        actor_types=["collectivite", "startup"],
        models=["agility"],
    )
    StoryPageFactory(parent=story_index, title="Kisio ouvre Navitia", related_challenges=[challenge])
    StoryPageFactory(parent=story_index, title="Une histoire sans rapport")

    html = client.get(challenge.url).content.decode()

    assert "Comment m&#x27;engager dans l&#x27;open source ?" in html
    assert "Un exemple concret." in html
    assert "Collectivité, Startup" in html
    assert "Agilité" in html
    assert f'href="{challenge_index.url}?theme=open-source"' in html
    assert "Kisio ouvre Navitia" in html
    assert "Une histoire sans rapport" not in html


@pytest.mark.django_db
def test_challenge_page_links_each_recommended_model_to_its_page(client, home, challenge_index):
    programme = ProgrammePageFactory(parent=home)
    model_page = MentoringModelPageFactory(parent=programme, title="Peer 2 Peer")
    challenge = ChallengePageFactory(parent=challenge_index, models=["peer-to-peer", "agility"])

    html = client.get(challenge.url).content.decode()

    assert f'href="{model_page.url}">Peer 2 Peer</a>' in html
    assert '<span class="badge badge--model model--agility">Agilité</span>' in html


@pytest.mark.django_db
def test_mentoring_model_page_lists_the_challenges_it_suits_and_its_white_paper_sections(client, home, challenge_index):
    programme = ProgrammePageFactory(parent=home)
    model_page = MentoringModelPageFactory(
        parent=programme, body=white_paper_body(roi="<p>Accélérer la mise en place.</p>")
    )
    ChallengePageFactory(parent=challenge_index, title="Défi entre pairs", models=["peer-to-peer"])
    ChallengePageFactory(parent=challenge_index, title="Défi de groupe", models=["agility"])

    html = client.get(model_page.url).content.decode()

    assert "Défi entre pairs" in html
    assert "Défi de groupe" not in html
    assert "Retour sur investissement" in html
    assert "Accélérer la mise en place." in html
    assert "Pièges à éviter" not in html  # empty sections are left out


@pytest.mark.django_db
def test_story_page_shows_key_facts_and_related_challenges(client, challenge_index, story_index):
    challenge = ChallengePageFactory(parent=challenge_index, title="Mieux se comprendre")
    story = StoryPageFactory(
        parent=story_index,
        organisation="Worldline",
        start_year=2014,
        participants=400,
        reverse_mentoring=True,
        related_challenges=[challenge],
    )

    html = client.get(story.url).content.decode()

    assert "Worldline" in html
    assert "2014" in html
    assert "400+" in html
    assert "Mentorat inversé" in html
    assert "Mieux se comprendre" in html


@pytest.mark.django_db
def test_unpublished_pages_are_not_served_nor_listed(client, challenge_index):
    draft = ChallengePageFactory(parent=challenge_index, title="Un défi en brouillon")
    draft.unpublish()

    assert client.get(draft.url or f"{challenge_index.url}{draft.slug}/").status_code == 404
    assert "Un défi en brouillon" not in client.get(challenge_index.url).content.decode()
