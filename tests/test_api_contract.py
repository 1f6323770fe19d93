"""The API's contract: every list is served a page at a time, bad parameters get French messages, and every
answer is one the OpenAPI schema documents (checked by schemathesis; `make test-api` does it over HTTP)."""

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import ChallengePageFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/mentors/", "/api/v1/challenges/"]
OPERATIONS = {
    "GET /api/v1/mentors/",
    "GET /api/v1/challenges/",
    "GET /api/v1/challenges/{slug}/mentors/",
    "POST /api/v1/match/",
}


def a_mentor(number, **fields):
    return MentorProfileFactory(
        full_name=f"Mentor {number:02d}",
        themes=["open data", "vélo"],
        models=["agility", "peer-to-peer"],
        languages=["fr", "en"],
        **fields,
    )


@pytest.fixture
def mentors(directory):
    return [a_mentor(number) for number in range(25)]


def names(body):
    return [item["name"] for item in body["items"]]


# --- Pages --------------------------------------------------------------------------------------


def test_mentors_are_listed_twenty_at_a_time(client, mentors):
    first = client.get("/api/v1/mentors/", {"accepting": "false"}).json()
    second = client.get("/api/v1/mentors/", {"accepting": "false", "page": 2}).json()
    assert {key: first[key] for key in ("count", "page", "pages", "page_size")} == {
        "count": 25,
        "page": 1,
        "pages": 2,
        "page_size": 20,
    }
    assert names(first) + names(second) == [f"Mentor {number:02d}" for number in range(25)]
    assert second["page"] == 2 and len(second["items"]) == 5


def test_a_client_chooses_the_page_size_up_to_a_hundred(client, mentors):
    body = client.get("/api/v1/mentors/", {"page_size": 7, "page": 4}).json()
    assert (body["pages"], body["page_size"], names(body)) == (
        4,
        7,
        ["Mentor 21", "Mentor 22", "Mentor 23", "Mentor 24"],
    )
    assert len(client.get("/api/v1/mentors/", {"page_size": 100}).json()["items"]) == 25
    response = client.get("/api/v1/mentors/", {"page_size": 101})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Paramètres invalides.",
        "errors": {"page_size": ["Saisissez un nombre inférieur ou égal à 100."]},
    }


def test_a_page_past_the_last_one_is_empty(client, mentors, catalogue):
    for url in LISTS:
        for page in [3, 10**30]:
            body = client.get(url, {"page": page, "page_size": 20}).json()
            assert body["items"] == [] and body["page"] == page, (url, page)
    assert client.get("/api/v1/mentors/", {"page": 10**30}).json()["count"] == 25


def test_challenges_are_listed_a_page_at_a_time_in_title_order(client, challenge_index):
    for number in reversed(range(23)):
        ChallengePageFactory(parent=challenge_index, title=f"Défi {number:02d}", themes=["open data"])
    body = client.get("/api/v1/challenges/", {"page": 2}).json()
    assert (body["count"], body["pages"], body["page_size"]) == (23, 2, 20)
    assert [item["title"] for item in body["items"]] == ["Défi 20", "Défi 21", "Défi 22"]
    assert body["items"][0]["themes"] == ["open-data"]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"page": 0}, {"page": ["Saisissez un nombre supérieur ou égal à 1."]}),
        ({"page": "deux"}, {"page": ["Saisissez un nombre entier."]}),
        ({"page": "1.5"}, {"page": ["Saisissez un nombre entier."]}),
        ({"page_size": 0}, {"page_size": ["Saisissez un nombre supérieur ou égal à 1."]}),
        (
            {"page": -1, "page_size": 1000},
            {
                "page": ["Saisissez un nombre supérieur ou égal à 1."],
                "page_size": ["Saisissez un nombre inférieur ou égal à 100."],
            },
        ),
    ],
)
def test_invalid_page_parameters_answer_a_422_in_french(client, catalogue, directory, url, params, errors):
    response = client.get(url, params)
    assert response.status_code == 422
    assert response.json() == {"detail": "Paramètres invalides.", "errors": errors}


