// SPDX-License-Identifier: GPL-3.0-or-later

/// How a lender turns a portfolio's simulated value into collateral figures: liquidation
/// discounts, the conservative quantile and loan-to-value limits by right. The loan itself is a
/// ``Loan``.
///
/// | setting | default | source |
/// |---|---|---|
/// | `quantile` | 0.10 | assumption: a value the portfolio exceeds on 90% of paths |
/// | `orderlyDiscount` | 0.35 | modelling assumption |
/// | `forcedDiscount` | 0.60 | modelling assumption |
/// | LTV invention | 0.50 | published: NatWest with Inngot lends up to 50% of IP value |
/// | LTV trademark | 0.50 | published: NatWest's 50% (an unverified Chinese page: 50% on marks) |
/// | LTV utility solution, design | 0.30 | modelling assumption: shorter, narrower rights |
///
/// The discounts are assumptions, set next to the published figures in
/// `datasets/valuation-references.md`: a forced sale fetching 40% of market value and an orderly
/// one 65% gives an orderly value about 1.6 times the forced one, close to the 1.7 of the US
/// case *In re Aerogroup International* (2019); IVS 104 defines both premises of liquidation.
public struct CollateralPolicy: Sendable, Equatable {
  /// The quantile `q` in (0, 1) of the collateral and lending values.
  public var quantile: Double = CollateralPolicy.defaultQuantile
  /// The orderly-liquidation discount: an orderly sale fetches `P (1 - orderlyDiscount)`.
  public var orderlyDiscount: Double = CollateralPolicy.defaultOrderlyDiscount
  /// The forced-liquidation discount: a forced sale fetches `P (1 - forcedDiscount)`; at least
  /// the orderly discount.
  public var forcedDiscount: Double = CollateralPolicy.defaultForcedDiscount
  /// The loan-to-value limit of each kind of right, in [0, 1].
  public var loanToValue: [IPRight: Double] = CollateralPolicy.defaultLoanToValue

  /// The default quantile, 0.10: a value the portfolio exceeds on 90% of paths.
  public static let defaultQuantile = 0.10
  /// The default orderly-liquidation discount, 0.35: a modelling assumption.
  public static let defaultOrderlyDiscount = 0.35
  /// The default forced-liquidation discount, 0.60: a modelling assumption.
  public static let defaultForcedDiscount = 0.60
  /// The default loan-to-value limits: invention 0.50, utility solution 0.30, industrial design
  /// 0.30, trademark 0.50.
  public static let defaultLoanToValue: [IPRight: Double] = [
    .invention: 0.50, .utilitySolution: 0.30, .industrialDesign: 0.30, .trademark: 0.50,
  ]

  /// The default policy.
  public init() {}

  /// Sets the loan-to-value limit of the right named `name` (see ``IPRight/init(name:)``).
  ///
  /// - Throws: ``ValuationError`` (`invalidSetting`) for an unknown right.
  public mutating func setLoanToValue(_ value: Double, forRightNamed name: String) throws {
    guard let right = IPRight(name: name) else {
      throw ValuationError.invalidSetting(
        "ltv", "'\(name)' is not a right; allowed: \(IPRight.acceptedNames)")
    }
    loanToValue[right] = value
  }

  /// The loan-to-value limit of `right` (0 if none was set).
  public func loanToValue(of right: IPRight) -> Double {
    loanToValue[right] ?? 0
  }

  /// Checks every setting.
  ///
  /// - Throws: ``ValuationError`` (`invalidSetting`) naming the setting, its value and what is
  ///   allowed.
  public func validate() throws {
    try ValuationError.require(
      quantile > 0 && quantile < 1, "collateral_quantile", quantile,
      allowed: "a probability in (0, 1)")
    try ValuationError.require(
      (0...1).contains(orderlyDiscount), "orderly_discount", orderlyDiscount,
      allowed: "a rate in [0, 1]")
    try ValuationError.require(
      forcedDiscount >= orderlyDiscount && forcedDiscount <= 1, "forced_discount", forcedDiscount,
      allowed:
        "a rate in [0, 1], at least the orderly discount \(orderlyDiscount)")
    for right in IPRight.allCases {
      let value = loanToValue(of: right)
      try ValuationError.require(
        (0...1).contains(value), "ltv \(right.rawValue)", value, allowed: "a rate in [0, 1]")
    }
  }
}
