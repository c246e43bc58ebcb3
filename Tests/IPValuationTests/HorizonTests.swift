// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPCommon
import IPValuation
import Testing

@Suite("Risk over a horizon")
struct HorizonTests {
  static func assumptions(paths: Int, horizon: RiskHorizon) -> ValuationAssumptions {
    var assumptions = ValuationAssumptions(valuationDate: date("2025-12-31"))
    assumptions.paths = paths
    assumptions.seed = 3
    assumptions.threads = 2
    assumptions.horizon = horizon
    return assumptions
  }

  /// Without randomness, the horizon value is the cash flows of the first `H` years plus the
  /// continuation value at `H`, discounted: `sum_{k<=H} CF_k / (1+d)^(k-0.5) + C_H(X_H) /
  /// (1+d)^H`, checked against the brute force for horizons before, at and past the owner's
  /// abandonment and past the end of the life (where it is the whole value).
  @Test(arguments: [1, 3, 5, 12])
  func horizonValueWithoutRandomness(horizon: Int) throws {
    let asset = sampleAsset(
      revenue: 4e6, growth: -0.1, royalty: 0.06, discount: 0.12, life: 9.5, obsolescence: 0.1,
      maintenance: 6e4)
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: [asset]),
      assumptions: Self.assumptions(paths: 1500, horizon: .years(horizon)),
      perAssetQuantiles: false)
    let right = ReferenceRight(
      revenue: 4e6, growth: -0.1, royalty: 0.06, obsolescence: 0.1, maintenance: 6e4,
      discount: 0.12, life: 9.5)
    // Paid years: up to the abandonment (the first year end with C_j <= 0) and the horizon.
    var expected = 0.0
    var held = true
    for k in 1...min(horizon, right.years) {
      held = held && right.continuation(k - 1, right.income(k - 1)).value > 0
      guard held else { break }
      expected += right.term(0, right.income(0), k)
    }
    if held, right.held(at: horizon) {
      let continuation = right.continuation(horizon, right.income(horizon)).value
      expected += continuation / pow(1.12, Double(horizon))
    }
    let values = try #require(result.horizonValues)
    #expect(values.allSatisfy { abs($0 - expected) <= 1e-9 * expected }, "H = \(horizon)")
    if horizon >= 10 {
      #expect(zip(values, result.portfolioValues).allSatisfy { abs($0 - $1) <= 1e-9 * $1 })
    }
  }

  /// Without a maintenance cost nothing is abandoned, and the continuation value at `H` is the
  /// expected rest of the cash flows given the state at `H`: by the tower property
  /// `E[P_H] = E[P] = E[V]`. The simulated mean of the horizon values is within 4 standard
  /// errors of the exact `E[V]`, for several horizons, while its spread is well below the whole
  /// life's.
  @Test(arguments: [1, 4])
  func horizonValuesHaveTheWholeLifeMean(horizon: Int) throws {
    let assets = [
      sampleAsset(id: "A", revenue: 5e8, growth: 0.04, volatility: 0.35, royalty: 0.04, low: 0.02,
        high: 0.07, obsolescence: 0.05, hazard: 0.03),
      sampleAsset(id: "B", right: .trademark, revenue: 1e9, volatility: 0.25, royalty: 0.02,
        life: 8.5),
    ]
    let paths = 100_000
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: assets),
      assumptions: Self.assumptions(paths: paths, horizon: .years(horizon)),
      perAssetQuantiles: false)
    let values = try #require(result.horizonValues)
    let exact = try #require(result.deterministic.expectedValue)
    let sd = try Descriptive.standardDeviation(values)
    let mean = try Descriptive.mean(values)
    #expect(abs(mean - exact) <= 4 * sd / Double(paths).squareRoot())
    #expect(sd < (try Descriptive.standardDeviation(result.portfolioValues)))
  }

  /// The horizon `life` gives the whole-life definitions: the risk figures equal those computed
  /// from the whole-life values; a horizon of 1 year gives different ones.
  @Test func lifeHorizonIsTheWholeLife() throws {
    let portfolio = try Portfolio.read(path: RepositoryPaths.repository(LoanTests.sample))
    let life = try MonteCarloValuation.run(
      portfolio: portfolio, assumptions: Self.assumptions(paths: 4000, horizon: .life),
      perAssetQuantiles: false)
    #expect(life.horizonValues == nil)
    let report = try CollateralReport(result: life)
    let direct = try CollateralReport(
      portfolioValues: life.portfolioValues, lendingBaseByRight: life.lendingBaseByRight,
      assetMeans: life.assets.map(\.mean), deterministicValue: life.deterministic.value)
    #expect(report.metrics == direct.metrics)
    let sorted = try SortedSample(life.portfolioValues)
    #expect(report.value(named: "collateral_value") == (try sorted.quantile(0.10)) * 0.65)
    let year = try CollateralReport(
      result: try MonteCarloValuation.run(
        portfolio: portfolio, assumptions: Self.assumptions(paths: 4000, horizon: .years(1)),
        perAssetQuantiles: false))
    #expect(year.value(named: "var95") != report.value(named: "var95"))
    #expect(year.value(named: "market_value_mean") == report.value(named: "market_value_mean"))
  }

  @Test func horizonsAreParsedAndChecked() {
    #expect(RiskHorizon("life") == .life)
    #expect(RiskHorizon("3") == .years(3))
    #expect(RiskHorizon("3.5") == nil && RiskHorizon("") == nil)
    var assumptions = ValuationAssumptions(valuationDate: date("2025-12-31"))
    for bad in [0, 101, -2] {
      assumptions.horizon = .years(bad)
      #expect(throws: ValuationError.self) { try assumptions.validate() }
    }
  }
}
