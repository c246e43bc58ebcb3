// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPCommon
import IPValuation
import Testing

@Suite("The owner's option to abandon a right")
struct AbandonmentTests {
  static let valuationDate = date("2025-12-31")

  static func assumptions(paths: Int = 4000, seed: UInt64 = 5) -> ValuationAssumptions {
    var assumptions = ValuationAssumptions(valuationDate: valuationDate)
    assumptions.paths = paths
    assumptions.seed = seed
    assumptions.threads = 2
    return assumptions
  }

  /// The example: two inventions with royalty incomes of 5e7 and 1e6 a year, the
  /// second costing 2e7 a year to maintain. Before, the second was worth less than nothing
  /// (shares 1.613 and -0.613, hhi 2.977); its owner would abandon it at once, so it is worth 0,
  /// the first is the whole portfolio, and hhi is 1.
  @Test func aLossMakingRightIsWorthNothing() throws {
    let assets = [
      sampleAsset(id: "GOOD", revenue: 1e9, growth: 0, royalty: 0.05, life: 8),
      sampleAsset(id: "DRAIN", revenue: 2e7, growth: 0, royalty: 0.05, life: 8, maintenance: 2e7),
    ]
    let portfolio = try Portfolio(assets: assets)
    let result = try MonteCarloValuation.run(
      portfolio: portfolio, assumptions: Self.assumptions(), perAssetQuantiles: false)
    #expect(result.assets[1].terms.deterministicValue == 0)
    #expect(result.assets[1].mean == 0)
    #expect(result.portfolioValues.allSatisfy { $0 >= 0 })
    let report = try CollateralReport(result: result)
    #expect(report.value(named: "hhi") == 1)
    let shares = PerAssetTable.csv(result).split(separator: "\n").dropFirst().map {
      Double($0.split(separator: ",").last ?? "") ?? .nan
    }
    #expect(shares == [1, 0])
  }

