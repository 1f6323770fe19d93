"""A page an editor keeps private (a password, or "logged-in users only", on it or on a section above it)
shows in no public list: catalogue, home, stories, model pages, the request form's challenges, the needs
survey's areas, wiki child lists, the API, the sitemap and site search."""

from django.contrib.auth.models import Group
from django.test import RequestFactory

from wagtail.models import Page, PageViewRestriction

import pytest

from portal.challenges.models import ChallengePage, StoryPage
from portal.home.models import HomePageFeaturedChallenge
from portal.mentorships.models import MentorRequest
from tests.factories import (
    ChallengePageFactory,
    IdeaFormPageFactory,
    MentoringModelPageFactory,
    MentorProfileFactory,
    NeedsSurveyPageFactory,
    ProgrammePageFactory,
    StandardPageFactory,
    StoryPageFactory,
)
from tests.requests_helpers import request_data, request_url

pytestmark = pytest.mark.django_db

PUBLIC = "Ouvrir nos données à tous"
PRIVATE = "Défi confidentiel du comité"


@pytest.fixture(params=["password", "login"])
def restrict(request):
    """Restrict a page as an editor does from its privacy setting: with a password, or to logged-in users."""

    def restrict(page):
        if request.param == "password":
            PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")
        else:
            PageViewRestriction.objects.create(page=page, restriction_type="login")
        return page

    return restrict


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def two_challenges(challenge_index, restrict):
    """One challenge anyone may read, and one kept private."""
    public = ChallengePageFactory(parent=challenge_index, title=PUBLIC, themes=["open data"], models=["agility"])
    private = restrict(
        ChallengePageFactory(
            parent=challenge_index, title=PRIVATE, slug="defi-confidentiel", themes=["thème secret"], models=["agility"]
        )
    )
    return public, private


def test_the_catalogue_lists_only_challenges_anyone_may_read(client, challenge_index, two_challenges):
    page = html(client, challenge_index.url)
    assert PUBLIC in page
    assert PRIVATE not in page
    assert "thème secret" not in page  # nor the facets that only it would bring


def test_the_home_page_features_no_private_challenge(client, home, two_challenges):
    public, private = two_challenges
    home.featured_challenges = [
        HomePageFeaturedChallenge(challenge=private),
        HomePageFeaturedChallenge(challenge=public),
    ]
    home.save_revision().publish()
    page = html(client, "/")
    assert PUBLIC in page
    assert PRIVATE not in page


def test_a_preview_of_the_home_page_features_no_private_challenge(home, two_challenges):
    """In a preview the chosen challenges are the editor's unsaved choice, held in memory."""
    public, private = two_challenges
    home.featured_challenges = [
        HomePageFeaturedChallenge(challenge=private),
        HomePageFeaturedChallenge(challenge=public),
    ]
    context = home.get_context(RequestFactory().get("/"))
    assert context["featured_challenges"] == [public]


def test_the_home_pages_latest_challenges_and_stories_leave_private_ones_out(
    client, story_index, restrict, two_challenges
):
    StoryPageFactory(parent=story_index, title="Worldline depuis 2014")
    restrict(StoryPageFactory(parent=story_index, title="Retour interne au comité"))
    page = html(client, "/")
    assert PUBLIC in page and "Worldline depuis 2014" in page
    assert PRIVATE not in page
    assert "Retour interne au comité" not in page


def test_pages_under_a_private_section_are_private_too(client, home, challenge_index, restrict):
    ChallengePageFactory(parent=challenge_index, title=PRIVATE)
    restrict(challenge_index)
    assert PRIVATE not in html(client, "/")
    assert PRIVATE not in html(client, "/api/v1/challenges/")
    assert PRIVATE not in html(client, "/search/?q=confidentiel")


def test_the_request_form_offers_no_private_challenge(client, directory, two_challenges):
    _public, private = two_challenges
    mentor = MentorProfileFactory()
    form = html(client, request_url(directory, mentor))
    assert PUBLIC in form
    assert PRIVATE not in form
    assert PRIVATE not in html(client, f"{request_url(directory, mentor)}?defi={private.pk}")

    response = client.post(request_url(directory, mentor), request_data(challenge=private.pk, challenge_text=""))
    assert response.status_code == 200
    assert "challenge" in response.context["form"].errors
    assert not MentorRequest.objects.exists()


