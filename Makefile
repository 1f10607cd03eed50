# Parley: `make site` builds the reference site into Public/, `make test` runs the tests.
# Both first make sure libcmark (the CommonMark reference library) is installed.

SWIFT ?= swift
CONFIG ?= debug
PARLEY = .build/$(CONFIG)/parley

.PHONY: site test build deps clean

site: build
	$(PARLEY) build

test: deps
	$(SWIFT) test

build: deps
	$(SWIFT) build -c $(CONFIG) --product parley

# libcmark-dev and pkg-config (to find it) for the build; the cmark command for the tests that check
# `parley render` against it byte for byte.
deps:
	@if ! pkg-config --exists libcmark 2>/dev/null || ! command -v cmark >/dev/null 2>&1; then \
	  if [ "$$(uname)" = Darwin ]; then \
	    echo "libcmark is missing: run 'brew install cmark pkg-config'"; exit 1; \
	  fi; \
	  echo "Installing libcmark-dev, cmark and pkg-config with apt-get…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev cmark pkg-config; \
	fi

clean:
	rm -rf .build Public
