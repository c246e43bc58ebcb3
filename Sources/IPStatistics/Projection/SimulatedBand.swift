// SPDX-License-Identifier: GPL-3.0-or-later

import GSLKit

/// Simulated future paths of one model on the level scale, and the intervals they give.
struct SimulatedBand {
  /// `count` paths of `horizon` values each, path after path.
  var paths: [Double]
  let count: Int
  let horizon: Int

  /// The central intervals at each level for each year ahead: the `(1 - level) / 2` and
  /// `(1 + level) / 2` quantiles of the paths (Hyndman and Fan's definition 7).
  ///
  /// - Throws: ``StatisticsError`` (`numericalFailure`) if a path is not finite.
  func intervals(levels: [Double]) throws -> [[PredictionInterval]] {
    var column = [Double](repeating: 0, count: count)
    var result: [[PredictionInterval]] = []
    for h in 0..<horizon {
      for path in 0..<count { column[path] = paths[path * horizon + h] }
      let sorted: SortedSample
      do {
        sorted = try SortedSample(column)
      } catch {
        throw StatisticsError(.numericalFailure, "a simulated path is not finite: \(error)")
      }
      result.append(
        try levels.map { level in
          PredictionInterval(
            level: level, lower: try sorted.quantile((1 - level) / 2),
            upper: try sorted.quantile((1 + level) / 2))
        })
    }
    return result
  }

  /// Every path's value `h + 1` years ahead (`h` from 0).
  func values(at h: Int) -> [Double] {
    (0..<count).map { paths[$0 * horizon + h] }
  }

  /// Applies `adjustment` to every path, given the current point forecast.
  mutating func apply(
    _ adjustment: ResolvedAdjustment, lastYear: Int, lastValue: Double, point: [Double]
  ) {
    let horizon = self.horizon
    paths.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for path in 0..<count {
        adjustment.apply(
          to: UnsafeMutableBufferPointer(start: base + path * horizon, count: horizon),
          lastYear: lastYear, lastValue: lastValue, point: point)
      }
    }
  }
}
