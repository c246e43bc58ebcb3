#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference numbers for DampedTrendTests.swift: statsmodels' ETSModel(error="add", trend="add",
damped_trend=True) on a contiguous series simulated from a known damped trend (seed 12).

Prints the series, then (1) the log-likelihood and 5 forecasts at fixed parameters, and
(2) the maximum-likelihood fit (parameters, log-likelihood, 5 forecasts). The fit is confirmed
to be the global maximum by refitting from a grid of starting values.

Run: python3 damped_trend_statsmodels.py   (statsmodels 0.15.0, numpy 2.4.6 produced the
numbers in the test)
"""
import warnings

import numpy as np
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

warnings.simplefilter("ignore")


def simulate(seed):
    """40 values of ETS(A,Ad,N): alpha 0.5, beta 0.15, phi 0.9, l0 5, b0 0.3, sigma 0.05."""
    rng = np.random.default_rng(seed)
    alpha, beta, phi, level, slope, sigma = 0.5, 0.15, 0.9, 5.0, 0.3, 0.05
    values = []
    for _ in range(40):
        prediction = level + phi * slope
        error = sigma * rng.standard_normal()
        values.append(prediction + error)
        level = prediction + alpha * error
        slope = phi * slope + beta * error
    return np.round(np.array(values), 6)


z = simulate(12)
model = ETSModel(z, error="add", trend="add", damped_trend=True)
print("series:", ", ".join(f"{v:.6f}" for v in z))

fixed = np.array([0.3, 0.1, 0.9, 5.0, 0.2])  # alpha, beta, phi, l0, b0
smoothed = model.smooth(fixed)
print("fixed llf: %.15g" % model.loglike(fixed))
print("fixed forecast:", ", ".join("%.15g" % v for v in smoothed.forecast(5)))

best = model.fit(disp=False)
for alpha in (0.2, 0.5, 0.8):
    for beta_share in (0.1, 0.5):
        for phi in (0.85, 0.95):
            start = [alpha, alpha * beta_share, phi, z[0], z[1] - z[0]]
            other = model.fit(start_params=start, disp=False)
            if other.llf > best.llf + 1e-9:
                best = other
print("fit params:", ", ".join("%.15g" % v for v in best.params))
print("fit llf: %.15g" % best.llf)
print("fit forecast:", ", ".join("%.15g" % v for v in best.forecast(5)))
