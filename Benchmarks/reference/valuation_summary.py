#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the valuation benchmark's three parts and prints the figures, ratios and targets.

1. `ipfin value` as a user runs it, with the loan and the 1-year horizon, for its wall time and
   peak resident memory (the children's maximum RSS from getrusage, measured before any other
   child runs).
2. ValuationBenchmark (Swift): ipfin's engine in process on 1 and 2 threads (simulation only,
   the portfolio already read; the fastest of --repeats runs), whole-life without a loan and
   with the loan and the 1-year horizon; and, on the same thread counts, GSL drawing as many
   normals with its ziggurat (the random-number bound), then also as many uniforms (GSL) and
   PERT variates (GSLKit's BetaSampler, as the engine draws them): the rest of what the model
   draws.
3. valuation_numpy.py: the same model, written independently from the formulas and vectorised
   in numpy (simulation only; the fastest of --repeats runs), with the same loan and horizon.
   numpy runs on one core; its ratio to ipfin is printed for ipfin on 1 thread (like with
   like) and on 2 threads (ipfin as it runs by default, on every core). Every figure of the
   loan run is compared with ipfin's: the two implementations draw different random numbers,
   so they must agree within 4 combined standard errors, `sqrt(2)` times numpy's (batch
   means; ipfin's paths are as many and its error as large).
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
    parser.add_argument("--loan", type=float, default=4e11,
                        help="the loan (default 4e11: large enough that many defaults lose)")
    parser.add_argument("--pd", type=float, default=0.03)
    arguments = parser.parse_args()
    paths = str(arguments.paths)

    # `ipfin value` first: the children's maximum RSS is then its own.
    loan = ["--loan", repr(arguments.loan), "--pd", repr(arguments.pd)]
    start = time.perf_counter()
    subprocess.run([arguments.ipfin, "value", arguments.portfolio, "--valuation-date",
                    "2025-12-31", "--paths", paths, "--format", "csv"] + loan,
                   check=True, capture_output=True)
    cli_seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_mib = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    repeats = str(arguments.repeats)
    swift = key_values(run([arguments.engine, arguments.portfolio, paths, repeats,
                            repr(arguments.loan), repr(arguments.pd)]))
    numpy = key_values(run([sys.executable, os.path.join(HERE, "valuation_numpy.py"),
                            arguments.portfolio, "--paths", paths, "--repeats", repeats,
                            "--horizon", "1"] + loan))

    one, two = swift["seconds_1_thread"], swift["seconds_2_threads"]
    loan_one, loan_two = swift["loan_seconds_1_thread"], swift["loan_seconds_2_threads"]
    ziggurat = (swift["ziggurat_seconds_1_thread"], swift["ziggurat_seconds_2_threads"])
    variates = (ziggurat[0] + swift["other_variates_seconds_1_thread"],
                ziggurat[1] + swift["other_variates_seconds_2_threads"])
    numpy_seconds = numpy["seconds"]
    analytic_gap = abs(swift["expected"] - numpy["expected"]) / abs(swift["expected"])

    def row(label, first, second, note=""):
        print(f"{label:<46}{first:>10}{second:>12}  {note}".rstrip())

    print(f"portfolio: {int(swift['assets'])} generated assets, {int(swift['paths'])} paths, "
          f"valuation date 2025-12-31, {os.cpu_count()} cores; times are the fastest of "
          f"{arguments.repeats} runs; loan {arguments.loan:.3g}, pd {arguments.pd}, the other "
          "terms at their defaults")
    row("", "1 thread", "2 threads")
    row("ipfin engine, whole life, no loan", f"{one:.2f} s", f"{two:.2f} s",
        f"speed-up {one / two:.2f}x (target >= 1.7x: {verdict(one / two >= 1.7)})")
    overhead = (loan_one / one, loan_two / two)
    row("ipfin engine, loan and 1-year horizon", f"{loan_one:.2f} s", f"{loan_two:.2f} s",
        f"{overhead[0]:.2f}x and {overhead[1]:.2f}x the whole-life run (target <= 1.3x: "
        f"{verdict(overhead[0] <= 1.3)} and {verdict(overhead[1] <= 1.3)})")
    row("numpy reference, loan and horizon (one core)", f"{numpy_seconds:.2f} s", "")
    ratios = (numpy_seconds / loan_one, numpy_seconds / loan_two)
    row("  numpy time / ipfin time", f"{ratios[0]:.2f}x", f"{ratios[1]:.2f}x",
        f"target >= 3x on 2 threads: {verdict(ratios[1] >= 3)}")
    row(f"GSL ziggurat, {int(swift['normals']):,} normals", f"{ziggurat[0]:.2f} s",
        f"{ziggurat[1]:.2f} s", "the random-number bound (whole-life run)")
    bound = (one / ziggurat[0], two / ziggurat[1])
    row("  ipfin time / ziggurat time", f"{bound[0]:.2f}", f"{bound[1]:.2f}",
        f"target <= 2: {verdict(bound[0] <= 2)} on 1 thread, {verdict(bound[1] <= 2)} on "
        "2 threads")
    row(f"  + {int(swift['royalties']):,} PERT, {int(swift['uniforms']):,} uniform",
        f"{variates[0]:.2f} s", f"{variates[1]:.2f} s", "every variate the model draws")
    row("  ipfin time / time to draw every variate", f"{one / variates[0]:.2f}",
        f"{two / variates[1]:.2f}")
    print(f"ipfin value with the loan (whole command) {cli_seconds:6.2f} s   peak memory "
          f"{peak_mib:.0f} MiB (target < 1024 MiB: {verdict(peak_mib < 1024)})")
    print(f"analytic E[V] without abandonment: ipfin {swift['expected']:.10e}, numpy "
          f"{numpy['expected']:.10e} (relative difference {analytic_gap:.1e})")

    # Every figure of the loan run, ipfin against numpy.
    names = ["market_value_mean", "market_value_sd", "market_value_p05", "market_value_p50",
             "market_value_p95", "horizon_value_mean", "collateral_value", "lending_value",
             "var95", "es95", "var99", "es99", "hhi", "coverage_orderly", "coverage_forced",
             "default_probability", "collateral_at_default_mean", "collateral_at_default_p10",
             "lgd_mean", "lgd_p90", "expected_credit_loss", "expected_credit_loss_rate",
             "expected_credit_loss_12m", "unexpected_loss99"]
    print(f"{'figure':<28}{'ipfin':>16}{'numpy':>16}{'z':>8}  (z: difference over "
          "sqrt(2) numpy standard errors; target |z| <= 4)")
    worst = 0.0
    for name in names:
        mine, theirs = swift.get(name), numpy.get(name)
        se = numpy.get(f"{name}_se")
        if name == "market_value_mean":
            se = numpy.get("se")
        if mine is None or theirs is None:
            print(f"{name:<28}{'missing':>16}")
            worst = math.inf
            continue
        z = (mine - theirs) / (math.sqrt(2) * se) if se else (0.0 if mine == theirs else math.inf)
        worst = max(worst, abs(z))
        print(f"{name:<28}{mine:>16.6g}{theirs:>16.6g}{z:>+8.2f}")
    print(f"largest |z| {worst:.2f} (target <= 4: {verdict(worst <= 4)})")


if __name__ == "__main__":
    main()
