#!/bin/sh
# The main job (`make run`): compares the example scenarios and writes their visual report.
# Usage: scripts/main-job.sh IPFIN OUTDIR
#   IPFIN   the ipfin executable (make run passes .build/release/ipfin)
#   OUTDIR  where comparison.csv, projections.csv and report/ go (make run passes out)
# The scenarios are examples/scenarios/*.yaml in name order, so baseline.yaml comes first and
# is the baseline of every change in percent. Prints the comparison table on standard output
# and notes (seeds, warnings, the files written) on standard error. The end-to-end tests run
# this same script.
set -eu
ipfin=$1
out=$2
cd "$(dirname "$0")/.."
export LC_ALL=C
# --out FILE replaces standard output, so the table and the CSV take one run each (the runs
# are reproducible from the scenarios' seeds: both show the same figures).
"$ipfin" compare examples/scenarios/*.yaml --projections "$out/projections.csv"
"$ipfin" compare examples/scenarios/*.yaml --out "$out/comparison.csv"
"$ipfin" report examples/scenarios/*.yaml --out "$out/report"
