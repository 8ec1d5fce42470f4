# Two commands do all set-up on a fresh machine:
#   make site   build the example briefing from content/ into site/
#   make test   run the test suite
# Each creates its own virtual environment in .venv/ on first use.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test serve bench clean lint

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/briefgen build

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check briefgen tests benchmarks
	$(BIN)/mypy

serve: $(STAMP)
	$(BIN)/briefgen serve

clean:
	rm -rf site .briefgen-cache
