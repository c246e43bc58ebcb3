// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// The outcome of a Monte Carlo valuation: the simulated whole-life and horizon values of the
/// portfolio on every path, the horizon values of the eligible rights by kind (for loan-to-value
/// limits), the collateral at the borrower's default, and each asset's summary.
public struct ValuationResult: Sendable {
  /// The assumptions the portfolio was valued under.
  public let assumptions: ValuationAssumptions
  /// The loan, when one was given.
  public let loan: Loan?
  /// The deterministic values, per asset and in total.
  public let deterministic: DeterministicResult
  /// Each asset's simulated figures, in portfolio order.
  public let assets: [AssetValuation]
  /// The whole-life portfolio value `P` of every path, in path order.
  public let portfolioValues: [Double]
  /// The horizon value `P_H` of every path (``MonteCarloValuation``); `nil` when the risk is
  /// measured on the whole life (``ValuationAssumptions/horizonYears`` is `nil`).
  public let horizonValues: [Double]?
  /// For each kind of right, the horizon value (the whole-life value without a horizon) of the
  /// portfolio's eligible rights of that kind on every path (zeros for a kind the portfolio does
  /// not hold): what loan-to-value limits apply to.
  public let lendingBaseByRight: [IPRight: [Double]]
  /// The borrower's defaults, with a loan that gives a probability of default.
  public let defaults: DefaultOutcomes?
  /// The random variates drawn, by kind, for comparing the engine's speed with that of drawing
  /// them alone.
  public let variatesDrawn: VariateCounts

  /// The portfolio's currency (empty when not stated).
  public var currency: String { deterministic.currency }
  /// The expired rights, the rights not eligible for the loan, and anything else worth a
  /// warning.
  public var warnings: [ValuationWarning] { deterministic.warnings }

  /// The values the risk figures are measured on: ``horizonValues``, or the whole-life values.
  public var riskValues: [Double] { horizonValues ?? portfolioValues }
}

/// What happened to the borrower on each path of a valuation with a loan.
public struct DefaultOutcomes: Sendable, Equatable {
  /// Per path, the year `j` of the borrower's default, 1 to the tenor; 0 when it does not
  /// default within the tenor.
  public let years: [Int]
  /// Per path, the collateral at default `V(j) = sum_i C_j(X_ij)` (0 without a default).
  public let collateral: [Double]
  /// Per path, the sale value `V_s(j)`: what a buyer pays at the end of the sale (0 without a
  /// default).
  public let saleValues: [Double]

  /// Outcomes given path by path (for tests and other engines).
  public init(years: [Int], collateral: [Double], saleValues: [Double]) {
    self.years = years
    self.collateral = collateral
    self.saleValues = saleValues
  }
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
  /// Whether the right can secure the loan (always, without a loan): its remaining life lasts
  /// the tenor and the time to sell.
  public let isEligible: Bool

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
