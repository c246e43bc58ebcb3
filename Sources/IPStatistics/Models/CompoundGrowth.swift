// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Compound (geometric) growth between two values.
public enum CompoundGrowth {
  /// The constant annual rate that takes `start` to `end` in `years` years:
  ///
  /// ```
  /// g = (end / start)^(1 / years) - 1
  /// ```
  /// so that `start (1 + g)^years = end`. It is the growth that `constant-growth` extrapolates
  /// (over the last two observed years, a gap annualised), an analog's growth over its span,
  /// and a scenario's `_cagr` column.
  ///
  /// No input is checked: the result is NaN or infinite when `start` is 0, either value is
  /// negative or `years` is 0, so callers test `isFinite` or validate first.
  public static func annualRate(from start: Double, to end: Double, years: Int) -> Double {
    pow(end / start, 1 / Double(years)) - 1
  }
}
