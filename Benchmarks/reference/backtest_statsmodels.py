#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The statsmodels peers of `ipfin backtest`, scored on exactly ipfin's checks.

Reads the filings CSV and the checks CSV that `ipfin backtest --out` wrote, refits two peers at
every (series, origin) of those checks on the same points (the series' points up to the origin,
only the latest run of one unit), and scores them on the same (series, origin, year) checks:

  ets    statsmodels ETS(A,Ad,N) on ln y: ETSModel(error="add", trend="add",
         damped_trend=True), maximum likelihood, analytic prediction intervals. ETSModel
         cannot pass a missing year, so a window with a gap is fitted by the state-space form of
         the same model (statespace.ExponentialSmoothing(trend=True, damped_trend=True,
         initialization_method="concentrated")) on the
         annual grid, where a missing year is a prediction step without update.
  arima  ARIMA(0,1,0) with drift on ln y on the annual grid (missing years NaN):
         ARIMA(order=(0, 1, 0), trend="t"), maximum likelihood, Gaussian intervals without
         parameter uncertainty.

Scores as ipfin's (log scale): the interval score at 80% and 95%,
IS = (u - l) + (2/a)(l - y)[y < l] + (2/a)(y - u)[y > u], and the CRPS of the Gaussian
predictive distribution in closed form, s (x (2 Phi(x) - 1) + 2 phi(x) - 1/sqrt(pi)),
x = (y - m) / s. Prints one table, ipfin's methods (from the checks CSV) and the peers pooled
over the same checks: those every ipfin method scored and both peers could forecast; then the
number of origins where a peer could not forecast.

