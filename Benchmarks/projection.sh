#!/bin/sh
# The projection benchmark: ipfin's logistic fit plus 1,000 bootstrap refits against
# scipy.optimize.curve_fit doing the same refits, and ipfin project --model all with 2,000
# simulated paths (in process and as the command), all measured in this one run.
# Usage: Benchmarks/projection.sh   (or Benchmarks/run.sh, make bench)
set -eu
cd "$(dirname "$0")"
swift build -c release --product ProjectionBenchmark >/dev/null
swift build -c release --product ipfin --package-path .. >/dev/null

swift_output=$(.build/release/ProjectionBenchmark)
python_output=$(python3 reference/projection_scipy.py ../datasets/ip-filings.csv)
ipfin_seconds=$(python3 - <<'PYTHON'
import subprocess, time
command = ["../.build/release/ipfin", "project", "--office", "VN", "--right", "invention",
           "--model", "all", "--simulations", "2000", "--format", "csv"]
times = []
for _ in range(5):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - start)
print("%.6f" % sorted(times)[2])
PYTHON
)

value() { printf '%s\n' "$1" | awk -v key="$2" '$1 == key { print $2 }'; }
ipfin_refits=$(value "$swift_output" logistic_fit_and_1000_refits)
scipy_refits=$(value "$python_output" logistic_fit_and_1000_refits)
project_all=$(value "$swift_output" project_all_models_2000_paths)

echo "Viet Nam inventions 1989-2024 (33 points), medians of 5 runs:"
printf '  logistic fit + 1,000 bootstrap refits   ipfin %8.4f s   scipy curve_fit %8.4f s   ratio %6.1fx (target >= 10x)\n' \
  "$ipfin_refits" "$scipy_refits" "$(echo "$scipy_refits / $ipfin_refits" | bc -l)"
printf '  Projector.project --model all, 2,000 paths      %8.4f s (target well under 1 s)\n' "$project_all"
printf '  ipfin project --model all --simulations 2000   %8.4f s, the whole command\n' "$ipfin_seconds"
printf '  the logistic estimates: ipfin%s; scipy%s\n' \
  "$(printf '%s\n' "$swift_output" | awk '$1 == "estimate" { $1 = ""; print }')" \
  "$(printf '%s\n' "$python_output" | awk '$1 == "estimate" { $1 = ""; print }')"
