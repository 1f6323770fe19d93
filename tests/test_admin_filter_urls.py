"""Any query string on any list of the editors' admin answers: the list, or the whole list again with a clear
message when the address filters it in a way it cannot (portal/admin_actions.py, IndexView). Never a 500, and
never a lookup on a field no filter offers (such as a mentor account's password hash)."""

import pytest

from tests.factories import (
    MODERATORS_GROUP,
    ChallengeProposalFactory,
    MentorProfileFactory,
    MentorRequestFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LISTS = [
    "/admin/mentors/mentorprofile/",
    "/admin/mentorships/mentorrequest/",
    "/admin/contributions/challengeproposal/",
    "/admin/contributions/needssurveyresponse/",
    "/admin/taxonomy/equivalence/",
    "/admin/taxonomy/themesuggestion/",
]
HOSTILE = [
    "status=published&actor_type=startup",
    "status=nope",
    "status__exact=nope",
    "themes__id__exact=abc",
    "mentor__id__exact=abc",
    "actor_type__id__exact=abc",
    "accepting_requests__exact=abc",
    "o=zz",
    "o=-99.abc",
    "p=-1",
    "p=abc",
    "p=99999",
    "age=zz",
    "e=1",
    "user__password__startswith=pbkdf2",
    "nonsense=1",
    "export=csv&actor_type=startup",
]
REFUSED = "Cette adresse filtre la liste d’une façon impossible"


@pytest.fixture
def records(directory):
    mentor = MentorProfileFactory(account="un mot de passe solide")
    MentorRequestFactory(mentor=mentor)
    ChallengeProposalFactory()


@pytest.mark.parametrize("listing", LISTS)
@pytest.mark.parametrize("query", HOSTILE)
def test_a_hand_edited_filter_address_never_fails(editor_client, records, listing, query):
    response = editor_client.get(f"{listing}?{query}", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain in ([], [(listing, 302)])
    if response.redirect_chain:
        assert REFUSED in response.content.decode()


def test_a_lookup_no_filter_offers_is_refused_not_applied(editor_client, records):
    response = editor_client.get("/admin/mentors/mentorprofile/?user__password__startswith=zz", follow=True)
    assert REFUSED in response.content.decode()
    assert response.redirect_chain == [("/admin/mentors/mentorprofile/", 302)]


def test_a_value_the_filter_cannot_read_shows_the_whole_list_with_a_message(editor_client, records):
    response = editor_client.get("/admin/mentors/mentorprofile/?status=published&actor_type=startup", follow=True)
    assert REFUSED in response.content.decode()
    assert len(response.context["object_list"]) == 1


def test_a_filter_with_many_choices_is_a_select_that_keeps_the_other_filters(editor_client, directory):
    mentors = [MentorProfileFactory(full_name=f"Mentor numéro {number}") for number in range(10)]
    for mentor in mentors:
        MentorRequestFactory(mentor=mentor)
    html = editor_client.get("/admin/mentorships/mentorrequest/?status__exact=new").content.decode()
    assert '<select id="filter-mentor__id__exact" name="mentor__id__exact"' in html
    assert f'<option value="{mentors[3].pk}">{mentors[3].label_for_editors}</option>' in html
    assert '<input type="hidden" name="status__exact" value="new">' in html
    listing = editor_client.get(
        f"/admin/mentorships/mentorrequest/?status__exact=new&mentor__id__exact={mentors[3].pk}"
    )
    assert [request.mentor for request in listing.context["object_list"]] == [mentors[3]]


def test_a_moderator_gets_the_same_answers(client, records):
    client.force_login(UserFactory(groups=[MODERATORS_GROUP]))
    response = client.get("/admin/mentorships/mentorrequest/?mentor__id__exact=abc", follow=True)
    assert response.status_code == 200 and REFUSED in response.content.decode()


@pytest.mark.parametrize("address", [*LISTS, "/admin/taxonomy/theme/"])
@pytest.mark.parametrize("view", ["inspect", "edit", "delete"])
@pytest.mark.parametrize("instance", ["abc", "999999"])
def test_a_record_address_with_an_id_that_cannot_be_one_answers_404(editor_client, address, view, instance):
    response = editor_client.get(f"{address}{view}/{instance}/")
    assert response.status_code == 404
