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

# `jixiao review` exits 1 when it finds errors, as the seeds have: that is its answer, not a failure.
run: install
	$(BIN)/jixiao parse $(SEEDS)
	$(BIN)/jixiao review $(SEEDS) || test $$? -eq 1

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/review.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
