"""During and after an iteration: the half-way check-in flags the pairs and circles that need the
coordinators, and the closing ends the pairs, frees the places and asks everyone for their feedback."""

import re
from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from portal.mentors import load
from portal.programmes import follow_up
from portal.programmes.models import Circle, Enrolment, FollowUp, Pair, PairStatus
from tests.factories import (
    ApplicationFactory,
    IterationPageFactory,
    MentoringModelPageFactory,
    MentorOfferFactory,
    MentorProfileFactory,
    ProgrammePageFactory,
)

pytestmark = pytest.mark.usefixtures("in_french")
TODAY = timezone.localdate()
LINK = re.compile(r"https?://[^/\s]+(/programmes/(?:point-d-etape|bilan)/\S+/)")


def running_iteration(home, code="peer-to-peer", **fields):
    """An iteration that started 50 days ago and ends in 40 days: past half-way."""
    programme = ProgrammePageFactory(parent=home)
    parent = MentoringModelPageFactory(parent=programme, model_code=code, title=code, slug=code)
    dates = {
        "applications_open_on": TODAY - timedelta(days=90),
        "applications_close_on": TODAY - timedelta(days=60),
        "starts_on": TODAY - timedelta(days=50),
        "ends_on": TODAY + timedelta(days=40),
    }
    return IterationPageFactory(parent=parent, title="Pairs 2027", **(dates | fields))


@pytest.fixture
def live_pair(home):
    iteration = running_iteration(home)
    mentor = MentorProfileFactory(full_name="Uma Roux", contact_email="uma@example.org", capacity=1)
    pair = Pair.objects.create(
        iteration=iteration,
        application=ApplicationFactory(iteration=iteration, full_name="Ana Dupont", email="ana@example.net"),
        offer=MentorOfferFactory(iteration=iteration, mentor=mentor),
        quality=60,
        status=PairStatus.LIVE,
    )
    load.refresh(mentor)
    return pair


def links_for(address):
    return [LINK.search(m.body).group(1) for m in mail.outbox if m.to == [address]]


def test_the_check_in_goes_once_to_both_sides_of_each_pair_past_half_way(live_pair):
    assert follow_up.send_check_ins() == 1
    assert follow_up.send_check_ins() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.net", "uma@example.org"]
    assert mail.outbox[0].subject == "Mi-parcours de Pairs 2027\u00a0: comment ça se passe\u202f?"


def test_no_check_in_before_half_way(home):
    iteration = running_iteration(home, starts_on=TODAY - timedelta(days=5), ends_on=TODAY + timedelta(days=80))
    Pair.objects.create(
        iteration=iteration,
        application=ApplicationFactory(iteration=iteration),
        offer=MentorOfferFactory(iteration=iteration),
        quality=60,
        status=PairStatus.LIVE,
    )
    assert follow_up.send_check_ins() == 0
    assert not mail.outbox


def test_asking_for_help_flags_the_pair_on_the_coordination_page(client, editor_client, live_pair):
    follow_up.send_check_ins()
    (link,) = links_for("ana@example.net")

    assert "Comment ça se passe" in client.get(link).content.decode()
    assert not FollowUp.objects.exists()  # opening the link changes nothing
    response = client.post(link, {"how": "help", "note": "Nous n’arrivons pas à nous voir."}, follow=True)

    assert "la coordination va vous contacter" in response.content.decode()
    answer = FollowUp.objects.get()
    assert (answer.kind, answer.respondent, answer.needs_help) == ("check-in", "participant", True)
    page = editor_client.get(reverse("programmes_pairing", args=[live_pair.iteration.pk])).content.decode()
    assert "Demandes d’aide au point d’étape" in page and "Nous n’arrivons pas à nous voir." in page

    client.post(link, {"how": "fine"})  # a second answer replaces the first
    assert FollowUp.objects.get().needs_help is False


def test_a_check_in_without_a_choice_is_refused_in_words(client, live_pair):
    follow_up.send_check_ins()
    (link,) = links_for("uma@example.org")
    response = client.post(link, {"how": "peut-être"})
    assert response.status_code == 200 and "how" in response.context["form"].errors
    assert not FollowUp.objects.exists()


