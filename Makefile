# memsim: `make run` (quickstart) and `make test` do all the set-up on a fresh Debian machine.
SHELL := /bin/bash
SWIFT ?= swift
VENV := .venv
PYTHON := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
QUICKSTART_OUT := results/quickstart
TEST_OUT := .build/test-quickstart
# The Swift sources that .swift-format governs (`make format` rewrites them, `make test` lints them).
FORMATTED := Sources Tests Benchmarks Package.swift Examples/custom-policy/Package.swift Examples/custom-policy/Sources

.PHONY: run test bench format deps system-packages slurm-packages venv build-release install clean

## run: install what is missing, build (release), run the quickstart sweep, draw its plot.
run: deps build-release
	.build/release/memsim run Experiments/quickstart.yaml --out $(QUICKSTART_OUT)
	$(PYTHON) notebooks-text/quickstart.py $(QUICKSTART_OUT)

## test: install what is missing, build, run every test, the quickstart, every paper
## reproduction (fails if a claim fails; release build, as users run them), then the notebooks.
test: deps
	@# The repository stands alone: nothing reads the workspace's shared folder.
	@! grep -rnE '\.\./shar[e]d' Tests Sources Experiments Benchmarks Makefile tools notebooks-text || \
		{ echo "the files above read the shared folder beside the repository; it must stand alone"; exit 1; }
	python3 tools/check_structure.py
	$(SWIFT) format lint --strict --recursive $(FORMATTED)
	$(SWIFT) build --build-tests
	MEMSIM_BIN=$(CURDIR)/.build/debug/memsim MEMSIM_ROOT=$(CURDIR) $(SWIFT) test --skip-build
	rm -rf $(TEST_OUT)
	.build/debug/memsim run Experiments/quickstart.yaml --out $(TEST_OUT) --strict-claims
	@# A program built on memsim's library adds a paging policy (MRU) and runs it like a built-in one.
	cd Examples/custom-policy && $(SWIFT) build && \
		.build/debug/custom-memsim run mru-vs-lru.yaml --out $(CURDIR)/$(TEST_OUT)/custom-policy --strict-claims && \
		.build/debug/custom-memsim paging ../../data/traces/cloudPhysicsIO.txt --policies mru,lru --sizes 100 | grep -q '^mru'
	$(MAKE) build-release
	@# The installed binary runs a reproduction from any directory and knows its commit.
	rm -rf $(TEST_OUT)/prefix $(TEST_OUT)/installed
	$(MAKE) install PREFIX=$(CURDIR)/$(TEST_OUT)/prefix
	cd "$$(mktemp -d)" && $(CURDIR)/$(TEST_OUT)/prefix/bin/memsim --version | grep -E 'commit [0-9a-f]{40}' && \
		$(CURDIR)/$(TEST_OUT)/prefix/bin/memsim reproduce sleator-tarjan --out $(CURDIR)/$(TEST_OUT)/installed
	@# Slurm: a one-node cluster of this machine runs the quickstart as a job array and a merge.
	$(MAKE) slurm-packages
	tools/slurm-test.sh .build/release/memsim $(TEST_OUT)
	.build/release/memsim reproduce --all --out $(TEST_OUT)/reproductions
	$(PYTHON) tools/check_claims.py $(TEST_OUT)/reproductions
	for target in paging sessions adapters replay kv_eviction agent_memory; do \
		$(PYTHON) notebooks-text/$${target}_reproductions.py $(TEST_OUT)/reproductions && \
		test -s $(TEST_OUT)/reproductions/$${target}_reproductions.png || exit 1; \
	done
	$(PYTHON) notebooks-text/quickstart.py $(TEST_OUT)
	test -s $(TEST_OUT)/quickstart.png
	@# The general notebook draws any sweep: the quickstart, and a sessions reproduction.
	$(PYTHON) notebooks-text/sweep.py $(TEST_OUT) --x cache_fraction --y miss_ratio --series policy --logx
	test -s $(TEST_OUT)/sweep-miss_ratio-vs-cache_fraction.png && test -s $(TEST_OUT)/sweep-miss_ratio-vs-cache_fraction.pdf
	$(PYTHON) notebooks-text/sweep.py $(TEST_OUT)/reproductions/pensieve --x workload.arrival_rate --y ttft_p50 \
		--series retention --logy --out $(TEST_OUT)/pensieve-ttft
	test -s $(TEST_OUT)/pensieve-ttft.png && test -s $(TEST_OUT)/pensieve-ttft.pdf
	@echo "notebook: quickstart.png drawn ($$(stat -c %s $(TEST_OUT)/quickstart.png) bytes)"

## format: rewrite the Swift sources in the style of .swift-format (swift-format ships with the toolchain).
format:
	$(SWIFT) format --in-place --recursive $(FORMATTED)

## bench: throughput benchmarks (release build); fails if a goal is missed.
bench: deps
	$(SWIFT) build -c release --product memsim-bench
	.build/release/memsim-bench

deps: system-packages venv

## system-packages: GSL, zstd (and pkg-config) from apt when missing.
system-packages:
	@if ! pkg-config --exists gsl libzstd 2>/dev/null; then \
		echo "installing libgsl-dev, libzstd-dev and pkg-config with apt"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libgsl-dev libzstd-dev pkg-config; \
	fi

## slurm-packages: Debian's Slurm (slurmctld, slurmd and the clients) from apt when missing,
## for make test's one-node cluster.
slurm-packages:
	@if ! command -v slurmctld >/dev/null || ! command -v sbatch >/dev/null; then \
		echo "installing slurm-wlm with apt"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq slurm-wlm; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	@if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then \
		echo "installing python3-venv with apt"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3 python3-venv; \
	fi
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

build-release:
	$(SWIFT) build -c release --product memsim
	@# The commit the binary is built from, for `memsim --version` and every manifest.
	@{ git rev-parse HEAD 2>/dev/null || echo unknown; } | tr -d '\n' > .build/release/memsim.commit
	@[ -z "$$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || printf -- '-dirty' >> .build/release/memsim.commit

## install: build (release) and install memsim under PREFIX (default /usr/local): bin/memsim,
## and share/memsim/ with the reproduction specs and the traces they read.
PREFIX ?= /usr/local
install: system-packages build-release
	install -d $(PREFIX)/bin $(PREFIX)/share/memsim/Experiments/reproductions $(PREFIX)/share/memsim/data/traces
	install -m 755 .build/release/memsim $(PREFIX)/bin/memsim
	install -m 644 .build/release/memsim.commit $(PREFIX)/share/memsim/commit
	install -m 644 Experiments/reproductions/*.yaml $(PREFIX)/share/memsim/Experiments/reproductions/
	cd data && find traces -type f -exec install -D -m 644 {} $(PREFIX)/share/memsim/data/{} \;
	@echo "installed $(PREFIX)/bin/memsim ($$($(PREFIX)/bin/memsim --version))"

clean:
	rm -rf .build results $(VENV)
