# ipfin: two commands do all the set-up on a machine with the Swift 6 toolchain.
#   make run    builds in release mode and runs the main job
#   make test   builds and runs every test, renders the report in headless Chromium and fuzzes
#               the file readers briefly
# Both run `deps` first, which installs GSL (libgsl-dev) and pkg-config when pkg-config cannot
# find gsl; `make test` also installs Chromium when it is missing (see scripts/install-deps.sh).

SWIFT ?= swift
CONFIG ?= release
PREFIX ?= /usr/local
IPFIN = .build/$(CONFIG)/ipfin

.PHONY: all deps test-deps build run test fuzz bench calibration clean install uninstall

all: build

deps:
	@./scripts/install-deps.sh

test-deps:
	@./scripts/install-deps.sh --chromium

build: deps
	$(SWIFT) build -c $(CONFIG) --product ipfin

# The main job: compare the example scenarios (baseline first) and write their report:
# out/comparison.csv, out/projections.csv and out/report/index.html (see scripts/main-job.sh).
run: build
	./scripts/main-job.sh $(IPFIN) out

# Every test, in a release build: the statistical tests (10^6 draws, calibration, Monte Carlo
# accuracy) run at full strength there and the whole suite stays within minutes. Then the
# example report is loaded in headless Chromium, which fails on a page that does not render or
# a chart that is missing or broken (scripts/check-report.sh), and a short, repeatable fuzzing
# pass of the file readers runs 10,000 inputs each (scripts/fuzz.sh).
test: test-deps
	$(SWIFT) build -c $(CONFIG) --build-tests
	$(SWIFT) test -c $(CONFIG) --skip-build
	./scripts/check-report.sh $(IPFIN)
	SWIFT=$(SWIFT) FUZZ_RUNS=10000 ./scripts/fuzz.sh

# Fuzzes each file reader with libFuzzer for FUZZ_SECONDS seconds (default 60); see
# docs/fuzzing.md.
fuzz: deps
	SWIFT=$(SWIFT) ./scripts/fuzz.sh

bench: deps
	./Benchmarks/run.sh

install: build
	./scripts/install.sh install .build/$(CONFIG) $(PREFIX)

uninstall:
	./scripts/install.sh uninstall .build/$(CONFIG) $(PREFIX)

# The backtest of the default model against the other models and the statsmodels peers
# (installs statsmodels in Benchmarks/.venv; see docs/statistics.md).
calibration: deps
	./Benchmarks/calibration.sh

clean:
	rm -rf .build .build-fuzz out
