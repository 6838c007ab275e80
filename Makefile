# Newsroom. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_DEBUG ?= 1

.DEFAULT_GOAL := help
.PHONY: help install db migrate demo setup run test test-fast lint format bench soak stop-db clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || { echo "Creating a Python environment for Newsroom in $(VENV)/ ..."; $(PYTHON) -m venv $(VENV); }
	@echo "Installing Newsroom and what it needs (Django, PostgreSQL, the test browser's driver) into $(VENV)/."
	@echo "The first time this takes about two minutes; later runs skip it."
	@$(PY) -m pip install -qq --upgrade pip
	@# compat mode: a plain path entry, so setuptools has no editable-install warning to print
	@$(PY) -m pip install -qq -e '.[dev]' --config-settings editable_mode=compat
	@echo "Installed."
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the project with its dev tools

db: install ## Start the embedded PostgreSQL (only when DATABASE_URL is unset)
	@if [ -z "$$DATABASE_URL" ]; then $(PY) -m newsroom.devtools.embedded_db start; else echo "The database: DATABASE_URL"; fi

migrate: db ## Apply database migrations
	@$(PY) manage.py migrate --noinput $(MIGRATE_ARGS)

setup run: MIGRATE_ARGS = -v 0
setup: demo ## What run needs: venv, database, migrations, demo content, a local admin
	@PORT=$(PORT) $(PY) manage.py ensure_admin

demo: migrate
	@$(PY) manage.py load_demo --if-empty

run: demo ## Set up, then serve the site and /admin/ on http://127.0.0.1:8000 (PORT=...)
	@# The way in (admin address, user name, a new password) is printed last, after the
	@# server's own lines, by `manage.py serve`.
	@way_in="$$(PORT=$(PORT) $(PY) manage.py ensure_admin)" && \
		WAY_IN="$$way_in" $(PY) manage.py serve 127.0.0.1:$(PORT)

# pytest-xdist: one worker per core, each with a test database of its own (test_newsroom_gw0,
# ...); loadgroup keeps the tests that share one thing on one worker (tests/conftest.py).
# TEST_WORKERS=0 runs in this one process.
TEST_WORKERS ?= auto
PYTEST_PARALLEL = -n $(TEST_WORKERS) --dist loadgroup

test: MIGRATE_ARGS = -v 0
test: migrate ## Run the whole test suite, in parallel (browser tests need /usr/bin/chromium)
	@$(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

test-fast: migrate ## The suite without the slow, browser and two-server tests, in parallel
	@$(PY) -m pytest $(PYTEST_PARALLEL) -m "not slow and not browser and not multiserver" $(PYTEST_ARGS)

lint: install ## ruff (lint and format check), the import contracts and missing-migration check
	@$(PY) -m ruff check .
	@$(PY) -m ruff format --check .
	@# The contracts are in pyproject.toml ([tool.importlinter]); no cache folder in the tree.
	@$(VENV)/bin/lint-imports --no-logo --no-cache
	@$(PY) manage.py makemigrations --check --dry-run

format: install ## Apply ruff's fixes and formatting
	@$(PY) -m ruff check --fix .
	@$(PY) -m ruff format .

bench: migrate ## Load benchmarks: wrk against gunicorn (BENCH_ARGS="--servers 2", --scale, --search, --profile)
	@$(PY) manage.py bench $(BENCH_ARGS)

soak: install ## Fault soak (not in CI): 10 min of load through a PostgreSQL restart, Redis killed and paused (SOAK_ARGS="--seconds 120")
	@$(PY) manage.py soak $(SOAK_ARGS)

stop-db: ## Stop the embedded PostgreSQL (data is kept in var/postgres)
	@test -x $(PY) && $(PY) -m newsroom.devtools.embedded_db stop || true

clean: stop-db ## Remove the virtualenv and all local state (database, uploads, screenshots)
	rm -rf $(VENV) var media staticfiles
