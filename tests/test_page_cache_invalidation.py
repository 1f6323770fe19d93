"""Every change that alters what an anonymous visitor sees purges the cached pages that show it (portal/pagecache/).

Each test puts the pages in the cache (a second GET is served from it), makes the change the way the portal makes it
(an editor's action, a mentor's form, an emailed link, a command), and checks that the next visitor sees it."""

import re
from datetime import timedelta

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from wagtail.models import PageViewRestriction, Site

import pytest
import wagtail_factories

from portal.home.models import SiteSettings
from portal.mentorships import notifications, reminders, tokens
from portal.mentorships.models import MentorRequest, MentorshipFeedback, RequestStatus, Role
from portal.navigation.models import NavigationSettings
from portal.programmes import follow_up
from portal.programmes import privacy as programmes_privacy
from portal.programmes.models import Circle, CircleSession
from portal.taxonomy import themes
from portal.taxonomy.models import Equivalence, Theme
from tests.factories import (
    ChallengePageFactory,
    MentorProfileFactory,
    MentorRequestFactory,
    OrganisationFactory,
    StandardPageFactory,
)
from tests.page_cache_helpers import cached, fresh
from tests.programmes_helpers import iteration_of
from tests.test_circles import apply, links_to
from tests.test_iteration_applications import application
from tests.test_mentor_accounts import profile_data

pytestmark = pytest.mark.usefixtures("in_french")
PASSWORD = "une phrase de passe solide"
MENTORS = "/admin/mentors/mentorprofile/"


@pytest.fixture
def challenge(challenge_index):
    return ChallengePageFactory(parent=challenge_index, title="Ouvrir nos données", themes=["open data"])


@pytest.fixture
def claire(directory):
    """A mentor with a login, on the open data challenge's candidates, who takes one mentee at a time."""
    return MentorProfileFactory(full_name="Claire Morvan", themes=["open data"], capacity=1, account=PASSWORD)


def profile_url(directory, mentor):
    return f"{directory.url}{mentor.slug}/"


def ask_link(mentor):
    """The profile's « Demander ce mentor » button: only while the mentor can take a request."""
    return f'{mentor.slug}/demander/"'


def mentor_pages(directory, challenge, mentor):
    """The pages that show a mentor: the directory, their profile, the challenge they are a candidate for."""
    return [directory.url, profile_url(directory, mentor), challenge.url]


# --- The page tree ---------------------------------------------------------------------------------------------
def test_publishing_a_page_purges_it_and_the_listings(challenge_index, challenge):
    assert "Ouvrir nos données" in cached(challenge_index.url) and "Ouvrir nos données" in cached(challenge.url)

    challenge.title = "Partager nos données"
    challenge.save_revision().publish()

    assert "Partager nos données" in fresh(challenge_index.url) and "Partager nos données" in fresh(challenge.url)


def test_a_draft_purges_nothing(challenge):
    cached(challenge.url)

    challenge.title = "Un brouillon"
    challenge.save_revision()

    page = Client().get(challenge.url)
    assert page["X-Page-Cache"] == "hit" and "Un brouillon" not in page.content.decode()


def test_unpublishing_a_page_takes_it_out_of_the_cache(challenge_index, challenge):
    cached(challenge_index.url), cached(challenge.url)

    challenge.unpublish()

    assert "Ouvrir nos données" not in fresh(challenge_index.url)
    assert Client().get(challenge.url).status_code == 404


def test_moving_a_page_purges_its_old_and_new_places(home):
    resources = StandardPageFactory(parent=home, title="Ressources", slug="ressources")
    guides = StandardPageFactory(parent=home, title="Guides", slug="guides")
    charter = StandardPageFactory(parent=resources, title="Guide du mentorat", slug="guide")
    assert "Guide du mentorat" in cached(resources.url) and "Guide du mentorat" not in cached(guides.url)
    cached("/ressources/guide/")

    charter.move(guides, pos="last-child")

    assert "Guide du mentorat" not in fresh(resources.url) and "Guide du mentorat" in fresh(guides.url)
    assert Client().get("/ressources/guide/")["Location"] == "/guides/guide/"  # Wagtail's redirect, not the page
    assert "Guide du mentorat" in fresh("/guides/guide/")


