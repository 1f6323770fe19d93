"""The benchmark's own arithmetic (bench/load.py, bench/run.py): what `make bench` prints rests on it."""

from bench.load import percentile, raw_request, served_from_cache, split, status_of
from bench.run import multiple, share, verdicts, with_ratios


def test_percentile_is_the_nearest_rank_of_the_sorted_values():
    values = list(range(100, 0, -1))  # 100 … 1, unsorted on purpose
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.95) == 95
    assert percentile([7.0], 0.95) == 7.0
    assert percentile([], 0.5) == 0.0


def test_clients_are_spread_evenly_over_at_most_one_process_each():
    assert split(8, 2) == [4, 4]
    assert split(8, 3) == [3, 3, 2]
    assert split(2, 4) == [1, 1]
    assert split(8, 0) == [8]


def test_a_raw_request_asks_to_close_and_carries_its_json_body():
    request = raw_request("POST", "/api/v1/match/", '{"text": "vélo"}', host="127.0.0.1:8765")
    head, body = request.split(b"\r\n\r\n")
    assert head.split(b"\r\n") == [
        b"POST /api/v1/match/ HTTP/1.1",
        b"Host: 127.0.0.1:8765",
        b"Connection: close",
        b"Content-Type: application/json",
        f"Content-Length: {len(body)}".encode(),
    ]
    assert body.decode() == '{"text": "vélo"}'


def test_a_raw_request_encodes_accented_addresses_once():
    assert raw_request("GET", "/search/?q=données").startswith(b"GET /search/?q=donn%C3%A9es HTTP/1.1\r\n")
    assert raw_request("GET", "/search/?q=donn%C3%A9es").startswith(b"GET /search/?q=donn%C3%A9es HTTP/1.1\r\n")


def test_status_and_cache_hit_are_read_from_the_answer_head_only():
    hit = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Page-Cache: hit\r\n\r\n<p>X-Page-Cache: miss</p>"
    miss = b"HTTP/1.1 200 OK\r\nX-Page-Cache: miss\r\n\r\n<p>\r\nX-Page-Cache: hit\r\n</p>"
    assert (status_of(hit), served_from_cache(hit)) == (200, True)
    assert (status_of(miss), served_from_cache(miss)) == (200, False)
    assert status_of(b"HTTP/1.1 503 Service Unavailable\r\n\r\n") == 503
    assert status_of(b"") == 0


def figures(p50, p95, per_s=0.0):
    return {"p50_ms": p50, "p95_ms": p95, "requests_per_s": per_s, "requests": 1, "errors": 0, "page_cache_hits": 0}


def test_ratios_are_to_the_home_page_in_process_and_to_the_static_file_before_and_after_under_load():
    in_process = {"uncached": {"home": figures(20, 25), "challenge page": figures(30, 60)}, "cached": {}}
    under_load = {
        "static file, before": figures(7, 12, 1100),
        "cached pages": figures(10, 20, 600),
        "mixed, cache on": figures(16, 40, 200),
        "mixed, cache off": figures(40, 80, 50),
        "static file, after": figures(9, 12, 900),
    }
    with_ratios(in_process, under_load)
    assert in_process["uncached"]["challenge page"]["p95_x_home_p95"] == 2.4
    assert under_load["static file"] == {"requests_per_s": 1000, "p50_ms": 8}
    assert under_load["cached pages"]["share_of_static_requests_per_s"] == 0.6
    assert under_load["cached pages"]["p50_x_static_p50"] == 1.2
    assert under_load["cached pages"]["p95_x_static_p50"] == 2.5
    assert under_load["static file, after"]["share_of_static_requests_per_s"] == 0.9
    assert multiple(3, 0) is None
    assert share(3, 0) is None


def test_a_target_is_met_at_its_limit_and_not_beyond():
    uncached = {
        "home": figures(20, 25) | {"p95_x_home_p95": 1.0},
        "challenge page": figures(30, 50) | {"p95_x_home_p95": 2.0},
        "match API": figures(30, 50.1) | {"p95_x_home_p95": 2.1},
        "directory, text + 2 facets": figures(30, 60),
        "site search": figures(30, 50),
    }
    under_load = {
        "static file, before": figures(8, 12, 1000),
        "static file, after": figures(8, 12, 1000),
        "cached pages": figures(10, 20, 500),
        "mixed, cache on": figures(10, 20, 100),
        "mixed, cache off": figures(10, 20, 99.9) | {"errors": 1},
    }
    results = {
        "configurations": {
            "sqlite": {
                "label": "database (SQLite)",
                "in_process": {"uncached": uncached},
                "under_load": under_load,
                "warm_up_failures": [],
            }
        }
    }
    missed = [target for _label, target, _figure, met in verdicts(results) if not met]
    assert missed == [
        "match API, uncached, in-process p95 ≤ 50 ms",
        "match API, first view, p95 ≤ 2× the home page's",
        "mixed, cache off ≥ 100 requests/s",
        "zero errors under load",
    ]
