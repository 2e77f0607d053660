# The README's quick start: `make run` (the main job on the bundled data) and `make test`.
# Both install the system libraries they need (GSL, SQLite headers, pkg-config) with
# apt-get when they are missing, using sudo only when not root.

SWIFT ?= swift
SYSTEM_PACKAGES := libgsl-dev libsqlite3-dev pkg-config
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
SCREEN := .build/release/screen

.PHONY: run test deps build clean

deps:
	@if ! dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1; then \
		echo "installing $(SYSTEM_PACKAGES) with apt-get"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES); \
	fi

build: deps
	$(SWIFT) build -c release --product screen

# The main job: build the descriptor database from Descriptors/ and print what it holds.
run: build
	$(SCREEN) db build
	$(SCREEN) db check
	$(SCREEN) db stats

test: deps
	$(SWIFT) test

clean:
	rm -rf .build .screen
