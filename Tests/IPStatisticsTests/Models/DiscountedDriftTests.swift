// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPStatistics
import Testing

/// The discounted drift: its closed-form estimates, its simulated paths against the Gaussian
/// predictive distribution, and its coverage on series with constant volatility.
@Suite("Discounted drift")
struct DiscountedDriftTests {
  /// A series with a gap (2013 missing), computed by hand below.
  static let years = [2010, 2011, 2012, 2014, 2015, 2016]
  static let values = [100.0, 112, 119, 150, 158, 181]

  @Test func estimatesAreTheDiscountedWeightedMaximum() throws {
    let fit = try GrowthModel.discountedDrift.fit(years: Self.years, values: Self.values)
    // Weights 0.9^(2016 - t) for the changes ending 2011, 2012, 2014, 2015, 2016.
    let z = Self.values.map { log($0) }
    var (sumWD, sumWG, sumW, sumW2G) = (0.0, 0.0, 0.0, 0.0)
    for j in 1..<z.count {
      let w = pow(0.9, Double(2016 - Self.years[j]))
      let g = Double(Self.years[j] - Self.years[j - 1])
      sumWD += w * (z[j] - z[j - 1])
      sumWG += w * g
    }
    let mu = sumWD / sumWG
    var sumSquares = 0.0
    for j in 1..<z.count {
      let w = pow(0.9, Double(2016 - Self.years[j]))
      let g = Double(Self.years[j] - Self.years[j - 1])
      sumSquares += w * pow(z[j] - z[j - 1] - mu * g, 2) / g
      sumW += w
      sumW2G += w * w * g
    }
    let variance = sumSquares / sumW
    #expect(relativelyClose(try #require(fit.parameter("mu")), mu, 1e-12))
    #expect(relativelyClose(try #require(fit.sigma), variance.squareRoot(), 1e-12))
    let se = try #require(fit.parameters.first { $0.name == "mu" }?.standardError)
    #expect(relativelyClose(se, (variance * sumW2G).squareRoot() / sumWG, 1e-12))
    #expect(fit.logLikelihood == nil && fit.aicc == nil)
    let forecast = try fit.forecast(horizon: 2)
    #expect(relativelyClose(forecast[1], exp(z[5] + 2 * mu), 1e-12))
  }

  @Test func simulatedQuantilesAreTheGaussianPredictiveQuantiles() throws {
    // z_{T+h} ~ N(z_T + mu h, sigma^2 h + se(mu)^2 h^2): with 200,000 paths the 97.5% quantile
    // is within 0.01 predictive standard deviations (its Monte Carlo error is about 0.0035).
    let fit = try GrowthModel.discountedDrift.fit(years: Self.years, values: Self.values)
    let paths = try #require(
      try fit.simulate(horizon: 3, count: 200_000, generator: RandomGenerator(seed: 3)))
    let mu = try #require(fit.parameter("mu"))
    let sigma = try #require(fit.sigma)
    let se = try #require(fit.parameters.first { $0.name == "mu" }?.standardError)
    let h = 3.0
    let sd = (sigma * sigma * h + se * se * h * h).squareRoot()
    let column = stride(from: 2, to: paths.count, by: 3).map { log(paths[$0]) }
    let upper = try Descriptive.quantile(column, 0.975)
    #expect(abs(upper - (log(181) + mu * h + 1.959964 * sd)) < 0.01 * sd)
  }

  @Test func intervalsOnSeriesOfConstantVolatilityCoverNearlyTheirLevel() async throws {
    // 200 random walks with drift 0.05 and sigma 0.08 (1995-2024), projected 5 years: with
    // about 19 effective changes the normal intervals cover about 78% and 93.5%; the bands
    // are those of the other calibration tests.
    let generator = RandomGenerator(seed: 20_240_603)
    let years = Array(1995...2024)
    var inside80 = 0
    var inside95 = 0
    for index in 0..<200 {
      var z = log(1000.0)
      let all = (0..<35).map { _ -> Double in
        z += 0.05 + 0.08 * generator.standardNormal()
        return exp(z)
      }
      var request = syntheticRequest(model: "discounted-drift", to: 2029)
      request.seed = UInt64(index + 1)
      let projection = try Projector.project(
        request, dataset: syntheticDataset(years: years, values: Array(all.prefix(30))))
      let rows = try #require(projection.projections.first?.rows.filter { $0.kind == .projected })
      for (row, actual) in zip(rows, all.suffix(5)) {
        let i80 = try #require(row.interval(0.8))
        let i95 = try #require(row.interval(0.95))
        if i80.lower <= actual && actual <= i80.upper { inside80 += 1 }
        if i95.lower <= actual && actual <= i95.upper { inside95 += 1 }
      }
    }
    #expect((0.72...0.88).contains(Double(inside80) / 1000), "80%: \(inside80)")
    #expect((0.90...0.99).contains(Double(inside95) / 1000), "95%: \(inside95)")
  }
}
