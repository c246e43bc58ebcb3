#!/bin/sh
# The valuation benchmark, in one run: ipfin's Monte Carlo engine on a generated 1,000-asset
# portfolio (50,000 paths), on 1 and 2 threads, against a vectorised numpy implementation of the
# same model (one core; ratios printed for both thread counts) and against drawing as many
# random variates alone on the same thread counts (the normals with GSL's ziggurat: the
# random-number bound; then also the uniforms, by GSL, and the PERT royalties, by GSLKit's
# BetaSampler as the engine draws them), with the peak memory of `ipfin value` and a check that
# numpy's portfolio mean agrees with ipfin's.
# Usage: Benchmarks/valuation.sh   (or: make bench; PATHS=... and REPEATS=... change the path
# count and the number of timed runs, of which the fastest is kept)
set -eu
cd "$(dirname "$0")"
mkdir -p out
python3 reference/generate_portfolio.py out/portfolio-1000.csv
(cd .. && swift build -c release --product ipfin >/dev/null)
swift build -c release --product ValuationBenchmark >/dev/null
python3 reference/valuation_summary.py \
  --portfolio out/portfolio-1000.csv --paths "${PATHS:-50000}" \
  --engine .build/release/ValuationBenchmark --ipfin ../.build/release/ipfin \
  --repeats "${REPEATS:-3}"
