"""A mentor request changes only through its workflow (reassign, close, erase), a challenge proposal only through
its actions (review, refuse, merge, draft challenge): wagtail-modeladmin's raw create, edit and delete forms
answer everyone, superusers included, with the reason and lead back to the record; nothing changes."""

from django.contrib.auth.models import Group

import pytest
from bs4 import BeautifulSoup

from portal.contributions.models import ChallengeProposal, ProposalStatus
from portal.mentorships.models import MentorRequest, RequestStatus
from tests.factories import (
    EDITORS_GROUP,
    ChallengeProposalFactory,
    MentorProfileFactory,
    MentorRequestFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
REQUESTS = "/admin/mentorships/mentorrequest/"
PROPOSALS = "/admin/contributions/challengeproposal/"
REQUEST_EDIT = "Une demande ne se modifie pas directement\u00a0: ses actions (Réattribuer, Clore, Effacer les données)"
REQUEST_DELETE = "Une demande ne se supprime jamais\u00a0: son historique et les statistiques disparaîtraient."
REQUEST_CREATE = "Les demandes sont envoyées par les visiteurs depuis le formulaire public\u00a0: elles ne se"
PROPOSAL_EDIT = "Une proposition ne se modifie pas directement\u00a0: ses actions (Créer un brouillon de défi"
PROPOSAL_CREATE = "Les propositions de défis sont envoyées par les membres depuis le formulaire public"


@pytest.fixture(params=["superuser", "Editors group"])
def admin_client(request, client, db):
    """An editor of either kind: a superuser, or a member of the editors' group."""
    if request.param == "superuser":
        user = UserFactory(editor=True)
    else:
        user = UserFactory()
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    user.save()
    client.force_login(user)
    return client


@pytest.fixture
def mentor_request(directory):
    return MentorRequestFactory(requester_email="lea.martin@example.net", requester_name="Léa Martin")


def refused(client, method, url, data, lands_on, message):
    """The raw view answers with a redirect to `lands_on`, where `message` says why."""
    response = getattr(client, method)(url, data)
    assert response.status_code == 302 and response["Location"] == lands_on
    assert message in client.get(lands_on).content.decode()


# --- Requests -------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_raw_edit_form_of_a_request_is_refused_and_changes_nothing(admin_client, mentor_request, method):
    other_mentor = MentorProfileFactory()
    forged = {"requester_email": "pirate@example.net", "status": "accepted", "mentor": other_mentor.pk}
    inspect = f"{REQUESTS}inspect/{mentor_request.pk}/"
    refused(admin_client, method, f"{REQUESTS}edit/{mentor_request.pk}/", forged, inspect, REQUEST_EDIT)
    stored = MentorRequest.objects.get(pk=mentor_request.pk)
    assert (stored.requester_email, stored.status, stored.mentor) == (
        "lea.martin@example.net",
        RequestStatus.NEW,
        mentor_request.mentor,
    )
    assert not stored.events.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_raw_delete_of_a_request_is_refused_with_the_way_to_erase_data(admin_client, mentor_request, method):
    inspect = f"{REQUESTS}inspect/{mentor_request.pk}/"
    refused(admin_client, method, f"{REQUESTS}delete/{mentor_request.pk}/", {}, inspect, REQUEST_DELETE)
    assert MentorRequest.objects.filter(pk=mentor_request.pk, requester_email="lea.martin@example.net").exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_raw_create_form_of_requests_is_refused_and_stores_nothing(admin_client, mentor_request, method):
    mentor = MentorProfileFactory()
    forged = {"mentor": mentor.pk, "requester_name": "Faux", "requester_email": "faux@example.net", "message": "x"}
    refused(admin_client, method, f"{REQUESTS}create/", forged, REQUESTS, REQUEST_CREATE)
    assert MentorRequest.objects.count() == 1


def test_a_mentor_reaching_the_raw_forms_of_a_request_learns_nothing(client, mentor_request):
    mentor = MentorProfileFactory(account="une phrase de passe solide")
    client.force_login(mentor.user)
    for url in [f"{REQUESTS}edit/{mentor_request.pk}/", f"{REQUESTS}delete/{mentor_request.pk}/", f"{REQUESTS}create/"]:
        response = client.get(url)
        assert response.status_code in (302, 403) and "/inspect/" not in response.get("Location", "")
        assert b"lea.martin@example.net" not in response.content


# --- Proposals ------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_raw_edit_form_of_a_proposal_is_refused_and_changes_nothing(admin_client, directory, method):
    proposal = ChallengeProposalFactory(email="nora@example.net")
    forged = {"title": "Autre", "status": ProposalStatus.ACCEPTED, "email": "pirate@example.net"}
    inspect = f"{PROPOSALS}inspect/{proposal.pk}/"
    refused(admin_client, method, f"{PROPOSALS}edit/{proposal.pk}/", forged, inspect, PROPOSAL_EDIT)
    stored = ChallengeProposal.objects.get(pk=proposal.pk)
    assert (stored.title, stored.status, stored.email) == (proposal.title, ProposalStatus.NEW, "nora@example.net")


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_raw_create_form_of_proposals_is_refused_and_stores_nothing(admin_client, directory, method):
    forged = {"title": "Fausse", "description": "Une proposition écrite dans l’admin.", "name": "X", "email": "x@x.fr"}
    refused(admin_client, method, f"{PROPOSALS}create/", forged, PROPOSALS, PROPOSAL_CREATE)
    assert not ChallengeProposal.objects.exists()


def test_a_proposal_can_still_be_deleted_by_a_superuser_for_spam_or_erasure(editor_client, directory):
    proposal = ChallengeProposalFactory()
    editor_client.post(f"{PROPOSALS}delete/{proposal.pk}/")
    assert not ChallengeProposal.objects.filter(pk=proposal.pk).exists()


# --- Links ----------------------------------------------------------------------------------------
def links_of(html):
    return [link["href"] for link in BeautifulSoup(html, "html.parser").select("main a[href], #main a[href]")]


def test_lists_and_records_link_to_the_workflow_never_to_the_raw_forms(admin_client, mentor_request):
    proposal = ChallengeProposalFactory()
    pages = [
        REQUESTS,
        f"{REQUESTS}inspect/{mentor_request.pk}/",
        PROPOSALS,
        f"{PROPOSALS}inspect/{proposal.pk}/",
    ]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        links = [href for href in links_of(response.content.decode()) if href.startswith((REQUESTS, PROPOSALS))]
        assert links, url
        assert not [href for href in links if "/edit/" in href or "/create/" in href], url
        if url.startswith(REQUESTS):
            assert not [href for href in links if "/delete/" in href], url
    listing = admin_client.get(REQUESTS).content.decode()
    assert f"{REQUESTS}inspect/{mentor_request.pk}/" in listing
