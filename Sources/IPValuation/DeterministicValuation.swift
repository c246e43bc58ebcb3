// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// The deterministic relief-from-royalty valuation of a portfolio, without simulation.
///
/// For each asset, with remaining life `L = min(economic_life, legal expiry - valuation date)`
/// in years (actual days / 365.25), `N = ceil(L)`, `w_k = 1` for `k < N`, `w_N = L - (N - 1)`
/// and the mid-year convention:
///
/// ```
/// CF_k = w_k * (R0 (1+g)^k * r * (1-delta)^k - m) * (1 - tau)
/// V    = p_grant * max over n in {0..N} of sum_{k=1..n} CF_k * (1-h)^k / (1+d)^(k-0.5)
/// ```
/// The maximum is the owner's option to abandon (``ContinuationValue``): a right stops being
/// paid for once the rest of its life would lose money, so no value is negative. The
/// deterministic value takes `r` = `royalty_rate` (the most likely rate). An expired right is
/// worth 0 and gives a warning.
public enum DeterministicValuation {
  /// Values every asset of `portfolio` under `assumptions` (its simulation settings are not
  /// used).
  ///
  /// - Throws: ``ValuationError`` for an invalid setting; ``InputError`` (`badData`) for an
  ///   asset filed or granted after the valuation date.
  public static func run(
    portfolio: Portfolio, assumptions: ValuationAssumptions
  ) throws -> DeterministicResult {
    let (models, warnings) = try AssetModel.resolve(portfolio, assumptions)
    return DeterministicResult(models: models, warnings: warnings, currency: portfolio.currency)
  }
}

/// The deterministic values of a portfolio's assets.
public struct DeterministicResult: Sendable {
  /// One entry per asset, in portfolio order.
  public let assets: [AssetValue]
  /// The expired rights and anything else worth a warning.
  public let warnings: [ValuationWarning]
  /// The portfolio's currency (empty when not stated).
  public let currency: String

  init(models: [AssetModel], warnings: [ValuationWarning], currency: String) {
    self.assets = models.map(AssetValue.init)
    self.warnings = warnings
    self.currency = currency
  }

  /// The portfolio's deterministic value: the sum of the assets' deterministic values.
  public var value: Double { assets.reduce(0) { $0 + $1.deterministicValue } }

  /// The portfolio's expected value `E[V]`, the sum of the assets' expected values; `nil` when
  /// one of them has no closed form (``AssetValue/expectedValue``).
  public var expectedValue: Double? {
    var total = 0.0
    for asset in assets {
      guard let value = asset.expectedValue else { return nil }
      total += value
    }
    return total
  }

  /// The sum of the assets' ``AssetValue/expectedValueIfKept``: a lower bound of `E[V]`.
  public var expectedValueIfKept: Double { assets.reduce(0) { $0 + $1.expectedValueIfKept } }
}

/// One asset's deterministic figures.
public struct AssetValue: Sendable, Equatable {
  /// The asset id.
  public let id: String
  /// The kind of right.
  public let right: IPRight
  /// The office.
  public let office: IPOffice
  /// The legal expiry; `nil` for an unlimited term (trademarks).
  public let legalExpiry: CalendarDate?
  /// `L`, the remaining life in years (0 when expired).
  public let remainingLife: Double
  /// The value at the most likely royalty rate.
  public let deterministicValue: Double
  /// `E[V]`, the expectation of the Monte Carlo model, where it has a closed form: the value at
  /// the PERT mean royalty `(low + 4 mode + high) / 6` without a maintenance cost; with one and
  /// no revenue volatility, `p_grant E[C_0(R0 r)]` over the PERT royalty by the incomplete beta
  /// function. `nil` with both a maintenance cost and a revenue volatility.
  public let expectedValue: Double?
  /// The value at the PERT mean royalty as if the right were kept to the end of its life: `E[V]`
  /// before the owner's option to abandon, and a lower bound of it.
  public let expectedValueIfKept: Double

  init(_ model: AssetModel) {
    id = model.asset.id
    right = model.asset.right
    office = model.asset.office
    legalExpiry = model.legalExpiry
    remainingLife = model.remainingLife
    deterministicValue = model.value(royalty: model.royaltyMode)
    expectedValue = model.expectedValue
    expectedValueIfKept = model.valueWithoutAbandonment(royalty: model.royaltyMean)
  }
}
