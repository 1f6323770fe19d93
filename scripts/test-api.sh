#!/usr/bin/env bash
# `make test-api`: schemathesis against the JSON API over HTTP. The portal runs on 127.0.0.1 with a
# throw-away SQLite database holding the demo content; `st run` reads the live OpenAPI schema and runs
# every check: no 5xx, every status and body documented, valid data accepted, invalid data refused.
# The server is stopped however the run ends. Extra arguments go to `st run` (e.g. --seed 1, -n 200).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

PORT="${API_TEST_PORT:-8765}"
.venv/bin/python -c "import socket; socket.socket().bind(('127.0.0.1', $PORT))" 2>/dev/null \
    || { echo "test-api.sh: port $PORT is taken; set API_TEST_PORT." >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mentorat-api.XXXXXX")"
SERVER=""
stop() {
    if [ -n "$SERVER" ]; then
        kill "$SERVER" 2>/dev/null || true
        wait "$SERVER" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap stop EXIT

export DJANGO_SETTINGS_MODULE=portal.settings.dev DATABASE_URL="sqlite:///$WORK/api.sqlite3" ELASTICSEARCH_URL=
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo >/dev/null
.venv/bin/python manage.py runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
SERVER=$!

# schemathesis keeps replay data in ./.schemathesis: run it from the throw-away folder.
cd "$WORK"
if ! "$ROOT/.venv/bin/st" run "http://127.0.0.1:$PORT/api/v1/openapi.json" --checks all --wait-for-schema 60 \
    --max-examples "${API_TEST_EXAMPLES:-50}" "$@"; then
    echo "test-api.sh: the server's last lines:" >&2
    tail -n 40 "$WORK/server.log" >&2
    exit 1
fi
