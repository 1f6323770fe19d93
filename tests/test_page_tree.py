"""Where each page type may live in the tree."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from portal.challenges.models import ChallengeIndexPage, ChallengePage, StoryIndexPage, StoryPage
from portal.contributions.models import IdeaFormPage, NeedsSurveyPage
from portal.home.models import CharterPage, HomePage, MentoringModelPage, ProgrammePage, StandardPage
from portal.mentors.models import MentorIndexPage
from portal.programmes.models import IterationPage
from tests.factories import ProgrammePageFactory


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_sits_under_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_home_page_holds_the_site_sections(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ProgrammePage,
                StandardPage,
                CharterPage,
                ChallengeIndexPage,
                StoryIndexPage,
                MentorIndexPage,
                NeedsSurveyPage,
                IdeaFormPage,
            },
        )

    def test_mentoring_models_live_under_the_programme_page(self):
        self.assertAllowedParentPageTypes(MentoringModelPage, {ProgrammePage})
        self.assertCanCreateAt(ProgrammePage, MentoringModelPage)
        self.assertCanNotCreateAt(HomePage, MentoringModelPage)
        self.assertCanNotCreateAt(StandardPage, MentoringModelPage)
        self.assertAllowedSubpageTypes(MentoringModelPage, {IterationPage})

    def test_iterations_live_under_a_mentoring_model_only(self):
        self.assertAllowedParentPageTypes(IterationPage, {MentoringModelPage})
        self.assertCanCreateAt(MentoringModelPage, IterationPage)
        self.assertCanNotCreateAt(ProgrammePage, IterationPage)
        self.assertCanNotCreateAt(StandardPage, IterationPage)
        self.assertAllowedSubpageTypes(IterationPage, set())

    def test_challenges_live_in_the_challenge_index_only(self):
        self.assertAllowedParentPageTypes(ChallengePage, {ChallengeIndexPage})
        self.assertAllowedSubpageTypes(ChallengeIndexPage, {ChallengePage})
        self.assertCanNotCreateAt(HomePage, ChallengePage)
        self.assertCanNotCreateAt(StandardPage, ChallengePage)
        self.assertAllowedSubpageTypes(ChallengePage, set())

    def test_stories_live_in_the_story_index_only(self):
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage})
        self.assertCanNotCreateAt(ChallengeIndexPage, StoryPage)
        self.assertAllowedSubpageTypes(StoryPage, set())

    def test_wiki_pages_nest_under_home_programme_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, ProgrammePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage, CharterPage, IdeaFormPage})

    def test_members_forms_live_under_home_the_wiki_or_the_needs_survey(self):
        self.assertAllowedParentPageTypes(IdeaFormPage, {HomePage, StandardPage, NeedsSurveyPage})
        self.assertAllowedSubpageTypes(IdeaFormPage, set())
        self.assertAllowedParentPageTypes(NeedsSurveyPage, {HomePage})
        self.assertAllowedSubpageTypes(NeedsSurveyPage, {IdeaFormPage})
        self.assertEqual(NeedsSurveyPage.max_count, 1)

    def test_there_is_one_charter_and_one_mentor_directory(self):
        self.assertAllowedParentPageTypes(CharterPage, {HomePage, StandardPage})
        self.assertAllowedParentPageTypes(MentorIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(MentorIndexPage, set())
        self.assertEqual((CharterPage.max_count, MentorIndexPage.max_count), (1, 1))

    def test_programme_page_holds_models_and_wiki_pages(self):
        self.assertAllowedParentPageTypes(ProgrammePage, {HomePage})
        self.assertAllowedSubpageTypes(ProgrammePage, {MentoringModelPage, StandardPage})

    def test_each_home_page_has_a_single_catalogue_story_index_and_programme(self):
        home = HomePage.objects.get()
        ProgrammePageFactory(parent=home)
        for page_class in (ChallengeIndexPage, StoryIndexPage, ProgrammePage):
            self.assertFalse(page_class.can_create_at(home), f"a second {page_class.__name__} was allowed")
        self.assertTrue(StandardPage.can_create_at(home))
