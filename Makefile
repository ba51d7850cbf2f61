# Two commands for a fresh clone: `make site` and `make test`. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SITE_DIR ?= site
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates in the output come from the last commit, never the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: site serve check migrate schema messages test lint chromium graphviz bench screenshots clean
SIZES ?= 100 1000 10000

# The virtualenv, before anything is installed into it.
define make_venv
	@# followthemoney needs PyICU, built against Debian's ICU headers (libicu-dev, pkg-config): installed when absent
	@pkg-config --exists icu-uc 2>/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev pkg-config >/dev/null; }
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
endef

$(VENV)/.installed: pyproject.toml
	$(make_venv)
	$(PY) -m pip install --quiet -e .
	touch $@

# What the tests need besides: on a fresh clone, one pass of pip installs both (the site's packages are among them).
$(VENV)/.installed-test: pyproject.toml
	$(if $(wildcard $(VENV)/.installed),,$(make_venv))
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

## site: build site/ from sources/ (into a temporary folder, swapped in only when the build succeeds)
site: $(VENV)/.installed graphviz
	rm -rf $(SITE_DIR).new
	$(VENV)/bin/mkdocs build --strict --site-dir $(SITE_DIR).new
	$(PY) -m build_scripts swap $(SITE_DIR).new $(SITE_DIR)

## serve: live preview on http://127.0.0.1:8000, rebuilt when sources/ changes (--dirty: only changed pages are re-rendered; --no-strict: a dirty build warns by design)
serve: $(VENV)/.installed graphviz
	$(VENV)/bin/mkdocs serve --livereload --dirty --no-strict --dev-addr 127.0.0.1:8000

## check: report every problem in sources/
check: $(VENV)/.installed
	$(PY) -m build_scripts check sources

## migrate: bring files of earlier formats (the first, before speakers, bases and issuers; the second, with instruments inherited from demands) to today's, in place
migrate: $(VENV)/.installed
	$(PY) -m build_scripts migrate sources

## schema: regenerate the JSON Schemas of the source format in docs/schema/
schema: $(VENV)/.installed
	$(PY) -m build_scripts schema docs/schema

## messages: extract the interface's messages into build_scripts/locale/messages.pot and add new ones, untranslated, to each language's .po
messages: $(VENV)/.installed
	$(PY) -m build_scripts.catalogues

## chromium: Debian's Chromium for the browser tests (installed when absent)
chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## graphviz: Debian's Graphviz, which lays out the network views at build time (installed when absent)
graphviz:
	@command -v dot >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; }

lint: $(VENV)/.installed-test
	$(PY) -m ruff check build_scripts tests
	$(PY) -m ruff format --check build_scripts tests
	$(PY) -m mypy

## test: lint, type-check and run every test, browser tests included, on three workers (the bench harness end to end only where CI is set: `make test CI=1`)
test: $(VENV)/.installed-test chromium graphviz
	$(PY) -m ruff check build_scripts tests
	$(PY) -m ruff format --check build_scripts tests
	@# mypy (about 20 CPU s without its cache) beside the tests, in the time the workers wait on Chromium and on each other; printed, and failing the run, once they end
	@# Three workers on two cores: a worker waiting on Chromium, on a server or on a build it started leaves its core to another (two workers kept the CPU busy 78 % of the time)
	@# Modules and classes go to the workers in file order, not most tests first (xdist's default), which left the one-test whole-harness class (CI) to the end while the other worker idled
	@typed=$$(mktemp); $(PY) -m mypy >$$typed 2>&1 & mypy=$$!; \
	$(PY) -m pytest -n 3 --dist loadscope --no-loadscope-reorder $(if $(CI),,-m "not slow"); tests=$$?; \
	wait $$mypy; types=$$?; cat $$typed; rm -f $$typed; \
	[ $$tests = 0 ] && [ $$types = 0 ]

## bench: `dossier suggest` against its 50 ms target, then time and memory of every step at 100, 1,000 and 10,000 synthetic sources (SIZES="100 1000" for fewer, QUICK=1 for a quick run); fails when suggest is over its target, a step fails or a generated page is over 60 KB
bench: $(VENV)/.installed-test graphviz
	$(PY) -m tests.bench_suggest; suggest=$$?; \
	$(PY) -m tests.bench_pipeline $(if $(QUICK),--quick,--sizes "$(SIZES)") && exit $$suggest

## screenshots: the README's images, taken from the built site in Chromium
screenshots: site $(VENV)/.installed-test chromium
	$(PY) -m tests.screenshots $(SITE_DIR) docs/images

clean:
	rm -rf $(SITE_DIR) $(SITE_DIR).new $(SITE_DIR).old
