#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A vectorised numpy implementation of ipfin's Monte Carlo valuation model, written
independently of the Swift code from the model's definition (docs/valuation.md and issue 9), as a
speed reference and an independent check of the model.

Per asset: remaining life L = min(economic life, legal expiry - valuation date) in years
(actual days / 365.25; legal expiry = filing date + term in calendar years, 29 February becoming
28 February; a KR design filed before 2014-07-01: registration date + 15 years), N = ceil(L),
w_k = 1 (k < N), w_N = L - (N - 1). Per path:

    G   ~ Bernoulli(p_grant)
    T   ~ geometric(h): P(T > k) = (1-h)^k                (the right pays in years k < T)
    r   ~ PERT(low, mode, high)                           (fixed when low = high)
    R_k = R_{k-1} exp(ln(1+g) - sigma^2/2 + sigma Z_k),   Z_k = sqrt(rho) F_k + sqrt(1-rho) e_k
    X_j = R_j r (1-delta)^j                               (X_0 = R0 r)

The owner's option to abandon. For a later year k > j, E_j[CF_k] = w_k (X_j c^(k-j) - m)(1-tau)
with c = (1+g)(1-delta), worth D_jk = (1-h)^(k-j) / (1+d)^(k-j-0.5) at the end of year j, and

    C_j(X) = max over n in {j..N} of S_jn(X),
    S_jn(X) = sum_{k=j+1..n} E_j[CF_k] D_jk = a_jn X - b_jn

(S_jj = 0). Each a_jn >= 0, so C_j(X) > 0 iff X > X*_j = min over n with a_jn > 0 of b_jn / a_jn
(+inf when every a_jn is 0, e.g. j >= N). The right is kept after year j only while X_j > X*_j,
decided at the valuation date (j = 0) and at the end of each year j after its cash flow is paid.
A path's value is V = sum over the years k it pays (granted, k < T, kept at the end of every year
before k, k <= N) of w_k (R_k r (1-delta)^k - m)(1-tau) / (1+d)^(k-0.5); P = sum_i V_i.

Risk over a horizon H: P_H = sum_i [ sum_{k <= H} CF_ik / (1+d_i)^(k-0.5) + C_H(X_iH) / (1+d_i)^H ],
C_H counted for the rights granted, not lost and kept at H. `--horizon life`: P_H = P.

A loan (A, p, tenor T, bullet or linear, beta, sale time s, sale cost c, loan rate i, orderly
discount od): the borrower's Y_j = sqrt(beta) F_j + sqrt(1-beta) eta_j, default in the first
year j <= T with Y_j < PhiInverse(p). On such a path: V(j) = sum_i C_j(X_ij) over the rights
granted, not lost and not abandoned by j; V_s(j) = sum_i (1+d_i)^s sum_{k: k - 0.5 > j + s,
k <= n*_ij} E_j[CF_k] D_jk, with n*_ij the horizon attaining C_j(X_ij); proceeds
(1-od)(1-c) V_s / (1+i)^s; EAD_j = B_(j-1)(1+i), B_(j-1) = A (bullet) or A (1 - (j-1)/T)
(linear); loss = max(0, EAD_j - proceeds), LGD = loss / EAD_j, discounted loss = loss / (1+i)^j.

Figures (quantiles by Hyndman and Fan's definition 7, numpy's default): market_value_mean, sd,
p05, p50, p95 of P; orderly and forced liquidation values mean(P)(1-od), mean(P)(1-fd);
var_a = mean(P_H) - quantile(P_H, 1-a); es_a = mean(P_H) - mean(P_H | P_H <= that quantile);
collateral_value = quantile(P_H (1-od), q); lending_value = quantile(sum over eligible i of
LTV_i (1-od) V_iH, q) (LTV invention 0.5, utility solution 0.3, design 0.3, trademark 0.5);
hhi of the assets' mean whole-life values; with a loan: coverage_orderly, coverage_forced
(shares of paths with P(1-od) >= A, P(1-fd) >= A), tenor_years, default_probability,
collateral_at_default_mean and _p10 and lgd_mean and _p90 over defaulting paths,
expected_credit_loss (mean over all paths of the discounted loss), its rate (/ A), its 12-month
part (defaults in year 1 only), unexpected_loss99 = quantile(discounted loss, 0.99) - ECL.