def test_deleting_a_page_purges_it_and_the_listings(challenge_index, challenge):
    cached(challenge_index.url), cached(challenge.url)

    challenge.delete()

    assert "Ouvrir nos données" not in fresh(challenge_index.url)
    assert Client().get(challenge.url).status_code == 404


def test_a_view_restriction_takes_a_page_out_of_the_public_cache(challenge):
    cached(challenge.url)

    PageViewRestriction.objects.create(page=challenge, restriction_type=PageViewRestriction.PASSWORD, password="x")

    page = Client().get(challenge.url)
    assert "X-Page-Cache" not in page and "Ouvrir nos données" not in page.content.decode()


def test_deleting_an_image_purges_the_pages_that_show_it(challenge_index):
    image = wagtail_factories.ImageFactory(title="Atelier")
    ChallengePageFactory(parent=challenge_index, listing_image=image)
    assert 'class="card__image"' in cached(challenge_index.url)

    image.delete()

    assert 'class="card__image"' not in fresh(challenge_index.url)


def test_an_image_edited_by_an_editor_purges_the_pages_that_show_it(challenge_index):
    image = wagtail_factories.ImageFactory(title="Atelier", width=640, height=480)
    ChallengePageFactory(parent=challenge_index, listing_image=image)
    before = re.search(r'<img [^>]*class="card__image"[^>]*>', cached(challenge_index.url)).group(0)

    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 100, 100, 50, 50
    image.save()  # the image's edit form: the card is cropped around the new focal point

    assert before not in fresh(challenge_index.url)


def test_what_wagtail_fills_in_on_an_image_by_itself_purges_nothing(challenge_index):
    image = wagtail_factories.ImageFactory(title="Atelier")
    ChallengePageFactory(parent=challenge_index, listing_image=image)
    cached(challenge_index.url)

    image.file_size = None
    image.get_file_size()  # saved with update_fields=["file_size"]

    assert Client().get(challenge_index.url)["X-Page-Cache"] == "hit"


# --- What every page's frame shows -----------------------------------------------------------------------------
def test_editing_the_site_settings_purges_every_page(home, challenge):
    assert "Un commun de la mobilité" not in cached("/") + cached(challenge.url)

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tagline = "Un commun de la mobilité"
    settings.save()

    assert "Un commun de la mobilité" in fresh("/") and "Un commun de la mobilité" in fresh(challenge.url)


def test_editing_the_menu_purges_every_page(home, challenge_index, challenge):
    cached("/"), cached(challenge.url)

    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    item = {"label": "Tous les défis", "english_label": "", "page": challenge_index.pk, "address": "", "children": []}
    navigation.main_menu = [{"type": "item", "value": item}]
    navigation.save()

    assert "Tous les défis" in fresh("/") and "Tous les défis" in fresh(challenge.url)


def test_renaming_a_theme_purges_the_pages_that_name_it(
    challenge_index, challenge, claire, directory, django_capture_on_commit_callbacks
):
    pages = [challenge_index.url, challenge.url, profile_url(directory, claire)]
    for url in pages:
        assert "open data" in cached(url)

    with django_capture_on_commit_callbacks(execute=True):
        themes.rename(Theme.objects.get(name="open data"), "données ouvertes")

    for url in pages:
        assert "données ouvertes" in fresh(url)


# --- Mentors -----------------------------------------------------------------------------------------------------
def test_a_mentor_editing_their_profile_purges_the_pages_that_show_them(client, directory, challenge, claire):
    for url in mentor_pages(directory, challenge, claire):
        assert "Claire Morvan" in cached(url)

    client.force_login(claire.user)
    assert client.post("/mentors/me/", profile_data(claire, full_name="Claire Le Morvan")).status_code == 302

    for url in mentor_pages(directory, challenge, claire):
        assert "Claire Le Morvan" in fresh(url)


def test_an_editor_editing_a_profile_purges_the_pages_that_show_it(editor_client, directory, challenge, claire):
    profile = profile_url(directory, claire)
    assert "Métropole exemple" in cached(profile)

    form = editor_client.get(f"{MENTORS}edit/{claire.pk}/").context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data |= {
        "organisation": "Région exemple",
        "themes": "open data",
        "mentoring_models": [m.pk for m in claire.mentoring_models.all()],
        "languages": [lang.pk for lang in claire.languages.all()],
        "actor_type": claire.actor_type_id,
        "photo": "",
    }
    assert editor_client.post(f"{MENTORS}edit/{claire.pk}/", data).status_code == 302

    assert "Région exemple" in fresh(profile)


