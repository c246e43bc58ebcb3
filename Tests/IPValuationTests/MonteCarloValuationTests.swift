// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPCommon
import IPValuation
import Testing

@Suite("Monte Carlo valuation: the model's expectations, distributions and reproducibility")
struct MonteCarloValuationTests {
  static let valuationDate = date("2025-12-31")

  static func assumptions(
    paths: Int, correlation: Double = 0.3, seed: UInt64 = 11, threads: Int = 2
  ) -> ValuationAssumptions {
    var assumptions = ValuationAssumptions(valuationDate: valuationDate)
    assumptions.paths = paths
    assumptions.correlation = correlation
    assumptions.seed = seed
    assumptions.threads = threads
    return assumptions
  }

  /// Assets of every kind with every option in use.
  static let richPortfolio: [Asset] = [
    sampleAsset(
      id: "INV", filing: "2014-05-20", revenue: 4e9, growth: 0.07, volatility: 0.35,
      royalty: 0.05, low: 0.03, high: 0.08, discount: 0.14, obsolescence: 0.03, hazard: 0.04,
      maintenance: 2e7),
    sampleAsset(
      id: "UTIL", right: .utilitySolution, office: .kr, filing: "2020-09-09", grant: nil,
      grantProbability: 0.55, revenue: 9e8, growth: 0.02, volatility: 0.5, royalty: 0.03,
      low: 0.01, high: 0.05, discount: 0.16, hazard: 0.08),
    sampleAsset(
      id: "DES", right: .industrialDesign, filing: "2019-01-31", revenue: 6e8, growth: -0.02,
      volatility: 0.2, royalty: 0.02, discount: nil, obsolescence: 0.05),
    sampleAsset(
      id: "TM", right: .trademark, filing: "2008-08-08", revenue: 2e10, growth: 0.04,
      volatility: 0.25, royalty: 0.03, low: 0.02, high: 0.045, discount: 0.13, life: 12.4,
      hazard: 0.01, maintenance: 5e6),
  ]

