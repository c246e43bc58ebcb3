// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// The headline-rate extrapolation `y_{T+h} = y_T (1 + g)^h`: not a statistical model, so it has
/// no likelihood and no intervals; it is projected only when asked for, for comparison.
struct ConstantGrowthEngine: ProjectionEngine {
  let lastZ: Double
  let growth: Double
  let errorScale: ErrorScale

  func forecast(horizon: Int) -> [Double] {
    let last = errorScale.level(lastZ)
    return (1...horizon).map { errorScale.transform(last * pow(1 + growth, Double($0))) }
  }

  func simulate(horizon: Int, count: Int, generator: RandomGenerator) throws -> [Double]? {
    nil
  }

  /// The extrapolation at `growth`, or at the last observed growth annualised over a gap:
  /// `g = (y_T / y_S)^(1 / (T - S)) - 1` for the last two observed years `S < T`.
  ///
  /// - Throws: ``StatisticsError`` (`insufficientData`) when the last growth is undefined (a
  ///   zero before the last year).
  static func fit(years: [Int], values: [Double], errorScale: ErrorScale, growth: Double?) throws
    -> FittedGrowthModel
  {
    let n = years.count
    let rate =
      growth
      ?? CompoundGrowth.annualRate(
        from: values[n - 2], to: values[n - 1], years: years[n - 1] - years[n - 2])
    guard rate.isFinite else {
      throw StatisticsError(
        .insufficientData,
        "constant-growth: the growth from \(years[n - 2]) to \(years[n - 1]) is undefined "
          + "(a zero); give the rate with --growth")
    }
    let engine = ConstantGrowthEngine(
      lastZ: errorScale.transform(values[n - 1]), growth: rate, errorScale: errorScale)
    return FittedGrowthModel(
      model: .constantGrowth, errorScale: errorScale,
      parameters: [ModelParameter(name: "g", value: rate, fixed: true)],
      observationCount: n, parameterCount: 0, sigma: nil, logLikelihood: nil, fitted: [],
      lastYear: years[n - 1], lastValue: values[n - 1], engine: engine)
  }
}
