# Every target creates the virtual environment it needs; nothing else is assumed installed.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsbot run

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint test

# Quality and speed of the summarizer, then ingest + search, delivery and memory (~15 min).
bench: $(STAMP)
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/delivery.py --store both
	$(BIN)/python bench/crowd.py
	$(BIN)/python bench/memory.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
