"""`make bench`: generate N mentors and M challenges, then measure the main views in three configurations —
the database search backend on SQLite, the same on PostgreSQL, Elasticsearch (data in SQLite) — each in a
throw-away database. PostgreSQL and Elasticsearch are started by scripts/postgres.sh and
scripts/elasticsearch.sh (ELASTICSEARCH_URL, when set, names an Elasticsearch to use instead).

Per configuration:
- in-process (bench/measure.py), with the page cache off (every request the first view of its address)
  and on (the visitors after the first);
- through gunicorn, `--clients` concurrent clients for `--duration` s per phase (bench/load.py): a static
  file served by the same gunicorn (WhiteNoise), first and last, the floor of this machine; the pages
  anonymous visitors read, cached; mixed traffic (those pages, directory and site searches, the match API)
  with the page cache on, then off.
Under-load figures are given as ratios to the static file's, in-process ones as multiples of the home page's
in the same run, so that runs on different machines, or on a busy one, can be compared. Prints a table per
configuration and the verdict of each target, and writes bench/results.json.

    python -m bench.run [--mentors 10000] [--challenges 1000] [--clients 8] [--client-processes 2]
                        [--duration 30] [--only sqlite,postgresql,elasticsearch] [--results bench/results.json]
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from bench import load

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
RESULTS = ROOT / "bench" / "results.json"
# The first SQLite configuration's database once generated: the next one (Elasticsearch) starts from a copy.
GENERATED = WORK / "generated.sqlite3"
CONFIGURATIONS = {
    "sqlite": "database (SQLite)",
    "postgresql": "database (PostgreSQL)",
    "elasticsearch": "Elasticsearch (data in SQLite)",
}
BENCH_DATABASE = "mentorat_bench"  # never the tests' `mentorat` database of the same cluster
PAGE_CACHE_SECONDS = "300"  # production's default; longer than a run's phases, so warmed pages stay cached
WORKERS = max(2, (os.cpu_count() or 1) + 1)
# In this order: the static file first and last, so that its mean is the floor over the whole time the pages ran.
PHASES = ["static file, before", "cached pages", "mixed, cache on", "mixed, cache off", "static file, after"]
STATIC = ("static file, before", "static file, after")

# The targets of issue 18, at 10,000 mentors and 1,000 challenges on 2 cores.
IN_PROCESS_P95_MS = {"challenge page": 50, "match API": 50, "directory, text + 2 facets": 60, "site search": 50}
HOME_MULTIPLE = {"challenge page": 2, "match API": 2}  # first views, uncached, against the home page's p95
CACHED_PAGES_PER_S = 500
MIXED_PER_S = 100


# --- Figures -----------------------------------------------------------------------------------------------
def multiple(value, reference):
    """`value` as a multiple of `reference`, e.g. 1.8; None when there is no reference."""
    return round(value / reference, 1) if reference else None


def share(value, reference):
    """`value` as a share of `reference`, e.g. 0.54; None when there is no reference."""
    return round(value / reference, 2) if reference else None


def times(figure):
    return "–" if figure is None else f"{figure:.1f}×"


def percent(figure):
    return "–" if figure is None else f"{figure:.0%}"


def reference(under_load):
    """The floor: the static file's requests/s and p50, the mean of its runs before and after the pages."""
    runs = [under_load[phase] for phase in STATIC]
    return {
        "requests_per_s": round(sum(run["requests_per_s"] for run in runs) / len(runs), 1),
        "p50_ms": round(sum(run["p50_ms"] for run in runs) / len(runs), 1),
    }


def with_ratios(in_process, under_load):
    """Adds each figure's ratio to its reference: in-process uncached p95 to the home page's; under load,
    requests/s as a share of the static file's, p50 and p95 as multiples of the static file's p50."""
    home = in_process["uncached"]["home"]["p95_ms"]
    for figures in in_process["uncached"].values():
        figures["p95_x_home_p95"] = multiple(figures["p95_ms"], home)
    floor = reference(under_load)
    for phase in PHASES:
        figures = under_load[phase]
        figures["share_of_static_requests_per_s"] = share(figures["requests_per_s"], floor["requests_per_s"])
        figures["p50_x_static_p50"] = multiple(figures["p50_ms"], floor["p50_ms"])
        figures["p95_x_static_p50"] = multiple(figures["p95_ms"], floor["p50_ms"])
    under_load["static file"] = floor


# --- Services ------------------------------------------------------------------------------------------------
def start_service(script):
    """Starts a service with its script (idempotent) and returns the address the script prints."""
    completed = subprocess.run([str(ROOT / "scripts" / script), "start"], capture_output=True, text=True)
    addresses = re.findall(r"(?:postgres|https?)://\S+", completed.stdout)
    if completed.returncode or not addresses:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"bench: scripts/{script} start failed")
    return addresses[-1]


