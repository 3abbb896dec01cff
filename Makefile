# The two commands of the README: `make run` and `make test`.
# Everything else here is what those two need on a fresh machine with only Python.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEEDS  := $(wildcard examples/seeds/*.txt)

.PHONY: run test install bench clean

$(BIN)/jixiao: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/jixiao

run: install
	$(BIN)/jixiao parse $(SEEDS)

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/parse.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
