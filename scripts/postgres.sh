#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests and the benchmark, listening on 127.0.0.1 only.
#   scripts/postgres.sh start   install (Debian packages) if needed, create, start; prints the DATABASE_URL
#   scripts/postgres.sh stop
# Idempotent: starting a running cluster only prints its address. Data lives in $SERVICES_DIR/postgres.
set -euo pipefail

SERVICES_DIR="${SERVICES_DIR:-/tmp/mentorat-services}"
DIR="$SERVICES_DIR/postgres"
PORT="${POSTGRES_TEST_PORT:-54329}"
URL="postgres://mentorat@127.0.0.1:$PORT/mentorat"

fail() { echo "postgres.sh: $*" >&2; exit 1; }
server_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

BIN="$(server_bin)"
if [ -z "$BIN" ]; then
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
        || fail "PostgreSQL is not installed and I cannot install it: run 'apt-get install postgresql' as root."
    echo "postgres.sh: installing PostgreSQL from Debian's packages…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq postgresql >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null; }
    BIN="$(server_bin)"
    [ -n "$BIN" ] || fail "apt-get installed no PostgreSQL server."
fi

# PostgreSQL refuses to run as root: as root, the cluster belongs to the 'postgres' user of the package.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
start)
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
        mkdir -p "$DIR"
        chmod 755 "$SERVICES_DIR"
        [ "$(id -u)" = 0 ] && chown postgres "$DIR"
        as_owner "$BIN/initdb" -D "$DIR/data" -U mentorat --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
            || fail "initdb failed in $DIR/data."
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
        # Durability off: a test cluster trades crash safety for speed.
        as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null || { tail -20 "$DIR/server.log" >&2; fail "the server did not start (log above)."; }
    fi
    if ! as_owner "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U mentorat -d postgres -tAc \
            "SELECT 1 FROM pg_database WHERE datname = 'mentorat'" | grep -q 1; then
        as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U mentorat mentorat
    fi
    echo "$URL"
    ;;
stop)
    if [ -f "$DIR/data/PG_VERSION" ]; then
        as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
*)
    fail "usage: scripts/postgres.sh start|stop"
    ;;
esac
