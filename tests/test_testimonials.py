"""From feedback to stories (issue 17, point 3): completed mentorships whose two sides allowed publication are
« Témoignages à publier » for the programme team; one action drafts a story (challenge, model, quotes, names only
with consent); its publication tells both people, once. Each test of the team's rights logs in as a member of one
of its groups, without superuser rights."""

import json
import re

from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from portal.challenges.models import StoryPage
from portal.mentorships import notifications, privacy, tokens
from portal.mentorships.models import MentorRequest, MentorshipFeedback, RequestStatus, Role
from portal.programmes import follow_up
from portal.programmes import privacy as programme_privacy
from portal.programmes.models import FollowUp, Pair, PairStatus
from portal.taxonomy.models import MentoringModel
from portal.testimonials import stories
from portal.testimonials.models import StorySource
from tests.factories import (
    EDITORS_GROUP,
    MODERATORS_GROUP,
    ApplicationFactory,
    ChallengePageFactory,
    MentoringModelPageFactory,
    MentorOfferFactory,
    MentorProfileFactory,
    MentorRequestFactory,
    OrganisationFactory,
    StoryPageFactory,
    UserFactory,
)
from tests.programmes_helpers import iteration_of
from tests.requests_helpers import emails_to

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_french")]

INDEX = "/admin/testimonials/"
MENTEE_WORDS = "Nous avons publié nos horaires en open data en trois mois, avec une méthode que nous réutilisons."
MENTOR_WORDS = "J’ai appris autant que j’ai transmis : leur terrain m’a fait revoir ma façon d’expliquer."


# --- Helpers ---------------------------------------------------------------------------------------
def member_of(client, group):
    user = UserFactory(groups=[group])
    assert not user.is_superuser and not user.is_staff
    client.force_login(user)
    return user


def user_with(*codenames):
    """A user with these permissions only, outside the team's groups."""
    user = UserFactory()
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def sidebar_labels(html):
    """The labels of the admin's sidebar menu (Wagtail renders it from JSON)."""
    return {json.loads(f'"{label}"') for label in re.findall(r'"label": "((?:[^"\\]|\\.)*)"', html)}


def give_feedback(mentor_request, role, fit=4, text="", may_publish=True, may_name=False):
    return MentorshipFeedback.objects.create(
        request=mentor_request, role=role, fit=fit, what_changed=text, may_publish=may_publish, may_name=may_name
    )


def completed_request(challenge=None, model_code="peer-to-peer", mentee=None, mentor=None, **fields):
    """A completed request to Claire Fontaine, from Nora Benali, both sides' feedback given with `mentee` and
    `mentor` (dicts for give_feedback; None: no feedback from that side)."""
    mentor_profile = MentorProfileFactory(full_name="Claire Fontaine", contact_email="claire@example.org")
    mentor_request = MentorRequestFactory(
        mentor=mentor_profile,
        challenge=challenge,
        challenge_text="" if challenge else "Ouvrir les données de transport de notre territoire",
        mentoring_model=MentoringModel.objects.get(code=model_code),
        requester_name="Nora Benali",
        requester_email="nora@example.net",
        organisation="Communauté de communes du Val",
        message="Message privé : nous sommes en retard sur l’ouverture des données.",
        **fields,
    )
    MentorRequest.objects.filter(pk=mentor_request.pk).update(status=RequestStatus.COMPLETED, closed_at=timezone.now())
    mentor_request.refresh_from_db()
    for role, answer in ((Role.REQUESTER, mentee), (Role.MENTOR, mentor)):
        if answer is not None:
            give_feedback(mentor_request, role, **answer)
    return mentor_request


@pytest.fixture
def challenge(catalogue):
    return ChallengePageFactory(parent=catalogue, title="Ouvrir les données de transport", themes=["open data"])


@pytest.fixture
def testimonial(challenge, story_index):
    return completed_request(
        challenge=challenge,
        mentee={"fit": 4, "text": MENTEE_WORDS},
        mentor={"fit": 3, "text": MENTOR_WORDS},
    )


@pytest.fixture
def team(client):
    member_of(client, EDITORS_GROUP)
    return client


def convert_url(kind, pk):
    return reverse("testimonials_convert", args=[kind, pk])


