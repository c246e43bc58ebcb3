#!/bin/sh
# Runs every benchmark in one go and prints the figures and the ratios against the references.
# Usage: Benchmarks/run.sh   (or: make bench)
set -eu
cd "$(dirname "$0")"
swift build -c release
for script in projection.sh valuation.sh; do
  if [ -x "./$script" ]; then
    echo "== $script"
    "./$script"
  fi
done
