# Every target sets itself up: a fresh clone needs only `make serve` or `make test`.
# PYTHON=/path/to/python3.12 picks the interpreter; otherwise scripts/find-python looks for one.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help setup serve build mirror test quick lint typecheck pytest bench clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@interp=$$(scripts/find-python) || exit 1; \
	  echo "Using $$interp"; \
	  test -x $(PY) || "$$interp" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.installed ## Create .venv and install Python and npm dependencies

serve: setup ## Build and serve the site with live reload at http://127.0.0.1:8000/
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

build: setup ## Build the static site into site/ (strict)
	$(BIN)/mkdocs build --strict

# A second host (README.md, "A second host"): the same site built for another address, ready
# to upload as it is. MIRROR_URL is the site's root there (https://host/path/); the build's
# links, sitemap and instant navigation use it. .github/workflows/mirror.yml runs this.
MIRROR_URL ?=
MIRROR_DIR ?= build/mirror
mirror: setup ## Build the site for a second host: make mirror MIRROR_URL=https://host/path/ (into build/mirror/)
	@case "$(MIRROR_URL)" in http://*/|https://*/) ;; \
	  *) echo "make mirror: set MIRROR_URL to the site's root on the other host, e.g. MIRROR_URL=https://mirror.example.org/yuqi-xieshang/ (ending in /)"; exit 2;; esac
	SITE_URL="$(MIRROR_URL)" $(BIN)/mkdocs build --strict --site-dir "$(MIRROR_DIR)"

lint: setup ## ruff lint and format check; ESLint and the TypeScript check of the JavaScript
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	npx --no-install eslint .
	npx --no-install tsc -p tsconfig.json
	npx --no-install tsc -p tsconfig.worker.json
	npx --no-install tsc -p tsconfig.sw.json

typecheck: setup ## mypy --strict on calculators/, hooks/ and benchmarks/
	$(BIN)/mypy

pytest: setup ## Run the test suite (expects site/ from `make build`)
	HYPOTHESIS_PROFILE=ci $(BIN)/pytest

test: lint typecheck build pytest ## Everything CI runs: lint, types, strict build, all tests

# The inner loop: no site build, no browser, no Node; Hypothesis' small `dev` profile
# (tests/conftest.py). `make test` before a commit is pushed.
quick: lint typecheck ## Lint, types and every test but the browser (Chromium, WebKit, Gecko), Node and slow tiers
	HYPOTHESIS_PROFILE=dev $(BIN)/pytest -m "not browser and not engines and not node and not slow"

bench: build ## Measure the site (writes BENCHMARKS.md)
	$(PY) -m benchmarks

clean: ## Remove the build output and the environments
	rm -rf site $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