def postgresql_database(create=True):
    """A new, empty `mentorat_bench` database in the cluster of scripts/postgres.sh: (its URL, the server's
    version). With create=False, the database is only dropped."""
    import psycopg

    server = start_service("postgres.sh").rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        if create:
            connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")
        server_version = connection.execute("SHOW server_version").fetchone()[0]
    return f"{server}/{BENCH_DATABASE}", server_version


def elasticsearch():
    """ELASTICSEARCH_URL when set, otherwise the node of scripts/elasticsearch.sh: (its URL, its version)."""
    url = os.environ.get("ELASTICSEARCH_URL") or start_service("elasticsearch.sh")
    # The minimal distribution answers no GET / : the node's own description says its version.
    nodes = f"{url.rstrip('/')}/_nodes/_local?filter_path=nodes.*.version"
    with urllib.request.urlopen(nodes, timeout=10) as answer:  # noqa: S310 -- a local service's address
        return url, next(iter(json.load(answer)["nodes"].values()))["version"]


# --- Steps ---------------------------------------------------------------------------------------------------
def say(label, message):
    print(f"[{label}] {message}", flush=True)


def run_step(env, *args):
    completed = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if completed.returncode:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"bench: {' '.join(args)} failed")
    return completed.stdout


def measure(env, what):
    return json.loads(run_step(env, "-m", "bench.measure", what).strip().splitlines()[-1])


def page_cache(env, seconds, folder):
    """The environment with the page cache on (production's lifetime) or off, in a folder of its own."""
    return env | {"PAGE_CACHE_SECONDS": seconds, "PAGE_CACHE_DIR": str(folder)}


@contextmanager
def served(env, port, probe):
    """gunicorn as production runs it (portal.wsgi, sync workers) on 127.0.0.1:`port`, until the block ends."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)]
    server = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT, env=env)
    try:
        request = load.raw_request(*probe, host=f"127.0.0.1:{port}")
        for _ in range(240):
            if load.fetch(port, request, timeout=2)[0] == 200:
                break
            if server.poll() is not None:
                raise SystemExit("bench: gunicorn stopped")
            time.sleep(0.5)
        else:
            raise SystemExit("bench: gunicorn did not answer within two minutes")
        yield
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def configuration(key, args, database_url, elasticsearch_url=""):
    """Fills the configuration's database, measures it in-process and under load; returns the figures."""
    label = CONFIGURATIONS[key]
    folder = WORK / key
    folder.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
        "DATABASE_URL": database_url,
        "ELASTICSEARCH_URL": elasticsearch_url,
        "ELASTICSEARCH_INDEX_PREFIX": "bench_",
        "STATIC_ROOT": str(WORK / "static"),
        "MEMCACHED_LOCATION": "",  # every cache in the process or in files, the same for every configuration
    }
    load_average, steps = os.getloadavg(), {}
    clock = time.monotonic()

    def step_done(name):
        nonlocal clock
        steps[name] = round(time.monotonic() - clock)
        clock = time.monotonic()

    sqlite_file = Path(database_url.removeprefix("sqlite:///")) if database_url.startswith("sqlite:///") else None
    if sqlite_file and GENERATED.exists():
        say(label, "copying the data generated for database (SQLite), then indexing them…")
        shutil.copyfile(GENERATED, sqlite_file)
        run_step(env, "manage.py", "refresh_matching")
        step_done("copy and index")
        generated = f"the same data as database (SQLite), copied and indexed in {steps['copy and index']} s"
    else:
        say(label, "migrating and loading the demo…")
        run_step(env, "manage.py", "migrate", "--no-input", "-v0")
        run_step(env, "manage.py", "load_demo")
        step_done("migrate and demo")
        say(label, f"generating {args.mentors} mentors and {args.challenges} challenges…")
        sizes = ["--mentors", str(args.mentors), "--challenges", str(args.challenges)]
        generated = run_step(env, "-m", "bench.generate", *sizes).strip()
        step_done("generate and index")
        if sqlite_file:
            shutil.copyfile(sqlite_file, GENERATED)
    say(label, generated)
    say(label, "measuring in-process, page cache off, then on…")
    in_process = {
        "uncached": measure(page_cache(env, "0", folder / "pages-off"), "in-process"),
        "cached": measure(page_cache(env, PAGE_CACHE_SECONDS, folder / "pages-in-process"), "in-process"),
    }
    addresses = measure(env, "addresses")
    step_done("in-process")
    static = addresses["static file"]["static file"][0]
    say(label, f"under load: {args.clients} clients, {args.duration} s per phase: {'; '.join(PHASES)}…")
    under_load = {}
    phase = {"port": args.port, "clients": args.clients, "processes": args.client_processes, "duration": args.duration}
    with served(page_cache(env, PAGE_CACHE_SECONDS, folder / "pages-server"), args.port, static):
        # Every address once: the pages are in the cache before the clients come.
        failed = load.warm(args.port, addresses["static file"] | addresses["mixed"])
        under_load["static file, before"] = load.run(views=addresses["static file"], **phase)
        under_load["cached pages"] = load.run(views=addresses["cached pages"], **phase)
        under_load["mixed, cache on"] = load.run(views=addresses["mixed"], **phase)
    phase["port"] = args.port + 1
    with served(page_cache(env, "0", folder / "pages-off"), args.port + 1, static):
        # One address per view, so that no phase pays for loading templates and code.
        failed += load.warm(args.port + 1, {view: requests[:1] for view, requests in addresses["mixed"].items()})
        under_load["mixed, cache off"] = load.run(views=addresses["mixed"], **phase)
        under_load["static file, after"] = load.run(views=addresses["static file"], **phase)
    step_done("under load")
    with_ratios(in_process, under_load)
    say(label, f"done in {sum(steps.values())} s")
    return {
        "label": label,
        "load_average_before": [round(figure, 2) for figure in load_average],
        "generated": generated,
        "steps_s": steps,
        "in_process": in_process,
        "under_load": under_load,
        "warm_up_failures": failed,
    }


