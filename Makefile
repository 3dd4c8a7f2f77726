# Intercambio — `make run` serves the demo, `make test` runs every test, `make bench` measures.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DATA_DIR ?= $(CURDIR)/var

.PHONY: install run serve test test-sqlite test-postgres lint bench messages clean

$(BIN)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $@

install: $(BIN)/.installed

run: install
	DEBUG=1 $(BIN)/intercambio migrate --no-input -v0
	DEBUG=1 $(BIN)/intercambio compiletranslations
	DEBUG=1 $(BIN)/intercambio collectstatic --no-input -v0
	DEBUG=1 $(BIN)/intercambio demo --once
	DEBUG=1 $(BIN)/intercambio reindex --if-empty
	DEBUG=1 PORT=$(PORT) SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} BIN=$(BIN) ./bin/serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/intercambio compiletranslations -v0
	$(BIN)/intercambio makemigrations --check --dry-run -v1
	@echo "== tests on SQLite"
	env -u DATABASE_URL $(BIN)/pytest
	@if [ -n "$$DATABASE_URL" ]; then echo "== tests on $${DATABASE_URL%%://*}"; $(BIN)/pytest; \
	else echo "== DATABASE_URL not set: PostgreSQL run skipped"; fi

bench: install
	$(BIN)/python -m bench $(if $(SIZE),--size $(SIZE))

messages: install
	cd intercambio && ../$(BIN)/intercambio makemessages -l pt_BR -l es -l en --no-obsolete --add-location file
	cd intercambio && ../$(BIN)/intercambio makemessages -d djangojs -l pt_BR -l es -l en --no-obsolete --add-location file --ignore 'static/admin/*' || true

clean:
	rm -rf $(VENV) var .pytest_cache
