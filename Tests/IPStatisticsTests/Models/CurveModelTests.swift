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
      #expect(error.kind == .insufficientData && error.category == .badData)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func aZeroCannotBeFittedOnTheLogScale() throws {
    let years = Array(2015...2024)
    let values: [Double] = [0, 3, 5, 9, 14, 20, 29, 40, 52, 70]
    #expect(throws: StatisticsError.self) {
      try GrowthModel.linear.fit(years: years, values: values)
    }
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
    let forecast = try fit.forecast(horizon: 1)
    #expect(abs(mean - forecast[0]) < 4 * expectedSD / (20000.0).squareRoot())
    #expect(relativelyClose(sd, expectedSD, 0.05))
  }
}

/// The bootstrap refits land where GSL's trust-region solver lands: the same resamples, drawn in
/// the documented order (n uniform indices, the refit, then one normal per year ahead), refitted
/// here with GSLKit's `NonlinearLeastSquares`, give the same paths.
@Suite("Bootstrap refits")
struct BootstrapRefitTests {
  /// `g(t; theta)` of each nonlinear fit in the internal parameters, `t = year - t0`:
  /// `ln(a + b t)` for the line on the log scale; `ln K - ln(1 + exp(-r (t - m)))` and
  /// `ln K - exp(-r (t - m))` for the logistic and Gompertz curves (`exp` of it on the level
  /// scale), with theta = (ln K, r, m).
  static func curve(_ model: GrowthModel, _ scale: ErrorScale, _ t: Double, _ theta: [Double])
    -> Double
  {
    if model == .linear { return log(theta[0] + theta[1] * t) }
    let x = theta[1] * (t - theta[2])
    let logLevel = model == .logistic ? theta[0] - log(1 + exp(-x)) : theta[0] - exp(-x)
    return scale == .log ? logLevel : exp(logLevel)
  }

  static let cases: [(GrowthModel, ErrorScale)] = [
    (.logistic, .log), (.gompertz, .log), (.linear, .log), (.logistic, .level), (.gompertz, .level),
  ]

  @Test(arguments: cases)
  func pathsEqualGSLRefitsOfTheSameResamples(model: GrowthModel, scale: ErrorScale) throws {
    let generator = RandomGenerator(seed: 5)
    let years = Array(1995...2024)
    let values = years.map { year -> Double in
      let t = Double(year - 2010)
      let level: Double
      switch model {
      case .logistic: level = 10000 / (1 + exp(-0.25 * t))
      case .gompertz: level = 10000 * exp(-exp(-0.15 * t))
      default: level = 5000 + 200 * t
      }
      return level * exp(0.08 * generator.standardNormal())
    }
    let fit = try model.fit(years: years, values: values, errorScale: scale)
    let theta =
      model == .linear
      ? [try #require(fit.parameter("a")), try #require(fit.parameter("b"))]
      : [
        log(try #require(fit.parameter("K"))), try #require(fit.parameter("r")),
        try #require(fit.parameter("tm")) - 2024,
      ]
    let t = years.map { Double($0 - 2024) }
    let z = values.map { scale == .log ? log($0) : $0 }
    let fitted = t.map { Self.curve(model, scale, $0, theta) }
    let residuals = zip(z, fitted).map { $0 - $1 }
    let mean = residuals.reduce(0, +) / 30
    let p = Double(theta.count)
    let scaled = residuals.map { ($0 - mean) * (30 / (30 - p)).squareRoot() }

    let count = 200
    let horizon = 2
    let paths = try #require(
      try fit.simulate(horizon: horizon, count: count, generator: RandomGenerator(seed: 8)))
    let replay = RandomGenerator(seed: 8)
    for path in 0..<count {
      let resample = (0..<30).map { i in fitted[i] + scaled[min(Int(replay.uniform() * 30), 29)] }
      let refit = try NonlinearLeastSquares.fitCurve(
        x: t, y: resample, start: theta, model: { Self.curve(model, scale, $0, $1) })
      let s = refit.residualStandardDeviation
      for h in 1...horizon {
        let z = Self.curve(model, scale, Double(h), refit.parameters) + s * replay.standardNormal()
        let expected = scale == .log ? exp(z) : max(z, 0)
        #expect(relativelyClose(paths[path * horizon + h - 1], expected, 1e-6), "path \(path)")
      }
    }
  }
}
