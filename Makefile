# Two commands for a fresh machine with Python 3.11+ and make:
#   make run   - set up .venv and start the app
#   make test  - set up .venv with the test tools, lint, and run every test
#   make serve - serve a class: app processes behind nginx on PORT (8080), PROCESSES (cores)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

CHROMIUM := /usr/bin/chromium
# `make serve` listens on 8080 unless PORT is given (`make run` keeps 8501).
SERVE_PORT := $(if $(filter command line environment,$(origin PORT)),$(PORT),8080)
PROCESSES ?=

.PHONY: run serve test bench browser nginx clean

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

# Serve a class (README, "Serve a class"): N app processes behind Debian's nginx.
serve: $(VENV)/.installed nginx
	@PORT=$(SERVE_PORT) PROCESSES=$(PROCESSES) $(BIN)/python deploy/serve.py

# `make serve` and tests/test_serve.py need Debian's nginx. As root, install it; otherwise
# say the one command to run. Under CI=true the serve tests fail without it.
nginx:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's nginx (about 2 MB)"; \
	    apt-get update -qq && apt-get install -y -qq nginx; \
	    systemctl disable --now nginx >/dev/null 2>&1 || service nginx stop >/dev/null 2>&1 || true; \
	  else \
	    echo "Serving a class needs nginx: run  sudo apt-get install -y nginx"; \
	  fi; \
	fi

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

test: $(VENV)/.installed-test browser nginx
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/cascade_speed.py

clean:
	rm -rf $(VENV) .pytest_cache .benchmarks
