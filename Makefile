# evolver — a sandboxed, self-modifying program evolver.
#
# Targets:
#   make deps    install what is missing on a fresh Debian machine (as root): libtcc-dev, tcc, libsqlite3-dev, gcc,
#                and chromium (large; the tests render `evolver report`'s page with it headless)
#   make build   build the evolver, its worker and the benchmark tool
#   make run     build, then evolve the `score` kernel for the default budget (60 s) with `evolver run`
#   make test    build, then run the whole test suite (unit, hostile-kernel corpus, end-to-end)
#   make bench   measure speed and safety figures; prints a table and writes .build/bench.json
#   make clean   remove build products
#
# Variables: SWIFT (swift executable), CONFIG (debug|release for build/run; evolution wants release),
# TEST_CONFIG, BENCH_CONFIG.

SWIFT ?= swift
CONFIG ?= release
TEST_CONFIG ?= debug
BENCH_CONFIG ?= release
PACKAGES := libtcc-dev tcc libsqlite3-dev gcc chromium
TCC_LIB := /usr/lib/x86_64-linux-gnu/tcc/libtcc1.a
BIN = $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path 2>/dev/null)

.PHONY: deps build run test bench clean

deps:
	@missing=""; \
	for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ]; then \
			echo "error: missing Debian packages:$$missing — run 'make deps' as root or 'sudo apt-get install$$missing'" >&2; exit 1; \
		fi; \
		echo "installing$$missing"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null \
			|| { echo "error: apt-get could not install$$missing" >&2; exit 1; }; \
	fi; \
	test -f $(TCC_LIB) || { echo "error: $(TCC_LIB) is missing (Debian's tcc package provides it)" >&2; exit 1; }; \
	command -v $(SWIFT) >/dev/null || { echo "error: $(SWIFT) not found: install Swift 6" >&2; exit 1; }

build: deps
	$(SWIFT) build -c $(CONFIG)

run: build
	$(BIN)/evolver run score

test: deps
	$(SWIFT) build -c $(TEST_CONFIG) --build-tests
	$(SWIFT) test -c $(TEST_CONFIG) --skip-build

bench: deps
	$(SWIFT) build -c $(BENCH_CONFIG)
	$$($(SWIFT) build -c $(BENCH_CONFIG) --show-bin-path)/evolver-bench --output .build/bench.json

clean:
	rm -rf .build
