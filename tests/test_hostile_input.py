"""Random, long, unicode, HTML and query-syntax input never makes a public page or the API fail."""

import os
from urllib.parse import quote

from django.core.cache import cache
from django.urls import reverse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.mentors.models import MentorProfile
from tests.factories import ChallengePageFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db

SYNTAX = ['"', "'", "(", ")", "*", "NEAR(a b)", "title:x", "a OR", "-", "^", "<script>alert(1)</script>", "\x00", "%"]
hostile = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300),
    st.lists(st.sampled_from(SYNTAX), max_size=6).map("".join),
    st.text(max_size=20).map(lambda text: text * 40),
)
# 40 examples per test; 10 in `make test-services`, where the same code runs at a slower pace.
FUZZ = settings(
    max_examples=10 if os.environ.get("ELASTICSEARCH_URL") else 40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def content(challenge_index, directory):
    MentorProfileFactory(full_name="Claire", themes=["open data"])
    return ChallengePageFactory(parent=challenge_index, themes=["open data"], models=["peer-to-peer"])


def assert_handled(response):
    assert response.status_code < 500, response.status_code
    assert b"<script>alert(1)</script>" not in response.content


@FUZZ
@given(text=hostile)
def test_page_query_boxes_and_filters_survive_anything(client, content, directory, text):
    for url, params in [
        ("/search/", {"q": text}),
        ("/search/", {"q": "données", "kind": text, "page": text}),
        (directory.url, {"q": text, "theme": text, "region": text, "availability": text, "page": text}),
        (f"{directory.url}defi/", {"texte": text}),
        (content.get_parent().url, {"theme": text, "actor_type": text, "model": text, "status": text}),
    ]:
        assert_handled(client.get(url, params))


@FUZZ
@given(text=hostile, limit=st.one_of(st.integers(), st.text(max_size=5)))
def test_the_api_answers_a_clear_4xx_or_results_for_anything(client, content, text, limit):
    assert_handled(client.get("/api/v1/mentors/", {"q": text, "region": text, "accepting": text}))
    assert_handled(client.get(f"/api/v1/challenges/{content.slug}/mentors/", {"limit": limit}))
    response = client.post("/api/v1/match/", {"text": text, "limit": limit}, content_type="application/json")
    assert_handled(response)
    assert "detail" in response.json() or "results" in response.json()


REQUEST_FIELDS = [
    "requester_name", "requester_email", "organisation", "actor_type", "challenge", "challenge_text",
    "mentoring_model", "mentoring_format", "participants", "message", "consent",
]  # fmt: skip


@FUZZ
@given(
    values=st.dictionaries(st.sampled_from(REQUEST_FIELDS), st.one_of(hostile, st.none()), max_size=len(REQUEST_FIELDS))
)
def test_the_request_form_explains_or_stores_whole_requests_for_anything(client, directory, values):
    from portal.mentorships.models import MentorRequest
    from tests.requests_helpers import request_data, request_url

    mentor = MentorProfileFactory(offers_group=True)
    before = MentorRequest.objects.count()
    response = client.post(request_url(directory, mentor), request_data(**values))
    assert_handled(response)
    if response.status_code == 302:
        stored = MentorRequest.objects.latest("pk")
        assert stored.requester_email and stored.message and stored.events.count() == 1
    else:
        assert MentorRequest.objects.count() == before
        assert 'class="errorlist"' in response.content.decode() or response.status_code == 429


@FUZZ
@given(token=hostile, action=hostile)
def test_request_links_refuse_anything_that_is_not_a_link_we_sent(client, directory, token, action):
    for prefix in ["/demandes/reponse/", "/demandes/suivi/", "/demandes/avis/"]:
        response = client.post(f"{prefix}{quote(token, safe='')}/", {"action": action, "fit": action})
        assert response.status_code in (400, 404), response.status_code


PROPOSAL_FIELDS = ["title", "description", "example", "themes", "new_themes", "actor_type", "name", "organisation",
                   "email", "consent"]  # fmt: skip
SURVEY_FIELDS = ["actor_type", "themes", "mentoring_model", "comment", "consent"]


@pytest.fixture
def member_forms(home, challenge_index):
    from tests.factories import IdeaFormPageFactory, NeedsSurveyPageFactory

    ChallengePageFactory(parent=challenge_index, themes=["open data"])
    return IdeaFormPageFactory(parent=home), challenge_index, NeedsSurveyPageFactory(parent=home)


@FUZZ
@given(
    proposal=st.dictionaries(st.sampled_from(PROPOSAL_FIELDS), hostile, max_size=10),
    survey=st.dictionaries(st.sampled_from(SURVEY_FIELDS), hostile, max_size=5),
    idea=hostile,
)
def test_members_forms_explain_or_store_whole_records_for_anything(client, member_forms, proposal, survey, idea):
    from wagtail.contrib.forms.models import FormSubmission

    from portal.contributions.models import ChallengeProposal, NeedsSurveyResponse
    from tests.requests_helpers import honeypot_fields

    ideas, catalogue, needs = member_forms
    cache.clear()  # each example starts below the rate limits
    counts = (FormSubmission.objects.count(), ChallengeProposal.objects.count(), NeedsSurveyResponse.objects.count())
    responses = [
        client.post(ideas.url, {"votre_idee": idea, "votre_e_mail": idea, "consent": "on", **honeypot_fields()}),
        client.post(f"{catalogue.url}proposer/", {**proposal, **honeypot_fields()}),
        client.post(needs.url, {**survey, **honeypot_fields()}),
    ]
    for response in responses:
        assert_handled(response)
    stored = (FormSubmission.objects.count(), ChallengeProposal.objects.count(), NeedsSurveyResponse.objects.count())
    for before, after, response in zip(counts, stored, responses, strict=True):
        explained = b'class="errorlist"' in response.content
        assert after == (before if explained else before + 1), response.status_code
    for proposal_stored in ChallengeProposal.objects.all():
        assert proposal_stored.title and proposal_stored.email and proposal_stored.consent_at


def test_a_body_far_too_long_gets_a_french_page_and_stores_nothing(client, directory):
    response = client.post(reverse("mentors:apply"), {"full_name": "Éa", "bio": "x" * 3_000_000})
    assert response.status_code == 400
    assert "Rien n’a été enregistré" in response.content.decode()
    assert not MentorProfile.objects.exists()
