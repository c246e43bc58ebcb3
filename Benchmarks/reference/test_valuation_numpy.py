#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks of valuation_numpy.py against closed forms and a scalar implementation of issue 9's
formulas written here again with plain loops (no table is shared with the vectorised code).

Run: python3 Benchmarks/reference/test_valuation_numpy.py   (plain python3 + numpy; about
ten seconds). Prints one line per check and exits with 1 when any fails.
"""

import csv
import datetime
import math
import os
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import valuation_numpy as vn  # noqa: E402

SAMPLE = os.path.join(HERE, "..", "..", "examples", "portfolio-vn-sample.csv")
DATE = datetime.date(2025, 12, 31)
TEMP = tempfile.mkdtemp(prefix="valuation-numpy-test-")
FAILURES = []


def check(name, ok, detail):
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
    if not ok:
        FAILURES.append(name)


def sample_rows():
    with open(SAMPLE, encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def write(rows, name):
    path = os.path.join(TEMP, name)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def read(path):
    return vn.read_portfolio(path, DATE, 0.15)


def deterministic_sample(pending_grant=None, drop_pending=False):
    """The sample with sigma = 0, h = 0, a fixed royalty; pending rights left out
    (drop_pending), granted on the valuation date, or kept pending with p_grant =
    pending_grant."""
    rows = [row for row in sample_rows() if row["grant_date"] or not drop_pending]
    for row in rows:
        row["revenue_volatility"] = "0"
        row["invalidity_hazard"] = "0"
        row["royalty_low"] = row["royalty_high"] = ""
        if not row["grant_date"]:
            if pending_grant is None:
                row["grant_date"], row["grant_probability"] = DATE.isoformat(), ""
            else:
                row["grant_probability"] = str(pending_grant)
    return rows


class Scalar:
    """One asset, scalar and literal: w_k, E_j[CF_k], D_jk, C_j with its n*, V_s's sum."""

    def __init__(self, asset):
        self.a = asset
        self.life = asset["life"]
        self.n = math.ceil(self.life)
        self.c = (1 + asset["growth"]) * (1 - asset["decay"])

    def w(self, k):
        return 1.0 if k < self.n else self.life - (self.n - 1) if k == self.n else 0.0

    def expected_cash_flow(self, j, k, x):
        a = self.a
        return self.w(k) * (x * self.c ** (k - j) - a["maintenance"]) * (1 - a["tax"])

    def carry(self, j, k):
        a = self.a
        return (1 - a["hazard"]) ** (k - j) / (1 + a["discount"]) ** (k - j - 0.5)

    def continuation(self, j, x):
        """(C_j(x), n*): the first n in j..N attaining the maximum."""
        best, best_n, total = 0.0, j, 0.0
        for n in range(j + 1, self.n + 1):
            total += self.expected_cash_flow(j, n, x) * self.carry(j, n)
            if total > best:
                best, best_n = total, n
        return best, best_n

    def sale_value(self, j, x, time_to_sell):
        _, n_star = self.continuation(j, x)
        total = sum(self.expected_cash_flow(j, k, x) * self.carry(j, k)
                    for k in range(j + 1, n_star + 1) if k - 0.5 > j + time_to_sell)
        return (1 + self.a["discount"]) ** time_to_sell * total

    def x(self, j, royalty):
        """X_j on a path without volatility: R0 (1+g)^j r (1-delta)^j."""
        a = self.a
        return a["revenue"] * royalty * ((1 + a["growth"]) * (1 - a["decay"])) ** j

    def kept_until(self, royalty):
        """With sigma = 0: the first j in 0..N-1 at whose end the right is abandoned (N if
        never), deciding year by year from C_j > 0."""
        for j in range(self.n):
            if self.continuation(j, self.x(j, royalty))[0] <= 0:
                return j
        return self.n

    def path_value(self, royalty):
        """With sigma = 0 and h = 0: the discounted cash flows paid until abandonment."""
        a = self.a
        return sum(self.w(k) * (self.x(k, royalty) - a["maintenance"]) * (1 - a["tax"])
                   / (1 + a["discount"]) ** (k - 0.5)
                   for k in range(1, self.kept_until(royalty) + 1))


