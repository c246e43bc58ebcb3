// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPStatistics
import Testing

/// The random walk with drift: closed-form estimates with gaps, and exact Student-t paths.
@Suite("Drift")
struct DriftModelTests {
  static let years = [2000, 2001, 2002, 2004, 2005, 2006, 2009, 2010]

  @Test func noiseFreeGrowthGivesBackTheDriftAcrossGaps() throws {
    let values = Self.years.map { 500 * exp(0.07 * Double($0 - 2000)) }
    let fit = try GrowthModel.drift.fit(years: Self.years, values: values)
    #expect(relativelyClose(try #require(fit.parameter("mu")), 0.07, 1e-12))
    #expect(try #require(fit.sigma) < 1e-12)
    #expect(fit.observationCount == 7)
  }

  @Test func estimatesAndLikelihoodFollowTheGapScaledModel() throws {
    let values = [100.0, 108, 119, 135, 150, 149, 190, 204]
    let z = values.map { log($0) }
    let changes = (1..<8).map { z[$0] - z[$0 - 1] }
    let gaps = (1..<8).map { Double(Self.years[$0] - Self.years[$0 - 1]) }
    let mu = changes.reduce(0, +) / gaps.reduce(0, +)
    // The density of each change: N(mu g, sigma^2 g), maximised over sigma^2.
    let sigma2 = zip(changes, gaps).map { pow($0 - mu * $1, 2) / $1 }.reduce(0, +) / 7
    var logLikelihood = 0.0
    for (change, gap) in zip(changes, gaps) {
      let variance = sigma2 * gap
      logLikelihood +=
        -0.5 * log(2 * Double.pi * variance) - pow(change - mu * gap, 2) / (2 * variance)
    }
    let fit = try GrowthModel.drift.fit(years: Self.years, values: values)
    #expect(relativelyClose(try #require(fit.parameter("mu")), mu, 1e-12))
    #expect(relativelyClose(try #require(fit.logLikelihood), logLikelihood, 1e-12))
    #expect(relativelyClose(try #require(fit.sigma), (sigma2 * 7 / 6).squareRoot(), 1e-12))
    #expect(fit.parameterCount == 2)
    let aicc = -2 * logLikelihood + 4 + 2.0 * 2 * 3 / (7 - 2 - 1)
    #expect(relativelyClose(try #require(fit.aicc), aicc, 1e-12))
    // The fitted value of 2004 is the 2002 value grown over two years.
    let fitted2004 = try #require(fit.fitted.first { $0.year == 2004 })
    #expect(relativelyClose(fitted2004.value, 119 * exp(2 * mu), 1e-12))
  }

  @Test func noisyDataGiveBackTheDriftWithinThreeStandardErrors() throws {
    let generator = RandomGenerator(seed: 33)
    var level = log(300.0)
    let years = Array(1970...2024)
    let values = years.map { _ -> Double in
      level += 0.06 + 0.1 * generator.standardNormal()
      return exp(level)
    }
    let fit = try GrowthModel.drift.fit(years: years, values: values)
    let mu = try #require(fit.parameters.first { $0.name == "mu" })
    #expect(abs(mu.value - 0.06) <= 3 * (mu.standardError ?? 0))
  }

  @Test func simulatedQuantilesAreTheStudentTPredictionInterval() throws {
    // z_{T+h} - z_T - mu^ h = s sqrt(h + h^2 / sum g) t_{m-1} under the flat prior.
    let values = [100.0, 108, 119, 135, 150, 149, 190, 204]
    let fit = try GrowthModel.drift.fit(years: Self.years, values: values)
    let count = 200_000
    let paths = try #require(
      try fit.simulate(horizon: 3, count: count, generator: RandomGenerator(seed: 4)))
    let mu = try #require(fit.parameter("mu"))
    let s = try #require(fit.sigma)
    let t = try Distribution.studentT(degreesOfFreedom: 6)
    for h in [1, 3] {
      let logs = (0..<count).map { log(paths[$0 * 3 + h - 1]) - log(204) }
      let sorted = try SortedSample(logs)
      let scale = s * (Double(h) + Double(h * h) / 10).squareRoot()
      for p in [0.025, 0.1, 0.9, 0.975] {
        let expected = mu * Double(h) + scale * (try t.quantile(p))
        // The Monte Carlo error of a quantile is below 1% of the scale at 200,000 draws.
        #expect(abs((try sorted.quantile(p)) - expected) < 0.02 * scale, "h \(h), p \(p)")
      }
    }
  }
}
