# The project's one task entry point: the README and .ci/run call these targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-offline test test-fast test-core test-pyodide lint bench clean

## serve: build the site and serve it at http://127.0.0.1:8000
serve: build
	$(BIN)/python tools/serve.py site --host $(HOST) --port $(PORT)

## build: the static site in site/ (docs, calculator page, Python runtime)
build: $(STAMPS)/venv $(STAMPS)/npm
	$(BIN)/mkdocs build --strict

## build-offline: the file:// flavour in site-offline/ (open index.html from disk or a USB stick)
build-offline: $(STAMPS)/venv $(STAMPS)/npm
	$(BIN)/mkdocs build --strict -f mkdocs.offline.yml

## test: every test — lint, types, core on CPython, core inside Pyodide, site and page in Chromium
# pytest runs a worker per core (up to 3), one test file per worker at a time: the browser tests
# mostly wait (on Python starting, on emulated slow links), so two cores nearly halve the time.
test: $(STAMPS)/venv $(STAMPS)/npm $(STAMPS)/system
	$(MAKE) lint
	$(BIN)/python -m pytest --numprocesses auto --maxprocesses 3 --dist loadfile
	$(MAKE) test-pyodide

## test-fast: what needs no build and no browser (the rules, the CLI, the servers, the fuzz)
test-fast: $(STAMPS)/venv $(STAMPS)/npm
	$(BIN)/python -m pytest --numprocesses auto --maxprocesses 3 -m "not slow"
	node --test tests/js/

test-core: $(STAMPS)/venv
	$(BIN)/python -m pytest tests/core

test-pyodide: $(STAMPS)/venv $(STAMPS)/npm build/pyodide-wheels/.complete
	node tests/pyodide/run.mjs

# The test-only wheels for Pyodide, downloaded once: again only when their list changes.
build/pyodide-wheels/.complete: tests/pyodide/requirements.txt requirements.lock | $(STAMPS)/venv
	rm -rf build/pyodide-wheels
	$(BIN)/python -m pip download -q --no-deps --only-binary=:all: --implementation py \
	  --python-version 3.14 --platform any -d build/pyodide-wheels \
	  -r tests/pyodide/requirements.txt -c requirements.lock
	@touch $@

## lint: Python (ruff check and format, mypy --strict) and JavaScript (tsc type check, ESLint,
## the unit tests of the page's pure functions)
lint: $(STAMPS)/venv $(STAMPS)/npm
	$(BIN)/ruff check calculator calcdocs sitebuild tests tools hooks
	$(BIN)/ruff format --check calculator calcdocs sitebuild tests tools hooks
	$(BIN)/mypy
	$(BIN)/python tools/answer_types.py --check
	for config in tsconfig.json tsconfig.worker.json tsconfig.sw.json tsconfig.node.json; do \
	  node_modules/.bin/tsc -p $$config || exit 1; done
	node_modules/.bin/eslint .
	node --test tests/js/

bench: build $(STAMPS)/system
	$(BIN)/python tools/bench.py

# Every Python package at the version requirements.lock names (pip-compile --extra dev from
# pyproject.toml: see CONTRIBUTING.md), then this project itself.
$(STAMPS)/venv: pyproject.toml requirements.lock
	@mkdir -p $(STAMPS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	@touch $@

$(STAMPS)/npm: package.json package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund
	@touch $@

# Debian's Chromium with its Chinese language pack and CJK fonts (the browser tests: a zh-CN date
# input, screenshots that show Chinese), nginx (the static-host test), poppler (the print tests
# read Chromium's PDF with pdftotext).
SYSTEM_PACKAGES := chromium chromium-l10n fonts-noto-cjk nginx libnginx-mod-http-brotli-static poppler-utils
$(STAMPS)/system:
	@mkdir -p $(STAMPS)
	@if ! dpkg-query -W -f='$${Status}\n' $(SYSTEM_PACKAGES) 2>/dev/null | grep -qv '^install ok installed$$' \
	    && [ "$$(dpkg-query -W -f='$${Status}\n' $(SYSTEM_PACKAGES) 2>/dev/null | wc -l)" = $(words $(SYSTEM_PACKAGES)) ]; then :; else \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $(SYSTEM_PACKAGES); \
	fi
	@touch $@

clean:
	rm -rf site site-offline build $(STAMPS)
