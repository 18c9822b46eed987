# Two commands for a fresh machine:
#   make run    set up, load the demo portfolio, serve http://127.0.0.1:8000/ (demo / demo)
#   make test   set up, run the whole test suite (SQLite and PostgreSQL)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DATA := $(CURDIR)/.demo-data

.PHONY: run test setup

# constraints.txt pins every dependency (scripts/update_constraints.sh writes it).
$(BIN)/kundenwert: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

setup: $(BIN)/kundenwert

run: setup
	KUNDENWERT_DATA_DIR=$(DEMO_DATA) $(BIN)/kundenwert demo
	KUNDENWERT_DATA_DIR=$(DEMO_DATA) $(BIN)/kundenwert serve

test: setup
	scripts/test.sh
