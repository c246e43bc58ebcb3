#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A vectorised numpy implementation of ipfin's Monte Carlo valuation model, written
independently of the Swift code from the model's definition, as a speed reference and an
independent check of the model.

Per asset: remaining life L = min(economic life, legal expiry - valuation date) in years
(actual days / 365.25; legal expiry = filing date + term in calendar years, 29 February becoming
28 February), N = ceil(L), w_k = 1 (k < N), w_N = L - (N - 1). Per path:

    r   ~ PERT(low, mode, high)                           (fixed when low = high)
    R_k = R_{k-1} exp(ln(1+g) - sigma^2/2 + sigma Z_k),   Z_k = sqrt(rho) F_k + sqrt(1-rho) e_k
    T   ~ geometric(h): P(T > k) = (1-h)^k                (pays in years k < T)
    G   ~ Bernoulli(p_grant)
    V   = G sum_{k <= min(N, T-1)} w_k (R_k r (1-delta)^k - m) (1-tau) / (1+d)^(k-0.5)

Paths are simulated in chunks of 200 (small enough for the temporaries of a year, 200 paths x
1,000 assets, to stay in the processor's cache: 5% to 10% faster than chunks of 1,000 on the
benchmark machine), all assets at once, year by year; assets are sorted by N so that year k
only touches the assets still alive in it, and PERT royalties are drawn only for the assets
that have a royalty range. Random numbers come from numpy's default generator (PCG64; normals
by ziggurat).

Usage: valuation_numpy.py PORTFOLIO.csv [--paths 50000] [--seed 1] [--correlation 0.3]
       [--valuation-date 2025-12-31] [--discount-rate 0.15] [--repeats 1]
