from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """SQL queries of one GET, once per-process caches (site root paths, content types) are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)
