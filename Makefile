# The two commands of README.md: `make run` (set up and run the product) and `make test` (set up and run all tests).
SHELL := /bin/bash
PYTHON ?= $(shell pyenv which python3.13 2>/dev/null || command -v python3.13 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
PORT ?= 8000

.PHONY: install run test lint format browser-deps bench

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# Reinstall only when the lock file changes; `uv pip sync` makes the venv exactly the locked set, hashes checked.
$(VENV)/.synced: requirements-dev.txt | $(PY)
	$(VENV)/bin/uv pip sync --quiet --python $(PY) --require-hashes requirements-dev.txt
	touch $@

install: $(VENV)/.synced

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	@echo
	@echo "Anodyne: http://127.0.0.1:$(PORT)/  (web, Celery worker and beat start below; Ctrl-C stops all three)"
	@echo
	PORT=$(PORT) $(VENV)/bin/honcho -f Procfile.dev start

# Debian's Chromium for the browser tests (root only; without it those tests skip, or fail when services are required).
browser-deps:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "Chromium is not installed: browser tests will be skipped (apt-get install chromium)."; }

test: install browser-deps
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest $(PYTEST_ARGS)

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format:
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Roster pages at 1,000 patients against 10, and the CSV import of 5,000 patients against 50, each in the same run
# (bench/roster.py and bench/patient_import.py explain the figures).
# The dashboard with 180 days of history at 100 and 1,000 patients against an empty page (bench/dashboard.py).
# Complete sessions logged through the API under gunicorn against a bare one-row write (bench/api_write.py).
bench: install
	$(PY) bench/roster.py
	$(PY) bench/patient_import.py
	$(PY) bench/dashboard.py
	$(PY) bench/api_write.py