def converted(client, mentor_request):
    """Convert through the admin's button, as the team does; the story created."""
    response = client.post(convert_url("request", mentor_request.pk))
    assert response.status_code == 302
    return StorySource.objects.get(mentor_request=mentor_request).story


def publish(story):
    story = StoryPage.objects.get(pk=story.pk)
    story.save_revision().publish()
    return StoryPage.objects.get(pk=story.pk)


# --- Who is a testimonial --------------------------------------------------------------------------
@pytest.mark.parametrize("group", [EDITORS_GROUP, MODERATORS_GROUP])
def test_the_team_finds_the_testimonials_in_its_menu_with_both_sides_words_and_fits(client, testimonial, group):
    member_of(client, group)

    assert "Témoignages à publier" in sidebar_labels(client.get("/admin/").content.decode())
    page = client.get(INDEX).content.decode()

    assert "Ouvrir les données de transport" in page  # the challenge
    assert "Peer 2 Peer" in page and "Claire Fontaine" in page  # the model, the mentor
    assert "Nora Benali" in page
    assert "Nous avons publié nos horaires en open data" in page and "J’ai appris autant" in page
    assert "4 — parfaitement" in page and "3 — oui, bien" in page  # the fits
    assert page.count("Créer un brouillon de retour d’expérience") == 1


@pytest.mark.parametrize(
    "mentee, mentor",
    [
        ({"text": MENTEE_WORDS, "may_publish": False}, {"text": MENTOR_WORDS}),
        ({"text": MENTEE_WORDS}, {"text": MENTOR_WORDS, "may_publish": False}),
        ({"text": MENTEE_WORDS}, None),
        (None, {"text": MENTOR_WORDS}),
    ],
    ids=["mentee-refused", "mentor-refused", "mentor-silent", "mentee-silent"],
)
def test_a_mentorship_is_a_testimonial_only_when_both_sides_allowed_publication(story_index, mentee, mentor):
    completed_request(mentee=mentee, mentor=mentor)
    assert stories.testimonials() == []


def test_a_mentorship_not_completed_is_not_a_testimonial(story_index):
    mentor_request = completed_request(mentee={"text": MENTEE_WORDS}, mentor={"text": MENTOR_WORDS})
    assert len(stories.testimonials()) == 1
    MentorRequest.objects.filter(pk=mentor_request.pk).update(status=RequestStatus.ACCEPTED)
    assert stories.testimonials() == []


def test_an_anonymised_request_is_never_a_testimonial(story_index):
    mentor_request = completed_request(mentee={"text": MENTEE_WORDS}, mentor={"text": MENTOR_WORDS})
    MentorRequest.objects.filter(pk=mentor_request.pk).update(anonymised_at=timezone.now())
    assert stories.testimonials() == []  # whatever words are left
    privacy.anonymise(mentor_request)
    assert stories.testimonials() == []


def test_a_testimonial_needs_words_from_at_least_one_side(story_index):
    completed_request(mentee={"text": ""}, mentor={"text": "  "})
    assert stories.testimonials() == []


