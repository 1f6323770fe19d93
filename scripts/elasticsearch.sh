#!/usr/bin/env bash
# A single-node Elasticsearch 9 for the tests and the benchmark, on 127.0.0.1 only, security off.
#   scripts/elasticsearch.sh start   fetch (Maven Central), install, start; prints the ELASTICSEARCH_URL
#   scripts/elasticsearch.sh stop
# Maven Central serves Elastic's minimal distribution (integ-test-zip): no bundled JDK, so it runs on a
# JDK >= 21 (ES_JAVA_HOME, else the newest under /usr/lib/jvm), as a dedicated user when started as root
# (Elasticsearch refuses root). Idempotent: starting a running node only prints its address.
set -euo pipefail

ES_VERSION="${ES_VERSION:-9.5.4}"
SERVICES_DIR="${SERVICES_DIR:-/tmp/mentorat-services}"
CACHE="${ES_CACHE:-$SERVICES_DIR/cache}"
HOME_DIR="$SERVICES_DIR/elasticsearch-$ES_VERSION"
DATA="$SERVICES_DIR/elasticsearch-data"
PORT="${ELASTICSEARCH_TEST_PORT:-9201}"
URL="http://127.0.0.1:$PORT"
RUN_AS="mentorat-search"

fail() { echo "elasticsearch.sh: $*" >&2; exit 1; }
healthy() { curl -fsS -m 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; }

java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
find_jdk() {
    if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
    local best="" best_major=0 dir major
    for dir in /usr/lib/jvm/*/; do
        dir="${dir%/}"
        [ -x "$dir/bin/java" ] || continue
        major="$(java_major "$dir")"
        if [ -n "$major" ] && [ "$major" -gt "$best_major" ]; then best="$dir"; best_major="$major"; fi
    done
    echo "$best"
}

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u "$RUN_AS" -- "$@"; else "$@"; fi; }

start() {
    if healthy; then echo "$URL"; return; fi
    for tool in curl unzip; do
        if ! command -v "$tool" >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            apt-get install -y -qq "$tool" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "$tool" >/dev/null; }
        fi
        command -v "$tool" >/dev/null || fail "$tool is needed (apt-get install $tool)."
    done
    local jdk
    jdk="$(find_jdk)"
    [ -n "$jdk" ] && [ "$(java_major "$jdk")" -ge 21 ] \
        || fail "Elasticsearch $ES_VERSION needs a JDK >= 21: set ES_JAVA_HOME (Temurin 25 lives in /usr/lib/jvm)."

    local zip="$CACHE/elasticsearch-$ES_VERSION.zip"
    if [ ! -f "$zip" ]; then
        command -v mvn >/dev/null || fail "Maven (mvn) is needed to fetch Elasticsearch from Maven Central."
        mkdir -p "$CACHE"
        echo "elasticsearch.sh: fetching Elasticsearch $ES_VERSION from Maven Central…" >&2
        mvn -q dependency:copy \
            -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
            -DoutputDirectory="$CACHE" >&2 || fail "Maven could not fetch elasticsearch $ES_VERSION."
    fi
    if [ ! -x "$HOME_DIR/bin/elasticsearch" ]; then
        rm -rf "$HOME_DIR.tmp" && mkdir -p "$HOME_DIR.tmp"
        unzip -q "$zip" -d "$HOME_DIR.tmp"
        mv "$HOME_DIR.tmp/elasticsearch-$ES_VERSION" "$HOME_DIR" && rm -rf "$HOME_DIR.tmp"
    fi
    mkdir -p "$DATA/data" "$DATA/logs"
    cat > "$HOME_DIR/config/elasticsearch.yml" <<YAML
cluster.name: mentorat-test
node.name: mentorat-test
network.host: 127.0.0.1
http.port: $PORT
transport.port: $((PORT + 100))
discovery.type: single-node
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
path.data: $DATA/data
path.logs: $DATA/logs
YAML
    if [ "$(id -u)" = 0 ]; then
        id "$RUN_AS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_AS"
        chmod 755 "$SERVICES_DIR"
        chown -R "$RUN_AS" "$HOME_DIR" "$DATA"
    fi
    as_owner env ES_JAVA_HOME="$jdk" ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}" \
        "$HOME_DIR/bin/elasticsearch" -d -p "$DATA/pid" >"$DATA/start.log" 2>&1 \
        || { tail -30 "$DATA/start.log" >&2; fail "Elasticsearch did not start (log above)."; }
    for _ in $(seq 1 120); do
        if healthy; then echo "$URL"; return; fi
        sleep 1
    done
    tail -30 "$DATA/logs/mentorat-test.log" >&2 || true
    fail "Elasticsearch did not answer on $URL within 120 s (log above)."
}

stop() {
    if [ -f "$DATA/pid" ]; then
        local pid
        pid="$(cat "$DATA/pid")"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        rm -f "$DATA/pid"
    fi
}

case "${1:-start}" in
start) start ;;
stop) stop ;;
*) fail "usage: scripts/elasticsearch.sh start|stop" ;;
esac