Usage: backtest_statsmodels.py FILINGS.csv CHECKS.csv   (statsmodels 0.15.0; the calibration
script Benchmarks/calibration.sh installs it in a virtual environment)
"""
import csv
import math
import sys
import warnings
from collections import defaultdict

import numpy as np
import pandas as pd
from scipy import stats

from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.statespace.exponential_smoothing import ExponentialSmoothing

# After the imports: statsmodels sets its own filter for ConvergenceWarning when imported.
warnings.simplefilter("ignore")

LEVELS = (0.8, 0.95)


def read_series(path):
    series = defaultdict(list)
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["office"], row["right"], row["measure"], row["scope"])
            unit = row.get("unit") or "applications"
            series[key].append((int(row["year"]), float(row["value"]), unit))
    return {key: sorted(points) for key, points in series.items()}


def window(points, origin):
    """The points up to `origin`, only the latest run of one unit."""
    upto = [p for p in points if p[0] <= origin]
    start = len(upto) - 1
    while start > 0 and upto[start - 1][2] == upto[-1][2]:
        start -= 1
    return upto[start:]


def grid(points):
    first, last = points[0][0], points[-1][0]
    values = np.full(last - first + 1, np.nan)
    for year, value, _ in points:
        values[year - first] = math.log(value)
    return values


def gaussian_forecasts(kind, points, horizon):
    """Means and standard deviations of ln y, 1 ... horizon years after the last point."""
    z = grid(points)
    if kind == "arima":
        fit = ARIMA(z, order=(0, 1, 0), trend="t").fit()
        forecast = fit.get_forecast(horizon)
        return np.asarray(forecast.predicted_mean), np.asarray(forecast.se_mean)
    if not np.isnan(z).any():
        fit = ETSModel(pd.Series(z), error="add", trend="add", damped_trend=True).fit(disp=False)
        prediction = fit.get_prediction(start=len(z), end=len(z) + horizon - 1)
        return np.asarray(prediction.predicted_mean), np.sqrt(np.asarray(prediction.var_pred_mean))
    fit = ExponentialSmoothing(
        z, trend=True, damped_trend=True, initialization_method="concentrated").fit(disp=False)
    forecast = fit.get_forecast(horizon)
    return np.asarray(forecast.predicted_mean), np.asarray(forecast.se_mean)


def interval_score(lower, upper, y, level):
    a = 1 - level
    return (upper - lower) + 2 / a * max(lower - y, 0) + 2 / a * max(y - upper, 0)


def crps_gaussian(mean, sd, y):
    x = (y - mean) / sd
    return sd * (x * (2 * stats.norm.cdf(x) - 1) + 2 * stats.norm.pdf(x) - 1 / math.sqrt(math.pi))


def main(filings_path, checks_path):
    series = read_series(filings_path)
    with open(checks_path, newline="") as handle:
        checks = list(csv.DictReader(handle))
    methods = sorted({row["method"] for row in checks})
    places = defaultdict(dict)
    for row in checks:
        key = (row["office"], row["right"], row["measure"], row["scope"])
        places[(key, int(row["origin"]), int(row["year"]))][row["method"]] = row
    horizon = max(int(row["horizon"]) for row in checks)
    peers = {"statsmodels ETS(A,Ad,N)": "ets", "ARIMA(0,1,0) drift": "arima"}
    forecasts = {}
    failed = defaultdict(int)
    for key, origin in sorted({(place[0], place[1]) for place in places}):
        points = window(series[key], origin)
        for name, kind in peers.items():
            try:
                mean, sd = gaussian_forecasts(kind, points, horizon)
                ok = np.all(np.isfinite(mean)) and np.all(np.isfinite(sd)) and np.all(sd > 0)
                forecasts[(name, key, origin)] = (mean, sd) if ok else None
            except Exception:  # a fit that fails leaves the peer without a forecast
                forecasts[(name, key, origin)] = None
            if forecasts[(name, key, origin)] is None:
                failed[name] += 1
    scores = defaultdict(list)
    for (key, origin, year), by_method in sorted(places.items()):
        if len(by_method) < len(methods):
            continue
        if any(row["interval_score80"] == "" for row in by_method.values()):
            continue
        y = math.log(float(next(iter(by_method.values()))["actual"]))
        h = year - origin
        rows = {}
        for name in peers:
            forecast = forecasts[(name, key, origin)]
            if forecast is None:
                break
            mean, sd = forecast[0][h - 1], forecast[1][h - 1]
            row = {"ape": abs(math.exp(mean) - math.exp(y)) / math.exp(y),
                   "crps": crps_gaussian(mean, sd, y)}
            for level in LEVELS:
                q = stats.norm.ppf((1 + level) / 2)
                lower, upper = mean - q * sd, mean + q * sd
                row["in%d" % round(level * 100)] = lower <= y <= upper
                row["is%d" % round(level * 100)] = interval_score(lower, upper, y, level)
            rows[name] = row
        if len(rows) < len(peers):
            continue
        for method, check in by_method.items():
            scores[method].append({
                "ape": abs(float(check["point"]) - float(check["actual"])) / float(check["actual"]),
                "crps": float(check["crps"]) if check["crps"] else float("nan"),
                "in80": check["in80"] == "true", "in95": check["in95"] == "true",
                "is80": float(check["interval_score80"]), "is95": float(check["interval_score95"]),
            })
        for name, row in rows.items():
            scores[name].append(row)
    order = [m for m in dict.fromkeys(row["method"] for row in checks)] + list(peers)
    header = ["method", "n", "coverage80", "coverage95", "mape", "interval_score80",
              "interval_score95", "crps"]
    table = [header]
    for name in order:
        rows = scores[name]
        if not rows:
            continue
        mean = lambda field: sum(r[field] for r in rows) / len(rows)  # noqa: E731
        table.append([name, str(len(rows)), "%.1f%%" % (100 * mean("in80")),
                      "%.1f%%" % (100 * mean("in95")), "%.1f%%" % (100 * mean("ape")),
                      "%.3f" % mean("is80"), "%.3f" % mean("is95"), "%.3f" % mean("crps")])
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for index, row in enumerate(table):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        print("  ".join(cells).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))
    for name in peers:
        if failed[name]:
            print("%s could not forecast at %d of %d origins" % (name, failed[name], len(
                {(place[0], place[1]) for place in places})))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: backtest_statsmodels.py FILINGS.csv CHECKS.csv")
    main(sys.argv[1], sys.argv[2])
