// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPValuation
import Testing

@Suite("Collateral metrics on a hand-made set of path values")
struct CollateralReportTests {
  /// Ten paths: P = 100, 200, ..., 1000 (shuffled), and horizon values P_H = 0.8 P + 40. On
  /// even-numbered values of P the portfolio is all invention, on odd-numbered ones all
  /// trademark.
  static let values: [Double] = [500, 100, 900, 300, 700, 200, 1000, 400, 800, 600]
  static let horizon = values.map { 0.8 * $0 + 40 }
  static var byRight: [IPRight: [Double]] {
    let invention = zip(values, horizon).map { Int($0 / 100) % 2 == 0 ? $1 : 0 }
    let trademark = zip(horizon, invention).map { $0 - $1 }
    return [
      .invention: invention, .trademark: trademark,
      .utilitySolution: values.map { _ in 0 }, .industrialDesign: values.map { _ in 0 },
    ]
  }
  /// The borrower defaults on four paths, in years 1, 2, 3 and 5, with these collateral and
  /// sale values.
  static let defaults = DefaultOutcomes(
    years: [0, 1, 0, 2, 0, 0, 3, 0, 5, 0],
    collateral: [0, 400, 0, 250, 0, 0, 600, 0, 90, 0],
    saleValues: [0, 500, 0, 100, 0, 0, 300, 0, 50, 0])

  static func report(loan: Double? = 300, pd: Double? = 0.05) throws -> CollateralReport {
    var policy = CollateralPolicy()
    try policy.setLoanToValue(0.3, forRightNamed: "trademark")
    var terms = loan.map { Loan(amount: $0) }
    terms?.probabilityOfDefault = pd
    return try CollateralReport(
      portfolioValues: values, horizonValues: horizon, horizonYears: 1,
      lendingBaseByRight: byRight, assetMeans: [300, 100, 100, -2], deterministicValue: 512,
      policy: policy, loan: terms, defaults: pd == nil ? nil : defaults)
  }

  @Test func everyFigureEqualsTheHandComputation() throws {
    let report = try Self.report()
    // Hand computation. Sorted P: 100..1000, mean 550, variance sum((100k - 550)^2) / 9.
    // Quantiles (definition 7, h = 9p): q05 = 100 + 0.45 * 100 = 145, q50 = 550,
    // q95 = 900 + 0.55 * 100 = 955.
    let variance = (1...10).reduce(0.0) { $0 + pow(100 * Double($1) - 550, 2) } / 9
    // Sorted P_H: 120, 200, ..., 840, mean 480: q10 = 120 + 0.9 * 80 = 192, q05 = 156,
    // q01 = 127.2; the 95% and 99% tails hold 120 alone.
    // Lending per path: 0.65 * (0.5 on inventions, 0.3 on trademarks) * P_H: sorted 23.4, 54.6,
    // 65, 85.8, 117, 117, 148.2, 169, 221, 273 -> q10 = 23.4 + 0.9 * 31.2.
    // Loan 300: OLV = 0.65 P >= 300 for P >= 500 (6 of 10); FLV = 0.4 P >= 300 for P >= 800
    // (3 of 10). Defaults: EAD = 300 * 1.1 = 330 (bullet); proceeds = 0.65 * 0.9 * V_s / 1.1.
    let sales: [(year: Double, sale: Double)] = [(1, 500), (2, 100), (3, 300), (5, 50)]
    let losses = sales.map { max(0, 330 - 0.65 * 0.9 * $0.sale / 1.1) }
    let discounted = zip(sales, losses).map { $1 / pow(1.1, $0.year) }
    let lgds = losses.map { $0 / 330 }.sorted()
    let allDiscounted = (discounted + [0, 0, 0, 0, 0, 0]).sorted()
    let ecl = discounted.reduce(0, +) / 10
    let expected: [(String, Double)] = [
      ("deterministic_value", 512),
      ("market_value_mean", 550),
      ("market_value_mean_se", variance.squareRoot() / 10.0.squareRoot()),
      ("market_value_sd", variance.squareRoot()),
      ("market_value_p05", 145),
      ("market_value_p50", 550),
      ("market_value_p95", 955),
      ("orderly_liquidation_value", 357.5),
      ("forced_liquidation_value", 220),
      ("horizon_years", 1),
      ("horizon_value_mean", 480),
      ("collateral_value", 192 * 0.65),
      ("lending_value", 23.4 + 0.9 * 31.2),
      ("var95", 480 - 156),
      ("es95", 480 - 120),
      ("var99", 480 - 127.2),
      ("es99", 480 - 120),
      // The negative mean counts as 0: shares 3/5, 1/5, 1/5, 0.
      ("hhi", 0.36 + 0.04 + 0.04),
      ("loan_amount", 300),
      ("tenor_years", 5),
      ("coverage_orderly", 0.6),
      ("coverage_forced", 0.3),
      ("default_probability", 0.4),
      ("collateral_at_default_mean", (400 + 250 + 600 + 90) / 4),
      ("collateral_at_default_p10", 90 + 0.3 * 160),
      ("lgd_mean", losses.reduce(0, +) / 330 / 4),
      ("lgd_p90", lgds[2] + 0.7 * (lgds[3] - lgds[2])),
      ("expected_credit_loss", ecl),
      ("expected_credit_loss_rate", ecl / 300),
      ("expected_credit_loss_12m", discounted[0] / 10),
      ("unexpected_loss99", allDiscounted[8] + 0.91 * (allDiscounted[9] - allDiscounted[8]) - ecl),
    ]
    #expect(report.metrics.map(\.name) == expected.map(\.0))
    for (metric, (name, value)) in zip(report.metrics, expected) {
      #expect(abs(metric.value - value) <= 1e-12 * max(1, abs(value)), "\(name)")
    }
    let kinds = Dictionary(uniqueKeysWithValues: report.metrics.map { ($0.name, $0.kind) })
    #expect(kinds["tenor_years"] == .years && kinds["lgd_mean"] == .ratio)
    #expect(kinds["expected_credit_loss"] == .amount)
    #expect(report.losses?.discountedLosses[1] == discounted[0])
  }

