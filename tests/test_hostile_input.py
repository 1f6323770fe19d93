"""Random, long, unicode, HTML and query-syntax input never makes a public page or the API fail."""

import itertools
import os
from collections import Counter
from urllib.parse import quote

from django.core.cache import cache
from django.urls import reverse

import pytest
from hypothesis import HealthCheck, event, given, settings
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


def test_the_request_form_explains_or_stores_whole_requests_for_anything(client, directory):
    """Each example starts from a request a person would send and changes one field: the request is stored
    whole, or the form explains what to fix and stores nothing; never a 500, and a good share is stored (the
    interesting paths run, not only the refusals: `--hypothesis-show-statistics` shows the events)."""
    from portal.mentorships.models import MentorRequest
    from portal.taxonomy.models import ActorType, MentoringModel
    from tests.requests_helpers import request_data, request_url

    # For each field, other values a person could give, which the form takes (beside hostile ones it may not).
    acceptable = {
        "requester_name": ["Jean-Luc O’Neill", "李雷", "<b>Zoé</b>"],
        "requester_email": ["claire+mentorat@example.org"],
        "organisation": ["", "Agence d’urbanisme & co"],
        "actor_type": [str(pk) for pk in ActorType.objects.values_list("pk", flat=True)],
        "challenge": [""],
        "challenge_text": ["Covoiturage rural", "<script>alert(1)</script> données ouvertes"],
        "mentoring_model": ["", *(str(pk) for pk in MentoringModel.objects.values_list("pk", flat=True))],
        "mentoring_format": ["individual"],
        "participants": ["", "2"],
        "message": ["Nous cherchons quelqu’un qui a déjà lancé un service de transport à la demande rural."],
        "consent": ["on", "1"],
    }
    outcomes = Counter()
    numbers = itertools.count()
    field_and_value = st.sampled_from(REQUEST_FIELDS).flatmap(
        lambda field: st.tuples(st.just(field), st.one_of(st.sampled_from(acceptable[field]), hostile, st.none()))
    )

    @settings(FUZZ, derandomize=True)  # the same examples on every run: the share below cannot flicker
    @given(field_and_value=field_and_value)
    def example(field_and_value):
        field, value = field_and_value
        cache.clear()  # each example starts below the rate limits
        mentor = MentorProfileFactory(offers_group=True)
        data = {"requester_email": f"personne{next(numbers)}@example.net", field: value}
        before = MentorRequest.objects.count()
        response = client.post(request_url(directory, mentor), request_data(**data))
        assert_handled(response)
        outcome = "stored" if response.status_code == 302 else "explained"
        event(f"{outcome} ({field})")
        outcomes[outcome] += 1
        if outcome == "stored":
            stored = MentorRequest.objects.latest("pk")
            assert stored.requester_email and stored.message and stored.events.count() == 1
            assert MentorRequest.objects.count() == before + 1
        else:
            assert MentorRequest.objects.count() == before
            assert 'class="errorlist"' in response.content.decode(), response.status_code

    example()
    assert outcomes["stored"] >= 0.2 * sum(outcomes.values()), outcomes
    assert outcomes["explained"], outcomes


@FUZZ
@given(token=hostile, action=hostile)
def test_request_links_refuse_anything_that_is_not_a_link_we_sent(client, directory, token, action):
    for prefix in ["/demandes/reponse/", "/demandes/suivi/", "/demandes/avis/"]:
        response = client.post(f"{prefix}{quote(token, safe='')}/", {"action": action, "fit": action})
        assert response.status_code in (400, 404), response.status_code


PROPOSAL_FIELDS = ["title", "description", "example", "themes", "new_themes", "actor_type", "name", "organisation",
                   "email", "consent"]  # fmt: skip
SURVEY_FIELDS = ["actor_type", "themes", "mentoring_model", "comment", "consent"]
IDEA_FIELDS = ["votre_idee", "votre_e_mail", "consent"]


def test_members_forms_explain_or_store_whole_records_for_anything(client, ideas, survey):
    """Each example starts from what a member would send to one of the three forms (an idea, a challenge
    proposal, the needs survey) and changes one field: a whole record is stored, or the form explains and
    stores nothing; a good share of the examples is stored."""
    from wagtail.contrib.forms.models import FormSubmission

    from portal.contributions.models import ChallengeProposal, NeedsSurveyResponse
    from tests.contributions_helpers import idea, needs, proposal_data

    forms = {
        "idea": (ideas.url, idea, IDEA_FIELDS, FormSubmission),
        "proposal": (f"{catalogue_url()}proposer/", proposal_data, PROPOSAL_FIELDS, ChallengeProposal),
        "survey": (survey.url, needs, SURVEY_FIELDS, NeedsSurveyResponse),
    }
    outcomes = Counter()
    form_field_value = st.sampled_from(sorted(forms)).flatmap(
        lambda form: st.tuples(st.just(form), st.sampled_from(forms[form][2]), st.one_of(hostile, st.none()))
    )

    @settings(FUZZ, derandomize=True)  # the same examples on every run: the share below cannot flicker
    @given(form_field_value=form_field_value)
    def example(form_field_value):
        form, field, value = form_field_value
        url, valid_data, _fields, model = forms[form]
        cache.clear()  # each example starts below the rate limits
        before = model.objects.count()
        response = client.post(url, valid_data(**{field: value}))
        assert_handled(response)
        explained = b'class="errorlist"' in response.content
        outcome = "explained" if explained else "stored"
        event(f"{outcome} ({form})")
        outcomes[outcome] += 1
        assert model.objects.count() == (before if explained else before + 1), response.status_code
        for proposal_stored in ChallengeProposal.objects.all():
            assert proposal_stored.title and proposal_stored.email and proposal_stored.consent_at

    example()
    assert outcomes["stored"] >= 0.2 * sum(outcomes.values()), outcomes
    assert outcomes["explained"], outcomes


def catalogue_url():
    from portal.challenges.models import ChallengeIndexPage

    return ChallengeIndexPage.objects.get().url


def test_a_body_far_too_long_gets_a_french_page_and_stores_nothing(client, directory):
    response = client.post(reverse("mentors:apply"), {"full_name": "Éa", "bio": "x" * 3_000_000})
    assert response.status_code == 400
    assert "Rien n’a été enregistré" in response.content.decode()
    assert not MentorProfile.objects.exists()
