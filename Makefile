# The project's commands. Each one installs what it needs first (scripts/setup.sh).
SHELL := /bin/bash
PY := .venv/bin/python
PORT ?= 8000
# Task workers beside `make run`: one per core renders the kallelse's parts in parallel.
WORKERS ?= 2
export DJANGO_SETTINGS_MODULE := halsoval.settings

.PHONY: run serve test test-fast lint format migrations-check bench faulttest setup setup-dev setup-prod worker clean

setup:
	@scripts/setup.sh

setup-dev:
	@scripts/setup.sh --dev

# Only the runtime packages, and no network once .venv is current: a production start.
setup-prod:
	@scripts/setup.sh --produktion

## make run: fresh clone -> migrated SQLite with demo data, served on 127.0.0.1:$(PORT)
run: setup
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py demodata
	@echo "Öppna http://127.0.0.1:$(PORT)/ (demoanvändare i README)."
	@# The task workers (the kallelse's PDFs) run beside the server and stop with it.
	arbetare=""; for _ in $$(seq $(WORKERS)); do \
	  DEBUG=$${DEBUG:-1} $(PY) manage.py db_worker --no-reload --interval 0.5 & arbetare="$$arbetare $$!"; \
	done; \
	trap 'kill $$arbetare 2>/dev/null' EXIT; \
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

## make serve: production mode (gunicorn + task worker) against DATABASE_URL; see README "Drift"
serve: setup-prod
	PORT=$(PORT) scripts/serve.sh

## make test: the whole suite on the database DATABASE_URL names (SQLite when unset)
test: setup-dev
	SECRET_KEY=test-nyckel-inte-hemlig $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	SECRET_KEY=test-nyckel-inte-hemlig $(PY) -m pytest --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

lint: setup-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## make bench: the benchmarks, printing their figures (BENCH="bench_pdf" picks some)
bench: setup-dev
	SECRET_KEY=bench-nyckel-inte-hemlig $(PY) -m bench.run $(BENCH)

## make faulttest: stops and restarts a throwaway PostgreSQL under registrations, prints the figures
faulttest: setup-dev
	$(PY) -m bench.faulttest

migrations-check: setup-dev
	SECRET_KEY=test-nyckel-inte-hemlig $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf .venv node_modules var .pytest_cache .ruff_cache .coverage