Standard errors (`NAME_se`): for a plain mean over all paths (market_value_mean, liquidation
values, coverages, default_probability, the expected credit losses), sd / sqrt(paths); for
every other figure (sd, quantiles, var, es, hhi, conditional means and quantiles over defaulting
paths, unexpected loss), batch means: the paths are cut into --batches (25) contiguous batches
of independent paths, the figure is computed on each batch, and its standard error is the
batches' sd / sqrt(batches) (batches without a defaulting path are left out of the figures over
defaulting paths). `expected` is the analytic E[V] without abandonment (the deterministic
formula at the PERT mean royalty): a lower bound of the mean once the owner may abandon.
When every volatility is 0, `expected_with_abandonment` is the exact E[P] = sum_i p_grant
E_r[C_0(R0 r)] (the revenue path is then known given r, so the rule achieves C_0), computed
with the regularised incomplete beta function on the pieces of the convex, piecewise linear
C_0(R0 r). `deterministic_value` = sum_i p_grant C_0(R0 r_mode).

Interpretation choices where issue 9 leaves room (the Swift side may choose otherwise):
 1. The year-0 decision uses the path's drawn royalty (X_0 = R0 r): an owner knows its royalty;
    a pending application is kept or abandoned in the same way, whatever its grant (the grant
    only decides whether the kept right pays).
 2. The decision at the end of year j comes after year j's cash flow is paid; decisions run at
    j = 0..N-1 (after N nothing is left). Kept only while C_j > 0 strictly: X_j <= X*_j abandons.
 3. n*_ij is the smallest n attaining the maximum (n* = j when C_j = 0), so a right worth
    nothing at default adds nothing to V_s(j) either.
 4. Lost by j means T <= j (a right lost in year j paid nothing in year j); a right alive at
    the end of year j counts in V(j) although it may be lost in year j+1 (priced by (1-h) in D).
 5. A right abandoned at the end of the default year j has C_j(X_j) = 0 by the rule, so whether
    it counts in V(j) and V_s(j) does not matter; those abandoned before j do not count.
 6. A right whose cash flows all fall before the sale ends (no k <= N with k - 0.5 > j + s)
    counts in V(j) and adds 0 to V_s(j); the cash flows between default and sale go to no one.
    The partial last year N keeps its mid-year point N - 0.5 in that cut-off, as in D_jk.
 7. V_s(j) compounds by each asset's own d over s years, as written: (1+d_i)^s.
 8. F_j, j = 1..T: for years up to the longest life in the portfolio (the years the revenue
    loop runs), the revenue model's own year-j factor, drawn on every path whatever the
    volatilities; for later years (no asset's revenue uses them) a standard normal still drawn,
    from the borrower's generator. eta_j comes from that generator too, a child of the seed's
    SeedSequence that the revenue draws never use, so every figure without a loan is unchanged
    by a loan. A default in a year beyond every asset's life has V = V_s = 0 and loses EAD.
 9. p = 0: no default; p = 1: default in year 1 (Y_1 < +inf).
10. C_H is discounted by each asset's own d: C_H(X_iH) / (1+d_i)^H. "Alive and kept at H":
    granted, T > H, not abandoned at the end of years 0..H-1 (abandoned at the end of H has
    C_H = 0). H at or beyond every asset's N gives P_H = P; H = 0 gives sum_i C_0(X_0) over the
    granted rights.
11. Eligibility (with a loan only): a right is left out of lending_value when its remaining
    life L < T + s (strictly; L = T + s is eligible), L the model's remaining life in years.
12. coverage_orderly, coverage_forced and the liquidation values stay on the whole-life P
    (the issue moves only var, es, collateral_value and lending_value to P_H); hhi stays on the
    whole-life asset means.
13. collateral_at_default_* is V(j) at the end of the default year j, not discounted; the
    credit losses are discounted by (1+i)^j to the valuation date; loan figures need --pd (a
    loan without --pd gives the eligibility, coverages and lending value only).
14. A KR design filed before 2014-07-01 runs 15 years from its registration (grant) date; a
    pending one is refused. One filed on 2014-07-01 or later runs 20 years from filing.
15. delta = 1 or h = 1 makes every a_jn 0: X*_j = +inf and the right is abandoned at once (it
    could pay nothing anyway but its maintenance).
16. var and es over a horizon are taken about the mean of P_H (mean(P_H) - quantile(P_H, 1-a)),
    P_H replacing P in docs/valuation.md's definitions.
17. expected_credit_loss_12m discounts its year-1 losses by (1+i) like the ECL;
    unexpected_loss99 is taken over every path's discounted loss, 0 on the paths that do not
    default (so it is -ECL when fewer than 1% of paths lose).
18. The decision rule ignores the loan: the owner abandons as without a loan, and a default does
    not change what the right paid before it.

Paths are simulated in chunks of 200 within each batch (the temporaries of a year, 200 paths x
1,000 assets, stay in the processor's cache), all assets at once, year by year; assets are
sorted by N so that year k only touches the assets still alive in it, and PERT royalties are
drawn only for the assets that have a royalty range. C_j is evaluated as max(0, S_jN) for the
assets whose partial sums fall then rise (c >= 1 or m = 0: E_j[CF_k] has the sign of
X c^(k-j) - m, monotone in k), and as the maximum over every n for the others (the tests check
that both agree).
The defaulting paths' C_j, n* and V_s are evaluated at the default year, on those paths only.
Random numbers come from numpy's default generator (PCG64; normals by ziggurat).

Usage: valuation_numpy.py PORTFOLIO.csv [--paths 50000] [--seed 1] [--correlation 0.3]
       [--valuation-date 2025-12-31] [--discount-rate 0.15] [--repeats 1] [--batches 25]
       [--horizon 1|life] [--collateral-quantile 0.10] [--orderly-discount 0.35]
       [--forced-discount 0.60] [--loan A --pd p [--tenor 5] [--amortization bullet|linear]
       [--borrower-correlation 0.5] [--time-to-sell 1] [--sale-cost 0.10] [--loan-rate 0.10]]
Prints `name value` lines: paths, seconds (simulation only, the fastest of the repeats), mean,
sd, se, expected, then the figures above, each followed by NAME_se where it is a Monte Carlo
estimate (not after deterministic_value, expected, expected_with_abandonment, horizon_years,
loan_amount, eligible_assets, tenor_years).
"""

import argparse
import csv
import datetime
import math
import statistics
import sys
import time

import numpy as np

TERMS = {  # (office, right) -> years from filing; None = unlimited
    ("VN", "invention"): 20, ("VN", "utility_solution"): 10, ("VN", "industrial_design"): 15,
    ("VN", "trademark"): None, ("KR", "invention"): 20, ("KR", "utility_solution"): 10,
    ("KR", "industrial_design"): 20, ("KR", "trademark"): None,
}
KR_DESIGN_FROM_FILING = datetime.date(2014, 7, 1)  # earlier filings: 15 years from registration
ALIASES = {"patent": "invention", "utility_model": "utility_solution",
           "design": "industrial_design"}
LTV = {"invention": 0.5, "utility_solution": 0.3, "industrial_design": 0.3, "trademark": 0.5}


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


def legal_expiry(office, right, filing, grant):
    """The legal expiry date (None: unlimited) by office, right and filing date."""
    if office == "KR" and right == "industrial_design" and filing < KR_DESIGN_FROM_FILING:
        if grant is None:
            raise ValueError(f"a pending KR design filed on {filing} (before "
                             f"{KR_DESIGN_FROM_FILING}) runs 15 years from its registration, "
                             "which it does not have")
        return add_years(grant, 15)
    term = TERMS[(office, right)]
    return None if term is None else add_years(filing, term)


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
        pending = not (row.get("grant_date") or "").strip()
        grant = None if pending else datetime.date.fromisoformat(row["grant_date"].strip())
        try:
            expiry = legal_expiry(office, right, filing, grant)
        except ValueError as error:
            raise SystemExit(f"{path}: asset {row['id']}: {error}") from None
        legal = math.inf if expiry is None else (expiry - valuation_date).days / 365.25
        economic = get("economic_life", None, float)
        if economic is None:
            economic = 10.0 if right == "trademark" else legal
        life = max(0.0, min(economic, legal))
        mode = get("royalty_rate")
        assets.append(dict(
            id=row["id"], right=right,
            life=life, grant=get("grant_probability") if pending else 1.0,
            revenue=float(row["revenue"]), growth=get("revenue_growth", 0.0),
            sigma=get("revenue_volatility", 0.0), mode=mode, low=get("royalty_low", mode),
            high=get("royalty_high", mode), discount=get("discount_rate", default_discount),
            tax=get("tax_rate", 0.20), decay=get("obsolescence", 0.0),
            hazard=get("invalidity_hazard", 0.0), maintenance=get("maintenance_cost", 0.0, float),
            ltv=LTV[right]))
    return assets


class Model:
    """Per-asset parameters and tables, assets sorted by N (longest first).

    weight[k-1], royalty_weight[k-1], maintenance_weight[k-1]: year k's w_k, and the factors of
    Q_k = R_k r and of 1 in its discounted cash flow; threshold_q[j]: X*_j / (1-delta)^j, the
    threshold on Q_j; alpha[j][k-j-1], beta[j][k-j-1]: E_j[CF_k] D_jk = X alpha - beta;
    a[j], b[j]: their partial sums over k = j+1..n, row n-j-1.
    """

    def __init__(self, assets):
        order = sorted(range(len(assets)), key=lambda i: -math.ceil(assets[i]["life"]))
        self.assets = [assets[i] for i in order]
        numeric = [key for key in self.assets[0] if key not in ("id", "right")]
        field = {key: np.array([a[key] for a in self.assets], dtype=float) for key in numeric}
        self.field = field
        life = field["life"]
        self.n = np.ceil(life).astype(int)
        self.years = years = max(1, int(self.n.max()))
        self.count = count = len(self.assets)
        k = np.arange(1, years + 1)[:, None]                      # (years, 1)
        self.weight = np.where(k < self.n, 1.0, np.where(k == self.n, life - (self.n - 1), 0.0))
        tax, discount = field["tax"], field["discount"]
        mid_year = (1 + discount) ** -(k - 0.5)
        self.royalty_weight = self.weight * (1 - tax) * (1 - field["decay"]) ** k * mid_year
        self.maintenance_weight = self.weight * (1 - tax) * field["maintenance"] * mid_year
        self.alive_in_year = [int((self.n >= year).sum()) for year in range(1, years + 2)]
        # E_j[CF_k] D_jk for l = k - j = 1..years: w_k (X u_l - v_l).
        lag = np.arange(1, years + 1)[:, None]
        carry = (1 - field["hazard"]) ** lag * (1 + discount) ** -(lag - 0.5) * (1 - tax)
        growth = ((1 + field["growth"]) * (1 - field["decay"])) ** lag
        u, v = growth * carry, field["maintenance"] * carry
        self.alpha, self.beta, self.a, self.b = [], [], [], []
        threshold = np.full((years + 1, count), np.inf)
        for j in range(years):
            alpha = self.weight[j:] * u[:years - j]
            beta = self.weight[j:] * v[:years - j]
            a, b = np.cumsum(alpha, axis=0), np.cumsum(beta, axis=0)
            self.alpha.append(alpha)
            self.beta.append(beta)
            self.a.append(a)
            self.b.append(b)
            with np.errstate(divide="ignore", invalid="ignore"):
                threshold[j] = np.where(a > 0, b / a, np.inf).min(axis=0)
        # E_j[CF_k]'s sign is that of X c^(k-j) - m, monotone in k: when c >= 1 or m = 0 the
        # partial sums fall then rise (or only rise), so C_j = max(0, S_jN); only the other
        # assets ("interior", in N order) need every n.
        interior = ((1 + field["growth"]) * (1 - field["decay"]) < 1) & (field["maintenance"] > 0)
        self.interior = np.flatnonzero(interior)
        self.interior_alive = [int((self.n[self.interior] >= year).sum())
                               for year in range(1, years + 2)]
        decay_j = (1 - field["decay"]) ** np.arange(years + 1)[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            self.threshold_q = np.where(decay_j > 0, threshold / decay_j, np.inf)
        self.decay_j = decay_j

    def continuation(self, x, j, columns):
        """C_j(X) for X of shape (paths, columns), the first `columns` assets (all with N > j):
        max(0, S_jN) and, for the interior assets, the maximum over every n."""
        value = x * self.a[j][-1, :columns]          # row -1: n = years, S_jn = S_jN past N
        value -= self.b[j][-1, :columns]
        np.maximum(value, 0.0, out=value)
        interior = self.interior[:self.interior_alive[j]]             # interior, N > j
        if interior.size == 0:
            return value
        xi = x[:, interior]
        best = value[:, interior]
        scratch = np.empty_like(xi)
        a, b = self.a[j][:, interior], self.b[j][:, interior]
        for row in range(self.years - j - 1):
            alive = self.interior_alive[j + row]                   # N >= j+row+1
            s = scratch[:, :alive]
            np.multiply(xi[:, :alive], a[row, :alive], out=s)
            s -= b[row, :alive]
            np.maximum(best[:, :alive], s, out=best[:, :alive])
        value[:, interior] = best
        return value

    def continuation_every_n(self, x, j, columns):
        """C_j(X) as defined, the maximum over every n (for the tests)."""
        value = np.zeros_like(x)
        for row in range(self.years - j):
            value = np.maximum(value, x * self.a[j][row, :columns] - self.b[j][row, :columns])
        return value

    def at_default(self, x, j, columns, time_to_sell):
        """(C_j(X), V_s contribution) per path and asset for the few defaulting paths.

        n* is the first n attaining the maximum of S_jn (n* = j when C_j = 0). V_s sums
        E_j[CF_k] D_jk over k0 <= k <= n*, k0 the first year with k0 - 0.5 > j + s: that is
        S_jn* - S_j(k0-1) when n* >= k0, else 0, times (1+d)^s."""
        after_sale = [k for k in range(j + 1, self.years + 2) if k - 0.5 > j + time_to_sell]
        first = after_sale[0] if after_sale else self.years + 1         # k0
        value = np.zeros_like(x)                                       # S_jn*, n* = j so far
        best = np.full(x.shape, j)
        before_sale = np.zeros_like(x)                                 # S_j(k0-1)
        for row in range(self.years - j):
            n = j + row + 1
            partial = x * self.a[j][row, :columns]
            partial -= self.b[j][row, :columns]
            better = partial > value
            np.copyto(value, partial, where=better)
            best[better] = n
            if n == first - 1:
                before_sale = partial
        sale = np.where(best >= first, value - before_sale, 0.0)
        sale *= (1 + self.field["discount"][:columns]) ** time_to_sell
        return value, sale

    def deterministic_value(self):
        x = (self.field["revenue"] * self.field["mode"])[None, :]
        return float((self.field["grant"] * self.continuation(x, 0, self.count)[0]).sum())

    def expected_without_abandonment(self):
        """E[V] summed over assets without abandonment: the formula at the PERT mean."""
        f = self.field
        k = np.arange(1, self.years + 1)[:, None]
        mean_royalty = np.where(f["low"] < f["high"], (f["low"] + 4 * f["mode"] + f["high"]) / 6,
                                f["mode"])
        survival = (1 - f["hazard"]) ** k
        revenue = f["revenue"] * (1 + f["growth"]) ** k
        values = f["grant"] * np.sum(
            survival * (mean_royalty * self.royalty_weight * revenue - self.maintenance_weight),
            axis=0)
        return float(values.sum())

    def expected_with_abandonment(self):
        """sum_i p_grant E_r[C_0(R0 r)], exact (for the case every volatility is 0)."""
        f = self.field
        total = 0.0
        for i in range(self.count):
            if self.n[i] == 0 or f["grant"][i] == 0:
                continue
            slope = f["revenue"][i] * self.a[0][:self.n[i], i]     # lines a_n R0 r - b_n
            intercept = -self.b[0][:self.n[i], i]
            slope, intercept = np.append(0.0, slope), np.append(0.0, intercept)   # n = 0
            low, mode, high = f["low"][i], f["mode"][i], f["high"][i]
            if not low < high:
                total += f["grant"][i] * float(np.max(slope * mode + intercept))
                continue
            span = high - low
            shape = (1 + 4 * (mode - low) / span, 1 + 4 * (high - mode) / span)
            # Lines in x in [0, 1] (r = low + span x): p + q x.
            p, q = intercept + slope * low, slope * span
            cuts = {0.0, 1.0}
            for first in range(len(p)):
                for second in range(first + 1, len(p)):
                    if q[first] != q[second]:
                        x = (p[second] - p[first]) / (q[first] - q[second])
                        if 0 < x < 1:
                            cuts.add(float(x))
            cuts = sorted(cuts)
            pieces = []                          # (start, end, line), merged where one line
            for start, end in zip(cuts[:-1], cuts[1:]):
                line = int(np.argmax(p + q * (start + end) / 2))
                if pieces and pieces[-1][2] == line:
                    pieces[-1] = (pieces[-1][0], end, line)
                else:
                    pieces.append((start, end, line))
            mean_x = shape[0] / (shape[0] + shape[1])
            value = 0.0
            for start, end, line in pieces:
                mass = regularized_beta(end, *shape) - regularized_beta(start, *shape)
                first_moment = mean_x * (regularized_beta(end, shape[0] + 1, shape[1])
                                         - regularized_beta(start, shape[0] + 1, shape[1]))
                value += p[line] * mass + q[line] * first_moment
            total += f["grant"][i] * value
        return total


def regularized_beta(x, a, b):
    """I_x(a, b) by its continued fraction (modified Lentz), to about 1e-15."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    if x > (a + 1) / (a + b + 2):
        return 1.0 - regularized_beta(1 - x, b, a)
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                     + a * math.log(x) + b * math.log1p(-x)) / a
    tiny = 1e-300
    f, c, d = 1.0, 1.0, 0.0
    for step in range(0, 400):
        m = step // 2
        if step == 0:
            numerator = 1.0
        elif step % 2 == 0:
            numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        else:
            numerator = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1.0 + numerator * d
        d = tiny if abs(d) < tiny else d
        d = 1.0 / d
        c = 1.0 + numerator / c
        c = tiny if abs(c) < tiny else c
        f *= c * d
        if abs(1.0 - c * d) < 1e-15:
            return front * (f - 1.0)
    raise ArithmeticError("incomplete beta did not converge")


class Loan:
    """The loan's terms; `threshold` = PhiInverse(p)."""

    def __init__(self, amount, pd, tenor=5, amortization="bullet", beta=0.5, time_to_sell=1.0,
                 sale_cost=0.10, rate=0.10):
        self.amount, self.pd, self.tenor = amount, pd, tenor
        self.amortization, self.beta, self.time_to_sell = amortization, beta, time_to_sell
        self.sale_cost, self.rate = sale_cost, rate
        if pd is None:
            self.threshold = None
        elif pd <= 0:
            self.threshold = -math.inf
        elif pd >= 1:
            self.threshold = math.inf
        else:
            self.threshold = statistics.NormalDist().inv_cdf(pd)

    def exposure(self, year):
        """EAD_j = B_(j-1) (1+i)."""
        outstanding = self.amount
        if self.amortization == "linear":
            outstanding = self.amount * (1 - (year - 1) / self.tenor)
        return outstanding * (1 + self.rate)


def batch_bounds(paths, batches):
    batches = max(1, min(batches, paths))
    return [(b * paths // batches, (b + 1) * paths // batches) for b in range(batches)]


def simulate(assets, paths, seed, correlation, horizon=1, loan=None, batches=25, chunk=200):
    """Simulates the portfolio; returns per-path arrays and per-batch per-asset sums.

    horizon: whole years, or None for the whole life. loan: a Loan or None.
    """
    model = Model(assets)
    f = model.field
    count, years = model.count, model.years
    rng = np.random.default_rng(seed)
    borrower_rng = np.random.default_rng(np.random.SeedSequence(seed).spawn(1)[0])
    ranged = np.flatnonzero(f["low"] < f["high"])   # assets with a PERT royalty
    low, high, mode = f["low"][ranged], f["high"][ranged], f["mode"][ranged]
    span = high - low
    alpha = 1 + 4 * (mode - low) / span
    beta = 1 + 4 * (high - mode) / span
    sigma = f["sigma"]
    drift = np.log1p(f["growth"]) - sigma ** 2 / 2
    factor_loading, own_loading = math.sqrt(correlation), math.sqrt(1 - correlation)
    hazard = f["hazard"]
    never = np.iinfo(np.int64).max
    horizon_year = None if horizon is None or horizon >= years else int(horizon)
    horizon_discount = (1 + f["discount"]) ** -(horizon_year or 0)
    eligible = np.ones(count, dtype=bool)
    if loan is not None:
        eligible = f["life"] >= loan.tenor + loan.time_to_sell
    lending_weight = f["ltv"] * eligible
    defaults = loan is not None and loan.threshold is not None
    tenor = loan.tenor if defaults else 0

    bounds = batch_bounds(paths, batches)
    result = dict(
        model=model, bounds=bounds, eligible=eligible,
        portfolio=np.empty(paths), horizon_value=np.empty(paths), lending=np.empty(paths),
        asset_sums=np.zeros((len(bounds), count)),
        default_year=np.zeros(paths, dtype=np.int64), collateral=np.zeros(paths),
        sale_value=np.zeros(paths))
    for batch, (first, last) in enumerate(bounds):
        for start in range(first, last, chunk):
            size = min(chunk, last - start)
            rows = slice(start, start + size)
            granted = rng.random((size, count)) < f["grant"]
            royalty = np.broadcast_to(f["mode"], (size, count)).copy()
            royalty[:, ranged] = low + span * rng.beta(alpha, beta, (size, len(ranged)))
            loss_year = np.where(hazard > 0, rng.geometric(np.where(hazard > 0, hazard, 1.0),
                                                           (size, count)), never)
            factor = rng.standard_normal((size, years))
            q = royalty * f["revenue"]                                  # Q_k = R_k r
            keep = granted & (q > model.threshold_q[0])               # decision at j = 0
            value = np.zeros((size, count))
            default_year = np.zeros(size, dtype=np.int64)
            if defaults:
                own = borrower_rng.standard_normal((size, tenor))
                market = factor[:, :tenor]
                if tenor > years:
                    market = np.hstack([market,
                                        borrower_rng.standard_normal((size, tenor - years))])
                latent = math.sqrt(loan.beta) * market + math.sqrt(1 - loan.beta) * own
                hit = latent < loan.threshold
                default_year = np.where(hit.any(axis=1), hit.argmax(axis=1) + 1, 0)
                result["default_year"][rows] = default_year
            snapshot = None
            if horizon_year == 0:
                snapshot = horizon_values(model, q, keep, value, 0, horizon_discount)
            for year in range(1, years + 1):
                alive = model.alive_in_year[year - 1]
                qa, ka = q[:, :alive], keep[:, :alive]
                s = rng.standard_normal((size, alive))
                s *= own_loading
                s += factor_loading * factor[:, year - 1:year]
                s *= sigma[:alive]
                s += drift[:alive]
                np.exp(s, out=s)
                qa *= s
                ka &= loss_year[:, :alive] > year                   # lost in year T: no pay
                np.multiply(qa, model.royalty_weight[year - 1, :alive], out=s)
                s -= model.maintenance_weight[year - 1, :alive]
                s *= ka
                value[:, :alive] += s
                if year == horizon_year:
                    snapshot = horizon_values(model, q, keep, value, year, horizon_discount)
                if defaults and year <= tenor:
                    hit = np.flatnonzero(default_year == year)
                    columns = model.alive_in_year[year]              # N > year
                    if hit.size and columns:
                        x = q[hit, :columns] * model.decay_j[year, :columns]
                        worth, sale = model.at_default(x, year, columns, loan.time_to_sell)
                        held = keep[hit, :columns]
                        result["collateral"][start + hit] = np.where(held, worth, 0).sum(1)
                        result["sale_value"][start + hit] = np.where(held, sale, 0).sum(1)
                ka &= qa > model.threshold_q[year, :alive]          # decision at the end of j
            totals = value.sum(axis=1)
            result["portfolio"][rows] = totals
            result["asset_sums"][batch] += value.sum(axis=0)
            if snapshot is None:
                result["horizon_value"][rows] = totals
                result["lending"][rows] = value @ lending_weight
            else:
                result["horizon_value"][rows] = snapshot.sum(axis=1)
                result["lending"][rows] = snapshot @ lending_weight
    return result


def horizon_values(model, q, keep, value, year, discount):
    """Per path and asset: the discounted cash flows to `year` plus C_H / (1+d)^H if kept."""
    snapshot = value.copy()
    columns = model.alive_in_year[year]                                # N > year
    if columns:
        x = q[:, :columns] * model.decay_j[year, :columns]
        worth = model.continuation(x, year, columns)
        worth *= keep[:, :columns]
        snapshot[:, :columns] += worth * discount[:columns]
    return snapshot


def estimate(statistic, arrays, bounds, iid=None):
    """(value, standard error): iid = the per-path array whose mean the statistic is, else batch
    means over `bounds` (batches where the statistic is not finite are left out)."""
    value = statistic(*arrays)
    if iid is not None:
        return value, float(np.std(iid, ddof=1) / math.sqrt(len(iid)))
    values = []
    for first, last in bounds:
        with np.errstate(all="ignore"):
            v = statistic(*(a[first:last] for a in arrays))
        if math.isfinite(v):
            values.append(v)
    if len(values) < 2:
        return value, math.nan
    return value, float(np.std(values, ddof=1) / math.sqrt(len(values)))


def quantile(x, level):
    return float(np.quantile(x, level)) if len(x) else math.nan


def value_at_risk(x, level):
    return float(np.mean(x) - np.quantile(x, 1 - level))


def expected_shortfall(x, level):
    cut = np.quantile(x, 1 - level)
    return float(np.mean(x) - np.mean(x[x <= cut]))


def hhi(sums):
    total = sums.sum()
    if total == 0:
        return math.nan
    shares = sums / total
    return float(np.sum(shares ** 2))


def figures(result, loan=None, quantile_level=0.10, orderly=0.35, forced=0.60):
    """[(name, value, se or None)] in print order."""
    bounds = result["bounds"]
    portfolio, horizon, lending = (result["portfolio"], result["horizon_value"],
                                   result["lending"])
    out = []

    def add(name, statistic, arrays, iid=None):
        value, se = estimate(statistic, arrays, bounds, iid)
        out.append((name, float(value), se))

    add("market_value_mean", np.mean, [portfolio], iid=portfolio)
    add("market_value_sd", lambda x: float(np.std(x, ddof=1)), [portfolio])
    for level, name in ((0.05, "p05"), (0.50, "p50"), (0.95, "p95")):
        add(f"market_value_{name}", lambda x, level=level: quantile(x, level), [portfolio])
    add("orderly_liquidation_value", lambda x: float(np.mean(x)) * (1 - orderly), [portfolio],
        iid=portfolio * (1 - orderly))
    add("forced_liquidation_value", lambda x: float(np.mean(x)) * (1 - forced), [portfolio],
        iid=portfolio * (1 - forced))
    add("horizon_value_mean", np.mean, [horizon], iid=horizon)
    add("collateral_value", lambda x: quantile(x * (1 - orderly), quantile_level), [horizon])
    add("lending_value", lambda x: quantile(x * (1 - orderly), quantile_level), [lending])
    for level, name in ((0.95, "95"), (0.99, "99")):
        add(f"var{name}", lambda x, level=level: value_at_risk(x, level), [horizon])
        add(f"es{name}", lambda x, level=level: expected_shortfall(x, level), [horizon])
    sums = result["asset_sums"]
    batch_hhi = [hhi(row) for row in sums]
    batch_hhi = [h for h in batch_hhi if math.isfinite(h)]
    out.append(("hhi", hhi(sums.sum(axis=0)),
                float(np.std(batch_hhi, ddof=1) / math.sqrt(len(batch_hhi)))
                if len(batch_hhi) > 1 else math.nan))
    if loan is None:
        return out
    amount = loan.amount
    out.append(("loan_amount", amount, None))
    out.append(("eligible_assets", float(result["eligible"].sum()), None))
    covered = (portfolio * (1 - orderly) >= amount).astype(float)
    add("coverage_orderly", np.mean, [covered], iid=covered)
    covered = (portfolio * (1 - forced) >= amount).astype(float)
    add("coverage_forced", np.mean, [covered], iid=covered)
    if loan.threshold is None:
        return out
    year = result["default_year"]
    defaulted = year > 0
    exposure = np.zeros(len(year))
    for j in range(1, loan.tenor + 1):
        exposure[year == j] = loan.exposure(j)
    proceeds = ((1 - orderly) * (1 - loan.sale_cost) * result["sale_value"]
                / (1 + loan.rate) ** loan.time_to_sell)
    loss = np.where(defaulted, np.maximum(0.0, exposure - proceeds), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        lgd = np.where(defaulted, loss / exposure, np.nan)
    discounted = loss / (1 + loan.rate) ** year
    first_year = np.where(year == 1, discounted, 0.0)
    collateral = np.where(defaulted, result["collateral"], np.nan)
    out.append(("tenor_years", float(loan.tenor), None))
    flag = defaulted.astype(float)
    add("default_probability", np.mean, [flag], iid=flag)

    def over_defaults(statistic):
        return lambda x: statistic(x[~np.isnan(x)]) if np.any(~np.isnan(x)) else math.nan

    add("collateral_at_default_mean", over_defaults(np.mean), [collateral])
    add("collateral_at_default_p10", over_defaults(lambda x: quantile(x, 0.10)), [collateral])
    add("lgd_mean", over_defaults(np.mean), [lgd])
    add("lgd_p90", over_defaults(lambda x: quantile(x, 0.90)), [lgd])
    add("expected_credit_loss", np.mean, [discounted], iid=discounted)
    add("expected_credit_loss_rate", lambda x: float(np.mean(x)) / amount, [discounted],
        iid=discounted / amount)
    add("expected_credit_loss_12m", np.mean, [first_year], iid=first_year)
    add("unexpected_loss99", lambda x: quantile(x, 0.99) - float(np.mean(x)), [discounted])
    result["discounted_loss"] = discounted       # per path, for paired comparisons
    return out


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
    parser.add_argument("--batches", type=int, default=25,
                        help="batches of paths for the batch-means standard errors")
    parser.add_argument("--horizon", default="1", help="whole years, or 'life'")
    parser.add_argument("--collateral-quantile", type=float, default=0.10)
    parser.add_argument("--orderly-discount", type=float, default=0.35)
    parser.add_argument("--forced-discount", type=float, default=0.60)
    parser.add_argument("--loan", type=float)
    parser.add_argument("--pd", type=float)
    parser.add_argument("--tenor", type=int, default=5)
    parser.add_argument("--amortization", choices=("bullet", "linear"), default="bullet")
    parser.add_argument("--borrower-correlation", type=float, default=0.5)
    parser.add_argument("--time-to-sell", type=float, default=1.0)
    parser.add_argument("--sale-cost", type=float, default=0.10)
    parser.add_argument("--loan-rate", type=float, default=0.10)
    arguments = parser.parse_args()
    horizon = None if arguments.horizon == "life" else int(arguments.horizon)
    if horizon is not None and horizon < 0:
        parser.error("--horizon must be a whole number of years >= 0 or 'life'")
    if not 1 <= arguments.tenor <= 30:
        parser.error("--tenor must be 1 to 30 years")
    loan = None
    if arguments.loan is not None:
        loan = Loan(arguments.loan, arguments.pd, arguments.tenor, arguments.amortization,
                    arguments.borrower_correlation, arguments.time_to_sell,
                    arguments.sale_cost, arguments.loan_rate)
    assets = read_portfolio(arguments.portfolio,
                            datetime.date.fromisoformat(arguments.valuation_date),
                            arguments.discount_rate)
    seconds = math.inf
    for _ in range(max(1, arguments.repeats)):
        begin = time.perf_counter()
        result = simulate(assets, arguments.paths, arguments.seed, arguments.correlation,
                          horizon, loan, arguments.batches)
        seconds = min(seconds, time.perf_counter() - begin)
    model = result["model"]
    totals = result["portfolio"]
    sd = float(totals.std(ddof=1))
    print(f"paths {arguments.paths}")
    print(f"seconds {seconds:.3f}")
    print(f"mean {float(totals.mean())!r}")
    print(f"sd {sd!r}")
    print(f"se {sd / math.sqrt(arguments.paths)!r}")
    print(f"expected {model.expected_without_abandonment()!r}")
    if np.all(model.field["sigma"] == 0):
        print(f"expected_with_abandonment {model.expected_with_abandonment()!r}")
    print(f"deterministic_value {model.deterministic_value()!r}")
    print(f"horizon_years {math.inf if horizon is None else float(horizon)!r}")
    for name, value, se in figures(result, loan, arguments.collateral_quantile,
                                   arguments.orderly_discount, arguments.forced_discount):
        print(f"{name} {value!r}")
        if se is not None:
            print(f"{name}_se {se!r}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
