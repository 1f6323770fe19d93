"""Publishing a round's pairs: both sides answer from their own link, addresses are exchanged only once both
accept, a decline returns both to the pool, and a published pair holds one of the mentor's places, shared
with requests."""

import re

from django.core import mail, signing
from django.urls import reverse

import pytest

from portal.mentorships import workflow
from portal.programmes import publication, rounds
from portal.programmes.models import Pair, PairStatus
from tests.factories import (
    ApplicationFactory,
    IterationPageFactory,
    MentoringModelPageFactory,
    MentorOfferFactory,
    MentorProfileFactory,
    MentorRequestFactory,
    OrganisationFactory,
    ProgrammePageFactory,
)

pytestmark = pytest.mark.usefixtures("in_french")
LINK = re.compile(r"http://\S+/programmes/binomes/\S+/")


@pytest.fixture
def iteration(home):
    programme = ProgrammePageFactory(parent=home)
    return IterationPageFactory(parent=MentoringModelPageFactory(parent=programme), title="Pairs 2027")


@pytest.fixture
def proposed(iteration):
    """One proposed pair: Ana (Ville) with Uma, whose capacity is 1."""
    ApplicationFactory(
        iteration=iteration,
        full_name="Ana Dupont",
        email="ana@ville.example",
        organisation=OrganisationFactory(name="Ville"),
        themes=["open data"],
    )
    mentor = MentorProfileFactory(full_name="Uma Roux", contact_email="uma@region.example", capacity=1)
    MentorOfferFactory(iteration=iteration, mentor=mentor, capacity=1)
    rounds.run(iteration)
    return Pair.objects.get()


def link_in(message):
    return LINK.search(message.body).group(0).replace("http://testserver", "")


def published(iteration):
    mail.outbox.clear()
    assert publication.publish(iteration) == 1
    to_participant, to_mentor = mail.outbox
    return link_in(to_participant), link_in(to_mentor)


def test_the_coordinator_publishes_and_both_sides_read_who_the_other_is_without_an_address(
    editor_client, iteration, proposed
):
    mail.outbox.clear()
    response = editor_client.post(
        reverse("programmes_pairing", args=[iteration.pk]), {"action": "publish"}, follow=True
    )

    assert [str(message) for message in response.context["messages"]] == [
        "1 binôme publié\u00a0: chaque côté a reçu un lien pour l’accepter ou le refuser."
    ]
    assert Pair.objects.get().status == PairStatus.PUBLISHED
    to_participant, to_mentor = mail.outbox
    assert to_participant.to == ["ana@ville.example"] and to_mentor.to == ["uma@region.example"]
    assert to_participant.subject == "Votre mentor pour Pairs 2027\u00a0: Uma Roux"
    assert to_mentor.subject == "Un mentoré pour Pairs 2027\u00a0: Ana Dupont"
    assert "Ouvrir les données de transport" in to_mentor.body and "(Ville)" in to_mentor.body
    assert "uma@region.example" not in to_participant.body
    assert "ana@ville.example" not in to_mentor.body


def test_a_published_pair_holds_one_of_the_mentor_s_places_shared_with_requests(iteration, proposed):
    published(iteration)
    mentor = proposed.offer.mentor
    mentor.refresh_from_db()
    assert (mentor.active_mentorships, mentor.is_full) == (1, True)

    with pytest.raises(workflow.RequestRefused):
        workflow.accept(MentorRequestFactory(mentor=mentor))


