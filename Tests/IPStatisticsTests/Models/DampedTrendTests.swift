// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPStatistics
import Testing

/// The damped-trend model against statsmodels' `ETSModel(error="add", trend="add",
/// damped_trend=True)`, and its recovery of known parameters.
///
/// The reference numbers come from `Reference/damped_trend_statsmodels.py` (statsmodels 0.15.0)
/// on a 40-year series it simulates from a known damped trend (seed 12), printed there with six
/// decimals and copied here.
@Suite("Damped trend, ETS(A,Ad,N)")
struct DampedTrendTests {
  static let series: [Double] = [
    5.269659, 5.565090, 5.801736, 6.027548, 6.282613, 6.365795, 6.521985, 6.609053, 6.751452,
    6.906649, 6.979633, 7.093973, 7.069483, 7.186808, 7.194759, 7.351358, 7.403940, 7.482584,
    7.510378, 7.591057, 7.656496, 7.670349, 7.694535, 7.734272, 7.735832, 7.743232, 7.759692,
    7.742636, 7.805298, 7.717031, 7.796963, 7.749621, 7.737813, 7.680100, 7.694103, 7.673052,
    7.676098, 7.634469, 7.639759, 7.717565,
  ]
  static let years = Array(1985..<(1985 + series.count))

  @Test func logLikelihoodAndForecastsAtFixedParametersMatchStatsmodels() throws {
    let model = try DampedTrendModel(years: Self.years, values: Self.series)
    let filtered = model.filter(
      DampedTrendParameters(alpha: 0.3, beta: 0.1, phi: 0.9, initialLevel: 5, initialSlope: 0.2))
    #expect(relativelyClose(filtered.logLikelihood, 45.2056975579644, 1e-10))
    let expected = [
      7.65118621235601, 7.64780000152014, 7.64475241176785, 7.64200958099079, 7.63954103329143,
    ]
    for (ours, theirs) in zip(filtered.forecast(horizon: 5), expected) {
      #expect(relativelyClose(ours, theirs, 1e-10))
    }
  }

  @Test func maximumLikelihoodFitMatchesStatsmodels() throws {
    let model = try DampedTrendModel(years: Self.years, values: Self.series)
    let fit = try model.fit()
    // statsmodels' maximum: alpha, beta, phi, l0, b0, log-likelihood, forecasts.
    #expect(relativelyClose(fit.logLikelihood, 69.6646381125381, 1e-4))
    #expect(fit.logLikelihood >= 69.6646381125381 - 1e-7, "not below statsmodels' maximum")
    let expected = [
      7.67581863157059, 7.67905710750317, 7.68191228963776, 7.68442954318278, 7.68664886409164,
    ]
    for (ours, theirs) in zip(fit.forecast(horizon: 5), expected) {
      #expect(relativelyClose(ours, theirs, 1e-4))
    }
    #expect(abs(fit.parameters.alpha - 0.497158656439893) < 1e-3)
    #expect(abs(fit.parameters.beta - 0.161092893405771) < 1e-3)
    #expect(abs(fit.parameters.phi - 0.88164377134301) < 1e-3)
  }

  @Test func growthModelReportsTheSameFitOnTheLogScale() throws {
    // The growth model fits ln y: give it exp of the series.
    let fit = try GrowthModel.dampedTrend.fit(
      years: Self.years, values: Self.series.map { exp($0) })
    #expect(relativelyClose(try #require(fit.logLikelihood), 69.6646381125381, 1e-4))
    #expect(fit.observationCount == 40)
    #expect(fit.parameterCount == 6)
    let forecast = try fit.forecast(horizon: 1)
    #expect(relativelyClose(forecast[0], exp(7.67581863157059), 1e-4))
  }

  @Test func noiseFreeSeriesGivesBackPhiAndTheInitialState() throws {
    // Without noise every alpha and beta fit exactly; phi and the initial state are identified.
    var level = 5.0
    var slope = 0.3
    let values = (0..<30).map { _ -> Double in
      level += 0.9 * slope
      slope *= 0.9
      return level
    }
    let fit = try DampedTrendModel(years: Array(2000..<2030), values: values).fit()
    #expect(relativelyClose(fit.parameters.phi, 0.9, 1e-6))
    #expect(relativelyClose(fit.parameters.initialLevel, 5, 1e-6))
    #expect(relativelyClose(fit.parameters.initialSlope, 0.3, 1e-6))
  }

  @Test func noisySeriesGivesBackTheParametersWithinThreeStandardErrors() throws {
    let generator = RandomGenerator(seed: 71)
    var level = 3.0
    var slope = 0.05
    let values = dampedTrendPath(
      count: 200, alpha: 0.5, beta: 0.15, phi: 0.9, sigma: 0.05, level: &level, slope: &slope,
      generator: generator)
    let fit = try GrowthModel.dampedTrend.fit(
      years: Array(1800..<2000), values: values.map { exp($0) })
    for (name, truth) in [("alpha", 0.5), ("beta", 0.15), ("phi", 0.9), ("l0", 3.0), ("b0", 0.05)] {
      let parameter = try #require(fit.parameters.first { $0.name == name })
      let standardError = try #require(parameter.standardError)
      #expect(abs(parameter.value - truth) <= 3 * standardError, "\(name) \(parameter.value)")
    }
  }

  @Test func aMissingYearIsAPredictionStepWithoutUpdate() throws {
    // Leaving year k out must equal observing exactly its one-step prediction (zero error).
    var years = Self.years
    var values = Self.series
    years.remove(at: 10)
    values.remove(at: 10)
    let parameters = DampedTrendParameters(
      alpha: 0.4, beta: 0.1, phi: 0.92, initialLevel: 5.2, initialSlope: 0.25)
    let gappy = try DampedTrendModel(years: years, values: values).filter(parameters)
    let prefix = try DampedTrendModel(
      years: Array(Self.years.prefix(10)), values: Array(Self.series.prefix(10))
    ).filter(parameters)
    var filled = Self.series
    filled[10] = prefix.forecast(horizon: 1)[0]
    let complete = try DampedTrendModel(years: Self.years, values: filled).filter(parameters)
    #expect(
      gappy.predictions
        == complete.predictions.enumerated().filter { $0.offset != 10 }.map(\.element))
    #expect(gappy.level == complete.level && gappy.slope == complete.slope)
    #expect(abs(gappy.sumOfSquares - complete.sumOfSquares) < 1e-14)
  }
}