def closed_form_loan(assets, loan, orderly=0.35):
    """(default probability, ECL, per-year V(j), V_s(j), loss) with sigma = h = 0, granted
    rights and fixed royalties: the issue's closed form."""
    scalars = [Scalar(a) for a in assets]
    p, rate = loan.pd, loan.rate
    collateral, sale, losses, ecl = [], [], [], 0.0
    for j in range(1, loan.tenor + 1):
        v = vs = 0.0
        for s in scalars:
            r = s.a["mode"]
            if s.kept_until(r) >= j and j < s.n:
                v += s.continuation(j, s.x(j, r))[0]
                vs += s.sale_value(j, s.x(j, r), loan.time_to_sell)
        proceeds = (1 - orderly) * (1 - loan.sale_cost) * vs / (1 + rate) ** loan.time_to_sell
        loss = max(0.0, loan.exposure(j) - proceeds)
        collateral.append(v)
        sale.append(vs)
        losses.append(loss)
        ecl += (1 - p) ** (j - 1) * p * loss / (1 + rate) ** j
    return 1 - (1 - p) ** loan.tenor, ecl, collateral, sale, losses


def metric(out, name):
    for key, value, se in out:
        if key == name:
            return value, se
    raise KeyError(name)


def within(name, value, se, expected, sigmas=4):
    z = (value - expected) / se if se > 0 else (0.0 if value == expected else math.inf)
    check(name, abs(z) <= sigmas,
          f"{value:.6g} vs {expected:.6g} ({z:+.2f} standard errors, se {se:.3g})")


def test_closed_form_loan():
    """The sample's granted rights (with its pending rights granted as well, VND 35 bn loses in
    no year: the proceeds stay above EAD), sigma = h = 0, fixed royalties."""
    path = write(deterministic_sample(drop_pending=True), "deterministic.csv")
    assets = read(path)
    for beta, amortization, amount in ((0.5, "bullet", 35e9), (0.0, "bullet", 35e9),
                                       (0.9, "bullet", 35e9), (0.5, "linear", 60e9)):
        loan = vn.Loan(amount, 0.03, beta=beta, amortization=amortization)
        probability, ecl, collateral, sale, losses = closed_form_loan(assets, loan)
        result = vn.simulate(assets, 20_000, 11, 0.3, 1, loan)
        out = vn.figures(result, loan)
        label = f"beta {beta}, {amortization}"
        within(f"default_probability = 1 - (1-p)^T ({label})",
               *metric(out, "default_probability"), probability)
        within(f"ECL = sum_j (1-p)^(j-1) p max(0, EAD_j - proceeds_j) / (1+i)^j ({label})",
               *metric(out, "expected_credit_loss"), ecl)
        year = result["default_year"]
        worst = 0.0
        for j in range(1, loan.tenor + 1):
            hit = year == j
            worst = max(worst, float(np.max(np.abs(result["collateral"][hit] - collateral[j - 1]),
                                            initial=0)) / collateral[j - 1],
                        float(np.max(np.abs(result["sale_value"][hit] - sale[j - 1]),
                                     initial=0)) / sale[j - 1])
        check(f"every defaulting path's V(j), V_s(j) = the scalar formulas ({label})",
              worst < 1e-9, f"largest relative difference {worst:.1e}")
        if beta == 0.5:
            losing = [j for j, loss in enumerate(losses, 1) if loss > 0]
            check(f"the VND {amount / 1e9:.0f} bn {amortization} loan loses in some default "
                  "years and not in others",
                  0 < len(losing) < loan.tenor,
                  f"losing years {losing}; V(j) {[f'{v:.4g}' for v in collateral]}; "
                  f"V_s(j) {[f'{v:.4g}' for v in sale]}")


