"""The benchmark's load client: concurrent clients against a server on 127.0.0.1, without Django.

The clients are threads spread over processes (two by default), so that Python's global interpreter lock
cannot make the client the bottleneck. Each request is one small HTTP/1.1 request on a new connection
(gunicorn's sync workers close the connection after each answer anyway), read to the end with plain
sockets: a fraction of http.client's cost, which matters when the client shares the machine's cores with
the server it measures. On 2 cores it used 0.15 to 0.25 of a core at 700 to 1,100 requests/s of a static
file, the same with one process or eight: the server is what the figures measure, and each run prints the
client's CPU beside them.
"""

import math
import multiprocessing
import os
import random
import socket
import threading
import time
from urllib.parse import quote


def percentile(values, share):
    """The nearest-rank percentile: the smallest of `values` that `share` of them (0.95 for p95) do not exceed;
    0.0 when there are none."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


def summary(timings):
    """p50 and p95 of a list of milliseconds, rounded for reading."""
    return {"p50_ms": round(percentile(timings, 0.5), 1), "p95_ms": round(percentile(timings, 0.95), 1)}


def raw_request(method, path, body=None, host="127.0.0.1:80"):
    """The bytes of one request that asks the server to close the connection after answering."""
    payload = body.encode() if body else b""
    lines = [f"{method} {quote(path, safe='/?=&%+')} HTTP/1.1", f"Host: {host}", "Connection: close"]
    if payload:
        lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + payload


def status_of(answer):
    """The status code of a raw HTTP answer, 0 when it is not one."""
    first_line = answer.split(b"\r\n", 1)[0].split()
    return int(first_line[1]) if len(first_line) >= 2 and first_line[0].startswith(b"HTTP/") else 0


def served_from_cache(answer):
    """Whether the portal's page cache served this answer (its X-Page-Cache header says "hit")."""
    return b"\r\nx-page-cache: hit\r\n" in answer.split(b"\r\n\r\n", 1)[0].lower() + b"\r\n"


def fetch(port, request, timeout=30):
    """Sends one raw request and reads the answer to the end: (status, served by the page cache); the status
    is 0 when the connection failed."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
            connection.sendall(request)
            chunks = []
            while chunk := connection.recv(65536):
                chunks.append(chunk)
    except OSError:
        return 0, False
    answer = b"".join(chunks)
    return status_of(answer), served_from_cache(answer)


def prepared(port, views):
    """{view: [raw request, …]} from {view: [(method, path, body), …]}."""
    host = f"127.0.0.1:{port}"
    return {name: [raw_request(*request, host=host) for request in requests] for name, requests in views.items()}


def warm(port, views):
    """Requests every address once, in order; returns the addresses that did not answer 200."""
    failed = []
    for name, requests in prepared(port, views).items():
        for request, (_method, path, _body) in zip(requests, views[name], strict=True):
            if fetch(port, request)[0] != 200:
                failed.append(f"{name}: {path}")
    return failed


def _client_process(port, views, threads, seed, start_at, stop_at):
    """One process of the client: `threads` clients that each pick a view (every view as often, whatever its
    number of addresses), then one of its addresses, until `stop_at`."""
    requests = prepared(port, views)
    names = list(requests)
    timings = {name: [] for name in names}
    errors = dict.fromkeys(names, 0)
    hits = dict.fromkeys(names, 0)
    lock = threading.Lock()

    def client(client_seed):
        rng = random.Random(client_seed)
        while time.time() < stop_at:
            name = rng.choice(names)
            started = time.perf_counter()
            status, hit = fetch(port, rng.choice(requests[name]))
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if status == 200:
                    timings[name].append(elapsed)
                    hits[name] += hit
                else:
                    errors[name] += 1

    workers = [threading.Thread(target=client, args=(seed * 1000 + number,)) for number in range(threads)]
    time.sleep(max(0.0, start_at - time.time()))
    cpu_before = os.times()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    cpu_after = os.times()
    cpu = (cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system)
    return timings, errors, hits, cpu


def split(clients, processes):
    """How many client threads each process runs: `clients` spread as evenly as possible."""
    processes = max(1, min(processes, clients))
    return [clients // processes + (number < clients % processes) for number in range(processes)]


def run(port, views, clients, processes, duration):
    """`clients` concurrent clients in `processes` processes for `duration` seconds. Returns the totals
    (requests/s, p50/p95, errors, the client's own CPU use) and the same per view."""
    shares = split(clients, processes)
    start_at = time.time() + 0.5  # every process starts its clients at once, after they have all been made
    stop_at = start_at + duration
    context = multiprocessing.get_context("spawn")
    with context.Pool(len(shares)) as pool:
        outcomes = pool.starmap(
            _client_process,
            [(port, views, threads, seed, start_at, stop_at) for seed, threads in enumerate(shares)],
        )
    timings = {name: [t for outcome in outcomes for t in outcome[0][name]] for name in views}
    errors = {name: sum(outcome[1][name] for outcome in outcomes) for name in views}
    hits = {name: sum(outcome[2][name] for outcome in outcomes) for name in views}
    every = [t for name in views for t in timings[name]]
    return {
        "requests_per_s": round(len(every) / duration, 1),
        "requests": len(every),
        "errors": sum(errors.values()),
        **summary(every),
        "page_cache_hits": sum(hits.values()),
        "client_cpu_cores": round(sum(outcome[3] for outcome in outcomes) / duration, 2),
        "views": {
            name: {"requests": len(timings[name]), "errors": errors[name], "page_cache_hits": hits[name]}
            | summary(timings[name])
            for name in views
        },
    }
