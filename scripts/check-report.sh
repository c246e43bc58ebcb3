#!/bin/sh
# The report as a browser draws it: writes the example scenarios' report, loads it in headless
# Chromium and fails when the page does not render as it should. Run by `make test`, after the
# unit tests; scripts/install-deps.sh --chromium installs Chromium first.
# Usage: scripts/check-report.sh IPFIN [SCREENSHOTS]
#   IPFIN        the ipfin executable (make test passes .build/release/ipfin)
#   SCREENSHOTS  optional: a folder to keep the report and two screenshots in (report-top.png,
#                the top of the page; report-charts.png, the sections of the portfolio value
#                and the loss at default)
# The page is loaded as XHTML (index.html with scripts/render-check.js appended), so a page that
# is not well-formed stops Chromium's XML parser and the check fails; the script measures the
# laid-out page at 1,400 px: every chart is there (one figure per .svg file written), wide,
# drawn, with no text outside its chart and no two texts overlapping; the page does not scroll
# sideways; the summary comes first. See scripts/render-check.js.
set -eu
ipfin=$1
keep=${2:-}
cd "$(dirname "$0")/.."
export LC_ALL=C
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "check-report: Chromium is not installed (run scripts/install-deps.sh --chromium)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
report="$work/report"
if ! "$ipfin" report examples/scenarios/*.yaml --out "$report" 2>"$work/report.log"; then
  cat "$work/report.log" >&2
  exit 1
fi
charts=$(find "$report" -name '*.svg' | wc -l | tr -d ' ')
sed 's#</body>#<script src="render-check.js"></script></body>#' "$report/index.html" \
  >"$report/render-check.xhtml"
cp scripts/render-check.js "$report/"
run_browser() {
  # Headless Chromium, without the sandbox (it runs as root in CI) or a GPU; a minute at most.
  timeout 90 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --no-first-run --user-data-dir="$work/profile" --window-size=1400,"$1" "$2" "$3" \
    2>>"$work/chromium.log"
}
if ! run_browser 1000 --dump-dom "file://$report/render-check.xhtml" >"$work/dom.xml"; then
  tail -5 "$work/chromium.log" >&2
  echo "check-report: Chromium failed to render the report" >&2
  exit 1
fi
result=$(sed -n '/<pre id="render-check">/,/<\/pre>/p' "$work/dom.xml")
figures=$(printf '%s\n' "$result" | sed -n 's/^figures \([0-9]*\)$/\1/p')
status=0
if [ -z "$result" ]; then
  echo "check-report: the page did not run its check: it is not well-formed XHTML" >&2
  grep -o '<parsererror.*</parsererror>' "$work/dom.xml" | head -c 2000 >&2 || true
  status=1
fi
printf '%s\n' "$result" | sed -n 's/^problem: /check-report: /p' >&2
if [ -n "$result" ] && ! printf '%s\n' "$result" | grep -q '^render-check: ok$'; then
  status=1
fi
if [ -n "$figures" ] && [ "$figures" != "$charts" ]; then
  echo "check-report: the page shows $figures charts; the report wrote $charts .svg files" >&2
  status=1
fi
if [ -n "$keep" ]; then
  mkdir -p "$keep"
  rm -rf "$keep/report"
  cp -R "$report" "$keep/report"
  run_browser 1600 --screenshot="$keep/report-top.png" "file://$report/index.html" >/dev/null
  # Headless Chromium does not scroll to an anchor before its screenshot: a copy of the page
  # shows only the sections of the two distributions.
  sed 's#</head>#<style>body > :not(\#portfolio-value):not(\#loss-at-default) { display: none; }</style></head>#' \
    "$report/index.html" >"$report/charts.html"
  run_browser 1600 --screenshot="$keep/report-charts.png" "file://$report/charts.html" >/dev/null
fi
if [ "$status" -eq 0 ]; then
  echo "check-report: $figures charts rendered in Chromium ($("$browser" --version 2>/dev/null | head -n 1))" >&2
fi
exit "$status"
