#!/bin/sh
# The main job (`make run`): compares the example scenarios and writes their visual report.
# Usage: scripts/main-job.sh IPFIN OUTDIR
#   IPFIN   the ipfin executable (make run passes .build/release/ipfin)
#   OUTDIR  where comparison.csv, projections.csv and report/ go (make run passes out)
# The scenarios are examples/scenarios/*.yaml in name order, so baseline.yaml comes first and
# is the baseline of every change in percent. Prints the comparison table on standard output
# and notes (seeds, warnings) on standard error. The end-to-end tests run this same script.
set -eu
ipfin=$1
out=$2
cd "$(dirname "$0")/.."
export LC_ALL=C
"$ipfin" compare examples/scenarios/*.yaml \
  --out "$out/comparison.csv" --projections "$out/projections.csv"
"$ipfin" report examples/scenarios/*.yaml --out "$out/report"