  /// With the horizon `life` the risk figures are those of the whole-life values, as before the
  /// horizon existed; and a borrower who never defaults leaves the figures over defaulting
  /// paths empty (NaN) and the expected loss 0.
  @Test func wholeLifeHorizonAndNoDefault() throws {
    let report = try CollateralReport(
      portfolioValues: Self.values, lendingBaseByRight: [.invention: Self.values],
      assetMeans: [1], deterministicValue: 1, loan: Loan(amount: 300),
      defaults: DefaultOutcomes(
        years: Self.values.map { _ in 0 }, collateral: Self.values.map { _ in 0 },
        saleValues: Self.values.map { _ in 0 }))
    #expect(report.value(named: "horizon_years") == nil)
    #expect(relativelyClose(report.value(named: "var95") ?? 0, 550 - 145, 1e-14))
    #expect(relativelyClose(report.value(named: "collateral_value") ?? 0, 190 * 0.65, 1e-14))
    #expect(report.value(named: "default_probability") == 0)
    #expect(report.value(named: "lgd_mean")?.isNaN == true)
    #expect(report.value(named: "collateral_at_default_p10")?.isNaN == true)
    #expect(report.value(named: "expected_credit_loss") == 0)
    #expect(report.value(named: "unexpected_loss99") == 0)
  }

  /// Tails of several paths: P = 1, 2, ..., 100, whose 5% quantile is 1 + 0.05 * 99 = 5.95,
  /// so the 95% tail is {1, ..., 5} with mean 3 (ES95 = 50.5 - 3 = 47.5); the 1% quantile is
  /// 1.99, the 99% tail {1} (ES99 = 49.5). A loan of A = 13 * 0.65 (rounded: 8.450000000000001)
  /// is covered at orderly discount 0.35 where 0.65 P >= A: from P = 13 on, 88 of 100 paths, the
  /// boundary path included (P >= A / 0.65 would miss it: that quotient rounds to just above
  /// 13); at the forced discount 0.60 from P = 22 on (0.4 P >= 8.45), 79 of 100. A portfolio of
  /// equal paths has VaR and ES exactly 0.
  @Test func tailsOfSeveralPathsAndBoundaryCoverage() throws {
    let values = (1...100).map(Double.init)
    let report = try CollateralReport(
      portfolioValues: values, lendingBaseByRight: [.invention: values], assetMeans: [50.5],
      deterministicValue: 50.5, loan: Loan(amount: 13 * 0.65))
    #expect(relativelyClose(report.value(named: "var95") ?? 0, 50.5 - 5.95, 1e-14))
    #expect(relativelyClose(report.value(named: "es95") ?? 0, 47.5, 1e-14))
    #expect(relativelyClose(report.value(named: "es99") ?? 0, 49.5, 1e-14))
    #expect(report.value(named: "coverage_orderly") == 0.88)
    #expect(report.value(named: "coverage_forced") == 0.79)

    let constant = [Double](repeating: 0.1, count: 50)
    let flat = try CollateralReport(
      portfolioValues: constant, lendingBaseByRight: [.invention: constant], assetMeans: [0.1],
      deterministicValue: 0.1)
    for name in ["var95", "es95", "var99", "es99"] {
      #expect(flat.value(named: name) == 0, "\(name)")
    }
  }