def test_stories_lists_leave_private_stories_out(client, story_index, home, restrict, two_challenges):
    public, _private = two_challenges
    programme = ProgrammePageFactory(parent=home)
    model_page = MentoringModelPageFactory(parent=programme, title="Culture Shift", model_code="culture-shift")
    StoryPageFactory(parent=story_index, title="Worldline depuis 2014", related_challenges=[public])
    restrict(StoryPageFactory(parent=story_index, title="Retour interne au comité", related_challenges=[public]))
    for url in (story_index.url, public.url, model_page.url):
        page = html(client, url)
        assert "Worldline depuis 2014" in page, url
        assert "Retour interne au comité" not in page, url


def test_stories_and_model_pages_list_no_private_challenge(client, story_index, home, two_challenges):
    public, private = two_challenges
    programme = ProgrammePageFactory(parent=home)
    model_page = MentoringModelPageFactory(parent=programme, title="Agilité", model_code="agility")
    story = StoryPageFactory(parent=story_index, related_challenges=[public, private])
    for url in (story.url, model_page.url):
        page = html(client, url)
        assert PUBLIC in page, url
        assert PRIVATE not in page, url


def test_a_private_model_page_is_neither_listed_nor_linked(client, home, restrict, two_challenges):
    public, _private = two_challenges
    programme = ProgrammePageFactory(parent=home)
    MentoringModelPageFactory(parent=programme, title="Culture Shift", model_code="culture-shift")
    private_model = restrict(MentoringModelPageFactory(parent=programme, title="Agilité", model_code="agility"))
    for url in ("/", programme.url):
        page = html(client, url)
        assert "Culture Shift" in page, url
        assert private_model.url not in page, url
    assert f'href="{private_model.url}"' not in html(client, public.url)


def test_the_api_sitemap_and_site_search_leave_private_challenges_out(client, two_challenges):
    public, private = two_challenges
    api = html(client, "/api/v1/challenges/")
    assert public.slug in api and private.slug not in api
    assert client.get(f"/api/v1/challenges/{private.slug}/mentors/").status_code == 404
    sitemap = html(client, "/sitemap.xml")
    assert public.url in sitemap and private.url not in sitemap
    assert PRIVATE not in html(client, "/search/?q=confidentiel+comit%C3%A9")


def test_the_needs_survey_offers_no_area_known_only_from_a_private_challenge(client, home, two_challenges):
    survey = NeedsSurveyPageFactory(parent=home)
    page = html(client, survey.url)
    assert "open data" in page
    assert "thème secret" not in page


def test_wiki_and_survey_pages_list_no_private_child(client, home, restrict):
    wiki = StandardPageFactory(parent=home, title="Ressources")
    StandardPageFactory(parent=wiki, title="Livre blanc")
    restrict(StandardPageFactory(parent=wiki, title="Notes internes du comité"))
    page = html(client, wiki.url)
    assert "Livre blanc" in page
    assert "Notes internes du comité" not in page

    survey = NeedsSurveyPageFactory(parent=home)
    IdeaFormPageFactory(parent=survey, title="Vos idées")
    restrict(IdeaFormPageFactory(parent=survey, title="Idées du comité"))
    page = html(client, survey.url)
    assert "Vos idées" in page
    assert "Idées du comité" not in page


def test_lists_answer_as_wagtail_does_for_every_kind_of_restriction(home, challenge_index, story_index):
    """The portal's `public()` asks in the list's own query; it keeps exactly the pages Wagtail's keeps."""
    members = Group.objects.create(name="Membres")
    challenges = [ChallengePageFactory(parent=challenge_index) for _ in range(5)]
    PageViewRestriction.objects.create(page=challenges[0], restriction_type="password", password="secret")
    PageViewRestriction.objects.create(page=challenges[1], restriction_type="login")
    PageViewRestriction.objects.create(page=challenges[2], restriction_type="groups").groups.add(members)
    PageViewRestriction.objects.create(page=story_index, restriction_type="login")
    StoryPageFactory(parent=story_index)

    ours = set(ChallengePage.objects.live().public().values_list("pk", flat=True))
    wagtails = set(Page.objects.type(ChallengePage).live().public().values_list("pk", flat=True))
    assert ours == wagtails == {challenges[3].pk, challenges[4].pk}
    assert not StoryPage.objects.live().public().exists()