def test_sale_after_every_life():
    """A sale ending after every right's life fetches nothing: every default loses EAD."""
    assets = read(SAMPLE)
    loan = vn.Loan(20e9, 0.2, time_to_sell=40)
    result = vn.simulate(assets, 2_000, 13, 0.3, 1, loan)
    out = vn.figures(result, loan)
    defaulted = result["default_year"] > 0
    check("time to sell beyond every life: V_s = 0, LGD = 1 on every default",
          bool(np.all(result["sale_value"] == 0)) and metric(out, "lgd_mean")[0] == 1
          and bool(np.all(result["collateral"][defaulted] > 0)),
          f"{int(defaulted.sum())} defaults")


def test_paths_equal_deterministic_value():
    for grant in (None, 0.0):
        path = write(deterministic_sample(grant), "deterministic-paths.csv")
        assets = read(path)
        result = vn.simulate(assets, 2_000, 5, 0.3, 1)
        model = result["model"]
        deterministic = model.deterministic_value()
        scalar = sum(a["grant"] * Scalar(a).continuation(0, a["revenue"] * a["mode"])[0]
                     for a in assets)
        paths = result["portfolio"]
        gap = float(np.max(np.abs(paths - deterministic))) / deterministic
        label = "pending rights granted" if grant is None else "pending rights with p_grant 0"
        check(f"every path = deterministic value ({label})", gap < 1e-9,
              f"{deterministic:.10e}, largest relative gap {gap:.1e}")
        check(f"deterministic value = p_grant C_0(R0 r), scalar ({label})",
              abs(deterministic - scalar) < 1e-9 * scalar, f"{deterministic:.10e} vs {scalar:.10e}")
        walked = sum(a["grant"] * Scalar(a).path_value(a["mode"]) for a in assets)
        check(f"the year-by-year rule pays C_0 (time consistency at sigma 0) ({label})",
              abs(walked - scalar) < 1e-9 * scalar, f"{walked:.10e}")
        gap = float(np.max(np.abs(result["horizon_value"] - paths))) / deterministic
        check(f"every path's P_1 = P at sigma 0, h 0 ({label})", gap < 1e-9,
              f"largest relative gap {gap:.1e}")


def two_inventions(sigma):
    rows = [dict(id=name, right="invention", office="VN", filing_date="2020-01-01",
                 grant_date="2021-01-01", grant_probability="", revenue=str(revenue),
                 revenue_growth="0", revenue_volatility=str(sigma), royalty_rate="0.05",
                 royalty_low="", royalty_high="", discount_rate="", tax_rate="",
                 economic_life="", obsolescence="0", invalidity_hazard="0",
                 maintenance_cost=str(maintenance), industry="", currency="VND")
            for name, revenue, maintenance in (("GOOD", 1e9, 0), ("COSTLY", 2e7, 2e7))]
    return write(rows, f"two-inventions-{sigma}.csv")


def test_abandonment_example():
    for sigma in (0.0, 0.3):
        assets = read(two_inventions(sigma))
        old = [a["grant"] * sum(
            Scalar(a).expected_cash_flow(0, k, a["revenue"] * a["mode"]) * Scalar(a).carry(0, k)
            for k in range(1, Scalar(a).n + 1)) for a in assets]
        shares = [v / sum(old) for v in old]
        result = vn.simulate(assets, 2_000, 3, 0.3, 1)
        ids = [a["id"] for a in result["model"].assets]
        sums = result["asset_sums"].sum(axis=0)
        costly, good = sums[ids.index("COSTLY")], sums[ids.index("GOOD")]
        hhi = metric(vn.figures(result), "hhi")[0]
        check(f"two inventions, sigma {sigma}: the costly one is worth 0, hhi 1 (without "
              f"abandonment: shares {shares[0]:.3f}, {shares[1]:.3f}, hhi "
              f"{sum(s * s for s in shares):.3f})",
              costly == 0 and good > 0 and hhi == 1.0,
              f"sums {good:.4g}, {costly:.4g}; hhi {hhi}; deterministic "
              f"{result['model'].deterministic_value():.6g} vs the good one {old[0]:.6g}")
        if sigma == 0:
            check("two inventions, sigma 0: no path is negative",
                  bool(np.all(result["portfolio"] >= 0)),
                  f"smallest path {result['portfolio'].min():.6g}")


