// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// The outcome of a Monte Carlo valuation: the simulated portfolio value of every path, the
/// same split by kind of right (for loan-to-value limits), and each asset's summary.
public struct ValuationResult: Sendable {
  /// The assumptions the portfolio was valued under.
  public let assumptions: ValuationAssumptions
  /// The deterministic values, per asset and in total.
  public let deterministic: DeterministicResult
  /// Each asset's simulated figures, in portfolio order.
  public let assets: [AssetValuation]
  /// The portfolio value `P` of every path, in path order.
  public let portfolioValues: [Double]
  /// For each kind of right, the value of the portfolio's rights of that kind on every path
  /// (zeros for a kind the portfolio does not hold).
  public let valuesByRight: [IPRight: [Double]]
  /// The random variates drawn, by kind, for comparing the engine's speed with that of drawing
  /// them alone.
  public let variatesDrawn: VariateCounts

  /// The portfolio's currency (empty when not stated).
  public var currency: String { deterministic.currency }
  /// The expired rights and anything else worth a warning.
  public var warnings: [ValuationWarning] { deterministic.warnings }
}

/// How many random variates a simulation drew, by kind.
public struct VariateCounts: Sendable, Equatable {
  /// Standard normals (GSL's ziggurat): market factors and revenue shocks.
  public var normals = 0
  /// PERT royalty rates (each one beta variate from GSLKit's `BetaSampler`: usually two
  /// uniforms).
  public var royalties = 0
  /// Uniforms: grant decisions of pending applications and loss years.
  public var uniforms = 0

  /// Counts of each kind.
  public init(normals: Int = 0, royalties: Int = 0, uniforms: Int = 0) {
    self.normals = normals
    self.royalties = royalties
    self.uniforms = uniforms
  }

  /// Adds `other`'s counts to `counts`.
  public static func += (counts: inout VariateCounts, other: VariateCounts) {
    counts.normals += other.normals
    counts.royalties += other.royalties
    counts.uniforms += other.uniforms
  }
}

/// One asset's figures from a Monte Carlo valuation.
public struct AssetValuation: Sendable, Equatable {
  /// The deterministic figures: id, right, office, legal expiry, remaining life, deterministic
  /// value and `E[V]`.
  public let terms: AssetValue
  /// The mean of the simulated values.
  public let mean: Double
  /// The standard deviation of the simulated values (divisor `n - 1`).
  public let standardDeviation: Double
  /// The 5%, 50% and 95% quantiles of the simulated values (Hyndman and Fan's definition 7);
  /// `nil` when the valuation was run without per-asset quantiles.
  public let quantiles: Quantiles?

  /// Three quantiles of one asset's simulated values.
  public struct Quantiles: Sendable, Equatable {
    /// The 5% quantile.
    public let p05: Double
    /// The median.
    public let p50: Double
    /// The 95% quantile.
    public let p95: Double
  }
}
