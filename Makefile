# The two commands of the README: `make run` and `make test`.
# Everything else here is what those two need on a fresh machine with only Python.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test test-postgres install install-system bench bench-web clean

# What the Python packages cannot bring: a Chinese TrueType font for PDF export, and for the
# tests poppler (pdftoppm), LibreOffice (a second PDF producer), PostgreSQL and Chromium (the
# browser tests drive it through Playwright, which never downloads a browser of its own).
# Debian's packages; done once, only what is missing, as root or through sudo.
SYSTEM_PACKAGES := fonts-wqy-zenhei poppler-utils libreoffice-calc libreoffice-writer postgresql chromium
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

# The web application on http://127.0.0.1:8000, served by gunicorn, its data in data/ (or
# JIXIAO_DATA_DIR); the steps are in src/jixiao/web/serve.py, so that they run without make too.
run: install
	$(BIN)/python -m jixiao.web serve

test: install install-system
	$(BIN)/python -m pytest -q
	@$(MAKE) --no-print-directory test-postgres

# The web application's tests again, against Debian's PostgreSQL on loopback (the rest of the
# suite uses no database). Needs root or sudo to start the cluster; says so and skips without.
PG_URL := postgres://jixiao:jixiao@127.0.0.1:5432/jixiao
test-postgres: install
	@sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo -n"; \
	cluster=$$(pg_lsclusters -h 2>/dev/null | head -1); \
	if [ -z "$$cluster" ] || ! $$sudo true 2>/dev/null; then echo "跳过 PostgreSQL 测试：没有 PostgreSQL 集群或没有 root 权限"; exit 0; fi; \
	set -- $$cluster; $$sudo pg_ctlcluster $$1 $$2 start 2>/dev/null || true; \
	$$sudo su postgres -c "psql -q -c \"DO \\\$$\\\$$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jixiao') THEN CREATE ROLE jixiao LOGIN CREATEDB PASSWORD 'jixiao'; END IF; END \\\$$\\\$$;\"" && \
	echo "PostgreSQL：$$1/$$2" && DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -q $(wildcard tests/test_web_*.py)

bench: install
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/review.py
	$(BIN)/python bench/formats.py
	$(BIN)/python bench/cli.py
	$(BIN)/python bench/corpus.py
	$(BIN)/python bench/precision.py
	$$(command -v taskset >/dev/null && echo taskset -c 0) $(BIN)/python bench/monitoring.py
	@$(MAKE) --no-print-directory bench-web

# The web application under load, on SQLite and on PostgreSQL (skipped, saying so, when no
# cluster answers); served by gunicorn.
# Options through BENCH_WEB_ARGS, e.g. make bench-web BENCH_WEB_ARGS="--db sqlite --seconds 5".
bench-web: install
	@sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo -n"; \
	cluster=$$(pg_lsclusters -h 2>/dev/null | head -1); \
	if [ -n "$$cluster" ] && $$sudo true 2>/dev/null; then set -- $$cluster; $$sudo pg_ctlcluster $$1 $$2 start 2>/dev/null || true; \
	  $$sudo su postgres -c "psql -q -c \"DO \\\$$\\\$$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jixiao') THEN CREATE ROLE jixiao LOGIN CREATEDB PASSWORD 'jixiao'; END IF; END \\\$$\\\$$;\"" || true; fi
	$(BIN)/python bench/web.py $(BENCH_WEB_ARGS)

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
