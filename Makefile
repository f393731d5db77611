# ParkLoop — `make run` starts the platform, `make test` runs every check. Both set up what they need:
# a .venv with the project installed (redone only when pyproject.toml changes) and the Debian packages the
# platform uses (chromium, fonts-noto-cjk, zbar-tools, ghostscript, caddy: checked with dpkg, apt-get only
# if missing).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make
INSTALL_STAMP := $(VENV)/.installed
SYSTEM_STAMP := $(STAMPS)/system-deps
SYSTEM_PACKAGES := chromium fonts-noto-cjk zbar-tools ghostscript caddy
NODE_STAMP := node_modules/.package-lock.json
PORT ?= 8501
# Everything ruff lints and formats: the code and the Python blocks in the Markdown docs. Only paths that
# exist: ruff fails on a missing path.
LINT_PATHS := $(wildcard parkloop tests app.py exhibits tools kiosk docs lessons README.md)
PYTEST_ARGS ?=

.PHONY: help venv install system-deps node-deps run serve kiosk test bench bench-load bench-store soak lint format clean

help: ## list the targets
	@echo "ParkLoop — make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

venv: $(BIN)/python ## create .venv (python3.11, else python3) if missing

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "make: need python3.11 (or python3) on PATH" >&2; exit 1; }
	$(PYTHON) -m venv --clear $(VENV)

install: $(INSTALL_STAMP) ## install the project and its test extras into .venv (only when pyproject.toml changed)

$(INSTALL_STAMP): pyproject.toml $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

system-deps: $(SYSTEM_STAMP) ## install the Debian packages (chromium, fonts-noto-cjk, zbar-tools, ghostscript, caddy; npm if there is none) if missing

# The stamp depends on the Makefile so that a change to SYSTEM_PACKAGES is checked again. Without apt
# (not Debian) or without root/sudo it says so and carries on: the server itself needs none of these.
$(SYSTEM_STAMP): Makefile
	@mkdir -p $(STAMPS)
	@missing=""; \
	for pkg in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$pkg 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$pkg"; \
	done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -z "$$missing" ]; then touch $@; exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "make system-deps: apt-get not found; install$$missing yourself for browser tests and kiosks." >&2; \
	  exit 0; \
	fi; \
	if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "make system-deps: not root and no sudo; install$$missing yourself." >&2; exit 0; fi; \
	echo "make system-deps: installing$$missing"; \
	$$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing && \
	touch $@

# The npm packages of package.json, exactly as package-lock.json pins them: the sorting game's pictures
# (Fluent Emoji Flat) and axe-core for the browser tests. Without npm it says so and carries on: the game
# then shows plain drawn placeholders.
node-deps: $(NODE_STAMP) ## install the pinned npm packages (npm ci: pictures, axe-core) if package-lock.json changed

# npm ci writes node_modules/.package-lock.json: a removed node_modules is installed again.
$(NODE_STAMP): package.json package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "make node-deps: npm not found (apt-get install npm); the sorting game shows placeholders." >&2; \
	  exit 0; \
	fi; \
	npm ci --no-audit --no-fund --loglevel=error && touch $@

run: install ## start the platform on http://localhost:8501 (PORT=… to change; config: .streamlit/config.toml)
	-@$(MAKE) -s --no-print-directory system-deps
	-@$(MAKE) -s --no-print-directory node-deps
	$(BIN)/streamlit run app.py --server.port $(PORT)

kiosk: install ## try a kiosk on this desktop: kiosk server + Chromium (windowed; PARKLOOP_KIOSK_WINDOWED=0 for full screen)
	-@$(MAKE) -s --no-print-directory system-deps
	-@$(MAKE) -s --no-print-directory node-deps
	PARKLOOP_KIOSK_WINDOWED=$${PARKLOOP_KIOSK_WINDOWED:-1} kiosk/run-kiosk.sh

serve: install system-deps node-deps ## production: WORKERS Streamlit processes (default: one per core) behind Caddy on SERVE_PORT (default 8080)
	$(BIN)/python -m parkloop.serve --port $(or $(SERVE_PORT),8080) $(if $(WORKERS),--workers $(WORKERS))

test: install system-deps node-deps ## install everything, then lint, check formatting and run every test (browser tests included)
	@rm -f $(STAMPS)/pytest-status
	$(BIN)/python -m parkloop check
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	@mkdir -p $(STAMPS)
	@# pytest's exit status is kept for .ci/run, which treats 5 (no tests collected) as success
	@echo "$(BIN)/python -m pytest $(PYTEST_ARGS)"; \
	status=0; $(BIN)/python -m pytest $(PYTEST_ARGS) || status=$$?; \
	echo $$status > $(STAMPS)/pytest-status; exit $$status

bench: install system-deps node-deps ## run the benchmarks in tests/bench (excluded from make test; installs Lighthouse for its bench)
	cd tests/bench/lighthouse && npm install --no-audit --no-fund --loglevel=error
	$(BIN)/python -m pytest tests/bench -m bench -s $(PYTEST_ARGS)

bench-load: install ## the server benchmarks only: phones per process, rerun cost, GC on/off, memory and soak (PARKLOOP_BENCH_SOAK_MINUTES=30 for the real soak)
	$(BIN)/python -m pytest tests/bench/test_load_bench.py tests/bench/test_rerun_bench.py -m bench -s $(PYTEST_ARGS)

bench-store: install ## the store under a class day: two processes, 50 students, scanners, dashboards, an outside lock (PARKLOOP_BENCH_STORE_SECONDS)
	$(BIN)/python -m pytest tests/bench/test_store_bench.py -m bench -s $(PYTEST_ARGS)

soak: install ## the long run (not in CI): scripted visitors on every exhibit, SOAK_MINUTES (30), memory over time
	$(BIN)/python -m tests.load.soak --minutes $(or $(SOAK_MINUTES),30) --visitors $(or $(SOAK_VISITORS),10)

lint: install ## ruff: lint and check formatting
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

format: install ## ruff: fix what can be fixed and format
	$(BIN)/ruff check --fix $(LINT_PATHS)
	$(BIN)/ruff format $(LINT_PATHS)

clean: ## remove caches and build output (keeps .venv; `rm -rf .venv` to start over)
	rm -rf $(STAMPS) $(INSTALL_STAMP) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis screenshots
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
