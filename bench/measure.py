"""Measures the portal's main views on the generated data: in-process (Django's test client, SQL
query counts) and through gunicorn under concurrent clients on 127.0.0.1. Prints JSON.

    DJANGO_SETTINGS_MODULE=portal.settings.bench python -m bench.measure --port 8765 --clients 8 --duration 30
"""

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from urllib.parse import quote

import django

WARM_UP = 3
SAMPLES = 40


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def scenarios():
    """(view name, method, path, body) lists, several addresses per view so caches do not flatter."""
    from portal.challenges.models import ChallengePage
    from portal.mentors.models import MentorIndexPage
    from portal.taxonomy.models import Theme

    rng = random.Random(7)
    challenges = list(
        ChallengePage.objects.live().filter(slug__startswith="defi-bench-").values_list("url_path", flat=True)[:200]
    )
    challenge_urls = ["/" + path.split("/", 2)[2] for path in rng.sample(challenges, 20)]
    directory = MentorIndexPage.objects.live().get().url
    themes = list(Theme.objects.filter(mentor_items__isnull=False).distinct().values_list("slug", flat=True))
    words = ["données", "covoiturage", "billettique", "vélo", "accessibilité", "logistique", "stationnement"]
    texts = [
        "Nous voulons ouvrir nos données de transport à la demande en zone rurale.",
        "Comment mutualiser la billettique entre plusieurs collectivités ?",
        "Déployer le covoiturage domicile-travail avec les entreprises du territoire.",
        "Concevoir une information voyageur accessible à tous.",
    ]
    models = ["peer-to-peer", "agility", "culture-shift"]
    return {
        "home": [("GET", "/", None)],
        "challenge page": [("GET", url, None) for url in challenge_urls],
        "directory, search + 2 facets": [
            ("GET", f"{directory}?q={rng.choice(words)}&theme={rng.choice(themes)}&model={rng.choice(models)}", None)
            for _ in range(20)
        ],
        "match API": [("POST", "/api/v1/match/", json.dumps({"text": text, "limit": 6})) for text in texts],
        "site search": [("GET", f"/search/?q={word}", None) for word in words],
    }


def in_process(views):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = {}
    for name, requests in views.items():
        timings, queries = [], []
        for number in range(WARM_UP + SAMPLES):
            method, path, body = requests[number % len(requests)]
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                if method == "GET":
                    response = client.get(path)
                else:
                    response = client.post(path, body, content_type="application/json")
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{name}: {path} answered {response.status_code}")
            if number >= WARM_UP:
                timings.append(elapsed)
                queries.append(len(captured.captured_queries))
        results[name] = {
            "p50_ms": round(percentile(timings, 0.5), 1),
            "p95_ms": round(percentile(timings, 0.95), 1),
            "sql_queries": int(statistics.median(queries)),
        }
    return results


def under_load(views, port, clients, duration):
    """`clients` threads, each with a keep-alive connection, cycle through every view for `duration` s."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.bench"}
    workers = str(max(2, (os.cpu_count() or 2) + 1))
    server = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "portal.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", workers, "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    try:
        wait_for(port)
        names = list(views)
        timings = {name: [] for name in views}
        errors = dict.fromkeys(views, 0)
        lock = threading.Lock()
        stop_at = time.monotonic() + duration

        def client_loop(seed):
            rng = random.Random(seed)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while time.monotonic() < stop_at:
                name = rng.choice(names)  # every view as often, whatever its number of addresses
                method, path, body = rng.choice(views[name])
                started = time.perf_counter()
                try:
                    headers = {"Content-Type": "application/json"} if body else {}
                    payload = body.encode() if body else None
                    connection.request(method, quote(path, safe="/?=&"), body=payload, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 200
                except Exception:  # any failure is an error to count, never a dead client
                    ok = False
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if ok:
                        timings[name].append(elapsed)
                    else:
                        errors[name] += 1

        threads = [threading.Thread(target=client_loop, args=(seed,)) for seed in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return {
            name: {
                "requests": len(timings[name]),
                "errors": errors[name],
                "p50_ms": round(percentile(timings[name], 0.5), 1),
                "p95_ms": round(percentile(timings[name], 0.95), 1),
            }
            for name in views
        } | {"_total": {"requests_per_s": round(sum(len(t) for t in timings.values()) / duration, 1),
                        "workers": int(workers), "clients": clients, "duration_s": duration}}  # fmt: skip
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def wait_for(port):
    for _ in range(120):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within a minute")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=int, default=30)
    args = parser.parse_args()
    django.setup()
    views = scenarios()
    result = {"in_process": in_process(views), "under_load": under_load(views, args.port, args.clients, args.duration)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