def test_worth_first_two_years():
    rows = [dict(id="DECAY", right="invention", office="VN", filing_date="2020-01-01",
                 grant_date="2021-01-01", grant_probability="", revenue="2e9",
                 revenue_growth="0", revenue_volatility="0", royalty_rate="0.05",
                 royalty_low="", royalty_high="", discount_rate="0.12", tax_rate="0.2",
                 economic_life="", obsolescence="0.3", invalidity_hazard="0",
                 maintenance_cost="4e7", industry="", currency="VND")]
    assets = read(write(rows, "decay.csv"))
    x = [1e8 * 0.7 ** k for k in range(5)]
    assert x[2] > 4e7 > x[3]          # royalty income above maintenance in years 1, 2 only
    two_years = sum((x[k] - 4e7) * 0.8 / 1.12 ** (k - 0.5) for k in (1, 2))
    result = vn.simulate(assets, 1_000, 2, 0.3, 1)
    gap = float(np.max(np.abs(result["portfolio"] - two_years))) / two_years
    deterministic = result["model"].deterministic_value()
    check("maintenance above royalty from year 3: worth exactly its first two years",
          gap < 1e-9 and abs(deterministic - two_years) < 1e-9 * two_years,
          f"{two_years:.10e}; every path within {gap:.1e}; deterministic {deterministic:.10e}")


def test_wrong_way_risk():
    assets = read(SAMPLE)
    losses = {}
    for beta in (0.0, 0.9):
        loan = vn.Loan(20e9, 0.03, beta=beta)
        result = vn.simulate(assets, 20_000, 57, 0.3, 1, loan)
        vn.figures(result, loan)
        losses[beta] = result["discounted_loss"]
    difference = losses[0.9] - losses[0.0]
    se = float(np.std(difference, ddof=1) / math.sqrt(len(difference)))
    mean = float(difference.mean())
    check("wrong-way risk: ECL at beta 0.9 above beta 0 by > 4 se of the paired difference",
          mean > 4 * se, f"ECL {losses[0.9].mean():.6g} vs {losses[0.0].mean():.6g}: "
          f"difference {mean:.6g} = {mean / se:.1f} se")


def test_horizon_life():
    assets = read(SAMPLE)
    loan = vn.Loan(20e9, 0.03)
    life = vn.simulate(assets, 5_000, 9, 0.3, None, loan)
    far = vn.simulate(assets, 5_000, 9, 0.3, 100, loan)
    p = life["portfolio"]
    check("--horizon 100 (beyond every life) gives P_H = P path by path",
          bool(np.array_equal(far["horizon_value"], p)), "")
    out = vn.figures(life, loan)
    direct = {
        "var95": p.mean() - np.quantile(p, 0.05),
        "es95": p.mean() - p[p <= np.quantile(p, 0.05)].mean(),
        "var99": p.mean() - np.quantile(p, 0.01),
        "es99": p.mean() - p[p <= np.quantile(p, 0.01)].mean(),
        "collateral_value": np.quantile(0.65 * p, 0.10),
    }
    worst = max(abs(metric(out, name)[0] - value) / abs(value) for name, value in direct.items())
    check("--horizon life: var, es, collateral_value from P", worst < 1e-12,
          f"largest relative difference {worst:.1e}")
    one = read(write(sample_rows()[:1], "one-trademark.csv"))          # TM-MAYXANH, 10 years
    for horizon in (None, 1):
        result = vn.simulate(one, 5_000, 9, 0.3, horizon, loan)
        value = metric(vn.figures(result, loan), "lending_value")[0]
        direct = float(np.quantile(0.5 * 0.65 * result["horizon_value"], 0.10))
        check(f"one trademark, sigma > 0: lending_value = quantile of LTV (1-od) P_H (horizon "
              f"{horizon or 'life'})", abs(value - direct) < 1e-12 * direct,
              f"{value:.10e} vs {direct:.10e}")
    lives = np.array([a["life"] for a in life["model"].assets])
    check("eligible = remaining life >= T + s",
          bool(np.array_equal(life["eligible"], lives >= 6)),
          f"{int(life['eligible'].sum())} of {len(lives)} eligible")
    # lending_value: with sigma = h = 0 every asset's path value is C_0 (and so is its value at
    # the horizon), so the quantile is sum over eligible rights of LTV (1-od) C_0.
    assets = read(write(deterministic_sample(), "deterministic-lending.csv"))
    expected = sum(a["ltv"] * 0.65 * Scalar(a).continuation(0, a["revenue"] * a["mode"])[0]
                   for a in assets if a["life"] >= 6)
    for horizon in (None, 1):
        result = vn.simulate(assets, 500, 9, 0.3, horizon, loan)
        value = metric(vn.figures(result, loan), "lending_value")[0]
        check(f"lending_value over eligible rights, sigma 0 (horizon {horizon or 'life'})",
              abs(value - expected) < 1e-9 * expected, f"{value:.10e} vs {expected:.10e}")


