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
	$(BIN)/python -m bench.quality
	$(BIN)/python -m bench.speed
	$(BIN)/python -m bench.debris
	$(BIN)/python -m bench.build_corpus && $(BIN)/python -m bench.pages || true
	$(BIN)/python -m bench.build_summaries && $(BIN)/python -m bench.quality --path data/bbc_news_summary.jsonl --algorithms news,lexrank && $(BIN)/python -m bench.quality_zh || true
	$(BIN)/python -m bench.ingest
	$(BIN)/python -m bench.delivery --store both
	$(BIN)/python -m bench.crowd
	$(BIN)/python -m bench.memory
	$(BIN)/python -m bench.inline

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
