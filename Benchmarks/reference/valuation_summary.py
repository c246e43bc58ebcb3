#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the valuation benchmark's three parts and prints the figures, ratios and targets.

1. `ipfin value` as a user runs it, for its wall time and peak resident memory (the children's
   maximum RSS from getrusage, measured before any other child runs).
2. ValuationBenchmark (Swift): ipfin's engine in process on 1 and 2 threads (simulation only,
   the portfolio already read; the fastest of --repeats runs), and, on the same thread counts,
   GSL drawing as many normals with its ziggurat (the random-number bound), then also as many
   uniforms (GSL) and PERT variates (GSLKit's BetaSampler, as the engine draws them): the rest
   of what the model draws.
3. valuation_numpy.py: the same model vectorised in numpy (simulation only; the fastest of
   --repeats runs). numpy runs on one core; its ratio to ipfin is printed for ipfin on 1 thread
   (like with like) and on 2 threads (ipfin as it runs by default, on every core).
"""

import argparse
import math
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def key_values(text):
    values = {}
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        values[key] = float(value)
    return values


def run(command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def verdict(ok):
    return "met" if ok else "NOT MET"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portfolio", required=True)
    parser.add_argument("--paths", type=int, default=50_000)
    parser.add_argument("--engine", required=True)
    parser.add_argument("--ipfin", required=True)
    parser.add_argument("--repeats", type=int, default=3,
                        help="timed runs of the engine and of numpy; the fastest is kept")
    arguments = parser.parse_args()
    paths = str(arguments.paths)

    # `ipfin value` first: the children's maximum RSS is then its own.
    start = time.perf_counter()
    subprocess.run([arguments.ipfin, "value", arguments.portfolio, "--valuation-date",
                    "2025-12-31", "--paths", paths, "--format", "csv"],
                   check=True, capture_output=True)
    cli_seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_mib = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    repeats = str(arguments.repeats)
    swift = key_values(run([arguments.engine, arguments.portfolio, paths, repeats]))
    numpy = key_values(run([sys.executable, os.path.join(HERE, "valuation_numpy.py"),
                            arguments.portfolio, "--paths", paths, "--repeats", repeats]))

    one, two = swift["seconds_1_thread"], swift["seconds_2_threads"]
    ziggurat = (swift["ziggurat_seconds_1_thread"], swift["ziggurat_seconds_2_threads"])
    variates = (ziggurat[0] + swift["other_variates_seconds_1_thread"],
                ziggurat[1] + swift["other_variates_seconds_2_threads"])
    numpy_seconds = numpy["seconds"]
    se = math.hypot(swift["se"], numpy["se"])
    z = (swift["mean"] - numpy["mean"]) / se
    analytic_gap = abs(swift["expected"] - numpy["expected"]) / abs(swift["expected"])

    def row(label, first, second, note=""):
        print(f"{label:<46}{first:>10}{second:>12}  {note}".rstrip())

    print(f"portfolio: {int(swift['assets'])} generated assets, {int(swift['paths'])} paths, "
          f"valuation date 2025-12-31, {os.cpu_count()} cores; times are the fastest of "
          f"{arguments.repeats} runs")
    row("", "1 thread", "2 threads")
    row("ipfin engine (simulation only)", f"{one:.2f} s", f"{two:.2f} s",
        f"speed-up {one / two:.2f}x (target >= 1.7x: {verdict(one / two >= 1.7)})")
    row("numpy reference (one core; simulation only)", f"{numpy_seconds:.2f} s", "")
    ratios = (numpy_seconds / one, numpy_seconds / two)
    row("  numpy time / ipfin time", f"{ratios[0]:.2f}x", f"{ratios[1]:.2f}x",
        f"target >= 3x: {verdict(ratios[0] >= 3)} on 1 thread, "
        f"{verdict(ratios[1] >= 3)} on 2 threads")
    row(f"GSL ziggurat, {int(swift['normals']):,} normals", f"{ziggurat[0]:.2f} s",
        f"{ziggurat[1]:.2f} s", "the random-number bound")
    bound = (one / ziggurat[0], two / ziggurat[1])
    row("  ipfin time / ziggurat time", f"{bound[0]:.2f}", f"{bound[1]:.2f}",
        f"target <= 2: {verdict(bound[0] <= 2)} on 1 thread, {verdict(bound[1] <= 2)} on "
        "2 threads")
    row(f"  + {int(swift['royalties']):,} PERT, {int(swift['uniforms']):,} uniform",
        f"{variates[0]:.2f} s", f"{variates[1]:.2f} s", "every variate the model draws")
    row("  ipfin time / time to draw every variate", f"{one / variates[0]:.2f}",
        f"{two / variates[1]:.2f}")
    print(f"ipfin value (whole command) {cli_seconds:8.2f} s   peak memory {peak_mib:.0f} MiB "
          f"(target < 1024 MiB: {verdict(peak_mib < 1024)})")
    print(f"portfolio mean: ipfin {swift['mean']:.6e} (se {swift['se']:.3e}), numpy "
          f"{numpy['mean']:.6e} (se {numpy['se']:.3e}): difference {z:+.2f} standard errors "
          f"(target within 4: {verdict(abs(z) <= 4)})")
    print(f"analytic E[V]: ipfin {swift['expected']:.10e}, numpy {numpy['expected']:.10e} "
          f"(relative difference {analytic_gap:.1e})")


if __name__ == "__main__":
    main()
