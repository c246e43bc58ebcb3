#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The reference for ProjectionBenchmark: the logistic fit plus 1,000 residual-bootstrap
refits on Viet Nam's invention filings with scipy.optimize.curve_fit, the same model, scale,
parameterisation, analytic Jacobian and algorithm (Levenberg-Marquardt) as ipfin.

    ln y = kappa - softplus(-r (t - m)),  t = year - 2024,  K = exp(kappa)

Each refit fits fitted + resampled residuals (centred, scaled by sqrt(n / (n - p))) from the
estimate, as ipfin's CurveEngine does, and draws the same future noise. Prints
`logistic_fit_and_1000_refits <median seconds of 5 runs>` and the estimate for comparison.

Usage: projection_scipy.py path/to/ip-filings.csv
"""
import csv
import sys
import time

import numpy as np
from scipy.optimize import curve_fit


def load(path):
    years, values = [], []
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["office"], row["right"], row["measure"], row["scope"])
            if key == ("VN", "invention", "filed", "all"):
                years.append(int(row["year"]))
                values.append(float(row["value"]))
    order = np.argsort(years)
    return np.array(years)[order], np.array(values)[order]


def curve(t, kappa, r, m):
    x = -r * (t - m)
    return kappa - (np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x))))


def jacobian(t, kappa, r, m):
    slope = 1 / (1 + np.exp(r * (t - m)))
    return np.column_stack([np.ones_like(t), (t - m) * slope, -r * slope])


def start_values(t, y):
    """SSlogis-style: OLS of logit(y / K) on t for K = 1.5 max y."""
    cap = 1.5 * y.max()
    share = np.clip(y / cap, 1e-6, 0.999)
    slope, intercept = np.polyfit(t, np.log(share / (1 - share)), 1)
    return [np.log(cap), slope, -intercept / slope]


def run(t, z, rng, refits=1000, horizon=11):
    theta, _ = curve_fit(curve, t, z, p0=start_values(t, np.exp(z)), jac=jacobian, method="lm")
    fitted = curve(t, *theta)
    residuals = z - fitted
    n, p = len(t), 3
    scaled = (residuals - residuals.mean()) * np.sqrt(n / (n - p))
    future = np.arange(1, horizon + 1, dtype=float)
    paths = np.empty((refits, horizon))
    done = 0
    while done < refits:
        sample = fitted + scaled[rng.integers(0, n, n)]
        try:
            refit, _ = curve_fit(curve, t, sample, p0=theta, jac=jacobian, method="lm")
        except RuntimeError:
            continue
        s = np.sqrt(np.sum((sample - curve(t, *refit)) ** 2) / (n - p))
        paths[done] = curve(future, *refit) + s * rng.standard_normal(horizon)
        done += 1
    return theta, paths


def main():
    years, values = load(sys.argv[1])
    t = (years - years[-1]).astype(float)
    z = np.log(values)
    times = []
    for run_index in range(5):
        rng = np.random.default_rng(1989 + run_index)
        start = time.perf_counter()
        theta, _ = run(t, z, rng)
        times.append(time.perf_counter() - start)
    print("logistic_fit_and_1000_refits %.6f" % sorted(times)[2])
    print("estimate K=%.6g r=%.6g tm=%.6g" % (np.exp(theta[0]), theta[1], years[-1] + theta[2]))


if __name__ == "__main__":
    main()
