# Every target creates the virtual environment it needs; nothing else is assumed installed.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast lint check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsbot run

test: $(STAMP)
	$(BIN)/pytest

# Everything but the tests marked slow (scale, kill, quality gates): a quick loop while editing.
test-fast: $(STAMP)
	$(BIN)/pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint test

# Quality and speed of the summarizer, then ingest + search, delivery, memory and inline (~30 min).
bench: $(STAMP)
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/debris.py
	$(BIN)/python bench/build_corpus.py && $(BIN)/python bench/pages.py || true
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/delivery.py --store both
	$(BIN)/python bench/crowd.py
	$(BIN)/python bench/memory.py
	$(BIN)/python bench/inline.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
