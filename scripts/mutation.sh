#!/usr/bin/env bash
# `make mutation`: mutation testing of the business-rule modules listed in pyproject.toml ([tool.mutmut]).
# mutmut plants one small bug at a time (a changed comparison, number, string or call) and runs the tests that
# reach it; a mutant that leaves them green is a rule no test pins. Prints the score per module and the survivors
# (scripts/mutation_report.py); fails when a module scores under 90 %.
#
# Results are kept in ./mutants between runs: mutmut re-runs only what changed. MUTATION_FRESH=1 starts over.
# Extra arguments go to `mutmut run` (e.g. 'portal.mentorships.tokens.*' for one module).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${MUTATION_FRESH:-}" = 1 ]; then
    rm -rf mutants
fi
mkdir -p .mutation
rm -f .mutation/template.sqlite3
DATABASE_URL="sqlite:///$PWD/.mutation/template.sqlite3" ELASTICSEARCH_URL= DJANGO_SETTINGS_MODULE=portal.settings.test \
    .venv/bin/python manage.py migrate --no-input -v0
export MUTATION_TEST_DB="$PWD/.mutation/template.sqlite3"

.venv/bin/mutmut run --max-children "${MUTATION_JOBS:-2}" "$@"
.venv/bin/python scripts/mutation_report.py
