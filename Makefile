# ipfin: two commands do all the set-up on a machine with the Swift 6 toolchain.
#   make run    builds in release mode and runs the main job
#   make test   builds and runs every test, and fuzzes the file readers briefly
# Both run `deps` first, which installs GSL (libgsl-dev) and pkg-config when pkg-config cannot
# find gsl (see scripts/install-deps.sh).

SWIFT ?= swift
CONFIG ?= release
IPFIN = .build/$(CONFIG)/ipfin

.PHONY: all deps build run test fuzz bench clean

all: build

deps:
	@./scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG) --product ipfin

# The main job: compare the example scenarios (baseline first) and write their report:
# out/comparison.csv, out/projections.csv and out/report/index.html (see scripts/main-job.sh).
run: build
	./scripts/main-job.sh $(IPFIN) out

# Every test, in a release build: the statistical tests (10^6 draws, calibration, Monte Carlo
# accuracy) run at full strength there and the whole suite stays within minutes. Then a short,
# repeatable fuzzing pass of the file readers: 10,000 inputs each (scripts/fuzz.sh).
test: deps
	$(SWIFT) build -c $(CONFIG) --build-tests
	$(SWIFT) test -c $(CONFIG) --skip-build
	SWIFT=$(SWIFT) FUZZ_RUNS=10000 ./scripts/fuzz.sh

# Fuzzes each file reader with libFuzzer for FUZZ_SECONDS seconds (default 60); see
# docs/fuzzing.md.
fuzz: deps
	SWIFT=$(SWIFT) ./scripts/fuzz.sh

bench: deps
	./Benchmarks/run.sh

clean:
	rm -rf .build .build-fuzz out
