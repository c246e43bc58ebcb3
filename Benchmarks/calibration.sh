#!/bin/sh
# The calibration table (`make calibration`): ipfin backtest on every bundled series with at
# least 12 points (the last 8 origins, 1-5 years ahead) for the default model, auto and the
# drift and damped trend, against the statsmodels peers scored on the same checks, all in this
# one run; then the default against each other model on the checks both could forecast.
# statsmodels is installed by this script in a virtual environment (Benchmarks/.venv).
# Usage: Benchmarks/calibration.sh   (from any folder)
set -eu
cd "$(dirname "$0")"
swift build -c release --product ipfin --package-path .. >/dev/null
ipfin=../.build/release/ipfin
venv=.venv
if ! "$venv/bin/python" -c "import statsmodels" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet statsmodels==0.15.0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "Bundled series with at least 12 points, last 8 origins, 1-5 years ahead (log scale):"
"$ipfin" backtest --all --min-points 12 --method discounted-drift --method auto \
  --method drift --method damped-trend --out "$work/checks.csv" >/dev/null 2>&1
"$venv/bin/python" reference/backtest_statsmodels.py ../datasets/ip-filings.csv "$work/checks.csv"

echo
echo "The default against each other model, on the checks both could forecast:"
for model in linear exponential logistic gompertz backtest; do
  "$ipfin" backtest --all --min-points 12 --method discounted-drift --method "$model" \
    --format csv 2>/dev/null | tail -n 2
done