def test_an_unknown_code_gets_the_possible_values_and_an_unknown_theme_matches_nobody(client, mentors):
    response = client.get("/api/v1/mentors/", {"model": "coaching"})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "model": ["Valeur inconnue. Valeurs possibles\u00a0: culture-shift, peer-to-peer, agility."]
    }
    body = client.get("/api/v1/mentors/", {"theme": "theme-que-personne-n-a"}).json()
    assert (body["count"], body["items"]) == (0, [])


def queries_for(client, url):
    client.get(url)  # caches warm up on a first request
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_a_page_of_mentors_costs_the_same_queries_for_two_mentors_or_twenty(client, directory):
    url = "/api/v1/mentors/?accepting=false"
    a_mentor(0), a_mentor(1)
    few = queries_for(client, url)
    for number in range(2, 20):
        a_mentor(number, accepting_requests=number % 2 == 0)
    assert len(client.get(url).json()["items"]) == 20
    assert queries_for(client, url) == few


def test_a_page_of_challenges_costs_the_same_queries_for_two_challenges_or_twenty(client, challenge_index):
    def add(numbers):
        for number in numbers:
            ChallengePageFactory(parent=challenge_index, title=f"Défi {number:02d}", themes=["open data", "vélo"])

    add(range(2))
    few = queries_for(client, "/api/v1/challenges/")
    add(range(2, 20))
    assert len(client.get("/api/v1/challenges/").json()["items"]) == 20
    assert queries_for(client, "/api/v1/challenges/") == few


# --- The schema tells the truth ---------------------------------------------------------------------


def test_the_schema_documents_the_pages_and_every_error_as_answered(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        f"{method.upper()} {path}": operation
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    }
    assert set(operations) == OPERATIONS
    error = {"$ref": "#/components/schemas/ErrorOut"}
    for label, operation in operations.items():
        assert operation["responses"]["422"]["content"]["application/json"]["schema"] == error, label
    errors = schema["components"]["schemas"]["ErrorOut"]["properties"]["errors"]
    assert errors["type"] == "object" and errors["additionalProperties"]["items"] == {"type": "string"}
    assert "400" in operations["POST /api/v1/match/"]["responses"]
    for path in LISTS:
        operation = operations[f"GET {path}"]
        parameters = {parameter["name"]: parameter["schema"] for parameter in operation["parameters"]}
        assert (parameters["page"]["minimum"], parameters["page_size"]["maximum"]) == (1, 100), path
        page = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
        assert set(schema["components"]["schemas"][page]["required"]) == {
            "count",
            "page",
            "pages",
            "page_size",
            "items",
        }


@pytest.fixture
def wsgi_app():
    """The portal as a WSGI application inside the test's transaction: like Django's test client, it
    must not close the database connection at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    positive_data_acceptance,
    negative_data_rejection,
]


def test_every_answer_is_one_the_schema_documents(wsgi_app, directory, catalogue):
    for number in range(6):
        a_mentor(number, accepting_requests=number % 3 != 0, region=["bretagne", "occitanie"][number % 2])
    challenge = catalogue.get_children().first()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    tested = set()
    for result in schema.get_all_operations():
        operation = result.ok()
        cases = [operation.as_strategy(mode) for mode in schemathesis.GenerationMode]
        if "{slug}" in operation.path:
            # Random slugs all answer 404: ask for a challenge that exists as often.
            cases.append(operation.as_strategy(path_parameters={"slug": challenge.slug}))

        @settings(
            max_examples=40, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
        )
        @given(case=st.one_of(cases))
        def answers_as_documented(case):
            case.call_and_validate(checks=CHECKS)

        answers_as_documented()
        tested.add(operation.label)
    assert tested == OPERATIONS