def test_sigma_zero_expectation():
    rows = sample_rows()
    for row in rows:
        row["revenue_volatility"] = "0"
    assets = read(write(rows, "sigma-zero.csv"))
    result = vn.simulate(assets, 20_000, 21, 0.3, 2)
    model = result["model"]
    exact = model.expected_with_abandonment()
    within("sigma 0, PERT royalties, hazards: mean = sum p_grant E_r[C_0(R0 r)]",
           float(result["portfolio"].mean()),
           float(result["portfolio"].std(ddof=1) / math.sqrt(20_000)), exact)
    # The same expectation by quadrature of the beta density (no incomplete beta).
    quadrature = 0.0
    x = (np.arange(200_000) + 0.5) / 200_000
    for a in assets:
        s = Scalar(a)
        if a["low"] < a["high"]:
            span = a["high"] - a["low"]
            alpha = 1 + 4 * (a["mode"] - a["low"]) / span
            beta = 1 + 4 * (a["high"] - a["mode"]) / span
            density = x ** (alpha - 1) * (1 - x) ** (beta - 1)
            density /= density.sum()
            royalty = a["low"] + span * x
            # C_0 is the max over n of lines in r: evaluate the lines on the grid.
            lines = [np.zeros_like(x)]
            total = np.zeros_like(x)
            for k in range(1, s.n + 1):
                total = total + s.expected_cash_flow(0, k, a["revenue"] * royalty) * s.carry(0, k)
                lines.append(total)
            quadrature += a["grant"] * float(np.sum(np.max(lines, axis=0) * density))
        else:
            quadrature += a["grant"] * s.continuation(0, a["revenue"] * a["mode"])[0]
    check("E_r[C_0] by incomplete beta = by midpoint quadrature", abs(exact - quadrature)
          < 1e-7 * exact, f"{exact:.10e} vs {quadrature:.10e}")
    check("E with abandonment >= E without", exact >= model.expected_without_abandonment(),
          f"{exact:.6g} >= {model.expected_without_abandonment():.6g}")
    difference = result["horizon_value"] - result["portfolio"]
    within("sigma 0: E[P_2] = E[P]", float(difference.mean()),
           float(difference.std(ddof=1) / math.sqrt(len(difference))), 0.0)