Prints: paths, seconds (simulation only, the fastest of the repeats), mean, sd, se, expected
value E[V] (analytic).
"""

import argparse
import csv
import datetime
import math
import time

import numpy as np

TERMS = {  # (office, right) -> years from filing; None = unlimited
    ("VN", "invention"): 20, ("VN", "utility_solution"): 10, ("VN", "industrial_design"): 15,
    ("VN", "trademark"): None, ("KR", "invention"): 20, ("KR", "utility_solution"): 10,
    ("KR", "industrial_design"): 20, ("KR", "trademark"): None,
}
ALIASES = {"patent": "invention", "utility_model": "utility_solution",
           "design": "industrial_design"}


def parse_rate(text):
    text = text.strip()
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


def add_years(date, years):
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February in a year without it
        return date.replace(year=date.year + years, day=28)


def read_portfolio(path, valuation_date, default_discount):
    with open(path, encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    assets = []
    for row in csv.DictReader(lines):
        def get(name, default=None, parse=parse_rate):
            value = (row.get(name) or "").strip()
            return parse(value) if value else default
        right = ALIASES.get(row["right"].strip().lower(), row["right"].strip().lower())
        office = row["office"].strip().upper()
        filing = datetime.date.fromisoformat(row["filing_date"])
        term = TERMS[(office, right)]
        legal = math.inf
        if term is not None:
            legal = (add_years(filing, term) - valuation_date).days / 365.25
        economic = get("economic_life", None, float)
        if economic is None:
            economic = 10.0 if right == "trademark" else legal
        life = max(0.0, min(economic, legal))
        pending = not (row.get("grant_date") or "").strip()
        mode = get("royalty_rate")
        assets.append(dict(
            life=life, grant=get("grant_probability") if pending else 1.0,
            revenue=float(row["revenue"]), growth=get("revenue_growth", 0.0),
            sigma=get("revenue_volatility", 0.0), mode=mode, low=get("royalty_low", mode),
            high=get("royalty_high", mode), discount=get("discount_rate", default_discount),
            tax=get("tax_rate", 0.20), decay=get("obsolescence", 0.0),
            hazard=get("invalidity_hazard", 0.0), maintenance=get("maintenance_cost", 0.0, float)))
    return assets


def arrays(assets):
    """Per-asset parameters and per-year weights, assets sorted by N (longest first)."""
    assets = sorted(assets, key=lambda a: -math.ceil(a["life"]))
    field = {key: np.array([a[key] for a in assets]) for key in assets[0]}
    life = field["life"]
    n = np.ceil(life).astype(int)
    years = max(1, int(n.max()))
    k = np.arange(1, years + 1)[:, None]                          # (years, 1)
    weight = np.where(k < n, 1.0, np.where(k == n, life - (n - 1), 0.0))
    discount = (1 + field["discount"]) ** -(k - 0.5)
    royalty_weight = weight * (1 - field["tax"]) * (1 - field["decay"]) ** k * discount
    maintenance = weight * (1 - field["tax"]) * field["maintenance"] * discount
    maintenance_prefix = np.vstack([np.zeros(len(assets)), np.cumsum(maintenance, axis=0)])
    return field, n, years, royalty_weight, maintenance_prefix


def expected_value(field, n, royalty_weight, maintenance_prefix):
    """E[V] summed over assets: the deterministic value at the PERT mean royalty."""
    years = royalty_weight.shape[0]
    k = np.arange(1, years + 1)[:, None]
    mean_royalty = np.where(field["low"] < field["high"],
                            (field["low"] + 4 * field["mode"] + field["high"]) / 6, field["mode"])
    survival = (1 - field["hazard"]) ** k
    revenue = field["revenue"] * (1 + field["growth"]) ** k
    maintenance = np.diff(maintenance_prefix, axis=0)
    values = field["grant"] * np.sum(
        survival * (mean_royalty * royalty_weight * revenue - maintenance), axis=0)
    return float(values.sum())


def simulate(assets, paths, seed, correlation, chunk=200):
    field, n, years, royalty_weight, maintenance_prefix = arrays(assets)
    count = len(assets)
    rng = np.random.default_rng(seed)
    alive_in_year = [(n >= k).sum() for k in range(1, years + 1)]
    ranged = np.flatnonzero(field["low"] < field["high"])   # assets with a PERT royalty
    low, high, mode = field["low"][ranged], field["high"][ranged], field["mode"][ranged]
    span = high - low
    alpha = 1 + 4 * (mode - low) / span
    beta = 1 + 4 * (high - mode) / span
    sigma = field["sigma"]
    drift = np.log1p(field["growth"]) - sigma ** 2 / 2
    factor_loading, own_loading = math.sqrt(correlation), math.sqrt(1 - correlation)
    hazard = field["hazard"]
    totals = np.empty(paths)
    for start in range(0, paths, chunk):
        size = min(chunk, paths - start)
        granted = rng.random((size, count)) < field["grant"]
        royalty = np.broadcast_to(field["mode"], (size, count)).copy()
        royalty[:, ranged] = low + span * rng.beta(alpha, beta, (size, len(ranged)))
        loss_year = np.where(hazard > 0, rng.geometric(np.where(hazard > 0, hazard, 1.0),
                                                       (size, count)), np.iinfo(np.int64).max)
        paying = np.minimum(n, loss_year - 1)                          # K = min(N, T - 1)
        revenue = np.broadcast_to(field["revenue"], (size, count)).copy()
        base = np.zeros((size, count))
        for year in range(1, years + 1):
            alive = alive_in_year[year - 1]
            r, b = revenue[:, :alive], base[:, :alive]
            s = rng.standard_normal((size, alive))
            s *= own_loading
            s += factor_loading * rng.standard_normal((size, 1))
            s *= sigma[:alive]
            s += drift[:alive]
            np.exp(s, out=s)
            r *= s
            np.multiply(r, royalty_weight[year - 1, :alive], out=s)
            s *= paying[:, :alive] >= year
            b += s
        maintenance = np.take_along_axis(
            np.broadcast_to(maintenance_prefix.T, (size, count, years + 1)),
            paying[:, :, None], axis=2)[:, :, 0]
        values = np.where(granted, royalty * base - maintenance, 0.0)
        totals[start:start + size] = values.sum(axis=1)
    return totals, expected_value(field, n, royalty_weight, maintenance_prefix)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("portfolio")
    parser.add_argument("--paths", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--correlation", type=float, default=0.3)
    parser.add_argument("--valuation-date", default="2025-12-31")
    parser.add_argument("--discount-rate", type=float, default=0.15)
    parser.add_argument("--repeats", type=int, default=1,
                        help="run the simulation this many times and report the fastest")
    arguments = parser.parse_args()
    assets = read_portfolio(arguments.portfolio,
                            datetime.date.fromisoformat(arguments.valuation_date),
                            arguments.discount_rate)
    seconds = math.inf
    for _ in range(max(1, arguments.repeats)):
        begin = time.perf_counter()
        totals, expected = simulate(assets, arguments.paths, arguments.seed,
                                    arguments.correlation)
        seconds = min(seconds, time.perf_counter() - begin)
    sd = float(totals.std(ddof=1))
    print(f"paths {arguments.paths}")
    print(f"seconds {seconds:.3f}")
    print(f"mean {float(totals.mean())!r}")
    print(f"sd {sd!r}")
    print(f"se {sd / math.sqrt(arguments.paths)!r}")
    print(f"expected {expected!r}")


if __name__ == "__main__":
    main()