def test_a_mentor_pausing_and_resuming_requests_purges_the_pages_that_show_them(client, directory, challenge, claire):
    assert ask_link(claire) in cached(profile_url(directory, claire)) and "Claire Morvan" in cached(challenge.url)
    client.force_login(claire.user)

    client.post("/mentors/me/", profile_data(claire, accepting_requests=""))

    assert ask_link(claire) not in fresh(profile_url(directory, claire))
    assert "Claire Morvan" not in fresh(challenge.url)
    assert "Claire Morvan" not in fresh(directory.url)  # the directory lists those accepting requests first

    client.post("/mentors/me/", profile_data(claire, accepting_requests="on"))

    assert ask_link(claire) in fresh(profile_url(directory, claire)) and "Claire Morvan" in fresh(challenge.url)


def test_approving_a_mentor_purges_the_directory(editor_client, directory, challenge):
    camille = MentorProfileFactory(full_name="Camille Durand", themes=["open data"], status="pending")
    assert "Camille Durand" not in cached(directory.url) and "Camille Durand" not in cached(challenge.url)

    editor_client.post(f"{MENTORS}status/{camille.pk}/?action=approve", {"action": "approve"})

    assert "Camille Durand" in fresh(directory.url) and "Camille Durand" in fresh(challenge.url)
    assert "Camille Durand" in fresh(profile_url(directory, camille))


def test_archiving_a_mentor_takes_them_off_every_cached_page(editor_client, directory, challenge, claire):
    for url in mentor_pages(directory, challenge, claire):
        assert "Claire Morvan" in cached(url)

    editor_client.post(f"{MENTORS}status/{claire.pk}/?action=archive", {"action": "archive", "reason": "Départ"})

    assert "Claire Morvan" not in fresh(directory.url) and "Claire Morvan" not in fresh(challenge.url)
    assert Client().get(profile_url(directory, claire)).status_code == 404


def test_erasing_a_mentor_takes_them_off_every_cached_page(editor_client, directory, challenge, claire):
    for url in mentor_pages(directory, challenge, claire):
        assert "Claire Morvan" in cached(url)

    assert editor_client.post(f"{MENTORS}delete/{claire.pk}/").status_code == 302

    assert "Claire Morvan" not in fresh(directory.url) and "Claire Morvan" not in fresh(challenge.url)
    assert Client().get(profile_url(directory, claire)).status_code == 404


def test_a_new_word_equivalence_purges_what_matching_shows(
    directory, challenge_index, django_capture_on_commit_callbacks
):
    challenge = ChallengePageFactory(parent=challenge_index, title="Accueillir les personnes à mobilité réduite")
    MentorProfileFactory(full_name="Paul Girard", headline="Consultant", themes=[], bio="Mise en accessibilité PMR.")
    assert "Paul Girard" not in cached(challenge.url)

    with django_capture_on_commit_callbacks(execute=True):  # profiles are rebuilt in a task, once committed
        Equivalence.objects.create(expressions="PMR\npersonnes à mobilité réduite")

    assert "Paul Girard" in fresh(challenge.url)


# --- Requests: capacity and track record ---------------------------------------------------------------------------
def answer_link(mentor_request):
    return notifications.path(mentor_request, Role.MENTOR, tokens.ANSWER)


def follow_link(mentor_request):
    return notifications.path(mentor_request, Role.REQUESTER, tokens.FOLLOW)


def test_accepting_then_completing_a_request_purges_the_mentor_s_availability(directory, challenge, claire):
    mentor_request = MentorRequestFactory(mentor=claire)
    assert ask_link(claire) in cached(profile_url(directory, claire)) and "Claire Morvan" in cached(challenge.url)

    Client().post(answer_link(mentor_request), {"action": "accept"})  # the emailed link: Claire is now full

    assert ask_link(claire) not in fresh(profile_url(directory, claire))
    assert "Claire Morvan" not in fresh(challenge.url)

    Client().post(follow_link(mentor_request), {"action": "complete", "confirm": "yes"})  # a place is free again

    assert ask_link(claire) in fresh(profile_url(directory, claire)) and "Claire Morvan" in fresh(challenge.url)


def decline(mentor_request):
    Client().post(answer_link(mentor_request), {"action": "decline", "reason": "Pas le bon moment"})


