"""Against the real PostgreSQL and Elasticsearch started by `make test-services` (scripts/): indexing,
French variants, atomic rebuilds, and what the portal does when either service fails."""

import logging
import socket
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import connection
from django.test import override_settings

from wagtail.contrib.forms.models import FormSubmission

import psycopg
import pytest

from portal.mentors.matching import mentors_for_challenge
from portal.mentors.models import MentorProfile
from portal.mentorships.models import MentorRequest
from search import engine
from search.elasticsearch import PortalElasticsearchBackend
from search.ranked import ranked_ids
from tests.factories import ChallengePageFactory, IdeaFormPageFactory, MentorProfileFactory
from tests.requests_helpers import honeypot_fields, request_data, request_url

pytestmark = [pytest.mark.services, pytest.mark.django_db]


def search_ids(model_queryset, words):
    return ranked_ids(model_queryset, [words], operator="and", variants=True)


def es_document_ids(model):
    engine.refresh_elasticsearch()
    backend = engine.state.backend("default")
    index = backend.get_index_for_model(model).name
    hits = backend.es.search(index=index, size=1000, source=False)["hits"]["hits"]
    return {hit["_id"] for hit in hits}


def test_the_suite_runs_on_postgresql_and_elasticsearch():
    assert connection.vendor == "postgresql"
    assert isinstance(engine.state.backend("default"), PortalElasticsearchBackend)
    assert settings.WAGTAILSEARCH_BACKENDS["fallback"]["SEARCH_CONFIG"] == "french"


# --- Indexing follows the content -----------------------------------------------------------------
def test_indexing_follows_publish_unpublish_and_delete(challenge_index):
    page = ChallengePageFactory(parent=challenge_index, title="Mutualiser la billettique régionale")
    live = page.__class__.objects.live()
    assert search_ids(live, "billettique") == [page.pk]
    page.unpublish()
    assert search_ids(live, "billettique") == []
    page.save_revision().publish()
    assert search_ids(live, "billettique") == [page.pk]
    document_id = next(doc for doc in es_document_ids(page.__class__) if doc.endswith(str(page.pk)))
    page.delete()
    assert document_id not in es_document_ids(page.__class__)


def test_indexing_follows_profile_changes(directory):
    mentor = MentorProfileFactory(headline="Directrice de la donnée", bio="J'ai ouvert les horaires.")
    public = MentorProfile.objects.public()
    assert search_ids(public, "horaires") == [mentor.pk]
    mentor.bio = "J'ai conduit la transition vers le vélo partagé."
    mentor.save()
    assert search_ids(public, "horaires") == []
    assert search_ids(public, "vélo") == [mentor.pk]
    mentor.themes.set([])
    mentor.status = "archived"
    mentor.save()
    assert search_ids(public, "vélo") == []


def test_french_accents_and_plurals_match_on_elasticsearch(client, challenge_index, directory):
    page = ChallengePageFactory(parent=challenge_index, title="Publier des données ouvertes de mobilité")
    mentor = MentorProfileFactory(bio="Vingt ans auprès des collectivités territoriales.", themes=["open data"])
    live = page.__class__.objects.live()
    for words in ["donnée ouverte", "DONNEES OUVERTES", "donnees", "mobilités"]:
        assert search_ids(live, words) == [page.pk], words
    assert search_ids(MentorProfile.objects.public(), "collectivite") == [mentor.pk]
    html = client.get("/search/", {"q": "donnee ouverte"}).content.decode()
    assert "Publier des données ouvertes de mobilité" in html


def test_matching_on_elasticsearch_ranks_the_mentor_who_knows_the_challenge(challenge_index, directory):
    challenge = ChallengePageFactory(
        parent=challenge_index, title="Ouvrir les données de transport à la demande", themes=["open data"]
    )
    expert = MentorProfileFactory(headline="Ouverture des données de transport", themes=["open data"])
    MentorProfileFactory(
        headline="Culture client en gare", bio="Accueil des voyageurs en gare.", themes=["culture client"]
    )
    assert [match.mentor for match in mentors_for_challenge(challenge)] == [expert]


def test_update_index_rebuilds_atomically_while_searches_keep_answering(challenge_index):
    from django.core.management import call_command

    ChallengePageFactory(parent=challenge_index, title="Mutualiser la billettique régionale")
    engine.refresh_elasticsearch()
    backend = engine.state.backend("default")
    alias = backend.get_index_for_model(ChallengePageFactory._meta.model).name
    failures, answers, done = [], [], threading.Event()

    def search_until_done():
        while not done.is_set():
            try:
                hits = backend.es.search(index=alias, query={"match": {"title": "billettique"}}, size=1)
                answers.append(hits["hits"]["total"]["value"])
            except Exception as error:
                failures.append(error)

    searcher = threading.Thread(target=search_until_done)
    searcher.start()
    try:
        call_command("update_index", backend_name="default", verbosity=0)
    finally:
        done.set()
        searcher.join()
    assert not failures
    assert answers and min(answers) >= 1
    assert backend.es.indices.exists_alias(name=alias)


