// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// A loan secured by the portfolio: its amount and repayment, the borrower's default risk and
/// how the collateral would be sold after a default.
///
/// | term | default | source |
/// |---|---|---|
/// | `tenorYears` `T` | 5 | assumption: a common term of IP-backed loans (NatWest's: 4) |
/// | `amortization` | bullet | modelling assumption |
/// | `probabilityOfDefault` `p` | none: needed for the figures at default | the lender's rating |
/// | `borrowerCorrelation` `beta` | 0.5 | assumption: borrower and rights share the market |
/// | `timeToSell` `s` | 1 year | modelling assumption |
/// | `saleCost` `c` | 0.10 | modelling assumption: agents', legal and transfer costs |
/// | `rate` `i` | 0.10 | assumption: near Vietnamese banks' lending rates to firms |
///
/// Default falls at the end of a year `j <= T`, before that year's payment, so the exposure is
/// the principal outstanding after year `j - 1`'s payment with the year's interest:
///
/// ```
/// EAD_j = B_(j-1) (1 + i),   B_j = A (bullet, j < T),   B_j = A (1 - j / T) (linear)
/// ```
/// The collateral is sold over `s` years in an orderly sale; the buyer pays `V_s(j)`, the value
/// at the end of the sale of the cash flows after it (``ContinuationValue``), and the lender
/// receives, discounted back to the default at the loan rate,
///
/// ```
/// proceeds = (1 - od) (1 - c) V_s(j) / (1 + i)^s
/// loss     = max(0, EAD_j - proceeds),      LGD = loss / EAD_j
/// ```
/// with `od` the orderly-liquidation discount of the ``CollateralPolicy``.
public struct Loan: Sendable, Equatable {
  /// How the principal is repaid.
  public enum Amortization: String, Sendable, Equatable, CaseIterable {
    /// The whole principal at the end of the tenor.
    case bullet
    /// Equal parts of the principal at the end of each year.
    case linear
  }

  /// The principal `A`, above 0, in the portfolio's currency.
  public var amount: Double
  /// The tenor `T` in whole years, 1 to 30.
  public var tenorYears: Int = Loan.defaultTenorYears
  /// How the principal is repaid.
  public var amortization: Amortization = Loan.defaultAmortization
  /// The borrower's annual probability of default `p` in [0, 1]; `nil` leaves out the figures
  /// at default.
  public var probabilityOfDefault: Double?
  /// The weight `beta` in [0, 1] of the market factor in the borrower's creditworthiness.
  public var borrowerCorrelation: Double = Loan.defaultBorrowerCorrelation
  /// The time `s` a sale of the collateral takes, in years, 0 to 10.
  public var timeToSell: Double = Loan.defaultTimeToSell
  /// The cost `c` of the sale, a fraction of its proceeds in [0, 1].
  public var saleCost: Double = Loan.defaultSaleCost
  /// The loan's annual interest rate `i` in [0, 1]; it also discounts recoveries and losses.
  public var rate: Double = Loan.defaultRate

  /// The default repayment, bullet: the whole principal at the end.
  public static let defaultAmortization = Amortization.bullet
  /// The default tenor, 5 years.
  public static let defaultTenorYears = 5
  /// The longest tenor accepted, 30 years.
  public static let maximumTenorYears = 30
  /// The default borrower correlation, 0.5: a modelling assumption. Wrong-way risk (the
  /// borrower defaulting in the years its rights earn least) is the most material of the
  /// loan's assumptions; `docs/valuation.md` shows the expected credit loss at 0, 0.5 and 0.9.
  public static let defaultBorrowerCorrelation = 0.5
  /// The default time to sell, 1 year.
  public static let defaultTimeToSell = 1.0
  /// The longest time to sell accepted, 10 years.
  public static let maximumTimeToSell = 10.0
  /// The default sale cost, 0.10 of the proceeds.
  public static let defaultSaleCost = 0.10
  /// The default loan rate, 0.10 a year.
  public static let defaultRate = 0.10

  /// A loan of `amount` with the other terms at their defaults.
  public init(amount: Double) {
    self.amount = amount
  }

  /// Checks every term.
  ///
  /// - Throws: ``ValuationError`` (`invalidSetting`) naming the term, its value and what is
  ///   allowed.
  public func validate() throws {
    try ValuationError.require(amount > 0, "loan", amount, allowed: "an amount above 0")
    try ValuationError.require(
      (1...Self.maximumTenorYears).contains(tenorYears), "tenor", Double(tenorYears),
      allowed:
        "a whole number of years from 1 to \(Self.maximumTenorYears)")
    if let probabilityOfDefault {
      try ValuationError.require(
        (0...1).contains(probabilityOfDefault), "pd", probabilityOfDefault,
        allowed:
          "a probability in [0, 1]")
    }
    try ValuationError.require(
      (0...1).contains(borrowerCorrelation), "borrower_correlation", borrowerCorrelation,
      allowed:
        "a correlation in [0, 1]")
    try ValuationError.require(
      (0...Self.maximumTimeToSell).contains(timeToSell), "time_to_sell", timeToSell,
      allowed:
        "a number of years from 0 to \(NumberFormatting.exact(Self.maximumTimeToSell))")
    try ValuationError.require(
      (0...1).contains(saleCost), "sale_cost", saleCost, allowed: "a rate in [0, 1]")
    try ValuationError.require(
      (0...1).contains(rate), "loan_rate", rate, allowed: "a rate in [0, 1]")
  }

  /// `B_j`, the principal outstanding after year `year`'s payment (`A` at year 0).
  public func outstanding(afterYear year: Int) -> Double {
    switch amortization {
    case .bullet: return year < tenorYears ? amount : 0
    case .linear: return amount * max(0, 1 - Double(year) / Double(tenorYears))
    }
  }

  /// `EAD_j = B_(j-1) (1 + i)`: what the borrower owes when it defaults at the end of year
  /// `year`, before that year's payment.
  public func exposureAtDefault(year: Int) -> Double {
    outstanding(afterYear: year - 1) * (1 + rate)
  }

  /// `(1 - od) (1 - c) V_s / (1 + i)^s`: what the lender recovers, valued at the default, from
  /// a sale that a buyer values at `saleValue` when it ends.
  public func proceeds(saleValue: Double, orderlyDiscount: Double) -> Double {
    (1 - orderlyDiscount) * (1 - saleCost) * saleValue / pow(1 + rate, timeToSell)
  }

  /// Whether a right with `remainingLife` years left can secure the loan: its life must last
  /// the tenor and the sale, `L >= T + s`.
  public func isEligible(remainingLife: Double) -> Bool {
    remainingLife >= Double(tenorYears) + timeToSell
  }
}
