# Quick start: `make run` then `make test`. Both create .venv and install the pinned versions first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test check lint bench bench-ingest samples clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-* && touch $@

run: $(STAMP)
	$(BIN)/cchc ingest samples --out warehouse
	$(BIN)/cchc report warehouse --html report.html --xlsx report.xlsx
	@# exit 1 from check means "arithmetic errors found" (the samples have some); 2 would be a real failure
	$(BIN)/cchc check samples/*.txt; test $$? -le 1

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict pipeline extractors schemas flows

check: lint test

bench: $(STAMP)
	$(BIN)/python -m pipeline.bench

bench-ingest: $(STAMP)
	$(BIN)/python -m pipeline.ingest_bench

samples: $(STAMP)
	$(BIN)/python samples/build_samples.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