# --- Who sees them ---------------------------------------------------------------------------------
def test_people_outside_the_team_never_see_the_testimonials(client, testimonial):
    assert client.get(INDEX)["Location"].startswith("/admin/login/")  # a visitor is asked to log in

    mentor = MentorProfileFactory(contact_email="mentor@example.org", account="un mot de passe solide")
    client.force_login(mentor.user)
    assert client.get(INDEX).status_code == 403  # a mentor has no admin

    outsider = user_with("access_admin")  # in the admin, outside the team
    client.force_login(outsider)
    response = client.get(INDEX, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    page = response.content.decode()
    assert "pour accéder à cette zone" in page and "Nora Benali" not in page
    assert client.post(convert_url("request", testimonial.pk))["Location"] == "/admin/"
    assert "Témoignages à publier" not in sidebar_labels(client.get("/admin/").content.decode())
    assert not StoryPage.objects.filter(testimonial__isnull=False).exists()


# --- The draft story -------------------------------------------------------------------------------
def test_opening_the_conversion_shows_the_draft_to_be_and_creates_nothing(team, testimonial):
    page = team.get(convert_url("request", testimonial.pk)).content.decode()
    assert "Témoignage\u00a0: Ouvrir les données de transport" in page
    assert "La personne accompagnée" in page and "Son mentor" in page
    assert not StorySource.objects.exists() and not StoryPage.objects.filter(title__startswith="Témoignage").exists()


def test_converting_drafts_a_story_under_the_story_index_with_the_challenge_the_model_and_the_quotes(
    team, testimonial, story_index, challenge
):
    response = team.post(convert_url("request", testimonial.pk))

    story = StorySource.objects.get(mentor_request=testimonial).story
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert not story.live and story.get_parent().pk == story_index.pk
    assert story.title == "Témoignage\u00a0: Ouvrir les données de transport"
    assert [link.challenge for link in story.challenge_links.all()] == [challenge]
    assert story.mentoring_model.code == "peer-to-peer"
    assert (story.pull_quote, story.pull_quote_attribution) == (MENTEE_WORDS, "La personne accompagnée")
    [quote] = story.body
    assert (quote.block_type, quote.value["quote"], quote.value["attribution"]) == ("quote", MENTOR_WORDS, "Son mentor")
    assert story.organisation == "Collectivité"  # the type of organisation, never its name without consent
    revision = story.get_latest_revision_as_object()
    assert [link.challenge_id for link in revision.challenge_links.all()] == [challenge.pk]


def test_names_appear_only_with_consent(team, challenge, story_index):
    mentor_request = completed_request(
        challenge=challenge,
        mentee={"text": MENTEE_WORDS, "may_name": True},
        mentor={"text": MENTOR_WORDS, "may_name": False},
    )
    story = converted(team, mentor_request)
    assert story.pull_quote_attribution == "Nora Benali, personne accompagnée"
    assert story.organisation == "Communauté de communes du Val"  # named, with her organisation
    assert story.body[0].value["attribution"] == "Son mentor" and story.body[0].value["role"] == ""
    assert "Claire Fontaine" not in json.dumps(story.body.get_prep_value())


def test_the_mentor_is_named_with_consent_and_the_mentee_stays_unnamed(team, challenge, story_index):
    mentor_request = completed_request(
        challenge=challenge, mentee={"text": MENTEE_WORDS}, mentor={"text": MENTOR_WORDS, "may_name": True}
    )
    story = converted(team, mentor_request)
    assert story.pull_quote_attribution == "La personne accompagnée"
    assert (story.body[0].value["attribution"], story.body[0].value["role"]) == ("Claire Fontaine", "mentor")
    assert "Nora Benali" not in story.title + story.summary + story.organisation + story.pull_quote_attribution


def test_a_second_conversion_opens_the_existing_draft_and_never_duplicates_it(team, testimonial):
    first = team.post(convert_url("request", testimonial.pk))
    second = team.post(convert_url("request", testimonial.pk))
    opened = team.get(convert_url("request", testimonial.pk))

    assert first["Location"] == second["Location"] == opened["Location"]
    assert StorySource.objects.count() == 1
    assert StoryPage.objects.filter(title__startswith="Témoignage").count() == 1
    page = team.get(INDEX).content.decode()
    assert "Créer un brouillon de retour d’expérience" not in page and "Déjà transformés en retours" in page


def test_the_conversion_is_a_post_with_its_csrf_token(testimonial):
    client = Client(enforce_csrf_checks=True)
    member_of(client, EDITORS_GROUP)
    assert client.post(convert_url("request", testimonial.pk)).status_code == 403
    assert not StorySource.objects.exists()


def test_a_long_feedback_is_whole_once_and_the_pull_quote_is_cut_at_a_word(team, challenge, story_index):
    long_words = " ".join(["Nous avons appris à ouvrir nos données pas à pas."] * 20)  # about 1,000 characters
    mentor_request = completed_request(challenge=challenge, mentee={"text": long_words}, mentor={"text": MENTOR_WORDS})
    story = converted(team, mentor_request)
    assert len(story.pull_quote) <= 500 and story.pull_quote.endswith("…")
    assert [block.value["quote"] for block in story.body] == [long_words, MENTOR_WORDS]


def test_a_request_outside_the_catalogue_drafts_a_story_without_a_challenge_nor_its_words(team, story_index):
    mentor_request = completed_request(mentee={"text": MENTEE_WORDS}, mentor={"text": MENTOR_WORDS})
    story = converted(team, mentor_request)
    assert story.title == "Témoignage\u00a0: Peer 2 Peer"
    assert not story.challenge_links.exists()
    assert "Ouvrir les données de transport de notre territoire" not in story.title + story.summary


def test_a_challenge_no_longer_published_is_not_linked(team, testimonial, challenge):
    challenge.unpublish()
    story = converted(team, testimonial)
    assert not story.challenge_links.exists() and story.title == "Témoignage\u00a0: Peer 2 Peer"


def test_the_team_member_without_page_rights_is_told_why_nothing_was_drafted(client, testimonial):
    client.force_login(user_with("access_admin", "view_storysource", "add_storysource"))  # no page rights
    response = client.post(convert_url("request", testimonial.pk), follow=True)
    assert "Vous ne pouvez pas ajouter de pages sous les retours d’expérience" in response.content.decode()
    assert not StorySource.objects.exists()


def test_a_testimonial_that_is_no_longer_one_is_refused_in_words(team, testimonial):
    privacy.anonymise(testimonial)
    response = team.post(convert_url("request", testimonial.pk), follow=True)
    assert "n’est plus un témoignage à publier" in response.content.decode()
    assert team.get(convert_url("circle", testimonial.pk)).status_code == 404
    assert not StorySource.objects.exists()


def test_deleting_the_draft_frees_the_testimonial_for_a_new_story(team, testimonial):
    story = converted(team, testimonial)
    story.delete()
    assert not StorySource.objects.exists()
    assert stories.testimonials()[0].story is None


# --- Publication -----------------------------------------------------------------------------------
def test_publishing_the_story_tells_both_people_once(team, testimonial):
    story = converted(team, testimonial)
    assert not mail.outbox  # a draft tells nobody

    story = publish(story)
    [to_mentee] = emails_to("nora@example.net")
    [to_mentor] = emails_to("claire@example.org")
    assert story.title in to_mentee.subject and story.full_url in to_mentee.body
    assert "sans votre nom" in to_mentee.body and "Bonjour Nora Benali" in to_mentee.body
    assert "Bonjour Claire Fontaine" in to_mentor.body

    publish(story)  # published again after an edit: nobody is told twice
    assert len(mail.outbox) == 2


def test_nobody_is_told_when_the_requesters_data_was_anonymised_before_publication(team, testimonial):
    story = converted(team, testimonial)
    privacy.anonymise(testimonial)
    publish(story)
    assert not mail.outbox


def test_a_story_written_by_hand_tells_nobody(story_index):
    publish(StoryPageFactory(parent=story_index))
    assert not mail.outbox


# --- What reaches the public ------------------------------------------------------------------------
def test_the_published_story_shows_the_chosen_quotes_and_nothing_else_of_the_mentorship(
    client, team, testimonial, challenge, programme
):
    model_page = MentoringModelPageFactory(parent=programme, model_code="peer-to-peer")
    story = converted(team, testimonial)
    team.logout()
    assert client.get(story.url).status_code == 404  # a draft is not public
    assert "Témoignage" not in client.get(challenge.url).content.decode()

    story = publish(story)
    page = client.get(story.url).content.decode()
    assert "Nous avons publié nos horaires en open data" in page and "J’ai appris autant" in page
    for private in (
        "nora@example.net", "claire@example.org", "Nora Benali", "Claire Fontaine", "Communauté de communes du Val",
        "Message privé", "parfaitement",
    ):  # fmt: skip
        assert private not in page
    assert story.title in client.get(challenge.url).content.decode()  # listed on its challenge
    assert story.title in client.get(model_page.url).content.decode()  # and on its model's page


# --- Programme pairs -------------------------------------------------------------------------------
def ended_pair(programme, participant=None, mentor=None):
    """A Peer 2 Peer pair whose iteration closed, with each side's closing feedback (dicts, or None)."""
    iteration = iteration_of(programme, "peer-to-peer", title="Peer 2 Peer printemps")
    iteration.closed_at = timezone.now()
    iteration.save_revision().publish()
    mentor_profile = MentorProfileFactory(full_name="Uma Roux", contact_email="uma@example.org")
    pair = Pair.objects.create(
        iteration=iteration,
        application=ApplicationFactory(
            iteration=iteration,
            full_name="Ana Dupont",
            email="ana@example.net",
            organisation=OrganisationFactory(name="Transports du Sud"),
        ),
        offer=MentorOfferFactory(iteration=iteration, mentor=mentor_profile),
        quality=70,
        status=PairStatus.ENDED,
    )
    for respondent, name, answer in (
        (follow_up.PARTICIPANT, "Ana Dupont", participant),
        (follow_up.MENTOR, "Uma Roux", mentor),
    ):
        if answer is not None:
            follow_up.record(FollowUp.FEEDBACK, pair, respondent, name, **{"fit": 4, "may_publish": True} | answer)
    return pair


def test_a_programme_pair_whose_both_sides_allowed_publication_becomes_a_story_too(team, programme, story_index):
    pair = ended_pair(programme, participant={"note": MENTEE_WORDS, "may_name": True}, mentor={"note": MENTOR_WORDS})
    page = team.get(INDEX).content.decode()
    assert "Ana Dupont" in page and "Uma Roux" in page and "Peer 2 Peer printemps" in page

    team.post(convert_url("pair", pair.pk))
    story = StorySource.objects.get(pair=pair).story
    assert story.title == "Témoignage\u00a0: Peer 2 Peer" and story.mentoring_model.code == "peer-to-peer"
    assert (story.pull_quote, story.pull_quote_attribution) == (MENTEE_WORDS, "Ana Dupont, personne accompagnée")
    assert story.organisation == "Transports du Sud"
    assert story.body[0].value["attribution"] == "Son mentor"

    publish(story)
    assert len(emails_to("ana@example.net")) == 1 and len(emails_to("uma@example.org")) == 1


def test_a_pair_is_a_testimonial_only_when_both_sides_allowed_publication(programme):
    ended_pair(programme, participant={"note": MENTEE_WORDS}, mentor={"note": MENTOR_WORDS, "may_publish": False})
    assert stories.testimonials() == []


def test_a_pair_is_a_testimonial_only_once_ended_and_while_the_participant_is_not_erased(programme):
    pair = ended_pair(programme, participant={"note": MENTEE_WORDS}, mentor={"note": MENTOR_WORDS})
    assert [testimonial.source for testimonial in stories.testimonials()] == [pair]
    Pair.objects.filter(pk=pair.pk).update(status=PairStatus.LIVE)
    assert stories.testimonials() == []
    Pair.objects.filter(pk=pair.pk).update(status=PairStatus.ENDED)
    programme_privacy.erase_person("ana@example.net")
    assert stories.testimonials() == []


# --- Consent in the feedback forms ------------------------------------------------------------------
def test_the_feedback_form_asks_consent_to_be_named_apart_and_stores_it(client, challenge):
    mentor_request = MentorRequestFactory(challenge=challenge)
    MentorRequest.objects.filter(pk=mentor_request.pk).update(status=RequestStatus.COMPLETED)
    requester = notifications.path(mentor_request, Role.REQUESTER, tokens.FEEDBACK)
    mentor = notifications.path(mentor_request, Role.MENTOR, tokens.FEEDBACK)

    assert "Vous pouvez citer mon nom" in client.get(requester).content.decode()
    client.post(requester, {"fit": "4", "what_changed": MENTEE_WORDS, "may_publish": "on", "may_name": "on"})
    client.post(mentor, {"fit": "3", "what_changed": MENTOR_WORDS, "may_publish": "on"})

    answers = {answer.role: answer for answer in MentorshipFeedback.objects.all()}
    assert (answers[Role.REQUESTER].may_publish, answers[Role.REQUESTER].may_name) == (True, True)
    assert (answers[Role.MENTOR].may_publish, answers[Role.MENTOR].may_name) == (True, False)  # not ticked: unnamed


def test_the_programme_feedback_form_stores_consent_to_be_named(client, programme):
    pair = ended_pair(programme)
    link = reverse("programmes:feedback", args=[follow_up.token(FollowUp.FEEDBACK, pair, follow_up.PARTICIPANT)])
    client.post(link, {"fit": "4", "what_changed": MENTEE_WORDS, "may_publish": "on", "may_name": "on"})
    answer = FollowUp.objects.get(pair=pair, respondent=follow_up.PARTICIPANT)
    assert (answer.note, answer.may_publish, answer.may_name) == (MENTEE_WORDS, True, True)
