// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPStatistics
import Testing

/// The four curves recover known parameters, the exponential fit is OLS on logs, and the
/// information criteria follow their formulas.
@Suite("Growth curves")
struct CurveModelTests {
  static let years = Array(1990...2024)

  /// A known curve with its true parameters (the names the fit reports).
  struct Truth: Sendable, CustomStringConvertible {
    let model: GrowthModel
    let parameters: [String: Double]
    let curve: @Sendable (Double) -> Double
    var description: String { model.rawValue }
  }

  static let truths: [Truth] = [
    Truth(model: .linear, parameters: ["a": 9000, "b": 250]) { 9000 + 250 * ($0 - 2024) },
    Truth(model: .exponential, parameters: ["a": 9000, "b": 0.08]) {
      9000 * exp(0.08 * ($0 - 2024))
    },
    Truth(model: .logistic, parameters: ["K": 20000, "r": 0.3, "tm": 2012]) {
      20000 / (1 + exp(-0.3 * ($0 - 2012)))
    },
    Truth(model: .gompertz, parameters: ["K": 20000, "r": 0.15, "tm": 2008]) {
      20000 * exp(-exp(-0.15 * ($0 - 2008)))
    },
  ]

  @Test(arguments: truths, ErrorScale.allCases)
  func noiseFreeDataGiveBackTheParameters(truth: Truth, scale: ErrorScale) throws {
    let values = Self.years.map { truth.curve(Double($0)) }
    let fit = try truth.model.fit(years: Self.years, values: values, errorScale: scale)
    for (name, value) in truth.parameters {
      let estimate = try #require(fit.parameter(name))
      #expect(relativelyClose(estimate, value, 1e-6), "\(name): \(estimate) for \(value)")
    }
  }

  @Test(arguments: [GrowthModel.logistic, .gompertz])
  func aCapFixesTheSaturationLevel(model: GrowthModel) throws {
    let truth = try #require(Self.truths.first { $0.model == model })
    let values = Self.years.map { truth.curve(Double($0)) }
    let fit = try model.fit(years: Self.years, values: values, cap: 20000)
    #expect(fit.parameterCount == 3)
    let cap = try #require(fit.parameters.first { $0.name == "K" })
    #expect(cap.fixed && cap.value == 20000 && cap.standardError == nil)
    for name in ["r", "tm"] {
      #expect(relativelyClose(try #require(fit.parameter(name)), truth.parameters[name] ?? 0, 1e-6))
    }
  }

  @Test(arguments: truths)
  func noisyDataGiveBackTheParametersWithinThreeStandardErrors(truth: Truth) throws {
    let generator = RandomGenerator(seed: 20_250_101)
    let values = Self.years.map { truth.curve(Double($0)) * exp(0.05 * generator.standardNormal()) }
    let fit = try truth.model.fit(years: Self.years, values: values)
    for (name, value) in truth.parameters {
      let parameter = try #require(fit.parameters.first { $0.name == name })
      let standardError = try #require(parameter.standardError)
      #expect(abs(parameter.value - value) <= 3 * standardError, "\(name): \(parameter.value)")
    }
    #expect(relativelyClose(try #require(fit.sigma), 0.05, 0.35))
  }

  @Test func exponentialFitIsOrdinaryLeastSquaresOnLogs() throws {
    // Closed form: slope = Sxy / Sxx, intercept = mean(y) - slope mean(x), on ln y with
    // x = year - 2024, over an irregular series.
    let years = [2001, 2002, 2004, 2005, 2009, 2010, 2011, 2015]
    let values = [120.0, 131, 160, 158, 240, 251, 275, 390]
    let x = years.map { Double($0 - 2015) }
    let y = values.map { log($0) }
    let meanX = x.reduce(0, +) / 8
    let meanY = y.reduce(0, +) / 8
    let sxy = zip(x, y).map { ($0 - meanX) * ($1 - meanY) }.reduce(0, +)
    let sxx = x.map { ($0 - meanX) * ($0 - meanX) }.reduce(0, +)
    let slope = sxy / sxx
    let intercept = meanY - slope * meanX
    let fit = try GrowthModel.exponential.fit(years: years, values: values)
    #expect(relativelyClose(try #require(fit.parameter("b")), slope, 1e-12))
    #expect(relativelyClose(try #require(fit.parameter("a")), exp(intercept), 1e-12))
    #expect(fit.parameter("t0") == 2015)
  }

