# Every target sets up .venv from requirements.lock first (once; again only when the
# lock file changes), then installs nkarrivals into it (again when pyproject.toml or
# src/nkarrivals/__init__.py, which holds the version, changes: a second or two).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGE := $(VENV)/.package
# Keep matplotlib's font cache inside the venv so a fresh machine builds it once.
export MPLCONFIGDIR := $(CURDIR)/$(VENV)/mplconfig

.DEFAULT_GOAL := help
.PHONY: help charts test lint format lab report site bench validate lock clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

# A changed lock file gets a fresh venv, so nothing it no longer lists lingers.
$(STAMP): requirements.lock
	@$(PYTHON) -c "import sys; sys.exit(sys.version_info < (3, 11) and 'error: Python 3.11 or newer is needed; this python3 is ' + sys.version.split()[0])"
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-deps -r requirements.lock
	@touch $@

# The package's metadata (importlib.metadata, pip show) records the version and entry points
# at install time: a release or a pyproject.toml edit reinstalls it, without rebuilding the venv.
$(PACKAGE): $(STAMP) pyproject.toml src/nkarrivals/__init__.py
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

# One writer for charts/: the notebooks only show the charts; the export writes them, in both languages.
charts: $(PACKAGE) ## Rerun every notebook in place, then export every chart into charts/ in English and Korean
	$(BIN)/nkarrivals notebooks run
	$(BIN)/nkarrivals export --lang en
	$(BIN)/nkarrivals export --lang ko

# --dist loadfile: a notebook's cells share one kernel, so they run on one worker. Each chart set
# is exported once per run, by the first worker that needs it (tests/conftest.py).
test: lint ## Run the linters, then the unit tests and nbval on every notebook
	$(BIN)/python -m pytest --nbval --nbval-current-env -q -n auto --dist loadfile

lint: $(PACKAGE) ## Check style and formatting (ruff), types (mypy) and the stages' import order (import-linter)
	$(BIN)/ruff check --quiet .
	$(BIN)/ruff format --check --quiet .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# Fixes first, as ruff advises (a fix can leave code to reformat); what ruff cannot fix is
# printed, and make lint fails on it.
format: $(PACKAGE) ## Fix what ruff can fix by itself, then format the code (ruff)
	$(BIN)/ruff check --quiet --fix --exit-zero .
	$(BIN)/ruff format --quiet .

# Jupyter refuses to run as root unless told; containers often run as root.
lab: $(PACKAGE) ## Start JupyterLab on 127.0.0.1 with nkarrivals importable
	$(BIN)/jupyter lab --ip=127.0.0.1 --ServerApp.root_dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

report: $(PACKAGE) ## Write each notebook as a standalone HTML page into reports/
	$(BIN)/nkarrivals notebooks report

# Static pages from the committed charts, notebooks and data; nothing is drawn or rerun.
site: $(PACKAGE) ## Build the static website into site/: charts, notebooks and data, in English and Korean
	$(BIN)/nkarrivals site

bench: $(PACKAGE) ## Time exports, notebook reruns and tests against this machine's floor
	$(BIN)/python benchmarks/bench.py

validate: $(PACKAGE) ## Check every CSV in data/, then print the latest figures with their sources
	$(BIN)/nkarrivals validate

# Left out: rfc3987-syntax (and lark, which only it needs), an optional IRI check that
# jsonschema imports if present. It compiles 38 grammars on import, 1.4 s of CPU in every
# process that loads nbformat: each pytest process, `notebooks run`, `notebooks report`.
lock: ## Re-resolve requirements.lock from the pins in pyproject.toml
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet ".[notebooks,test,lint]" setuptools==84.2.1
	{ echo "# Exact pins for every package, transitive ones included. Regenerate with: make lock"; \
	  .lockvenv/bin/pip freeze --all --exclude-editable | grep -v -E '^(pip|wheel|nkarrivals|lark|rfc3987-syntax)[=@ ]' \
	  | $(PYTHON) -c "import sys; sys.stdout.writelines(sorted(sys.stdin, key=str.lower))"; } > requirements.lock
	rm -rf .lockvenv

clean: ## Remove the venv, reports and caches (keeps committed charts)
	rm -rf $(VENV) reports site .pytest_cache .hypothesis build src/*.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