  @Test func withoutRandomnessEveryPathIsTheDeterministicValue() throws {
    let assets = [
      sampleAsset(
        id: "A", filing: "2012-08-17", growth: 0.06, obsolescence: 0.03, maintenance: 4000),
      sampleAsset(
        id: "B", right: .industrialDesign, office: .kr, filing: "2016-02-29", growth: -0.01),
      sampleAsset(id: "C", right: .trademark, filing: "2001-01-01", life: 7.7),
      sampleAsset(id: "D", right: .utilitySolution, filing: "2017-06-30", discount: nil),
    ]
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: assets), assumptions: Self.assumptions(paths: 3000))
    let deterministic = result.deterministic.value
    #expect(deterministic > 0)
    #expect(result.portfolioValues.count == 3000)
    #expect(result.portfolioValues.allSatisfy { relativelyClose($0, deterministic, 1e-9) })
    for asset in result.assets {
      let value = asset.terms.deterministicValue
      #expect(relativelyClose(asset.mean, value, 1e-9))
      #expect(asset.standardDeviation <= 1e-9 * value)
      #expect(relativelyClose(asset.quantiles?.p05 ?? 0, value, 1e-9))
      #expect(relativelyClose(asset.quantiles?.p95 ?? 0, value, 1e-9))
    }
    // No randomness drawn: the revenue is fixed, so no normal variates either.
    #expect(result.variatesDrawn == VariateCounts())
  }

  @Test func meanIsWithinFourStandardErrorsOfTheExpectation() throws {
    let paths = 200_000
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: Self.richPortfolio),
      assumptions: Self.assumptions(paths: paths), perAssetQuantiles: false)
    let root = Double(paths).squareRoot()
    for asset in result.assets {
      let se = asset.standardDeviation / root
      if let expected = asset.terms.expectedValue {
        #expect(abs(asset.mean - expected) <= 4 * se, "\(asset.terms.id)")
      } else {
        // A maintenance cost and a random revenue: abandoning in bad years only adds value.
        #expect(asset.mean >= asset.terms.expectedValueIfKept - 4 * se, "\(asset.terms.id)")
      }
      #expect(asset.quantiles == nil)
    }
    // UTIL and DES have closed forms, INV and TM (maintenance and volatility) do not.
    #expect(result.assets.map { $0.terms.expectedValue == nil } == [true, false, false, true])
    let mean = try Descriptive.mean(result.portfolioValues)
    let se = try Descriptive.standardDeviation(result.portfolioValues) / root
    let ifKept = result.deterministic.expectedValueIfKept
    #expect(mean >= ifKept - 4 * se)
    // E[V] uses the PERT mean, not the mode: the two differ here.
    #expect(abs(ifKept - result.deterministic.value) > 10 * se)
  }

  @Test func logRevenueIsNormalWithTheModelsMoments() throws {
    // One year, fixed royalty, no hazard: V = a_1 r R_1 with
    // ln R_1 = ln R0 + ln(1+g) - sigma^2/2 + sigma Z, so
    // ln V ~ Normal(ln E[V] - sigma^2/2, sigma^2).
    let sigma = 0.4
    let asset = sampleAsset(revenue: 5e8, growth: 0.05, volatility: sigma, life: 1)
    let paths = 100_000
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: [asset]), assumptions: Self.assumptions(paths: paths),
      perAssetQuantiles: false)
    let logs = result.portfolioValues.map { log($0) }
    let expectedMean = log(try #require(result.deterministic.expectedValue)) - sigma * sigma / 2
    let n = Double(paths)
    #expect(abs(try Descriptive.mean(logs) - expectedMean) <= 4 * sigma / n.squareRoot())
    let variance = try Descriptive.variance(logs)
    #expect(abs(variance - sigma * sigma) <= 4 * sigma * sigma * (2 / (n - 1)).squareRoot())
  }

  @Test(arguments: [0.0, 0.5, 1.0])
  func copulaGivesTheLognormalCovariance(correlation: Double) throws {
    // Two one-year assets: Var(P) = sum_i m_i^2 (e^{s_i^2} - 1) + 2 m_1 m_2 (e^{rho s_1 s_2} - 1).
    let assets = [
      sampleAsset(id: "A", revenue: 5e8, volatility: 0.3, life: 1),
      sampleAsset(id: "B", revenue: 2e8, volatility: 0.5, life: 1),
    ]
    let paths = 200_000
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: assets),
      assumptions: Self.assumptions(paths: paths, correlation: correlation),
      perAssetQuantiles: false)
    let m = result.assets.map(\.terms.expectedValueIfKept)
    let variance =
      m[0] * m[0] * expm1(0.09) + m[1] * m[1] * expm1(0.25)
      + 2 * m[0] * m[1] * expm1(correlation * 0.3 * 0.5)
    let sd = try Descriptive.standardDeviation(result.portfolioValues)
    // The sample sd of these lognormal sums has a relative standard error below 0.4%.
    #expect(relativelyClose(sd, variance.squareRoot(), 0.015))
  }

  @Test func identicalAssetsAddUpWithFullCorrelationAndDiversifyWithout() throws {
    let count = 16
    let assets = (0..<count).map {
      sampleAsset(id: "A\($0)", revenue: 1e9, growth: 0.03, volatility: 0.3, life: 6)
    }
    let full = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: assets),
      assumptions: Self.assumptions(paths: 20_000, correlation: 1), perAssetQuantiles: false)
    let fullSD = try Descriptive.standardDeviation(full.portfolioValues)
    #expect(relativelyClose(fullSD, Double(count) * full.assets[0].standardDeviation, 1e-9))
    let none = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: assets),
      assumptions: Self.assumptions(paths: 20_000, correlation: 0), perAssetQuantiles: false)
    let noneSD = try Descriptive.standardDeviation(none.portfolioValues)
    let averageAssetSD = none.assets.reduce(0) { $0 + $1.standardDeviation } / Double(count)
    #expect(relativelyClose(noneSD / averageAssetSD, Double(count).squareRoot(), 0.03))
  }

  @Test func lossYearFollowsTheGeometricLaw() throws {
    // No discounting, tax, growth or decay, five whole years: V = r R0 K, K = min(5, T - 1),
    // P(K >= k) = (1 - h)^k.
    let hazard = 0.2
    let asset = sampleAsset(
      revenue: 1000, growth: 0, royalty: 0.1, discount: 0, tax: 0, life: 5, hazard: hazard)
    let paths = 100_000
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: [asset]), assumptions: Self.assumptions(paths: paths),
      perAssetQuantiles: false)
    var counts = [Int](repeating: 0, count: 6)
    for value in result.portfolioValues {
      let years = Int((value / 100).rounded())
      #expect(abs(value - 100 * Double(years)) < 1e-9)
      counts[years] += 1
    }
    for years in 0...5 {
      let probability =
        years < 5
        ? pow(1 - hazard, Double(years)) * hazard : pow(1 - hazard, 5)
      let expected = probability * Double(paths)
      let se = (Double(paths) * probability * (1 - probability)).squareRoot()
      #expect(abs(Double(counts[years]) - expected) <= 4 * se, "K = \(years)")
    }
  }

  @Test func pendingApplicationIsGrantedOncePerPath() throws {
    let asset = sampleAsset(grant: nil, grantProbability: 0.3, volatility: 0.2)
    let paths = 50_000
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: [asset]), assumptions: Self.assumptions(paths: paths),
      perAssetQuantiles: false)
    let granted = Double(result.portfolioValues.filter { $0 > 0 }.count)
    #expect(abs(granted - 0.3 * Double(paths)) <= 4 * (Double(paths) * 0.3 * 0.7).squareRoot())
  }

  @Test func perAssetQuantilesAreThoseOfThePertRoyalty() throws {
    // Revenue fixed: V_i = r_i S_i with S_i = V_det,i / mode_i, so the quantiles of V_i are S_i
    // times PERT quantiles. 1.5 million paths of 3 assets exceed the memory budget of one pass,
    // so the assets are simulated again in two groups.
    let assets = [
      sampleAsset(id: "A", royalty: 0.04, low: 0.02, high: 0.09),
      sampleAsset(id: "B", right: .trademark, royalty: 0.03, low: 0.01, high: 0.035),
      sampleAsset(id: "C", right: .industrialDesign, royalty: 0.02, low: 0.005, high: 0.06),
    ]
    let paths = 1_500_000
    #expect(3 * paths > MonteCarloValuation.quantileMemoryBudget)
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: assets),
      assumptions: Self.assumptions(paths: paths, threads: 2))
    for (asset, input) in zip(result.assets, assets) {
      let scale = asset.terms.deterministicValue / input.royaltyRate
      let pert = try Distribution.pert(
        minimum: input.royaltyLow, mode: input.royaltyRate, maximum: input.royaltyHigh)
      let quantiles = try #require(asset.quantiles)
      #expect(relativelyClose(quantiles.p05, scale * (try pert.quantile(0.05)), 0.005))
      #expect(relativelyClose(quantiles.p50, scale * (try pert.quantile(0.50)), 0.003))
      #expect(relativelyClose(quantiles.p95, scale * (try pert.quantile(0.95)), 0.003))
    }
  }

  @Test func singleAssetQuantilesAreThePortfolios() throws {
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: [Self.richPortfolio[0]]),
      assumptions: Self.assumptions(paths: 5000))
    let sorted = try SortedSample(result.portfolioValues)
    let quantiles = try #require(result.assets[0].quantiles)
    #expect(quantiles.p05 == (try sorted.quantile(0.05)))
    #expect(quantiles.p50 == (try sorted.quantile(0.50)))
    #expect(quantiles.p95 == (try sorted.quantile(0.95)))
  }

  @Test func resultDoesNotDependOnTheThreadCount() throws {
    let portfolio = try Portfolio(assets: Self.richPortfolio)
    var results: [ValuationResult] = []
    for threads in [1, 2, 4] {
      results.append(
        try MonteCarloValuation.run(
          portfolio: portfolio, assumptions: Self.assumptions(paths: 5000, threads: threads)))
    }
    for result in results.dropFirst() {
      #expect(result.portfolioValues == results[0].portfolioValues)
      #expect(result.horizonValues == results[0].horizonValues)
      #expect(result.lendingBaseByRight == results[0].lendingBaseByRight)
      #expect(result.assets == results[0].assets)
    }
    // A different seed gives different paths.
    var other = Self.assumptions(paths: 5000)
    other.seed = 12
    let reseeded = try MonteCarloValuation.run(portfolio: portfolio, assumptions: other)
    #expect(reseeded.portfolioValues != results[0].portfolioValues)
  }

  /// A path's value depends on its block and its place in it, not on how many paths follow it:
  /// the engine computes eight paths at a time, and a short last block is padded with lanes
  /// that must not leak into the values.
  @Test func pathsDoNotDependOnTheLengthOfTheirBlock() throws {
    let portfolio = try Portfolio(assets: Self.richPortfolio)
    let short = try MonteCarloValuation.run(
      portfolio: portfolio, assumptions: Self.assumptions(paths: 1030), perAssetQuantiles: false)
    let long = try MonteCarloValuation.run(
      portfolio: portfolio, assumptions: Self.assumptions(paths: 2048), perAssetQuantiles: false)
    #expect(Array(long.portfolioValues[..<1030]) == short.portfolioValues)
    #expect(short.portfolioValues.allSatisfy { $0.isFinite })
  }

  /// Without a loan every right is eligible, so the lending bases by right add up to the
  /// horizon value, or to the whole-life value with the horizon `life`.
  @Test func lendingBasesByRightAddUpToThePortfolio() throws {
    var assumptions = Self.assumptions(paths: 3000)
    for horizon in [RiskHorizon.years(1), .years(4), .life] {
      assumptions.horizon = horizon
      let result = try MonteCarloValuation.run(
        portfolio: try Portfolio(assets: Self.richPortfolio), assumptions: assumptions,
        perAssetQuantiles: false)
      #expect((result.horizonValues == nil) == (horizon == .life))
      for path in [0, 1, 1234, 2999] {
        let sum = IPRight.allCases.reduce(0) {
          $0 + (result.lendingBaseByRight[$1]?[path] ?? .nan)
        }
        #expect(relativelyClose(sum, result.riskValues[path], 1e-12))
      }
    }
  }

  @Test func countsTheVariatesItDraws() throws {
    // Granted, no hazard, random revenue: every path draws N_i shocks per asset, plus the
    // market factors of the longest life.
    let assets = [
      sampleAsset(id: "A", volatility: 0.2, life: 3.5),
      sampleAsset(id: "B", volatility: 0.1, life: 6),
      sampleAsset(id: "C", volatility: 0, life: 9),
    ]
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: assets), assumptions: Self.assumptions(paths: 2500),
      perAssetQuantiles: false)
    #expect(result.variatesDrawn == VariateCounts(normals: 2500 * (6 + 4 + 6)))
    // A pending application with a PERT royalty and a hazard: one uniform per path for the
    // grant, and on each granted path one uniform for the loss year and one PERT draw.
    let pending = sampleAsset(
      grant: nil, grantProbability: 0.4, royalty: 0.05, low: 0.03, high: 0.07, hazard: 0.1)
    let counted = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: [pending]), assumptions: Self.assumptions(paths: 10_000),
      perAssetQuantiles: false)
    let drawn = counted.variatesDrawn
    #expect(drawn.normals == 0)
    #expect(drawn.uniforms == 10_000 + drawn.royalties)
    #expect(abs(Double(drawn.royalties) - 4000) <= 4 * (10_000 * 0.4 * 0.6).squareRoot())
  }
}
