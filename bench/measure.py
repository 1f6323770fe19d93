"""The Django side of `make bench`, run by bench/run.py in the configuration it prepared (database, search
backend, page cache on or off through PAGE_CACHE_SECONDS). Prints JSON.

    python -m bench.measure in-process   each view in-process: p50/p95, SQL queries, page cache hits
    python -m bench.measure addresses    the addresses bench/load.py requests under load

In-process, every request is an anonymous visitor's (no cookie kept from one request to the next), in a
process set up as a gunicorn worker is (portal.wsgi). With the page cache off, every sample asks for an
address no earlier request asked for (another challenge, another directory query, another text, another
word), so the figure is the first view's, whatever the portal keeps in its own caches; with it on, ten
addresses of each view are asked once first, and the samples are the visitors who come after.
"""

import argparse
import json
import os
import random
import statistics
import time

from bench.generate import WORDS, sentence
from bench.load import summary

WARM_UP = 3
SAMPLES = 40
CACHED_ADDRESSES = 10
# The match API answers a POST, which no cache keeps: it has no cached figure.
NEVER_CACHED = {"match API"}
STOP_WORDS = {"dans", "avec", "entre", "comme", "des", "une", "les", "aux", "école", "échelle", "grand", "plusieurs"}


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")
    import portal.wsgi  # noqa: F401 -- Django set up as the server's workers are (portal/wsgi.py)


def distinct(rng, items, count):
    """`count` different items in a random order; when there are fewer, all of them, again and again."""
    chosen = rng.sample(items, min(count, len(items)))
    return [chosen[number % len(chosen)] for number in range(count)]


def search_words():
    """Single words of the generated text, each a different site search."""
    text = " ".join(" ".join(WORDS[part]) for part in ("sujets", "actions", "contextes", "villes"))
    words = {word.strip(",.'").lower() for word in text.replace("'", " ").split()}
    return sorted(word for word in words if len(word) >= 4 and word not in STOP_WORDS)


def need_texts(rng, count):
    texts = []
    while len(texts) < count:
        text = f"{sentence(rng)} {sentence(rng)}"
        if text not in texts:
            texts.append(text)
    return texts


def pages():
    """The generated challenges' and mentors' addresses, the directory's and the challenges' listing pages."""
    from portal.challenges.models import ChallengeIndexPage, ChallengePage
    from portal.mentors.models import MentorIndexPage, MentorProfile

    directory = MentorIndexPage.objects.live().get()
    challenges = [
        page.url for page in ChallengePage.objects.live().filter(slug__startswith="defi-bench-").order_by("pk")
    ]
    generated = MentorProfile.objects.public().filter(contact_email__startswith="bench").order_by("pk")
    mentors = list(generated.values_list("slug", flat=True))
    profiles = [f"{directory.url}{directory.reverse_subpage('profile', args=[slug])}" for slug in mentors]
    return {
        "directory": directory.url,
        "challenges": ChallengeIndexPage.objects.live().get().url,
        "challenge pages": challenges,
        "profiles": profiles,
    }


def directory_queries(rng, directory, count):
    """`count` different combinations of a word and two facets (a theme of the generated mentors, a mentoring model)."""
    from portal.taxonomy.models import MentoringModel, Theme

    themes = list(Theme.objects.filter(name__in=WORDS["sujets"]).values_list("slug", flat=True))
    models = list(MentoringModel.objects.values_list("code", flat=True))
    words = search_words()
    combinations = [(word, theme, model) for word in words for theme in themes for model in models]
    return [f"{directory}?q={q}&theme={theme}&model={model}" for q, theme, model in distinct(rng, combinations, count)]


def get(path):
    return ("GET", path, None)


def match(text):
    return ("POST", "/api/v1/match/", json.dumps({"text": text, "limit": 6}))


def in_process_views():
    """{view: [request, …]}: WARM_UP + SAMPLES requests per view, different addresses wherever the view has them."""
    rng = random.Random(7)
    found = pages()
    count = WARM_UP + SAMPLES
    return {
        "home": [get("/")] * count,
        "challenge page": [get(url) for url in distinct(rng, found["challenge pages"], count)],
        "directory, text + 2 facets": [get(url) for url in directory_queries(rng, found["directory"], count)],
        "match API": [match(text) for text in need_texts(rng, count)],
        "site search": [get(f"/search/?q={word}") for word in distinct(rng, search_words(), count)],
    }


def in_process(views, cached):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = {}
    for name, requests in views.items():
        if cached and name in NEVER_CACHED:
            results[name] = None
            continue
        if cached:  # a few of the addresses, each asked once first: the samples are the visitors after
            kept = list(dict.fromkeys(requests))[:CACHED_ADDRESSES]
            for request in kept:
                answer(client, request)
            requests = [kept[number % len(kept)] for number in range(len(requests))]
        timings, queries, hits = [], [], 0
        for number, request in enumerate(requests):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = answer(client, request)
            elapsed = (time.perf_counter() - started) * 1000
            if number >= WARM_UP:
                timings.append(elapsed)
                queries.append(len(captured.captured_queries))
                hits += response.get("X-Page-Cache") == "hit"
        results[name] = {
            **summary(timings),
            "sql_queries": int(statistics.median(queries)),
            "samples": len(timings),
            "distinct_addresses": len(set(requests[WARM_UP:])),
            "page_cache_hits": hits,
        }
    return results


def answer(client, request):
    method, path, body = request
    client.cookies.clear()  # an anonymous visitor's first request: no session, no CSRF cookie
    response = client.get(path) if method == "GET" else client.post(path, body, content_type="application/json")
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return response


def addresses():
    """What bench/load.py requests: the static file, the pages anonymous visitors read (the page cache keeps
    them), and the mixed traffic: those pages, directory searches, site searches and the match API."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    rng = random.Random(11)
    found = pages()
    cached_pages = {
        "home": [get("/")],
        "challenges": [get(found["challenges"])],
        "challenge page": [get(url) for url in distinct(rng, found["challenge pages"], 40)],
        "directory": [get(found["directory"])],
        "mentor profile": [get(url) for url in distinct(rng, found["profiles"], 40)],
    }
    return {
        "static file": {"static file": [get(staticfiles_storage.url("css/charts.css"))]},
        "cached pages": cached_pages,
        "mixed": cached_pages
        | {
            "directory, text + 2 facets": [get(url) for url in directory_queries(rng, found["directory"], 20)],
            "site search": [get(f"/search/?q={word}") for word in distinct(rng, search_words(), 10)],
            "match API": [match(text) for text in need_texts(rng, 10)],
        },
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["in-process", "addresses"])
    args = parser.parse_args()
    setup()
    if args.what == "addresses":
        print(json.dumps(addresses()))
    else:
        from django.conf import settings

        print(json.dumps(in_process(in_process_views(), cached=bool(settings.PAGE_CACHE_SECONDS))))


if __name__ == "__main__":
    main()
