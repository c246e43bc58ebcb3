#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the deterministic 1,000-asset benchmark portfolio for `ipfin value`.

Every option of the portfolio format is in use: both offices, all four rights (and the aliases
patent, utility_model and design), pending applications, granted rights, remaining lives up to
20 years at the valuation date 2025-12-31, PERT royalty ranges and fixed royalties, growth
(negative too), volatility, discount and tax rates given or left to the defaults, economic
lives, obsolescence, invalidity hazards, maintenance costs, rates as fractions and as
percentages. A KR design filed before 2014-07-01 is always registered (it runs 15 years from
registration, so a pending one would be refused). The same seed always gives the same file
(Python's Mersenne Twister, random() only).

Usage: generate_portfolio.py [OUTPUT] [--assets N]
"""

import argparse
import datetime
import random

VALUATION_DATE = datetime.date(2025, 12, 31)
KR_DESIGN_FROM_FILING = datetime.date(2014, 7, 1)


def rate(value, rng):
    """A rate as a fraction or, one time in three, as a percentage."""
    if rng.random() < 1 / 3:
        return f"{value * 100:.3f}%"
    return f"{value:.5f}"


def day_between(start, end, rng):
    span = (end - start).days
    return start + datetime.timedelta(days=int(rng.random() * span))


def grant_probability(drawn, pending, rng):
    """The grant probability of a pending row; drawn (but left empty) when `drawn` only."""
    value = rate(0.3 + 0.6 * rng.random(), rng) if drawn else ""
    return value if pending else ""


def generate(count, seed=2025):
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        u = rng.random()
        right = ("invention" if u < 0.40 else "utility_solution" if u < 0.60
                 else "industrial_design" if u < 0.75 else "trademark")
        office = "VN" if rng.random() < 0.7 else "KR"
        # Filing dates that leave at most 20 years of legal life at the valuation date.
        earliest = {
            "invention": datetime.date(2006, 1, 1),
            "utility_solution": datetime.date(2016, 1, 1),
            "industrial_design": datetime.date(2011, 1, 1) if office == "VN"
            else datetime.date(2006, 1, 1),
            "trademark": datetime.date(1995, 1, 1),
        }[right]
        filing = day_between(earliest, datetime.date(2025, 11, 30), rng)
        grant = filing + datetime.timedelta(days=int(365 * (1 + 3 * rng.random())))
        drawn_pending = rng.random() < 0.15 or grant > VALUATION_DATE
        # A KR design filed before 2014-07-01 runs 15 years from registration, so it must be
        # registered: such a row keeps its grant date (its grant probability is still drawn, so
        # that every other row stays as it was).
        pending = drawn_pending and not (office == "KR" and right == "industrial_design"
                                         and filing < KR_DESIGN_FROM_FILING)
        name = right
        if rng.random() < 0.1:
            name = {"invention": "patent", "utility_solution": "utility_model",
                    "industrial_design": "design", "trademark": "trademark"}[right]
        revenue = 10 ** (8 + 2.7 * rng.random())
        growth = -0.05 + 0.30 * rng.random()
        volatility = 0 if rng.random() < 0.1 else 0.6 * rng.random()
        mode = 0.005 + 0.075 * rng.random()
        if rng.random() < 0.1:
            low = high = ""
        else:
            low = rate(mode * (0.5 + 0.4 * rng.random()), rng)
            high = rate(min(1, mode * (1.1 + 0.9 * rng.random())), rng)
        discount = "" if rng.random() < 0.2 else rate(0.10 + 0.15 * rng.random(), rng)
        tax = rate(0.10 + 0.15 * rng.random(), rng) if rng.random() < 0.3 else ""
        life = f"{1 + 19 * rng.random():.2f}" if rng.random() < 0.3 else ""
        obsolescence = rate(0.10 * rng.random(), rng)
        hazard = "0" if rng.random() < 0.2 else rate(0.08 * rng.random(), rng)
        maintenance = f"{2e7 * rng.random():.0f}"
        rows.append([
            f"A{index + 1:04d}", name, office, filing.isoformat(),
            "" if pending else grant.isoformat(),
            grant_probability(drawn_pending, pending, rng),
            f"{revenue:.0f}", rate(growth, rng), rate(volatility, rng), rate(mode, rng), low, high,
            discount, tax, life, obsolescence, hazard, maintenance, "benchmark", "VND",
        ])
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default="-")
    parser.add_argument("--assets", type=int, default=1000)
    arguments = parser.parse_args()
    header = ("id,right,office,filing_date,grant_date,grant_probability,revenue,revenue_growth,"
              "revenue_volatility,royalty_rate,royalty_low,royalty_high,discount_rate,tax_rate,"
              "economic_life,obsolescence,invalidity_hazard,maintenance_cost,industry,currency")
    lines = [header] + [",".join(row) for row in generate(arguments.assets)]
    text = "\n".join(lines) + "\n"
    if arguments.output == "-":
        print(text, end="")
    else:
        with open(arguments.output, "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
