"""GET /api/v1/mentors/: public fields only, the directory's filters, clear errors."""

import pytest

from tests.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = {
    "slug", "name", "url", "headline", "organisation", "actor_type", "themes", "models", "languages", "region",
    "accepting",
}  # fmt: skip


def test_api_lists_published_mentors_with_public_fields_only(client, directory):
    MentorProfileFactory(
        full_name="Claire Morvan", contact_email="claire.private@example.org", themes=["open data"], models=["agility"]
    )
    MentorProfileFactory(full_name="Brouillon", status="draft")
    response = client.get("/api/v1/mentors/")
    assert response.status_code == 200
    [mentor] = response.json()["items"]
    assert set(mentor) == PUBLIC_FIELDS
    assert mentor["name"] == "Claire Morvan"
    assert mentor["url"] == f"{directory.url}claire-morvan/"
    assert (mentor["themes"], mentor["models"], mentor["actor_type"]) == (["open-data"], ["agility"], "collectivite")
    assert "claire.private" not in response.content.decode()


def test_api_applies_the_directory_filters(client, directory):
    MentorProfileFactory(full_name="Libre", themes=["open source"], region="occitanie")
    MentorProfileFactory(full_name="Pause", themes=["open source"], accepting_requests=False)
    names = lambda query: [m["name"] for m in client.get("/api/v1/mentors/" + query).json()["items"]]  # noqa: E731
    assert names("?theme=open-source") == ["Libre"]
    assert names("?theme=open-source&accepting=false") == ["Libre", "Pause"]
    assert names("?region=occitanie&q=données") == ["Libre"]
    assert names("?region=bretagne&accepting=true") == []


@pytest.mark.parametrize("query", ["?region=mars", "?model=coaching", "?accepting=peut-etre", "?q=" + "x" * 201])
def test_api_refuses_bad_parameters_with_a_422_and_a_french_message(client, directory, query):
    response = client.get("/api/v1/mentors/" + query)
    assert response.status_code == 422
    assert response.json()["detail"] == "Paramètres invalides."


def test_openapi_docs_are_served_without_any_cdn(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/mentors/" in schema["paths"]
