#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the valuation benchmark's three parts and prints the figures, ratios and targets.

1. `ipfin value` as a user runs it, for its wall time and peak resident memory (the children's
   maximum RSS from getrusage, measured before any other child runs).
2. ValuationBenchmark (Swift): ipfin's engine in process on 1 and 2 threads (simulation only,
   the portfolio already read; the fastest of --repeats runs), and GSL's ziggurat drawing as many normals on one thread (then
   as many PERT and uniform variates, the rest of what the model draws).
3. valuation_numpy.py: the same model vectorised in numpy (simulation only; the fastest of
   --repeats runs).
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
    ziggurat, others = swift["ziggurat_seconds"], swift["other_variates_seconds"]
    numpy_seconds = numpy["seconds"]
    se = math.hypot(swift["se"], numpy["se"])
    z = (swift["mean"] - numpy["mean"]) / se
    analytic_gap = abs(swift["expected"] - numpy["expected"]) / abs(swift["expected"])

    print(f"portfolio: {int(swift['assets'])} generated assets, {int(swift['paths'])} paths, "
          f"valuation date 2025-12-31, {os.cpu_count()} cores; engine and numpy times are the "
          f"fastest of {arguments.repeats} runs")
    print(f"ipfin engine, 1 thread      {one:8.2f} s")
    print(f"ipfin engine, 2 threads     {two:8.2f} s   speed-up {one / two:.2f}x "
          f"(target >= 1.7x: {verdict(one / two >= 1.7)})")
    print(f"numpy reference             {numpy_seconds:8.2f} s   ipfin (2 threads) "
          f"{numpy_seconds / two:.2f}x faster (target >= 3x: "
          f"{verdict(numpy_seconds / two >= 3)}); on 1 thread {numpy_seconds / one:.2f}x")
    print(f"GSL ziggurat, {int(swift['normals']):,} normals   {ziggurat:8.2f} s   ipfin (1 thread) "
          f"/ ziggurat = {one / ziggurat:.2f} (target <= 2: {verdict(one / ziggurat <= 2)})")
    print(f"  + {int(swift['royalties']):,} PERT and {int(swift['uniforms']):,} uniform variates "
          f"{others:.2f} s: all the variates the model draws take {ziggurat + others:.2f} s, "
          f"ipfin (1 thread) / that = {one / (ziggurat + others):.2f}")
    print(f"ipfin value (whole command) {cli_seconds:8.2f} s   peak memory {peak_mib:.0f} MiB "
          f"(target < 1024 MiB: {verdict(peak_mib < 1024)})")
    print(f"portfolio mean: ipfin {swift['mean']:.6e} (se {swift['se']:.3e}), numpy "
          f"{numpy['mean']:.6e} (se {numpy['se']:.3e}): difference {z:+.2f} standard errors "
          f"(target within 4: {verdict(abs(z) <= 4)})")
    print(f"analytic E[V]: ipfin {swift['expected']:.10e}, numpy {numpy['expected']:.10e} "
          f"(relative difference {analytic_gap:.1e})")


if __name__ == "__main__":
    main()
