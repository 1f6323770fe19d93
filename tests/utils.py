from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """SQL queries of one GET rendered afresh (not served by the page cache), once per-process caches (site root
    paths, content types) are warm."""
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def spy_on_row_locks(monkeypatch, manager, pk):
    """A list that gets `pk` each time `manager.select_for_update()` is called (a rule re-read its row locked)."""
    locks = []
    real = manager.select_for_update

    def select_for_update(*args, **kwargs):
        locks.append(pk)
        return real(*args, **kwargs)

    monkeypatch.setattr(manager, "select_for_update", select_for_update)
    return locks