def test_closing_ends_the_pairs_frees_the_places_and_asks_everyone_for_feedback(client, live_pair):
    iteration = live_pair.iteration
    mentor = live_pair.offer.mentor
    mentor.refresh_from_db()
    assert mentor.is_full

    assert follow_up.close(iteration) is True
    assert follow_up.close(iteration) is False

    live_pair.refresh_from_db()
    mentor.refresh_from_db()
    iteration.refresh_from_db()
    assert live_pair.status == PairStatus.ENDED and iteration.closed_at is not None
    assert (mentor.active_mentorships, mentor.is_full) == (0, False)
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.net", "uma@example.org"]
    (link,) = links_for("uma@example.org")
    client.post(link, {"fit": "4", "what_changed": "Une vraie communauté.", "may_publish": "on"})
    answer = FollowUp.objects.get()
    assert (answer.kind, answer.fit, answer.note, answer.may_publish) == ("feedback", 4, "Une vraie communauté.", True)
    assert "Cette promotion est terminée." in client.get(iteration.url).content.decode()


def test_the_daily_run_closes_the_iterations_past_their_end(home):
    ended = running_iteration(
        home,
        applications_open_on=TODAY - timedelta(days=200),
        applications_close_on=TODAY - timedelta(days=190),
        starts_on=TODAY - timedelta(days=180),
        ends_on=TODAY - timedelta(days=1),
    )
    out = StringIO()
    call_command("run_programmes", stdout=out)
    ended.refresh_from_db()
    assert ended.closed_at is not None
    assert out.getvalue().strip() == "0 check-in(s) sent, 1 iteration(s) closed, 0 session reminder(s) sent."


def test_circles_are_checked_in_and_closed_with_their_seated_members_only(home):
    iteration = running_iteration(home, code="agility")
    mentor = MentorProfileFactory(full_name="Uma Roux", contact_email="uma@example.org")
    circle = Circle.objects.create(iteration=iteration, mentor=mentor, practice="Animer un commun", seats=2)
    for name, status in (("ana", "seated"), ("ben", "waiting"), ("cleo", "left")):
        application = ApplicationFactory(iteration=iteration, email=f"{name}@example.net")
        Enrolment.objects.create(circle=circle, application=application, status=status)

    assert follow_up.send_check_ins() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.net", "uma@example.org"]
    mail.outbox.clear()
    follow_up.close(iteration)
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.net", "uma@example.org"]


def test_follow_up_links_that_are_not_one_say_so(client, live_pair):
    follow_up.send_check_ins()
    (check_in_link,) = links_for("ana@example.net")
    token = check_in_link.split("/")[-2]
    for url in (
        reverse("programmes:feedback", args=[token]),  # a check-in link used for the feedback
        reverse("programmes:check-in", args=["abc"]),
        reverse("programmes:check-in", args=[follow_up.token("check-in", live_pair, "someone-else")]),
    ):
        response = client.get(url)
        assert response.status_code == 400
        assert (
            "lien n’est pas valide" in response.content.decode() or "ne vous compte plus" in response.content.decode()
        )


def test_the_coordinator_closes_an_iteration_from_its_page(editor_client, live_pair):
    url = reverse("programmes_pairing", args=[live_pair.iteration.pk])
    unconfirmed = editor_client.post(url, {"action": "close"}, follow=True)
    assert [str(m) for m in unconfirmed.context["messages"]] == [
        "Cochez la case pour confirmer\u00a0: clore la promotion termine les binômes en cours."
    ]
    assert Pair.objects.get(pk=live_pair.pk).status == PairStatus.LIVE
    response = editor_client.post(url, {"action": "close", "confirm": "1"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Promotion close\u00a0: chaque personne qui y a participé a reçu le lien du bilan."
    ]
    again = editor_client.post(url, {"action": "close", "confirm": "1"}, follow=True)
    assert [str(m) for m in again.context["messages"]] == ["Cette promotion est déjà close."]
