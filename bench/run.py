"""`make bench`: generate N mentors and M challenges in a throw-away database, then measure the main
views in-process and through gunicorn under concurrent clients, on each search backend present
(the database backend always; Elasticsearch when ELASTICSEARCH_URL is set). Prints a table and writes
bench/results.json.

    python -m bench.run [--mentors 10000] [--challenges 1000] [--clients 8] [--duration 30]
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
RESULTS = ROOT / "bench" / "results.json"
VIEWS = ["home", "challenge page", "directory, search + 2 facets", "match API", "site search"]
# p95 budgets in ms at 10,000 mentors on a 2-core machine: (database backend, Elasticsearch).
BUDGETS = {"challenge page": (100, 50), "match API": (100, 50), "directory, search + 2 facets": (100, 100)}


def run_step(env, *args):
    completed = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if completed.returncode:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"bench: {' '.join(args)} failed")
    return completed.stdout


def configuration(name, database_url, elasticsearch_url, args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
        "DATABASE_URL": database_url,
        "ELASTICSEARCH_URL": elasticsearch_url,
        "ELASTICSEARCH_INDEX_PREFIX": "bench_",
    }
    print(f"[{name}] migrating and loading the demo…", flush=True)
    run_step(env, "manage.py", "migrate", "--no-input", "-v0")
    run_step(env, "manage.py", "load_demo")
    print(f"[{name}] generating {args.mentors} mentors and {args.challenges} challenges…", flush=True)
    print(f"[{name}] " + run_step(env, "-m", "bench.generate", "--mentors", str(args.mentors),
                                  "--challenges", str(args.challenges)).strip(), flush=True)  # fmt: skip
    print(
        f"[{name}] measuring in-process, then {args.clients} clients for {args.duration} s through gunicorn…",
        flush=True,
    )
    output = run_step(env, "-m", "bench.measure", "--clients", str(args.clients), "--duration", str(args.duration))
    return json.loads(output.strip().splitlines()[-1])


def table(results):
    lines = [
        "| backend | view | in-process p50 / p95 (ms) | SQL queries | under load p50 / p95 (ms) | requests | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for backend, result in results["backends"].items():
        for view in VIEWS:
            alone, loaded = result["in_process"][view], result["under_load"][view]
            lines.append(
                f"| {backend} | {view} | {alone['p50_ms']} / {alone['p95_ms']} | {alone['sql_queries']} | "
                f"{loaded['p50_ms']} / {loaded['p95_ms']} | {loaded['requests']} | {loaded['errors']} |"
            )
        total = result["under_load"]["_total"]
        load = f"{total['clients']} clients, {total['workers']} workers, {total['duration_s']} s"
        lines.append(f"| {backend} | throughput | | | {total['requests_per_s']} requests/s ({load}) | | |")
    return "\n".join(lines)


def verdicts(results):
    lines = []
    for backend, result in results["backends"].items():
        column = 1 if backend == "elasticsearch" else 0
        for view, budgets in BUDGETS.items():
            p95 = result["in_process"][view]["p95_ms"]
            status = "met" if p95 <= budgets[column] else "NOT met"
            lines.append(f"{backend}: {view} p95 {p95} ms in-process, budget {budgets[column]} ms: {status}")
        errors = sum(result["under_load"][view]["errors"] for view in VIEWS)
        lines.append(f"{backend}: errors under load: {errors} ({'met' if errors == 0 else 'NOT met'})")
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentors", type=int, default=10_000)
    parser.add_argument("--challenges", type=int, default=1_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=int, default=30)
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir()
    backends = {"database": ("", f"sqlite:///{WORK}/database.sqlite3")}
    if os.environ.get("ELASTICSEARCH_URL"):
        backends["elasticsearch"] = (os.environ["ELASTICSEARCH_URL"], f"sqlite:///{WORK}/elasticsearch.sqlite3")
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite",
        "mentors": args.mentors,
        "challenges": args.challenges,
        "backends": {
            name: configuration(name, database_url, elasticsearch_url, args)
            for name, (elasticsearch_url, database_url) in backends.items()
        },
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n{results['mentors']} mentors, {results['challenges']} challenges — {results['machine']}\n")
    print(table(results))
    print()
    print("\n".join(verdicts(results)))
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
