#!/bin/sh
# Fuzzes ipfin's readers with libFuzzer and AddressSanitizer: the CSV reader, the portfolio
# reader, the filings reader and the scenario loader (Fuzz/, see docs/fuzzing.md).
#
#   scripts/fuzz.sh                 each target for FUZZ_SECONDS seconds (default 60): make fuzz
#   FUZZ_RUNS=10000 scripts/fuzz.sh each target for that many inputs: what make test runs
#   FUZZ_TARGETS="csv scenario"     only those targets
#
# The build goes to .build-fuzz (release, -sanitize=fuzzer,address). Each target starts from
# its seeds: Fuzz/Seeds/<target>/ and the example and data files. A timed run keeps what it
# finds in .build-fuzz/corpus/<target>/ for the next run; a counted run starts afresh with a
# fixed seed, so that it is repeatable. A finding (a crash, a hang over 10 s, an allocation
# over 256 MB, or a refusal without its position) stops the script with the input saved in
# .build-fuzz/findings/ and the command that replays it.
set -eu
cd "$(dirname "$0")/.."
build=.build-fuzz
seconds=${FUZZ_SECONDS:-60}
runs=${FUZZ_RUNS:-}
targets=${FUZZ_TARGETS:-csv portfolio filings scenario}
swift=${SWIFT:-swift}

mkdir -p "$build/findings"
# libFuzzer ships with swift.org's Linux toolchains, not with Xcode's: without it, say so and stop.
probe=$build/probe.swift
printf '@_cdecl("LLVMFuzzerTestOneInput")\npublic func f(_ d: UnsafePointer<UInt8>?, _ n: Int)' \
  >"$probe"
printf ' -> CInt { 0 }\n' >>"$probe"
if ! "${SWIFTC:-swiftc}" -sanitize=fuzzer,address -parse-as-library "$probe" -o "$build/probe" \
  >/dev/null 2>&1; then
  echo "ipfin-fuzz: this Swift toolchain has no libFuzzer (-sanitize=fuzzer); skipping" >&2
  exit 0
fi
"$swift" build -c release --package-path Fuzz --build-path "$build" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING \
  >"$build/build.log" 2>&1 || { cat "$build/build.log" >&2; exit 1; }
binary=$("$swift" build -c release --package-path Fuzz --build-path "$build" \
  --show-bin-path)/ipfin-fuzz

seeds() {
  case "$1" in
    csv) echo examples/portfolio-vn-sample.csv datasets/ip-filings.csv datasets/sources.csv \
      Tests/GSLKitTests/Resources/Longley.csv ;;
    portfolio) echo examples/portfolio-vn-sample.csv ;;
    filings) echo datasets/ip-filings.csv ;;
    scenario) echo examples/scenarios/*.yaml ;;
  esac
}

for target in $targets; do
  if [ -n "$runs" ]; then
    corpus=$(mktemp -d "${TMPDIR:-/tmp}/ipfin-fuzz-$target.XXXXXX")
    budget="-runs=$runs -seed=1"
  else
    corpus=$build/corpus/$target
    budget="-max_total_time=$seconds"
  fi
  mkdir -p "$corpus"
  for seed in $(seeds "$target") Fuzz/Seeds/"$target"/*; do
    [ -f "$seed" ] && cp "$seed" "$corpus/"
  done
  echo "ipfin-fuzz: $target ($budget)" >&2
  log=$build/$target.log
  # A finding aborts; Swift's own crash handler (SWIFT_BACKTRACE) would only add noise.
  # shellcheck disable=SC2086
  if ! SWIFT_BACKTRACE=enable=no IPFIN_FUZZ_TARGET=$target "$binary" "$corpus" $budget \
    -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256 -max_len=16384 -print_final_stats=1 \
    -artifact_prefix="$build/findings/$target-" </dev/null >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "ipfin-fuzz: $target found a problem (log: $log); replay it with:" >&2
    echo "  SWIFT_BACKTRACE=enable=no IPFIN_FUZZ_TARGET=$target \\" >&2
    echo "    $binary $build/findings/$target-<file>" >&2
    exit 1
  fi
  grep -E "^stat::number_of_executed_units|^Done" "$log" | sed "s/^/ipfin-fuzz: $target: /" >&2
  if [ -n "$runs" ]; then rm -rf "$corpus"; fi
done
