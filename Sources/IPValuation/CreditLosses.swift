// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The lender's loss on every simulated path of a valuation with a loan.
///
/// On a path whose borrower defaults at the end of year `j` (``DefaultOutcomes``), with the
/// loan's exposure `EAD_j`, rate `i`, sale cost `c` and time to sell `s`, and the policy's
/// orderly-liquidation discount `od` (``Loan``):
///
/// ```
/// proceeds = (1 - od) (1 - c) V_s(j) / (1 + i)^s
/// loss     = max(0, EAD_j - proceeds),      LGD = loss / EAD_j
/// discounted loss = loss / (1 + i)^j        (0 on a path without default)
/// ```
public struct CreditLosses: Sendable {
  /// Per path, the loss discounted to the valuation date at the loan rate (0 without default).
  public let discountedLosses: [Double]
  /// Per path, the default year (0 for none), as in ``DefaultOutcomes/years``.
  public let defaultYears: [Int]
  /// Per defaulting path, in path order: the collateral at default `V(j)`.
  public let collateralAtDefault: [Double]
  /// Per defaulting path, in path order: the loss given default.
  public let lossGivenDefault: [Double]

  /// The losses of `defaults` on `loan`, the collateral sold at the orderly discount
  /// `orderlyDiscount`.
  public init(defaults: DefaultOutcomes, loan: Loan, orderlyDiscount: Double) {
    var discounted = [Double](repeating: 0, count: defaults.years.count)
    var collateral: [Double] = []
    var lgd: [Double] = []
    for (path, year) in defaults.years.enumerated() where year > 0 {
      let exposure = loan.exposureAtDefault(year: year)
      let proceeds = loan.proceeds(
        saleValue: defaults.saleValues[path], orderlyDiscount: orderlyDiscount)
      let loss = max(0, exposure - proceeds)
      discounted[path] = loss / pow(1 + loan.rate, Double(year))
      collateral.append(defaults.collateral[path])
      lgd.append(exposure > 0 ? loss / exposure : 0)
    }
    discountedLosses = discounted
    defaultYears = defaults.years
    collateralAtDefault = collateral
    lossGivenDefault = lgd
  }
}
