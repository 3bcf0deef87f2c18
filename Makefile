# Two commands for a fresh machine with Python 3.11+ and make:
#   make run   - set up .venv and start the app
#   make test  - set up .venv with the test tools, lint, and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

CHROMIUM := /usr/bin/chromium

.PHONY: run test bench browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/streamlit run app.py --server.port $(PORT) --browser.gatherUsageStats false

# The browser tests drive Debian's Chromium (never a downloaded one). As root, install it;
# otherwise say the one command to run. Under CI=true the browser tests fail without it.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's Chromium for the browser tests"; \
	    apt-get update -qq && apt-get install -y -qq chromium; \
	  else \
	    echo "Browser tests need Chromium: run  sudo apt-get install -y chromium"; \
	  fi; \
	fi

test: $(VENV)/.installed-test browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/cascade_speed.py

clean:
	rm -rf $(VENV) .pytest_cache .benchmarks
