// SPDX-License-Identifier: GPL-3.0-or-later

import IPStatistics

/// The figures of one scenario that a comparison shows: per projected series, the projection
/// at chosen years and its growth; and the valuation's metrics.
public struct ScenarioSummary: Sendable, Equatable {
  /// One projected series.
  public struct Series: Sendable, Equatable {
    /// One projected year.
    public struct Point: Sendable, Equatable {
      /// The median projection.
      public var value: Double
      /// The 95% interval.
      public var low95: Double, high95: Double

      /// Creates a point.
      public init(value: Double, low95: Double, high95: Double) {
        self.value = value
        self.low95 = low95
        self.high95 = high95
      }
    }

    /// The right, for example `invention`.
    public var right: String
    /// The last observed year and value, the base of the growth rate.
    public var lastObservedYear: Int
    /// The last observed value.
    public var lastObservedValue: Double
    /// The projection by year.
    public var points: [Int: Point]
    /// The final projected year.
    public var finalYear: Int

    /// Creates a series summary.
    public init(
      right: String, lastObservedYear: Int, lastObservedValue: Double, points: [Int: Point],
      finalYear: Int
    ) {
      self.right = right
      self.lastObservedYear = lastObservedYear
      self.lastObservedValue = lastObservedValue
      self.points = points
      self.finalYear = finalYear
    }

    /// The compound annual growth rate of the median from the last observed year to the final
    /// year: `(value(final) / last observed)^(1 / (final - last year)) - 1`; NaN when either
    /// is missing or not positive.
    public var compoundAnnualGrowth: Double {
      guard let final = points[finalYear]?.value, final > 0, lastObservedValue > 0,
        finalYear > lastObservedYear
      else { return .nan }
      return CompoundGrowth.annualRate(
        from: lastObservedValue, to: final, years: finalYear - lastObservedYear)
    }
  }

  /// The scenario's name.
  public var name: String
  /// The scenario's description.
  public var description: String
  /// The projected series, in the scenario's order; empty without a projection.
  public var series: [Series]
  /// The valuation metrics by name (``Comparison/valuationMetrics`` are the ones shown);
  /// `nil` without a valuation.
  public var valuation: [String: Double]?

  /// Creates a summary.
  public init(
    name: String, description: String, series: [Series], valuation: [String: Double]?
  ) {
    self.name = name
    self.description = description
    self.series = series
    self.valuation = valuation
  }
}