def withdraw(mentor_request):
    Client().post(follow_link(mentor_request), {"action": "withdraw", "confirm": "yes"})


def expire(mentor_request):
    reminders.send_reminders(now=timezone.now() + timedelta(days=30))


@pytest.mark.parametrize("close", [decline, withdraw, expire])
def test_a_request_closed_unanswered_changes_no_capacity_and_the_pages_stay_cached(directory, challenge, claire, close):
    mentor_request = MentorRequestFactory(mentor=claire)
    pages = mentor_pages(directory, challenge, claire)
    before = {url: cached(url) for url in pages}

    close(mentor_request)

    assert MentorRequest.objects.get(pk=mentor_request.pk).status != RequestStatus.NEW
    for url in pages:
        after = Client().get(url)
        assert after["X-Page-Cache"] == "hit" and after.content.decode() == before[url]


def test_a_mentee_s_feedback_purges_the_track_record_on_the_profile(directory, claire):
    claire.shows_track_record = True
    claire.save()
    requests = MentorRequestFactory.create_batch(3, mentor=claire)
    MentorRequest.objects.filter(mentor=claire).update(status=RequestStatus.COMPLETED)
    for mentor_request in requests[:2]:
        MentorshipFeedback.objects.create(request=mentor_request, role=Role.REQUESTER, fit=4)
    assert "accompagnements menés" not in cached(profile_url(directory, claire))

    feedback = notifications.path(requests[2], Role.REQUESTER, tokens.FEEDBACK)
    Client().post(feedback, {"fit": 4, "what_changed": "Tout."})

    assert "3 accompagnements menés" in fresh(profile_url(directory, claire))


# --- Programmes --------------------------------------------------------------------------------------------------
@pytest.fixture
def iteration(programme):
    organisations = [OrganisationFactory(name="Ville"), OrganisationFactory(name="Région")]
    return iteration_of(programme, "peer-to-peer", places=10, organisations=organisations)


def test_an_application_purges_the_places_left(iteration):
    assert "10 sur 10" in cached(iteration.url)

    response = Client().post(iteration.url + "candidater/", application(iteration))

    assert response.status_code == 302, response.context["form"].errors

    assert "9 sur 10" in fresh(iteration.url)


def test_closing_an_iteration_purges_its_page_and_its_model_s(iteration):
    model_page = iteration.get_parent()
    assert "candidater/" in cached(iteration.url) and iteration.title in cached(model_page.url)

    follow_up.close(iteration)

    assert "candidater/" not in fresh(iteration.url) and iteration.title not in fresh(model_page.url)


def test_a_participant_leaving_a_circle_frees_a_place_on_the_iteration_s_page(programme):
    agility = iteration_of(programme, "agility", places=50)
    circle = Circle.objects.create(iteration=agility, mentor=MentorProfileFactory(), practice="Communs", seats=2)
    CircleSession.objects.create(circle=circle, starts_at=timezone.now() + timedelta(days=1), place="Lyon")
    apply(Client(), agility, circle, "Ana")
    assert "49 sur 50" in cached(agility.url)
    _calendar, leave = links_to("ana@example.net")[0]

    Client().post(leave)

    assert "50 sur 50" in fresh(agility.url)


def test_erasing_a_participant_s_data_frees_their_place(iteration):
    Client().post(iteration.url + "candidater/", application(iteration, email="ana@example.net"))
    assert "9 sur 10" in cached(iteration.url)

    programmes_privacy.erase_person("ana@example.net")

    assert "10 sur 10" in fresh(iteration.url)


def test_renaming_an_organisation_purges_its_iterations(iteration):
    assert "Ville" in cached(iteration.url)

    organisation = iteration.organisations.get(name="Ville")
    organisation.name = "Métropole"
    organisation.save()

    assert "Métropole" in fresh(iteration.url)


# --- Figures ---------------------------------------------------------------------------------------------------
def test_a_new_release_of_the_figures_purges_their_page(home, directory):
    Client().get("/chiffres/")  # the first visit makes the first release
    assert "Le programme démarre" in cached("/chiffres/")
    mentors = MentorProfileFactory.create_batch(3)
    for number in range(12):
        MentorRequestFactory(mentor=mentors[number % 3])

    call_command("publish_figures")

    assert "Le programme démarre" not in fresh("/chiffres/")
