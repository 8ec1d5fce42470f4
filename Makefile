# Two commands do all set-up on a fresh machine:
#   make site   build the example briefing from content/ into site/
#   make test   run the test suite
# Each creates its own virtual environment in .venv/ on first use.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test serve bench clean lint browser-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/briefgen build

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest

# Debian's chromium for the browser tests (tests/browser), poppler-utils to read the PDFs they print.
# apt-get installs them when missing and we are root, as on CI; Playwright never downloads a browser.
browser-deps:
	@if [ -x /usr/bin/chromium ] && command -v pdftotext >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "installing chromium and poppler-utils with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium poppler-utils fonts-liberation; \
	else echo "browser tests need chromium and poppler-utils: sudo make browser-deps (else they are skipped)"; fi

lint: $(STAMP)
	$(BIN)/ruff check briefgen tests benchmarks scripts
	$(BIN)/ruff format --check briefgen tests benchmarks scripts
	$(BIN)/mypy

serve: $(STAMP)
	$(BIN)/briefgen serve

clean:
	rm -rf site .briefgen-cache
