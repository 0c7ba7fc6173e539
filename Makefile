# EmoCorpus — the two commands a user needs are `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
JOBS ?= $(shell nproc)
DEB_PACKAGES := libsndfile1-dev libsamplerate0-dev libsoxr-dev libxml2-dev libsqlite3-dev libopenblas-dev \
                libfftw3-dev zlib1g-dev pkg-config sqlite3 jq
DEMO_OUT ?= demo-out
CLUSTER_OUT ?= cluster-test-out
BIN_RELEASE = $$($(SWIFT) build -c release --show-bin-path)/emocorpus

.PHONY: all deps build release lint format test demo bench fuzz cluster-test clean

all: build

## deps: install the Debian packages the C shims need (skipped when all are present).
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	else echo "system packages present"; fi

build: deps
	$(SWIFT) build -j $(JOBS)

release: deps
	$(SWIFT) build -c release -j $(JOBS) --product emocorpus

## lint: module layers and folder cycles, package dependencies, generated sources up to date, and
## the toolchain's swift-format with the checked-in .swift-format; warnings fail.
lint:
	python3 scripts/dev/check-package-deps.py
	python3 scripts/dev/check-layers.py
	python3 scripts/dev/embed-mappings.py --check
	python3 scripts/dev/embed-schemas.py --check
	$(SWIFT) format lint --strict -r Sources Tests Benchmarks Package.swift

format:
	$(SWIFT) format -i -r Sources Tests Benchmarks Package.swift

test: deps lint
	$(SWIFT) build --build-tests -j $(JOBS)
	$(SWIFT) test --skip-build --disable-xctest

## demo: synthesize a small CEMO-style corpus, prepare, audit, train and predict on it.
demo: release
	@bash scripts/demo.sh "$(BIN_RELEASE)" "$(DEMO_OUT)"

## cluster-test: the SLURM templates on a one-node Slurm started on this machine (Debian's slurm-wlm
## and munge, installed if missing), checked against a single-machine run; the cluster is stopped after.
cluster-test: release
	@bash scripts/slurm/cluster-test.sh "$(BIN_RELEASE)" "$(CLUSTER_OUT)"

## bench: release-built benchmarks, one `BENCH <name> <value> <unit>` line per figure (the scale group
## runs the release emocorpus binary, so it is built too).
bench: deps
	$(SWIFT) build -c release -j $(JOBS) --product EmoBench
	$(SWIFT) build -c release -j $(JOBS) --product emocorpus
	@$$($(SWIFT) build -c release --show-bin-path)/EmoBench $(ONLY)

## fuzz: libFuzzer targets of every parser of outside input (own scratch path .build-fuzz), each run
## FUZZ_SECONDS; one line `fuzz NAME: RUNS runs, CRASHES crashes` each; exit 1 on any finding.
## FUZZ_ONLY="table votes" runs some; reproducers go to .build-fuzz/findings/.
FUZZ_SECONDS ?= 60
fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) JOBS=$(JOBS) SWIFT=$(SWIFT) bash scripts/dev/fuzz.sh

clean:
	rm -rf .build .build-fuzz $(DEMO_OUT)