  /// Royalty income that halves each year, against a maintenance cost above it from year 3:
  /// `X_k = 1e5 / 2^k`, so `X_1 = 50,000`, `X_2 = 25,000`, `X_3 = 12,500 < m = 20,000`. The
  /// owner pays years 1 and 2 and abandons at the end of year 2 (every later partial sum
  /// falls): the value is exactly the first two years, and every simulated path (no volatility,
  /// no hazard, a fixed royalty) is that value.
  @Test func aRightLosingMoneyFromYearThreeIsWorthItsFirstTwoYears() throws {
    let asset = sampleAsset(
      revenue: 1e6, growth: -0.5, royalty: 0.1, discount: 0.1, tax: 0.25, life: 9,
      maintenance: 2e4)
    let firstTwo =
      (5e4 - 2e4) * 0.75 / pow(1.1, 0.5) + (2.5e4 - 2e4) * 0.75 / pow(1.1, 1.5)
    let whole = formulaValue(
      revenue: 1e6, growth: -0.5, royalty: 0.1, maintenance: 2e4, tax: 0.25, discount: 0.1,
      life: 9)
    #expect(whole < firstTwo)
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: [asset]), assumptions: Self.assumptions())
    #expect(relativelyClose(result.deterministic.value, firstTwo, 1e-14))
    #expect(result.portfolioValues.allSatisfy { relativelyClose($0, firstTwo, 1e-12) })
    #expect(result.deterministic.expectedValue == result.deterministic.value)
  }

  /// No volatility, no hazard, a fixed royalty and a grant probability of 0 or 1: every path is
  /// the deterministic value to 1e-9, with abandonment binding for some assets and not others,
  /// and the deterministic value is the brute-force `p_grant C_0(X_0)`.
  @Test(arguments: [0.0, 1.0])
  func withoutRandomnessEveryPathIsTheValueWithAbandonment(grant: Double) throws {
    let assets = [
      sampleAsset(
        id: "FADING", filing: "2012-08-17", grant: grant == 1 ? "" : nil,
        grantProbability: grant, revenue: 4e6, growth: -0.1, royalty: 0.06, obsolescence: 0.1,
        maintenance: 6e4),
      sampleAsset(id: "STEADY", growth: 0.03, maintenance: 1e4),
      sampleAsset(
        id: "BRAND", right: .trademark, revenue: 3e7, growth: -0.3, royalty: 0.02, life: 9.4,
        maintenance: 1.2e5),
    ]
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: assets), assumptions: Self.assumptions(paths: 3000))
    for (asset, terms) in zip(assets, result.assets) {
      let reference = ReferenceRight(
        revenue: asset.revenue, growth: asset.revenueGrowth, royalty: asset.royaltyRate,
        obsolescence: asset.obsolescence, maintenance: asset.maintenanceCost,
        discount: asset.discountRate ?? 0.15, life: terms.terms.remainingLife)
      let expected = asset.grantProbability * reference.value
      #expect(
        abs(terms.terms.deterministicValue - expected) <= 1e-9 * max(1, expected),
        "\(asset.id)")
      #expect(abs(terms.mean - expected) <= 1e-9 * max(1, expected), "\(asset.id)")
    }
    // FADING and BRAND are abandoned before their ends; the whole sums are lower.
    let fading = result.assets[0].terms
    #expect(fading.expectedValueIfKept < fading.deterministicValue || grant == 0)
    #expect(result.assets[2].terms.expectedValueIfKept < result.assets[2].terms.deterministicValue)
    let value = result.deterministic.value
    #expect(result.portfolioValues.allSatisfy { abs($0 - value) <= 1e-9 * value })
  }

  /// Without volatility but with a PERT royalty, a path's value is `p_grant C_0(R0 r)` for its
  /// royalty, and `E[V]` is its expectation over the PERT distribution. The closed form (the
  /// incomplete beta function over the segments of `C_0`) equals adaptive quadrature of
  /// `C_0(R0 r)` against the PERT density (GSL's QAG, with a brute-force `C_0`) to 1e-9, and the
  /// simulated mean is within 4 standard errors of it; abandonment binds for the low royalties
  /// (the formula at the PERT mean, which ignores it, is lower).
  @Test func expectationOverThePertRoyaltyMatchesQuadrature() throws {
    let (low, mode, high) = (0.005, 0.03, 0.08)
    let asset = sampleAsset(
      grant: nil, grantProbability: 0.8, revenue: 5e6, growth: 0.02, royalty: mode, low: low,
      high: high, discount: 0.12, obsolescence: 0.06, hazard: 0.03, maintenance: 6e4)
    let paths = 200_000
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: [asset]), assumptions: Self.assumptions(paths: paths),
      perAssetQuantiles: false)
    let terms = result.assets[0].terms
    let closedForm = try #require(terms.expectedValue)
    let reference = ReferenceRight(
      revenue: 5e6, growth: 0.02, royalty: mode, obsolescence: 0.06, maintenance: 6e4,
      hazard: 0.03, discount: 0.12, life: terms.remainingLife)
    let pert = try Distribution.pert(minimum: low, mode: mode, maximum: high)
    let (alpha, beta) = Distribution.pertShapes(minimum: low, mode: mode, maximum: high)
    // The beta density of X = (r - low) / (high - low), written out; the PERT density is that
    // over (high - low).
    let logBeta = lgamma(alpha) + lgamma(beta) - lgamma(alpha + beta)
    func right(_ royalty: Double) -> ReferenceRight {
      var right = reference
      right.royalty = royalty
      return right
    }
    // C_0(R0 r) has kinks where the best horizon changes: found on a grid and by bisection, so
    // that each piece is smooth (a line times the density) and integrates to full precision.
    func horizon(_ royalty: Double) -> Int {
      right(royalty).continuation(0, right(royalty).income(0)).horizon
    }
    var cuts = [low]
    let grid = (0...2000).map { low + (high - low) * Double($0) / 2000 }
    for (left, rightEnd) in zip(grid, grid.dropFirst()) where horizon(left) != horizon(rightEnd) {
      var (a, b) = (left, rightEnd)
      for _ in 0..<60 {
        let middle = (a + b) / 2
        if horizon(middle) == horizon(a) { a = middle } else { b = middle }
      }
      cuts.append(b)
    }
    cuts.append(high)
    #expect(cuts.count > 3)  // abandonment and more than one horizon in the range
    var quadrature = 0.0
    for (start, end) in zip(cuts, cuts.dropFirst()) where end > start {
      quadrature += try Integration.adaptive(
        lower: start, upper: end, absoluteTolerance: 1e-9, relativeTolerance: 1e-12,
        rule: .gaussKronrod61
      ) { royalty in
        let x = (royalty - low) / (high - low)
        guard x > 0, x < 1 else { return 0 }
        let density = exp((alpha - 1) * log(x) + (beta - 1) * log1p(-x) - logBeta) / (high - low)
        return right(royalty).value * density
      }.value
    }
    #expect(relativelyClose(closedForm, 0.8 * quadrature, 1e-9))
    #expect(abs(pert.mean - (low + 4 * mode + high) / 6) < 1e-15)
    let se = result.assets[0].standardDeviation / Double(paths).squareRoot()
    #expect(abs(result.assets[0].mean - closedForm) <= 4 * se)
    #expect(terms.expectedValueIfKept < closedForm)
  }

  /// With volatility, paths whose revenue falls far enough are abandoned, which only adds
  /// value: the simulated mean is at least the value without the option (the formula at the
  /// PERT mean), here by many standard errors, and never does an asset's mean fall below 0.
  @Test func withVolatilityAbandoningAddsValue() throws {
    let asset = sampleAsset(
      revenue: 2e7, growth: 0, volatility: 0.6, royalty: 0.05, discount: 0.1, life: 12,
      maintenance: 5e5)
    let paths = 100_000
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: [asset]), assumptions: Self.assumptions(paths: paths),
      perAssetQuantiles: false)
    let valuation = result.assets[0]
    #expect(valuation.terms.expectedValue == nil)
    let se = valuation.standardDeviation / Double(paths).squareRoot()
    #expect(valuation.mean > valuation.terms.expectedValueIfKept + 10 * se)
    // Without the maintenance cost there is nothing to abandon: the mean is E[V] again.
    var free = asset
    free.maintenanceCost = 0
    let plain = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: [free]), assumptions: Self.assumptions(paths: paths),
      perAssetQuantiles: false)
    let plainSE = plain.assets[0].standardDeviation / Double(paths).squareRoot()
    let exact = try #require(plain.assets[0].terms.expectedValue)
    #expect(abs(plain.assets[0].mean - exact) <= 4 * plainSE)
  }

  /// With volatility and a maintenance cost `E[V]` has no closed form; a scalar simulation
  /// written here from the formulas, on its own random numbers (SplitMix64 and
  /// Box-Muller) and with the owner's rule by brute force (keep after year `j` while
  /// `C_j(X_j) > 0`, ``ReferenceRight``), gives a mean within 4 combined standard errors of the
  /// engine's: a two-sided check where the test above only bounds the mean from below.
  @Test func meanWithVolatilityAndMaintenanceMatchesAnIndependentSimulation() throws {
    let asset = sampleAsset(
      revenue: 2e7, growth: 0.03, volatility: 0.5, royalty: 0.05, discount: 0.1, life: 12,
      obsolescence: 0.05, maintenance: 5e5)
    let paths = 100_000
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: [asset]), assumptions: Self.assumptions(paths: paths),
      perAssetQuantiles: false)
    let engine = result.assets[0]
    let right = ReferenceRight(
      revenue: 2e7, growth: 0.03, royalty: 0.05, obsolescence: 0.05, maintenance: 5e5,
      discount: 0.1, life: engine.terms.remainingLife)
    var generator = SplitMix(seed: 1957)
    func normal() -> Double {
      let u1 = generator.uniform(0, 1)
      let u2 = generator.uniform(0, 1)
      return (-2 * log(1 - u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
    let sigma = 0.5
    var sum = 0.0
    var sumOfSquares = 0.0
    var abandoned = 0
    for _ in 0..<paths {
      var revenue = 2e7
      var value = 0.0
      for k in 1...right.years {
        let income = revenue * 0.05 * pow(0.95, Double(k - 1))
        if right.continuation(k - 1, income).value <= 0 {
          abandoned += 1
          break
        }
        revenue *= exp(log(1.03) - sigma * sigma / 2 + sigma * normal())
        let cashFlow = right.weight(k) * (revenue * 0.05 * pow(0.95, Double(k)) - 5e5) * 0.8
        value += cashFlow / pow(1.1, Double(k) - 0.5)
      }
      sum += value
      sumOfSquares += value * value
    }
    let n = Double(paths)
    let mean = sum / n
    let referenceSE = ((sumOfSquares - sum * sum / n) / (n - 1) / n).squareRoot()
    let engineSE = engine.standardDeviation / n.squareRoot()
    let combined = (referenceSE * referenceSE + engineSE * engineSE).squareRoot()
    #expect(abandoned > paths / 10, "abandonment binds on many paths")
    #expect(abs(engine.mean - mean) <= 4 * combined, "\(engine.mean) vs \(mean) (se \(combined))")
    #expect(engine.mean > engine.terms.expectedValueIfKept + 10 * combined)
  }

  /// Random portfolios (a fixed seed of Swift's own generator): no deterministic value is
  /// negative, no asset's simulated mean falls below 0 by more than 4 standard errors, and the
  /// Herfindahl index lies in [1/n, 1].
  @Test func noValueIsNegativeAndTheConcentrationIsAnIndex() throws {
    var generator = SplitMix(seed: 2026)
    for round in 0..<6 {
      let assets = (0..<5).map { index in
        sampleAsset(
          id: "R\(round)-\(index)", right: IPRight.allCases[index % 4], filing: "2016-04-04",
          revenue: generator.uniform(1e5, 1e8), growth: generator.uniform(-0.4, 0.2),
          volatility: generator.uniform(0, 0.8), royalty: generator.uniform(0.01, 0.1),
          discount: generator.uniform(0.05, 0.3), life: generator.uniform(1, 15),
          obsolescence: generator.uniform(0, 0.2), hazard: generator.uniform(0, 0.1),
          maintenance: generator.uniform(0, 3e5))
      }
      let result = try MonteCarloValuation.run(
        portfolio: try Portfolio(assets: assets), assumptions: Self.assumptions(paths: 2000),
        perAssetQuantiles: false)
      for asset in result.assets {
        #expect(asset.terms.deterministicValue >= 0, "\(asset.terms.id)")
        #expect(asset.mean >= -4 * asset.standardDeviation / 2000.0.squareRoot())
      }
      let hhi = try #require(try CollateralReport(result: result).value(named: "hhi"))
      #expect(hhi.isNaN || (hhi >= 0.2 - 1e-12 && hhi <= 1 + 1e-12), "round \(round): \(hhi)")
    }
  }
}

/// SplitMix64, for reproducible random test inputs.
struct SplitMix {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform number in `[lower, upper)`.
  mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
    lower + (upper - lower) * Double(next() >> 11) / Double(1 << 53)
  }
}