def test_no_maintenance():
    """m = 0: nothing is ever abandoned, so the mean is the analytic E[V], E[P_H] = E[P],
    and with beta = 0 the collateral at default has a closed form."""
    rows = sample_rows()
    for row in rows:
        row["maintenance_cost"] = "0"
    assets = read(write(rows, "no-maintenance.csv"))
    loan = vn.Loan(20e9, 0.05, beta=0.0, time_to_sell=1.5)
    paths = 40_000
    result = vn.simulate(assets, paths, 31, 0.3, 1, loan)
    model = result["model"]
    p = result["portfolio"]
    within("m = 0: mean = analytic E[V] (no abandonment)", float(p.mean()),
           float(p.std(ddof=1) / math.sqrt(paths)), model.expected_without_abandonment())
    difference = result["horizon_value"] - p
    within("m = 0: E[P_1] = E[P]", float(difference.mean()),
           float(difference.std(ddof=1) / math.sqrt(paths)), 0.0)
    # E[V(j)] and E[V_s(j)] with beta = 0: sum_i p_grant (1-h)^j E[r] R0 c^j times the
    # coefficients of C_j (all n up to N, since m = 0) and of V_s.
    expected_v, expected_vs, mass = 0.0, 0.0, 0.0
    for j in range(1, loan.tenor + 1):
        weight = (1 - loan.pd) ** (j - 1) * loan.pd
        mass += weight
        for a in assets:
            s = Scalar(a)
            if j >= s.n:
                continue
            mean_royalty = (a["low"] + 4 * a["mode"] + a["high"]) / 6
            x = a["grant"] * (1 - a["hazard"]) ** j * s.x(j, mean_royalty)
            coefficients = [s.expected_cash_flow(j, k, 1.0) * s.carry(j, k)
                            for k in range(j + 1, s.n + 1)]
            expected_v += weight * x * sum(coefficients)
            expected_vs += weight * x * (1 + a["discount"]) ** loan.time_to_sell * sum(
                c for k, c in zip(range(j + 1, s.n + 1), coefficients)
                if k - 0.5 > j + loan.time_to_sell)
    out = vn.figures(result, loan)
    within("m = 0, beta = 0: collateral_at_default_mean = closed form",
           *metric(out, "collateral_at_default_mean"), expected_v / mass)
    defaulted = result["default_year"] > 0
    sale = result["sale_value"][defaulted]
    within("m = 0, beta = 0, s = 1.5: mean V_s over defaults = closed form", float(sale.mean()),
           float(sale.std(ddof=1) / math.sqrt(len(sale))), expected_vs / mass)


def test_legal_terms():
    rows = [dict(id="KR-OLD", right="design", office="KR", filing_date="2013-06-30",
                 grant_date="2014-06-30", grant_probability="", revenue="1e9",
                 royalty_rate="0.01"),
            dict(id="KR-NEW", right="design", office="KR", filing_date="2014-07-01",
                 grant_date="2015-06-30", grant_probability="", revenue="1e9",
                 royalty_rate="0.01")]
    assets = read(write(rows, "kr-designs.csv"))
    check("KR design filed 2013-06-30, registered 2014-06-30: 3.50 years left",
          round(assets[0]["life"], 2) == 3.50, f"{assets[0]['life']:.4f}")
    expected = (datetime.date(2034, 7, 1) - DATE).days / 365.25
    check("KR design filed 2014-07-01: 20 years from filing",
          assets[1]["life"] == expected, f"{assets[1]['life']:.4f}")
    rows[0]["grant_date"], rows[0]["grant_probability"] = "", "0.5"
    path = write(rows, "kr-design-pending.csv")
    try:
        read(path)
        refused = False
    except SystemExit as error:
        refused = "KR-OLD" in str(error)
    check("a pending KR design filed before 2014-07-01 is refused", refused, "")
    import generate_portfolio
    header = ("id,right,office,filing_date,grant_date,grant_probability,revenue,revenue_growth,"
              "revenue_volatility,royalty_rate,royalty_low,royalty_high,discount_rate,tax_rate,"
              "economic_life,obsolescence,invalidity_hazard,maintenance_cost,industry,currency")
    generated = [dict(zip(header.split(","), row)) for row in generate_portfolio.generate(1000)]
    old_kr = [row for row in generated if row["office"] == "KR"
              and row["right"] in ("industrial_design", "design")
              and row["filing_date"] < "2014-07-01"]
    check("the benchmark portfolio has no pending KR design filed before 2014-07-01",
          old_kr and all(row["grant_date"] for row in old_kr),
          f"{len(old_kr)} such designs, all registered")
    read(write(generated, "benchmark.csv"))


