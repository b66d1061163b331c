# Two commands on a fresh machine with python3: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint bench snapshots clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kattegat

test: lint
	$(BIN)/pytest -q

# Everyday lane: lint, then the unit and UI tests (no tmux, no sshd). `make test` runs everything.
test-fast: lint
	$(BIN)/pytest -q tests/unit tests/ui

lint: $(STAMP)
	$(BIN)/ruff check kattegat_tui tests bench
	$(BIN)/mypy kattegat_tui
	$(BIN)/lint-imports

snapshots: $(STAMP)
	$(BIN)/pytest -q tests/ui --snapshot-update

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