  /// Values by right, horizon values and defaults must have one value per path.
  @Test func valuesOfAnotherLengthAreRejected() throws {
    #expect(throws: ValuationError.self) {
      try CollateralReport(
        portfolioValues: [1, 2, 3], lendingBaseByRight: [.invention: [1, 2]], assetMeans: [2],
        deterministicValue: 2)
    }
    #expect(throws: ValuationError.self) {
      try CollateralReport(
        portfolioValues: [1, 2, 3], horizonValues: [1, 2], lendingBaseByRight: [:],
        assetMeans: [2], deterministicValue: 2)
    }
    #expect(throws: ValuationError.self) {
      try CollateralReport(
        portfolioValues: [1, 2, 3], lendingBaseByRight: [:], assetMeans: [2],
        deterministicValue: 2, loan: Loan(amount: 1),
        defaults: DefaultOutcomes(years: [0], collateral: [0], saleValues: [0]))
    }
    // Outcomes whose arrays disagree, or whose default year lies outside 0...T.
    for outcomes in [
      DefaultOutcomes(years: [0, 1, 0], collateral: [0, 1], saleValues: [0, 1, 0]),
      DefaultOutcomes(years: [0, 1, 0], collateral: [0, 1, 0], saleValues: [0, 1]),
      DefaultOutcomes(years: [0, 6, 0], collateral: [0, 1, 0], saleValues: [0, 1, 0]),
      DefaultOutcomes(years: [0, -1, 0], collateral: [0, 1, 0], saleValues: [0, 1, 0]),
    ] {
      #expect(throws: ValuationError.self) {
        try CreditLosses(defaults: outcomes, loan: Loan(amount: 1), orderlyDiscount: 0.35)
      }
      #expect(throws: ValuationError.self) {
        try CollateralReport(
          portfolioValues: [1, 2, 3], lendingBaseByRight: [:], assetMeans: [2],
          deterministicValue: 2, loan: Loan(amount: 1), defaults: outcomes)
      }
    }
    let valid = DefaultOutcomes(years: [0, 5, 0], collateral: [0, 1, 0], saleValues: [0, 1, 0])
    #expect(
      try CreditLosses(defaults: valid, loan: Loan(amount: 1), orderlyDiscount: 0.35)
        .collateralAtDefault == [1])
  }

  @Test func loanFiguresAppearOnlyWithALoan() throws {
    typealias Names = CollateralReport.MetricNames
    #expect(
      try Self.report().metrics.map(\.name)
        == Names.value + Names.horizon + Names.risk + Names.loan + Names.credit)
    let withoutHorizon = try CollateralReport(
      portfolioValues: [1, 2, 3], lendingBaseByRight: [:], assetMeans: [2],
      deterministicValue: 2)
    #expect(withoutHorizon.metrics.map(\.name) == Names.value + Names.risk)
    let noLoan = try Self.report(loan: nil, pd: nil)
    #expect(noLoan.metrics.last?.name == "hhi")
    #expect(noLoan.metrics.count == 18)
    let noPD = try Self.report(pd: nil)
    #expect(noPD.metrics.last?.name == "coverage_forced")
  }

  @Test func invalidPoliciesAreRejected() throws {
    var policy = CollateralPolicy()
    policy.quantile = 1
    #expect(throws: ValuationError.self) { try policy.validate() }
    policy = CollateralPolicy()
    policy.orderlyDiscount = 0.7
    #expect(throws: ValuationError.self) { try policy.validate() }  // forced below orderly
    policy = CollateralPolicy()
    #expect(throws: ValuationError.self) {
      try policy.setLoanToValue(0.5, forRightNamed: "copyright")
    }
    try policy.setLoanToValue(0.6, forRightNamed: "patent")
    #expect(policy.loanToValue(of: .invention) == 0.6)
    policy.loanToValue[.trademark] = 1.2
    #expect(throws: ValuationError.self) { try policy.validate() }
  }

  @Test func herfindahlOfEqualAssetsIsOneOverN() {
    #expect(CollateralReport.herfindahl([5, 5, 5, 5]) == 0.25)
    #expect(CollateralReport.herfindahl([7]) == 1)
    #expect(CollateralReport.herfindahl([0, 0]).isNaN)
  }
}
