// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

/// Descriptive statistics of a sample, on GSL's `gsl_stats_*` routines.
///
/// Empty input is an error, never 0 (GSL itself would silently return 0 or NaN), and so are
/// non-finite values.
public enum Descriptive {
  /// The arithmetic mean `sum(x) / n` (`gsl_stats_mean`).
  /// - Throws: ``GSLError`` when `values` is empty or holds a non-finite value.
  public static func mean(_ values: [Double]) throws -> Double {
    try validate(values, "mean", minimumCount: 1)
    return values.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
  }

  /// The sample variance with divisor `n - 1`: `sum((x - mean)^2) / (n - 1)`
  /// (`gsl_stats_variance`).
  /// - Throws: ``GSLError`` when `values` has fewer than 2 elements or a non-finite value.
  public static func variance(_ values: [Double]) throws -> Double {
    try validate(values, "variance", minimumCount: 2)
    return values.withUnsafeBufferPointer { gsl_stats_variance($0.baseAddress, 1, $0.count) }
  }

  /// The sample standard deviation, the square root of ``variance(_:)`` (`gsl_stats_sd`).
  /// - Throws: ``GSLError`` when `values` has fewer than 2 elements or a non-finite value.
  public static func standardDeviation(_ values: [Double]) throws -> Double {
    try validate(values, "standard deviation", minimumCount: 2)
    return values.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, $0.count) }
  }

  /// The weighted mean `sum(w x) / sum(w)` (`gsl_stats_wmean`).
  /// - Throws: ``GSLError`` when the arrays are empty or differ in length, a weight is negative
  ///   or not finite, or all weights are 0.
  public static func weightedMean(_ values: [Double], weights: [Double]) throws -> Double {
    try validate(values, "weighted mean", minimumCount: 1)
    guard weights.count == values.count else {
      throw GSLError.invalidInput(
        "weighted mean", "\(weights.count) weights for \(values.count) values")
    }
    guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
      throw GSLError.invalidInput("weighted mean", "weights must be finite and not negative")
    }
    guard weights.contains(where: { $0 > 0 }) else {
      throw GSLError.invalidInput("weighted mean", "at least one weight must be positive")
    }
    return values.withUnsafeBufferPointer { x in
      weights.withUnsafeBufferPointer { w in
        gsl_stats_wmean(w.baseAddress, 1, x.baseAddress, 1, x.count)
      }
    }
  }

  /// The `p`-quantile, `p` in [0, 1], by linear interpolation between order statistics
  /// (Hyndman and Fan's definition 7, R's default, GSL's `gsl_stats_quantile_from_sorted_data`):
  ///
  /// ```
  /// h = (n - 1) p,   Q(p) = x(floor h) + (h - floor h) (x(floor h + 1) - x(floor h))
  /// ```
  /// with `x(0) <= ... <= x(n-1)` the sorted sample. For several quantiles of one sample, sort
  /// once with ``SortedSample``.
  /// - Throws: ``GSLError`` when `values` is empty or not finite, or `p` is outside [0, 1].
  public static func quantile(_ values: [Double], _ p: Double) throws -> Double {
    try SortedSample(values).quantile(p)
  }

  /// The median, ``quantile(_:_:)`` at 0.5.
  /// - Throws: ``GSLError`` when `values` is empty or not finite.
  public static func median(_ values: [Double]) throws -> Double {
    try quantile(values, 0.5)
  }

  static func validate(_ values: [Double], _ operation: String, minimumCount: Int) throws {
    guard values.count >= minimumCount else {
      let what = minimumCount == 1 ? "at least one value" : "at least \(minimumCount) values"
      throw GSLError.invalidInput(operation, "needs \(what), got \(values.count)")
    }
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw GSLError.invalidInput(
        operation, "value \(bad) is \(values[bad]); every value must be finite")
    }
  }
}

/// A sample sorted once, for many quantiles and tail means.
public struct SortedSample: Sendable {
  /// The values in ascending order.
  public let values: [Double]

  /// Sorts `values`.
  /// - Throws: ``GSLError`` when `values` is empty or holds a non-finite value.
  public init(_ values: [Double]) throws {
    try Descriptive.validate(values, "quantile", minimumCount: 1)
    self.values = values.sorted()
  }

  /// The number of values.
  public var count: Int { values.count }

  /// The `p`-quantile by Hyndman and Fan's definition 7 (see ``Descriptive/quantile(_:_:)``).
  /// - Throws: ``GSLError`` when `p` is outside [0, 1].
  public func quantile(_ p: Double) throws -> Double {
    guard p >= 0, p <= 1 else {
      throw GSLError.invalidInput("quantile", "probability must be in [0, 1], got \(p)")
    }
    GSLRuntime.prepare()
    return values.withUnsafeBufferPointer {
      gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, p)
    }
  }

  /// The mean of the values at or below `threshold` (`gsl_stats_mean` of those values, the
  /// method of ``Descriptive/mean(_:)``, so that equal values give their value exactly), or
  /// `nil` when there are none.
  public func meanAtOrBelow(_ threshold: Double) -> Double? {
    let count = partition { $0 > threshold }
    guard count > 0 else { return nil }
    GSLRuntime.prepare()
    return values.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, count) }
  }

  /// The fraction of values for which `predicate` holds, for a predicate that, once it holds
  /// for a value, holds for every larger one (`{ $0 >= a }`, `{ $0 * f >= a }` with `f >= 0`).
  public func fraction(where predicate: (Double) -> Bool) -> Double {
    Double(values.count - partition(predicate)) / Double(values.count)
  }

  /// The number of values before the first for which `predicate` holds (a binary search; the
  /// predicate as in ``fraction(where:)``).
  private func partition(_ predicate: (Double) -> Bool) -> Int {
    var low = 0
    var high = values.count
    while low < high {
      let middle = (low + high) / 2
      if predicate(values[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
