// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPValuation
import Testing

@Suite("Collateral metrics on a hand-made set of path values")
struct CollateralReportTests {
  /// Ten paths: P = 100, 200, ..., 1000 (shuffled). On even-numbered values the portfolio is all
  /// invention, on odd-numbered ones all trademark.
  static let values: [Double] = [500, 100, 900, 300, 700, 200, 1000, 400, 800, 600]
  static var byRight: [IPRight: [Double]] {
    let invention = values.map { Int($0 / 100) % 2 == 0 ? $0 : 0 }
    let trademark = zip(values, invention).map { $0 - $1 }
    return [
      .invention: invention, .trademark: trademark,
      .utilitySolution: values.map { _ in 0 }, .industrialDesign: values.map { _ in 0 },
    ]
  }

  static func report(loan: Double? = 300, pd: Double? = 0.05) throws -> CollateralReport {
    var policy = CollateralPolicy()
    try policy.setLoanToValue(0.3, forRightNamed: "trademark")
    policy.loanAmount = loan
    policy.probabilityOfDefault = pd
    return try CollateralReport(
      portfolioValues: values, valuesByRight: byRight, assetMeans: [300, 100, 100],
      deterministicValue: 512, policy: policy)
  }

  @Test func everyFigureEqualsTheHandComputation() throws {
    let report = try Self.report()
    // Hand computation. Sorted P: 100..1000, mean 550, variance sum((100k - 550)^2) / 9.
    // Quantiles (definition 7, h = 9p): q05 = 100 + 0.45 * 100 = 145, q50 = 550,
    // q95 = 900 + 0.55 * 100 = 955, q10 = 190, q01 = 109.
    let variance = (1...10).reduce(0.0) { $0 + pow(100 * Double($1) - 550, 2) } / 9
    // Lending per path: 0.65 * (0.5 on inventions, 0.3 on trademarks) * P:
    // 19.5, 65, 58.5, 130, 97.5, 195, 136.5, 260, 175.5, 325 -> sorted, q10 = 19.5 + 0.9 * 39.
    // Loan 300: OLV = 0.65 P >= 300 for P >= 500 (6 of 10); FLV = 0.4 P >= 300 for P >= 800
    // (3 of 10); LGD = (260 + 220 + 180 + 140 + 100 + 60 + 20) / 300 / 10.
    let lgd = 980.0 / 300 / 10
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
      ("collateral_value", 190 * 0.65),
      ("lending_value", 19.5 + 0.9 * 39),
      ("var95", 550 - 145),
      ("es95", 550 - 100),
      ("var99", 550 - 109),
      ("es99", 550 - 100),
      ("hhi", 0.36 + 0.04 + 0.04),
      ("loan_amount", 300),
      ("coverage_orderly", 0.6),
      ("coverage_forced", 0.3),
      ("expected_lgd", lgd),
      ("expected_loss", 0.05 * lgd * 300),
    ]
    #expect(report.metrics.map(\.name) == expected.map(\.0))
    for (metric, (name, value)) in zip(report.metrics, expected) {
      #expect(abs(metric.value - value) <= 1e-12 * max(1, abs(value)), "\(name)")
    }
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
    var policy = CollateralPolicy()
    policy.loanAmount = 13 * 0.65
    let report = try CollateralReport(
      portfolioValues: values, valuesByRight: [.invention: values], assetMeans: [50.5],
      deterministicValue: 50.5, policy: policy)
    #expect(relativelyClose(report.value(named: "var95") ?? 0, 50.5 - 5.95, 1e-14))
    #expect(relativelyClose(report.value(named: "es95") ?? 0, 47.5, 1e-14))
    #expect(relativelyClose(report.value(named: "es99") ?? 0, 49.5, 1e-14))
    #expect(report.value(named: "coverage_orderly") == 0.88)
    #expect(report.value(named: "coverage_forced") == 0.79)

    let constant = [Double](repeating: 0.1, count: 50)
    let flat = try CollateralReport(
      portfolioValues: constant, valuesByRight: [.invention: constant], assetMeans: [0.1],
      deterministicValue: 0.1)
    for name in ["var95", "es95", "var99", "es99"] {
      #expect(flat.value(named: name) == 0, "\(name)")
    }
  }

  /// Values by right must have one value per path.
  @Test func valuesByRightOfAnotherLengthAreRejected() {
    #expect(throws: ValuationError.self) {
      try CollateralReport(
        portfolioValues: [1, 2, 3], valuesByRight: [.invention: [1, 2]], assetMeans: [2],
        deterministicValue: 2)
    }
  }

  @Test func loanFiguresAppearOnlyWithALoan() throws {
    let noLoan = try Self.report(loan: nil, pd: nil)
    #expect(noLoan.metrics.last?.name == "hhi")
    #expect(noLoan.metrics.count == 16)
    let noPD = try Self.report(pd: nil)
    #expect(noPD.metrics.last?.name == "expected_lgd")
    #expect(throws: ValuationError.self) { try Self.report(loan: nil, pd: 0.1) }
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
