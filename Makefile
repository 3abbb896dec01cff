# The two commands of the README: `make run` and `make test`.
# Everything else here is what those two need on a fresh machine with only Python.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEEDS  := $(wildcard examples/seeds/*.txt)

.PHONY: run test install install-system bench clean

# What the Python packages cannot bring: a Chinese TrueType font for PDF export, and for the
# tests poppler (pdftoppm) and LibreOffice (a second PDF producer). Debian's packages; done
# once, only what is missing, as root or through sudo.
SYSTEM_PACKAGES := fonts-wqy-zenhei poppler-utils libreoffice-calc libreoffice-writer
install-system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if ! command -v apt-get >/dev/null; then echo "请安装：$$missing（PDF 导出和测试需要）"; exit 1; fi; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "安装 Debian 软件包：$$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(BIN)/jixiao: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/jixiao

# `jixiao review` exits 1 when it finds errors, as the seeds have: that is its answer, not a failure.
run: install
	$(BIN)/jixiao parse $(SEEDS)
	$(BIN)/jixiao review $(SEEDS) || test $$? -eq 1

test: install install-system
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/review.py
	$(BIN)/python bench/formats.py
	$(BIN)/python bench/cli.py
	$(BIN)/python bench/corpus.py
	$(BIN)/python bench/precision.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
