"""`make mutation`'s summary: mutants killed per business-rule module, with the survivors to look at.

Reads mutmut's results (`mutmut results --all true`) and tests/mutation_equivalents.toml, the mutants that no
test can kill because they change nothing a caller can observe, each with the reason. Those are left out of the
score; one listed there that no longer survives (or no longer exists) is reported so the list stays true.
Exits 1 when a module scores under the target.
"""

import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.90
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.toml"


def mutant_results():
    out = subprocess.run(  # noqa: S603 - our own mutmut, fixed arguments
        [str(ROOT / ".venv" / "bin" / "mutmut"), "results", "--all", "true"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            yield name, status


def module_of(mutant):
    """portal.mentors.matching.x_score__mutmut_3 → portal.mentors.matching"""
    return mutant.rsplit(".", 1)[0]


def main():
    equivalents = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8")).get("equivalent", {})
    by_module = defaultdict(Counter)
    survivors = defaultdict(list)
    seen = {}
    for name, status in mutant_results():
        seen[name] = status
        module = module_of(name)
        if name in equivalents and status == "survived":
            by_module[module]["equivalent"] += 1
            continue
        by_module[module][status] += 1
        if status != "killed":
            survivors[module].append(f"{name}: {status}")

    failing = False
    print(f"{'module':40} {'killed':>7} {'counted':>8} {'score':>7}   (equivalent mutants left out)")
    total_killed = total_counted = 0
    for module in sorted(by_module):
        counts = by_module[module]
        counted = sum(n for status, n in counts.items() if status != "equivalent")
        killed = counts["killed"]
        score = killed / counted if counted else 1.0
        failing |= score < TARGET
        total_killed += killed
        total_counted += counted
        print(f"{module:40} {killed:7} {counted:8} {score:7.1%}   ({counts['equivalent']})")
    if total_counted:
        print(f"{'all':40} {total_killed:7} {total_counted:8} {total_killed / total_counted:7.1%}")
    for module in sorted(survivors):
        print(f"\nNot killed in {module} (`.venv/bin/mutmut show NAME` prints the change):")
        for line in survivors[module]:
            print(f"    {line}")
    stale = [name for name in equivalents if seen.get(name) != "survived"]
    if stale:
        print(f"\n{EQUIVALENTS.relative_to(ROOT)} lists mutants that are no longer survivors; remove them:")
        for name in stale:
            print(f"    {name}: {seen.get(name, 'no longer generated')}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