  @Test func informationCriteriaEqualAHandComputation() throws {
    // Five points, exponential on logs: k = 3 (a, b, sigma), n = 5.
    let years = [2020, 2021, 2022, 2023, 2024]
    let values = [100.0, 112, 121, 140, 150]
    let x = [-4.0, -3, -2, -1, 0]
    let y = values.map { log($0) }
    let slope =
      zip(x, y).map { ($0 + 2) * ($1 - y.reduce(0, +) / 5) }.reduce(0, +) / 10  // Sxx = 10
    let intercept = y.reduce(0, +) / 5 + 2 * slope
    let rss = zip(x, y).map { pow($1 - intercept - slope * $0, 2) }.reduce(0, +)
    let logLikelihood = -2.5 * (log(2 * Double.pi * rss / 5) + 1)
    let aicc = -2 * logLikelihood + 6 + 2.0 * 3 * 4 / (5 - 3 - 1)
    let bic = -2 * logLikelihood + 3 * log(5.0)
    let fit = try GrowthModel.exponential.fit(years: years, values: values)
    #expect(relativelyClose(try #require(fit.logLikelihood), logLikelihood, 1e-12))
    #expect(relativelyClose(try #require(fit.aicc), aicc, 1e-12))
    #expect(relativelyClose(try #require(fit.bic), bic, 1e-12))
    #expect(relativelyClose(try #require(fit.sigma), (rss / 3).squareRoot(), 1e-12))
  }

  @Test func aicIsUndefinedBelowKPlusTwoPoints() {
    #expect(InformationCriteria.aicc(logLikelihood: 1, k: 3, n: 4) == nil)
    #expect(InformationCriteria.aicc(logLikelihood: 1, k: 3, n: 5) != nil)
    #expect(GrowthModel.logistic.minimumPoints() == 6)
    #expect(GrowthModel.logistic.minimumPoints(capped: true) == 5)
    #expect(GrowthModel.drift.minimumPoints() == 5)
    #expect(GrowthModel.dampedTrend.minimumPoints() == 8)
  }

  @Test func tooFewPointsAreInsufficientData() {
    #expect(throws: StatisticsError.self) {
      try GrowthModel.logistic.fit(years: [2020, 2021, 2022, 2023, 2024], values: [1, 2, 3, 4, 5])
    }
    do {
      _ = try GrowthModel.linear.fit(years: [2020, 2021, 2022], values: [1, 2, 3])
      Issue.record("expected an error")
    } catch let error as StatisticsError {
      #expect(error.kind == .insufficientData && error.exitCode == 65)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func aZeroCannotBeFittedOnTheLogScale() throws {
    let years = Array(2015...2024)
    let values: [Double] = [0, 3, 5, 9, 14, 20, 29, 40, 52, 70]
    #expect(throws: StatisticsError.self) { try GrowthModel.linear.fit(years: years, values: values) }
    let level = try GrowthModel.linear.fit(years: years, values: values, errorScale: .level)
    #expect(level.errorScale == .level)
  }

  @Test func unidentifiedSaturationIsReportedAsAFailure() {
    // A pure exponential: the logistic's K runs away.
    let values = Self.years.map { 100 * exp(0.1 * Double($0 - 1990)) }
    #expect(throws: StatisticsError.self) {
      try GrowthModel.logistic.fit(years: Self.years, values: values)
    }
  }

  @Test func bootstrapPathsAreCenteredOnTheCurveWithTheFittedSpread() throws {
    // Linear on the level scale with iid N(0, 50^2) errors: the simulated one-year-ahead values
    // have mean a + b and a variance sigma^2 (1 + 1/n + h-leverage) close to sigma^2 (n = 35).
    let generator = RandomGenerator(seed: 9)
    let values = Self.years.map { 9000 + 250 * Double($0 - 2024) + 50 * generator.standardNormal() }
    let fit = try GrowthModel.linear.fit(years: Self.years, values: values, errorScale: .level)
    let paths = try #require(
      try fit.simulate(horizon: 1, count: 20000, generator: RandomGenerator(seed: 10)))
    let mean = try Descriptive.mean(paths)
    let sd = try Descriptive.standardDeviation(paths)
    let sigma = try #require(fit.sigma)
    // x = 1 year past the last, mean x = -17: leverage 1/35 + 18^2 / sum (x - mean)^2.
    let sxx = Self.years.map { pow(Double($0 - 2024) + 17, 2) }.reduce(0, +)
    let expectedSD = sigma * (1 + 1.0 / 35 + 18 * 18 / sxx).squareRoot()
    #expect(abs(mean - fit.forecast(horizon: 1)[0]) < 4 * expectedSD / (20000.0).squareRoot())
    #expect(relativelyClose(sd, expectedSD, 0.05))
  }
}