# --- Elasticsearch fails --------------------------------------------------------------------------
@contextmanager
def elasticsearch_at(url, timeout=1):
    backends = {**settings.WAGTAILSEARCH_BACKENDS}
    backends["default"] = {**backends["default"], "URLS": [url], "TIMEOUT": timeout}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield


@contextmanager
def silent_server():
    """A port that accepts connections and never answers: Elasticsearch hanging."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        server.close()


def stopped_server_url():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there any more
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def content(challenge_index, directory, home):
    challenge = ChallengePageFactory(
        parent=challenge_index, title="Ouvrir les données de transport", themes=["open data"]
    )
    mentor = MentorProfileFactory(headline="Ouverture des données de transport", themes=["open data"])
    return challenge, mentor, IdeaFormPageFactory(parent=home)


@pytest.mark.parametrize("outage", ["stopped", "timing out"])
def test_the_portal_stays_useful_when_elasticsearch_fails(client, content, directory, caplog, outage):
    challenge, mentor, ideas = content
    context = elasticsearch_at(stopped_server_url()) if outage == "stopped" else None
    with silent_server() as hanging_url, context or elasticsearch_at(hanging_url):
        caplog.set_level(logging.ERROR, logger="search.engine")
        pages = [
            "/",
            challenge.url,
            directory.url,
            f"{directory.url}?q=transport&theme=open-data",
            "/search/?q=donnees+transport",
            f"/api/v1/challenges/{challenge.slug}/mentors/",
        ]
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
        # Matching and searches fell back to the database backend: the results are still there.
        assert mentor.full_name in client.get(challenge.url).content.decode()
        assert challenge.title in client.get("/search/", {"q": "donnees transport"}).content.decode()
        # Forms still save.
        assert client.post(request_url(directory, mentor), request_data()).status_code == 302
        assert MentorRequest.objects.count() == 1
        client.post(ideas.url, {"votre_idee": "Une idée", "consent": "on", **honeypot_fields()})
        assert FormSubmission.objects.count() == 1
        # One error logged for the whole outage, not one per request.
        outage_logs = [record for record in caplog.records if record.name == "search.engine"]
        assert len(outage_logs) == 1 and outage_logs[0].levelname == "ERROR"


def test_the_index_catches_up_once_elasticsearch_is_back(challenge_index):
    from django.core.management import call_command

    with elasticsearch_at(stopped_server_url()):
        page = ChallengePageFactory(parent=challenge_index, title="Mutualiser la billettique régionale")
        # Saved and found through the fallback while Elasticsearch is away.
        assert search_ids(page.__class__.objects.live(), "billettique") == [page.pk]
    backend = engine.state.backend("default")
    query = {"match": {"title": "billettique"}}
    alias = backend.get_index_for_model(page.__class__).name
    engine.refresh_elasticsearch()
    assert backend.es.search(index=alias, query=query)["hits"]["total"]["value"] == 0
    call_command("update_index", backend_name="default", verbosity=0)
    engine.refresh_elasticsearch()
    assert backend.es.search(index=alias, query=query)["hits"]["total"]["value"] == 1
    assert search_ids(page.__class__.objects.live(), "billettique") == [page.pk]
    assert not engine.is_degraded()


# --- PostgreSQL fails -----------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lost_database_connection_during_a_submit_shows_a_clear_page_and_stores_nothing(
    client, directory, monkeypatch
):
    from portal.mentorships import notifications

    mentor = MentorProfileFactory(contact_email="claire@example.org")
    backend_pid = connection.cursor().connection.info.backend_pid

    def lose_the_connection(mentor_request):
        # Halfway through the submit: the request row is written, its history and emails are not yet.
        with psycopg.connect(settings.DATABASE_URL.replace("postgres://", "postgresql://"), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [backend_pid])

    monkeypatch.setattr(notifications, "request_sent", lose_the_connection)
    client.raise_request_exception = False
    response = client.post(request_url(directory, mentor), request_data())
    assert response.status_code == 503
    assert "n’a pas été enregistré" in response.content.decode()
    connection.close()  # the next query opens a fresh connection
    assert not MentorRequest.objects.exists()
