"""Which search backend answers a search, and what happens when Elasticsearch does not.

With ELASTICSEARCH_URL set, pages and profiles are indexed twice: in Elasticsearch ("default") and in
the database ("fallback"), both kept current by Wagtail on every save. A search that fails on
Elasticsearch (stopped, timing out, index missing) is answered by the database backend instead. The
failure is logged once, not per request, and Elasticsearch is left alone for RETRY_AFTER seconds
before it is tried again, so that an outage does not cost every visitor a timeout.

Saving never depends on Elasticsearch: Wagtail logs its indexing errors and goes on. Once the engine is
back, `python manage.py update_index` brings its index up to date (or each object on its next save).
"""

import logging
import threading
import time

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

RETRY_AFTER = 30  # seconds


class EngineState:
    """Per process: backends built once (each holds its connection pool), and the outage, if any."""

    def __init__(self):
        self.lock = threading.Lock()
        self.backends = {}
        self.down_until = 0.0
        self.reported = False

    def backend(self, name):
        with self.lock:
            if name not in self.backends:
                self.backends[name] = get_search_backend(name)
            return self.backends[name]


state = EngineState()


@receiver(setting_changed)
def forget_backends(setting, **kwargs):
    global state
    if setting == "WAGTAILSEARCH_BACKENDS":
        state = EngineState()


def has_fallback():
    return "fallback" in settings.WAGTAILSEARCH_BACKENDS


def engine_errors():
    """What the Elasticsearch client raises when the engine cannot answer."""
    from elastic_transport import TransportError
    from elasticsearch import ApiError

    return (TransportError, ApiError)


def run(search):
    """`search(backend)` on the default backend, or on the database fallback while it is failing."""
    if not has_fallback():
        return search(state.backend("default"))
    now = time.monotonic()
    if now >= state.down_until:
        try:
            result = search(state.backend("default"))
        except engine_errors() as error:
            state.down_until = now + RETRY_AFTER
            if not state.reported:
                state.reported = True
                logger.error("Elasticsearch cannot answer; searches use the database backend meanwhile: %s", error)
        else:
            if state.reported:
                state.reported = False
                logger.warning("Elasticsearch answers again; run `manage.py update_index` if saves were missed.")
            state.down_until = 0.0
            return result
    return search(state.backend("fallback"))


def is_degraded():
    """True while searches are answered by the fallback."""
    return has_fallback() and state.reported


def elasticsearch_indexes(backend):
    from wagtail.search.index import get_indexed_models

    return sorted({backend.get_index_for_model(model).name for model in get_indexed_models()})


def rebuild_elasticsearch():
    """Drop every index under the prefix and rebuild them from the database (tests, evaluation, benchmark)."""
    from django.core.management import call_command

    backend = state.backend("default")
    backend.es.indices.delete(index=f"{backend.index_prefix}*", ignore_unavailable=True)
    call_command("update_index", backend_name="default", verbosity=0)
    refresh_elasticsearch()


def refresh_elasticsearch():
    """Make every write so far visible to searches now, rather than within a second."""
    backend = state.backend("default")
    backend.es.indices.refresh(index=",".join(elasticsearch_indexes(backend)))
