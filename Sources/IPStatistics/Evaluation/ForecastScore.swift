// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Proper scores of a predictive distribution against the value that occurred (Gneiting and
/// Raftery 2007); lower is better. ``BacktestEvaluation`` computes them on the log scale.
public enum ForecastScore {
  /// The interval score of the central interval `[lower, upper]` of level `1 - a`:
  ///
  /// ```
  /// IS = (u - l) + (2 / a) (l - y) [y < l] + (2 / a) (y - u) [y > u]
  /// ```
  /// the width, plus a penalty for a miss in proportion to its distance and to how sure the
  /// interval claimed to be. Its expectation is smallest for the true `a / 2` and `1 - a / 2`
  /// quantiles.
  public static func intervalScore(lower: Double, upper: Double, actual: Double, level: Double)
    -> Double
  {
    let a = 1 - level
    var score = upper - lower
    if actual < lower { score += 2 / a * (lower - actual) }
    if actual > upper { score += 2 / a * (actual - upper) }
    return score
  }

  /// The continuous ranked probability score of the empirical distribution of `sorted`
  /// (ascending, at least one value) at `actual`, computed exactly in its energy form:
  ///
  /// ```
  /// CRPS = (1/n) sum_i |x_i - y| - (1 / (2 n^2)) sum_i sum_j |x_i - x_j|
  ///      = (1/n) sum_i |x_i - y| - (1 / n^2) sum_i (2i - n - 1) x_(i)     (i = 1 ... n, sorted)
  /// ```
  /// `E|X - y| - E|X - X'| / 2` with `X`, `X'` independent draws from the sample (the CRPS of the
  /// sample's step distribution, not the "fair" estimator with `n (n - 1)`; with 2,000 paths the
  /// two differ by `E|X - X'| / 4000`). O(n) on sorted values.
  public static func crps(sorted: [Double], actual: Double) -> Double {
    let n = Double(sorted.count)
    var absoluteError = 0.0
    var spread = 0.0
    for (index, value) in sorted.enumerated() {
      absoluteError += abs(value - actual)
      spread += (2 * Double(index + 1) - n - 1) * value
    }
    return absoluteError / n - spread / (n * n)
  }
}
