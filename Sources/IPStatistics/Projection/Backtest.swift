// SPDX-License-Identifier: GPL-3.0-or-later

import GSLKit

/// The rolling-origin backtest behind `--select backtest`.
///
/// The origins are the last `count` observed years that have a later observation within
/// `horizon` years. At each origin the model is refitted on the points up to it (an expanding
/// window) and forecasts the observed years up to `horizon` years ahead, with intervals from the
/// request's number of simulated paths (no scenario adjustments). The scores over every
/// (origin, target) pair:
///
/// ```
/// MAPE       = mean |point - y| / y
/// coverage_L = share of targets y inside the level-L interval
/// ```
/// A model is scored only if it can be fitted and simulated at every origin (so that all scored
/// models are compared on the same forecasts); a fit that reproduces every point up to an origin
/// does not count (``Projector/exactFitTolerance``), nor does a simulation with a path that is not
/// finite (which fails a model's projection too).
enum Backtest {
  /// The indices of the origins: the last `count` points followed by an observation within
  /// `horizon` years.
  static func origins(years: [Int], count: Int, horizon: Int) -> [Int] {
    let candidates = years.indices.dropLast().filter { years[$0 + 1] - years[$0] <= horizon }
    return Array(candidates.suffix(count))
  }

  /// Scores every fitted attempt over the same origins (the last
  /// ``ProjectionRequest/backtestOrigins`` followed by an observation within
  /// ``ProjectionRequest/backtestHorizon`` years).
  static func scoreAll(
    _ attempts: inout [ModelAttempt], years: [Int], values: [Double], request: ProjectionRequest
  ) {
    let origins = origins(
      years: years, count: request.backtestOrigins, horizon: request.backtestHorizon)
    for index in attempts.indices where attempts[index].fit != nil {
      attempts[index].backtest = score(
        attempts[index].model, years: years, values: values, origins: origins, request: request)
    }
  }

  /// The model's scores, or `nil` when it cannot be fitted or simulated at every origin.
  static func score(
    _ model: GrowthModel, years: [Int], values: [Double], origins: [Int],
    request: ProjectionRequest
  ) -> BacktestScore? {
    guard !origins.isEmpty else { return nil }
    let levels = request.levels.sorted()
    var absolutePercentageErrors = 0.0
    var forecasts = 0
    var covered = [Int](repeating: 0, count: levels.count)
    var hasIntervals = true
    for (position, origin) in origins.enumerated() {
      guard
        let fit = try? Projector.fit(
          model, years: Array(years[...origin]), values: Array(values[...origin]),
          request: request)
      else { return nil }
      let horizon = request.backtestHorizon
      guard let point = try? fit.forecast(horizon: horizon) else { return nil }
      let generator = RandomGenerator(
        seed: request.seed,
        stream: UInt64(64 + position * GrowthModel.allCases.count + Projector.order(model)))
      // A simulation that fails, or gives a path that is not finite, fails the model here as it
      // does in the projection; `nil` intervals are a model without simulated paths.
      let intervals: [[PredictionInterval]]?
      do {
        intervals = try fit.simulate(
          horizon: horizon, count: request.simulations, generator: generator
        ).map {
          try SimulatedBand(paths: $0, count: request.simulations, horizon: horizon)
            .intervals(levels: levels)
        }
      } catch {
        return nil
      }
      hasIntervals = hasIntervals && intervals != nil
      for target in (origin + 1)..<years.count where years[target] - years[origin] <= horizon {
        guard values[target] > 0 else { continue }
        let h = years[target] - years[origin]
        absolutePercentageErrors += abs(point[h - 1] - values[target]) / values[target]
        forecasts += 1
        if let intervals {
          for (index, interval) in intervals[h - 1].enumerated()
          where interval.lower <= values[target] && values[target] <= interval.upper {
            covered[index] += 1
          }
        }
      }
    }
    guard forecasts > 0 else { return nil }
    return BacktestScore(
      origins: origins.map { years[$0] }, forecasts: forecasts,
      meanAbsolutePercentageError: absolutePercentageErrors / Double(forecasts),
      coverage: hasIntervals ? covered.map { Double($0) / Double(forecasts) } : [])
  }
}