def test_standard_errors():
    """Each new figure's standard error against the spread of the figure over 20 seeds."""
    assets = read(SAMPLE)
    loan = vn.Loan(35e9, 0.03)
    runs = [vn.figures(vn.simulate(assets, 5_000, 200 + seed, 0.3, 1, loan), loan)
            for seed in range(20)]
    names = ["horizon_value_mean", "collateral_value", "lending_value", "var95", "es95", "var99",
             "es99", "hhi", "default_probability", "collateral_at_default_mean",
             "collateral_at_default_p10", "lgd_mean", "lgd_p90", "expected_credit_loss",
             "expected_credit_loss_12m", "unexpected_loss99"]
    ratios = {}
    for name in names:
        values = np.array([metric(run, name)[0] for run in runs])
        errors = np.array([metric(run, name)[1] for run in runs])
        ratios[name] = float(values.std(ddof=1) / errors.mean())
    low, high = min(ratios, key=ratios.get), max(ratios, key=ratios.get)
    check("standard errors: sd over 20 seeds / mean reported se in [0.5, 2] for every new "
          "figure", 0.5 <= ratios[low] and ratios[high] <= 2,
          f"lowest {low} {ratios[low]:.2f}, highest {high} {ratios[high]:.2f}")


def test_continuation_shortcut():
    """C_j by max(0, S_jN) plus every n for the interior assets = the maximum over every n,
    and = the value at_default finds with its n*, on the benchmark portfolio."""
    import generate_portfolio
    header = ("id,right,office,filing_date,grant_date,grant_probability,revenue,revenue_growth,"
              "revenue_volatility,royalty_rate,royalty_low,royalty_high,discount_rate,tax_rate,"
              "economic_life,obsolescence,invalidity_hazard,maintenance_cost,industry,currency")
    rows = [dict(zip(header.split(","), row)) for row in generate_portfolio.generate(300)]
    model = vn.Model(read(write(rows, "benchmark-300.csv")))
    rng = np.random.default_rng(8)
    worst = 0.0
    for j in range(model.years):
        columns = model.alive_in_year[j]
        x0 = (model.field["revenue"] * model.field["mode"])[:columns]
        x = x0 * np.exp(rng.normal(0, 1.5, (64, columns)))
        fast = model.continuation(x, j, columns)
        full = model.continuation_every_n(x, j, columns)
        worst = max(worst, float(np.max(np.abs(fast - full) / np.maximum(1.0, np.abs(full)))))
        at_default = model.at_default(x, j, columns, 1.0)[0]
        worst = max(worst, float(np.max(np.abs(at_default - full)
                                        / np.maximum(1.0, np.abs(full)))))
    check("C_j shortcut = maximum over every n = at_default's C_j (300 benchmark assets)",
          worst < 1e-12, f"largest relative difference {worst:.1e}; "
          f"{model.interior.size} interior assets")


def test_regularized_beta():
    try:
        from scipy.special import betainc
    except ImportError:
        print("skip regularized beta against scipy (scipy not installed)")
        return
    rng = np.random.default_rng(4)
    worst = 0.0
    for _ in range(2_000):
        a, b, x = 1 + 4 * rng.random(), 1 + 4 * rng.random(), rng.random()
        worst = max(worst, abs(vn.regularized_beta(x, a, b) - float(betainc(a, b, x))))
    check("regularized incomplete beta = scipy's", worst < 1e-13, f"largest gap {worst:.1e}")


def main():
    for test in (test_closed_form_loan, test_sale_after_every_life,
                 test_paths_equal_deterministic_value,
                 test_abandonment_example, test_worth_first_two_years, test_wrong_way_risk,
                 test_horizon_life, test_sigma_zero_expectation, test_no_maintenance,
                 test_legal_terms, test_standard_errors, test_continuation_shortcut,
                 test_regularized_beta):
        test()
    print(f"{len(FAILURES)} failed" if FAILURES else "all passed")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
