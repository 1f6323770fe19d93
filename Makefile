# Mentorat FabMob — every command a developer needs. `make help` lists them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install install-dev run migrate demo superuser test test-browser test-api test-services services-stop lint format check messages eval-matching bench bench-pairing clean

help: ## List the available commands
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required (found %s); set PYTHON=/path/to/python3.11" % sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create .venv and install the runtime dependencies

install-dev: $(VENV)/.installed-dev ## Install the test and lint tools too

migrate: install ## Apply database migrations (creates the empty site)
	$(MANAGE) migrate --no-input

demo: migrate ## Load the founding text's demo content (idempotent)
	$(MANAGE) load_demo

superuser: migrate ## Create an editor account (asks for a user name and password)
	$(MANAGE) createsuperuser

run: migrate ## Set up, migrate, load the demo on an empty site and serve http://127.0.0.1:8000
	$(MANAGE) load_demo --if-empty
	$(MANAGE) ensure_editor
	$(MANAGE) runserver $(HOST):$(PORT)

test: install-dev ## Install the dev tools and run the whole test suite, browser tests included; PYTEST_ARGS=--reuse-db keeps the test database between runs
	$(BIN)/pytest $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-browser

test-browser: install-dev ## Run the browser tests alone: Chromium (installed from Debian when missing) at 1280 and 390 px, with axe
	scripts/chromium.sh >/dev/null
	$(BIN)/pytest -m browser tests/browser $(BROWSER_ARGS)

test-api: install-dev ## Fuzz the JSON API over HTTP with schemathesis (demo content in a throw-away database): no 5xx, every answer as its OpenAPI schema documents
	scripts/test-api.sh $(API_ARGS)

test-services: install-dev ## Start PostgreSQL and Elasticsearch (scripts/), run the suite and the services tests on them, evaluate matching on Elasticsearch
	scripts/test-services.sh
	DATABASE_URL= ELASTICSEARCH_URL="$$(scripts/elasticsearch.sh start)" $(MAKE) --no-print-directory eval-matching

services-stop: ## Stop the PostgreSQL and Elasticsearch started for the tests
	scripts/postgres.sh stop
	scripts/elasticsearch.sh stop

lint: install-dev ## Check code style and formatting with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev ## Fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install-dev ## Django system checks and missing migrations
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

messages: install-dev ## Update the French translation catalogue, then compile it
	$(MANAGE) makemessages --locale fr --no-obsolete --ignore ".venv/*"
	$(MANAGE) compilemessages --locale fr --ignore ".venv/*"

EVAL_DB := sqlite:///$(CURDIR)/.eval/eval.sqlite3
EVAL_SETS ?= bench/matching_eval.json bench/matching_eval_written.json bench/matching_eval_heldout.json
eval-matching: install-dev ## Measure matching (nDCG@5, recall@10) beside plain BM25 on each labelled set, in a throw-away database; on Elasticsearch too when ELASTICSEARCH_URL is set
	@for set in $(EVAL_SETS); do \
		rm -rf .eval && mkdir -p .eval && \
		DATABASE_URL=$(EVAL_DB) ELASTICSEARCH_URL= $(MANAGE) migrate --no-input -v0 && \
		DATABASE_URL=$(EVAL_DB) ELASTICSEARCH_URL= $(MANAGE) eval_matching $$set $(EVAL_ARGS) || exit 1; \
		if [ -n "$$ELASTICSEARCH_URL" ]; then \
			rm -rf .eval && mkdir -p .eval && \
			DATABASE_URL=$(EVAL_DB) ELASTICSEARCH_INDEX_PREFIX=eval_ $(MANAGE) migrate --no-input -v0 && \
			DATABASE_URL=$(EVAL_DB) ELASTICSEARCH_INDEX_PREFIX=eval_ $(MANAGE) eval_matching $$set $(EVAL_ARGS) || exit 1; \
		fi; \
	done
	@rm -rf .eval

bench: install-dev ## Benchmark 10,000 mentors / 1,000 challenges on SQLite, PostgreSQL and Elasticsearch (started by scripts/), page cache on and off, as ratios to a static file; BENCH_ARGS="--only sqlite --duration 5"
	$(BIN)/python -m bench.run $(BENCH_ARGS)

bench-pairing: install-dev ## Time a Peer 2 Peer pairing round of 1,000 participants and 600 mentors, optimal and first-come-first-served figures
	$(BIN)/python -m bench.pairing $(PAIRING_ARGS)

mutation: install-dev ## Mutation testing of the business rules (mutmut): prints the score per module and the mutants no test kills; MUTATION_ARGS='portal.mentorships.tokens.*' for one module
	scripts/mutation.sh $(MUTATION_ARGS)

clean: ## Remove the virtualenv and the local database
	rm -rf $(VENV) db.sqlite3 .test-db.sqlite3 .coverage mutants .mutation
