#!/usr/bin/env bash
# The whole suite against PostgreSQL, with Wagtail search on Elasticsearch, plus the tests marked
# `services`; then the matching evaluation on Elasticsearch. Fails when a service cannot start.
# The browser tests run in `make test`, on the SQLite set-up a newcomer gets.
set -euo pipefail
cd "$(dirname "$0")/.."

DATABASE_URL="$(scripts/postgres.sh start)"
ELASTICSEARCH_URL="$(scripts/elasticsearch.sh start)"
export DATABASE_URL ELASTICSEARCH_URL
echo "PostgreSQL: $DATABASE_URL"
echo "Elasticsearch: $ELASTICSEARCH_URL"

.venv/bin/pytest -m "not browser" "$@"
