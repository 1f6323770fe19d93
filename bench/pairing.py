"""`make bench-pairing`: a Peer 2 Peer pairing round of 1,000 participants and 600 mentors, in memory (the
database adds two queries of 1,600 rows, not measured). Prints the time of each step, the optimal and the
first-come-first-served figures, and writes bench/pairing_results.json.

    python -m bench.pairing [--participants 1000] [--mentors 600] [--organisations 40] [--seed 2026]

Texts are drawn from bench.generate's vocabulary; capacities 1 to 3 (as mentors set them); each person
belongs to one of the organisations. Target: the whole round (scoring included) in 10 s or less on 2 cores.
"""

import argparse
import json
import os
import platform
import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import django
from django.core.management import call_command

RESULTS = Path(__file__).resolve().parent / "pairing_results.json"
TARGET_SECONDS = 10


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--mentors", type=int, default=600)
    parser.add_argument("--organisations", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    # A throw-away database: matching reads the editors' vocabulary of equivalents, which migrations load.
    with tempfile.TemporaryDirectory() as work:
        os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.bench"
        os.environ["DATABASE_URL"] = f"sqlite:///{work}/pairing.sqlite3"
        os.environ.pop("ELASTICSEARCH_URL", None)
        django.setup()
        call_command("migrate", verbosity=0)
        figures = measure(args.participants, args.mentors, args.organisations, args.seed)
    print(report(figures))
    RESULTS.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")


def measure(participant_count, mentor_count, organisation_count, seed):
    from django.utils.text import slugify

    from bench.generate import WORDS, sentence
    from portal.mentors import matching, relevance
    from portal.programmes import pairing, rounds

    rng = random.Random(seed)
    themes = [SimpleNamespace(name=name, slug=slugify(name)) for name in WORDS["sujets"]]
    vectors, mentors = {}, []
    for key in range(mentor_count):
        chosen = rng.sample(themes, 2)
        vectors[key] = relevance.profile_vector(
            sentence(rng)[:160],
            [(theme.name, theme.slug) for theme in chosen],
            f"Organisation {rng.choice(WORDS['villes'])}",
            " ".join(sentence(rng) for _ in range(4)),
        )
        mentors.append(pairing.Mentor(key, rng.randrange(organisation_count), rng.randint(1, 3), f"m{key}"))
    participants, needs = [], {}
    for key in range(participant_count):
        needs[key] = matching.need_for_words(" ".join(sentence(rng) for _ in range(2)), rng.sample(themes, 2))
        participants.append(pairing.Participant(key, rng.randrange(organisation_count), f"p{key}"))

    started = time.perf_counter()
    statistics = relevance.statistics_of(vectors.values())
    scorer = relevance.PoolScorer(vectors, statistics)
    quality = {}
    for key, need in needs.items():
        yardstick = relevance.ceiling(need.query, statistics)
        for mentor, value in scorer.scores(need.query).items():
            quality[key, mentor] = rounds.quality_of(value, yardstick)
    scored = time.perf_counter()
    pool = pairing.Pool(pairing.PEER_TO_PEER, participants, mentors, quality)
    optimal = pairing.solve(pool)
    solved = time.perf_counter()
    greedy = pairing.greedy(pool)
    greedy_done = time.perf_counter()

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "participants": participant_count,
        "mentors": mentor_count,
        "seats": sum(mentor.capacity for mentor in mentors),
        "pairs sharing something": len(quality),
        "seconds": {
            "scoring": round(scored - started, 2),
            "optimal round": round(solved - scored, 2),
            "whole round": round(solved - started, 2),
            "first come, first served": round(greedy_done - solved, 2),
        },
        "optimal": vars(optimal.figures),
        "first come, first served": vars(greedy.figures),
        "target seconds": TARGET_SECONDS,
    }


def report(figures):
    seconds, optimal, greedy = figures["seconds"], figures["optimal"], figures["first come, first served"]
    verdict = "met" if seconds["whole round"] <= figures["target seconds"] else "NOT met"
    return "\n".join(
        [
            f"Pairing round, Peer 2 Peer: {figures['participants']} participants, {figures['mentors']} mentors "
            f"({figures['seats']} seats), {figures['pairs sharing something']} pairs sharing something",
            f"Machine: {figures['machine']}",
            f"  scoring {seconds['scoring']} s + solving {seconds['optimal round']} s = {seconds['whole round']} s "
            f"(target ≤ {figures['target seconds']} s: {verdict})",
            f"  {'':28}{'paired':>8}{'total quality':>15}{'worst pair':>12}",
            f"  {'optimal round':28}{optimal['paired']:>8}{optimal['total']:>15}{optimal['worst']!s:>12}",
            f"  {'first come, first served':28}{greedy['paired']:>8}{greedy['total']:>15}{greedy['worst']!s:>12}"
            f"   ({seconds['first come, first served']} s)",
        ]
    )


if __name__ == "__main__":
    main()
