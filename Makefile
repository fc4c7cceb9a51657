# Alliance Kit: two commands do all the set-up.
#   make lab     set up, then open the course in JupyterLab (make lab ARGS=--no-browser prints the URL instead)
#   make test    set up (Chromium too, when root), then run the whole test suite (it builds the website too)
#   make site    build the course website into website/_build/html (REPO_URL=..., HUB_URL=... for launch links)
# Both create or reuse the repository's own virtual environment in .venv/.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARGS   ?=
PYTEST_ARGS ?=
# JupyterLab refuses to start as root unless told it may
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

SITE_ARGS ?=
# axe-core, the accessibility engine the browser tests inject: from the npm registry, pinned, kept in .venv
AXE_VERSION := 4.14.1
AXE_JS := $(VENV)/node/node_modules/axe-core/axe.min.js

.PHONY: lab test setup browser axe site clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps: re-install only when a requirements file changes.
$(VENV)/.course-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.tests-installed: requirements-test.txt requirements-site.txt $(VENV)/.course-installed
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

$(VENV)/.site-installed: requirements-site.txt $(VENV)/.course-installed
	$(BIN)/python -m pip install --quiet -r requirements-site.txt
	touch $@

setup: $(VENV)/.course-installed

lab: setup
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb $(ROOT_FLAG) $(ARGS)

# Debian's Chromium for the real-browser tests (Playwright cannot download its own browser here).
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Note: no chromium and not root: the browser tests will be skipped (sudo apt-get install chromium enables them)."; fi

axe: $(AXE_JS)

$(AXE_JS):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix $(VENV)/node axe-core@$(AXE_VERSION); \
	else echo "Note: no npm: the accessibility audits will be skipped (install Node.js and npm to enable them)."; fi

# The course website, built offline from the lessons executed during the build.
site: $(VENV)/.site-installed
	$(BIN)/python website/build.py $(if $(REPO_URL),--repo-url $(REPO_URL)) $(if $(HUB_URL),--hub-url $(HUB_URL)) $(SITE_ARGS)

test: $(VENV)/.tests-installed browser axe
	$(BIN)/python -m pytest -ra $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts website/_build