# --- Report ----------------------------------------------------------------------------------------------------
def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    models = [line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")]
    return {
        "cores": os.cpu_count(),
        "cpu": models[0] if models else platform.processor(),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "django": version("django"),
        "wagtail": version("wagtail"),
        "gunicorn": version("gunicorn"),
    }


def machine_line(results):
    found = results["machine"]
    services = [f"{name} {found[name]}" for name in ("postgresql", "elasticsearch") if name in found]
    return (
        f"{found['cpu']}, {found['cores']} cores, {found['system']}; Python {found['python']}, SQLite {found['sqlite']}"
        + "".join(f", {service}" for service in services)
        + f"; Django {found['django']}, Wagtail {found['wagtail']}, gunicorn {found['gunicorn']}"
    )


def ms(figures):
    return f"{figures['p50_ms']} / {figures['p95_ms']}" if figures.get("requests", 1) else "–"


def hit_share(figures):
    return percent(share(figures["page_cache_hits"], figures["requests"]))


def tables(result, results):
    """The configuration's figures as Markdown tables: in-process, under load, and the mixed traffic per view."""
    uncached, cached = result["in_process"]["uncached"], result["in_process"]["cached"]
    lines = [
        f"## {result['label']}",
        "",
        f"In-process, anonymous, {uncached['home']['samples']} requests per view. Uncached: the page cache off, every"
        " request the first view of its address. Cached: the page cache on, each address asked once before.",
        "",
        "| view | uncached p50 / p95 (ms) | p95 × home's | SQL | cached p50 / p95 (ms) | SQL | cache hits |",
        "|---|---|---|---|---|---|---|",
    ]
    for view, figures in uncached.items():
        after = cached.get(view)
        if after is None:
            cached_cells = "n/a: a POST, never cached | – | –"
        else:
            cached_cells = f"{ms(after)} | {after['sql_queries']} | {after['page_cache_hits']}/{after['samples']}"
        ratio = times(figures["p95_x_home_p95"])
        lines.append(f"| {view} | {ms(figures)} | {ratio} | {figures['sql_queries']} | {cached_cells} |")
    lines += [
        "",
        f"Through gunicorn ({results['workers']} sync workers), {results['clients']} clients in"
        f" {results['client_processes']} processes, {results['duration_s']} s per line. Ratios to the static file's"
        " figures (the mean of its two lines, first and last): requests/s as a share of its requests/s, p50 and p95"
        " as multiples of its p50.",
        "",
        "| traffic | requests/s | share of static's | p50 / p95 (ms) | × static p50 | errors | cache hits |"
        " client CPU (cores) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for phase in PHASES:
        figures = result["under_load"][phase]
        lines.append(
            f"| {phase} | {figures['requests_per_s']} | {percent(figures['share_of_static_requests_per_s'])} | "
            f"{ms(figures)} | {times(figures['p50_x_static_p50'])} / {times(figures['p95_x_static_p50'])} | "
            f"{figures['errors']} | {hit_share(figures) if phase not in STATIC else '–'} | "
            f"{figures['client_cpu_cores']} |"
        )
    on, off = (result["under_load"][phase]["views"] for phase in ("mixed, cache on", "mixed, cache off"))
    lines += [
        "",
        "| mixed traffic, per view | cache on: p50 / p95 (ms) | requests | cache hits | cache off: p50 / p95 (ms) "
        "| requests |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {view} | {ms(on[view])} | {on[view]['requests']} | {hit_share(on[view])} | {ms(off[view])} "
        f"| {off[view]['requests']} |"
        for view in on
    ]
    return "\n".join(lines)


def verdicts(results):
    """(configuration, target, figure, met) for every target of every configuration measured."""
    found = []
    for result in results["configurations"].values():
        label, uncached, loaded = result["label"], result["in_process"]["uncached"], result["under_load"]
        for view, budget in IN_PROCESS_P95_MS.items():
            p95 = uncached[view]["p95_ms"]
            found.append((label, f"{view}, uncached, in-process p95 ≤ {budget} ms", f"{p95} ms", p95 <= budget))
        for view, most in HOME_MULTIPLE.items():
            ratio = uncached[view]["p95_x_home_p95"]
            found.append((label, f"{view}, first view, p95 ≤ {most}× the home page's", times(ratio), ratio <= most))
        for phase, least in (
            ("cached pages", CACHED_PAGES_PER_S),
            ("mixed, cache on", MIXED_PER_S),
            ("mixed, cache off", MIXED_PER_S),
        ):
            per_s = loaded[phase]["requests_per_s"]
            found.append((label, f"{phase} ≥ {least} requests/s", f"{per_s}/s", per_s >= least))
        errors = sum(loaded[phase]["errors"] for phase in PHASES) + len(result["warm_up_failures"])
        found.append((label, "zero errors under load", str(errors), errors == 0))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentors", type=int, default=10_000)
    parser.add_argument("--challenges", type=int, default=1_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--duration", type=int, default=30, help="seconds per phase under load")
    parser.add_argument("--port", type=int, default=8765, help="gunicorn's port (and the next one)")
    parser.add_argument("--only", default=",".join(CONFIGURATIONS), help="configurations, comma-separated")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    chosen = [key for key in CONFIGURATIONS if key in args.only.split(",")]
    if not chosen:
        parser.error(f"--only names none of {', '.join(CONFIGURATIONS)}")

    started = time.monotonic()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir()
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "mentors": args.mentors,
        "challenges": args.challenges,
        "workers": WORKERS,
        "clients": args.clients,
        "client_processes": len(load.split(args.clients, args.client_processes)),
        "duration_s": args.duration,
        "configurations": {},
    }
    # The services first: a run that cannot have them stops now rather than after the first configuration.
    services = {"sqlite": (f"sqlite:///{WORK}/sqlite.sqlite3", "")}
    if "postgresql" in chosen:
        print("starting PostgreSQL (scripts/postgres.sh)…", flush=True)
        database_url, results["machine"]["postgresql"] = postgresql_database()
        services["postgresql"] = (database_url, "")
    if "elasticsearch" in chosen:
        print("starting Elasticsearch (scripts/elasticsearch.sh) unless ELASTICSEARCH_URL names one…", flush=True)
        url, results["machine"]["elasticsearch"] = elasticsearch()
        services["elasticsearch"] = (f"sqlite:///{WORK}/elasticsearch.sqlite3", url)
    print("collecting static files…", flush=True)
    static_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.bench", "STATIC_ROOT": str(WORK / "static")}
    run_step(static_env, "manage.py", "collectstatic", "--no-input", "-v0")
    for key in chosen:
        results["configurations"][key] = configuration(key, args, *services[key])
    if "postgresql" in chosen:
        postgresql_database(create=False)
    results["verdicts"] = [
        {"configuration": label, "target": target, "figure": figure, "met": met}
        for label, target, figure, met in verdicts(results)
    ]
    results["run_s"] = round(time.monotonic() - started)
    args.results.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(f"\n{results['mentors']} mentors, {results['challenges']} challenges — {machine_line(results)}\n")
    for result in results["configurations"].values():
        print(tables(result, results) + "\n")
    print("## Targets\n")
    for verdict in results["verdicts"]:
        status = "met" if verdict["met"] else "NOT met"
        print(f"{verdict['configuration']}: {verdict['target']}: {verdict['figure']} — {status}")
    minutes, seconds = divmod(results["run_s"], 60)
    print(f"\nWritten to {args.results} in {minutes} min {seconds} s.")
    if {"postgresql", "elasticsearch"} & set(chosen):
        print("PostgreSQL and Elasticsearch keep running for the next run; `make services-stop` stops them.")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