def test_opening_the_link_changes_nothing_and_the_pair_is_under_way_once_both_accept(client, iteration, proposed):
    participant_link, mentor_link = published(iteration)
    mail.outbox.clear()

    page = client.get(participant_link).content.decode()
    assert "Uma Roux" in page and "Accepter le binôme" in page
    assert Pair.objects.get().participant_answer == ""

    waiting = client.post(participant_link, {"action": "accept"}, follow=True)
    assert "nous attendons la réponse de l’autre côté" in waiting.content.decode()
    assert Pair.objects.get().status == PairStatus.PUBLISHED and not mail.outbox

    client.post(mentor_link, {"action": "accept"})
    pair = Pair.objects.get()
    assert (pair.status, pair.participant_answer, pair.mentor_answer) == (PairStatus.LIVE, "accepted", "accepted")
    assert sorted(message.to[0] for message in mail.outbox) == ["ana@ville.example", "uma@region.example"]
    assert all("ana@ville.example" in m.body and "uma@region.example" in m.body for m in mail.outbox)


def test_a_decline_returns_both_to_the_pool_and_the_pair_is_never_proposed_again(client, iteration, proposed):
    participant_link, mentor_link = published(iteration)
    mail.outbox.clear()

    client.post(mentor_link, {"action": "decline"})

    pair = Pair.objects.get()
    assert pair.status == PairStatus.DECLINED
    (told,) = mail.outbox
    assert told.to == ["ana@ville.example"] and told.subject == "Uma Roux ne sera pas votre mentor dans Pairs 2027"
    mentor = pair.offer.mentor
    mentor.refresh_from_db()
    assert mentor.active_mentorships == 0  # the place is free again

    other = MentorOfferFactory(iteration=iteration, mentor=MentorProfileFactory(full_name="Vic Morel"))
    rounds.run(iteration)
    assert iteration.pairs.get(status=PairStatus.PROPOSED).offer == other

    refused = client.post(participant_link, {"action": "accept"}, follow=True)
    assert "Ce binôme a été refusé" in refused.content.decode()


def test_one_answers_once(client, iteration, proposed):
    participant_link, _mentor_link = published(iteration)
    client.post(participant_link, {"action": "accept"})
    again = client.post(participant_link, {"action": "decline"}, follow=True)
    assert "Vous avez déjà répondu" in again.content.decode()
    assert Pair.objects.get().status == PairStatus.PUBLISHED


@pytest.mark.parametrize("token", ["abc", "x" * 300, signing.dumps([1, "admin"], salt="other")])
def test_a_link_that_is_not_one_says_so(client, db, token):
    response = client.get(reverse("programmes:pair-answer", args=[token]))
    assert response.status_code == 400
    assert "Ce lien n’est pas valide" in response.content.decode()


def test_a_link_to_a_pair_dropped_by_a_new_round_says_so(client, iteration, proposed):
    value = publication.token(proposed, publication.PARTICIPANT)
    proposed.delete()
    response = client.get(reverse("programmes:pair-answer", args=[value]))
    assert response.status_code == 400
    assert "Ce binôme n’existe plus" in response.content.decode()


def test_an_unknown_answer_is_refused_in_words(client, iteration, proposed):
    participant_link, _mentor_link = published(iteration)
    response = client.post(participant_link, {"action": "maybe"}, follow=True)
    assert "Choisissez d’accepter ou de refuser le binôme." in response.content.decode()
    assert Pair.objects.get().participant_answer == ""


def test_a_round_gives_a_mentor_only_the_places_left_by_their_other_mentorships(iteration):
    mentor = MentorProfileFactory(capacity=2)
    workflow.accept(MentorRequestFactory(mentor=mentor))
    MentorOfferFactory(iteration=iteration, mentor=mentor, capacity=2)
    for name in ("Ana", "Ben"):
        ApplicationFactory(iteration=iteration, full_name=name)

    assert rounds.run(iteration).paired == 1


def test_the_coordinator_sees_a_declined_pair_and_is_told_to_run_the_round_again(editor_client, iteration, proposed):
    _participant_link, mentor_link = published(iteration)
    editor_client.post(mentor_link, {"action": "decline"})

    page = editor_client.get(reverse("programmes_pairing", args=[iteration.pk])).content.decode()

    assert "1 binôme a été refusé depuis le dernier tour" in page
    assert "Refusé" in page and "Ana Dupont" in page
