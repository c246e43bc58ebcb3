#!/bin/sh
# The report as a browser draws it: writes reports, loads each in headless Chromium and fails
# when a page does not render as it should. Run by `make test`, after the unit tests;
# scripts/install-deps.sh --chromium installs Chromium first.
# Usage: scripts/check-report.sh IPFIN [SCREENSHOTS]
#   IPFIN        the ipfin executable (make test passes .build/release/ipfin)
#   SCREENSHOTS  optional: a folder to keep the example report and two screenshots in
#                (report-top.png, the top of the page; report-charts.png, the sections of the
#                portfolio value and the loss at default)
# Two reports are checked: the example scenarios' (as `make run` writes it), and a hostile one
# (a scenario with a name 200 characters long, with a word of 120 letters and XML's special
# characters, beside a copy of the baseline with fewer paths). Each page is loaded as XHTML
# (index.html with scripts/render-check.js appended), so a page that is not well-formed stops
# Chromium's XML parser and the check fails; the script measures the laid-out page at
# 1,400 px: every chart is there (one figure per .svg file written), wide, drawn, with no text
# outside its chart and no two texts overlapping; the page does not scroll sideways; the summary
# comes first. See scripts/render-check.js.
set -eu
ipfin=$1
keep=${2:-}
cd "$(dirname "$0")/.."
root=$(pwd)
export LC_ALL=C
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "check-report: Chromium is not installed (run scripts/install-deps.sh --chromium)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_browser() {
  # Headless Chromium, without the sandbox (it runs as root in CI) or a GPU; 90 s at most.
  timeout 90 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --hide-scrollbars --no-first-run --user-data-dir="$work/profile" \
    --window-size=1400,"$1" "$2" "$3" \
    2>>"$work/chromium.log"
}

# check NAME SCENARIO...: writes the report of the scenarios into $work/NAME and checks it;
# prints what is wrong on standard error and returns 1 when anything is.
check() {
  name=$1
  shift
  report="$work/$name"
  if ! "$ipfin" report "$@" --out "$report" 2>"$work/$name.log"; then
    cat "$work/$name.log" >&2
    return 1
  fi
  charts=$(find "$report" -name '*.svg' | wc -l | tr -d ' ')
  sed 's#</body>#<script src="render-check.js"></script></body>#' "$report/index.html" \
    >"$report/render-check.xhtml"
  cp scripts/render-check.js "$report/"
  if ! run_browser 1000 --dump-dom "file://$report/render-check.xhtml" >"$work/$name.xml"; then
    tail -5 "$work/chromium.log" >&2
    echo "check-report: $name: Chromium failed to render the report" >&2
    return 1
  fi
  result=$(sed -n '/<pre id="render-check">/,/<\/pre>/p' "$work/$name.xml")
  figures=$(printf '%s\n' "$result" | sed -n 's/^figures \([0-9]*\)$/\1/p')
  if [ -z "$result" ]; then
    echo "check-report: $name: the page did not run its check: it is not well-formed XHTML" >&2
    grep -o '<parsererror.*</parsererror>' "$work/$name.xml" | head -c 2000 >&2 || true
    return 1
  fi
  failed=0
  printf '%s\n' "$result" | sed -n "s/^problem: /check-report: $name: /p" >&2
  if ! printf '%s\n' "$result" | grep -q '^render-check: ok$'; then
    failed=1
  fi
  if [ "$figures" != "$charts" ]; then
    echo "check-report: $name: the page shows $figures charts; the report wrote $charts .svg files" >&2
    failed=1
  fi
  if [ "$failed" -eq 0 ]; then
    echo "check-report: $name: $figures charts rendered" >&2
  fi
  return "$failed"
}

status=0
check examples examples/scenarios/*.yaml || status=1

# The hostile report: long names cut in the charts, special characters escaped.
long="Stress & <recovery> $(printf 'x%.0s' $(seq 1 120)) with a long name that goes on and on"
cat >"$work/quick.yaml" <<YAML
name: quick
extends: $root/examples/scenarios/baseline.yaml
projection:
  simulations: 200
valuation:
  paths: 2000
YAML
cat >"$work/hostile.yaml" <<YAML
name: $long
extends: quick.yaml
valuation:
  discount_rate_shift: 0.02
YAML
check hostile "$work/quick.yaml" "$work/hostile.yaml" || status=1

if [ -n "$keep" ]; then
  mkdir -p "$keep"
  rm -rf "$keep/report"
  cp -R "$work/examples" "$keep/report"
  run_browser 1600 --screenshot="$keep/report-top.png" "file://$keep/report/index.html" \
    >/dev/null
  # Headless Chromium does not scroll to an anchor before its screenshot: a copy of the page
  # shows only the sections of the two distributions.
  sed 's#</head>#<style>body > :not(\#portfolio-value):not(\#loss-at-default) { display: none; }</style></head>#' \
    "$keep/report/index.html" >"$work/charts.html"
  cp "$work/charts.html" "$keep/report/charts.html"
  run_browser 1600 --screenshot="$keep/report-charts.png" "file://$keep/report/charts.html" \
    >/dev/null
  rm -f "$keep/report/charts.html"
fi
if [ "$status" -eq 0 ]; then
  echo "check-report: rendered in $("$browser" --version 2>/dev/null | head -n 1)" >&2
fi
exit "$status"
