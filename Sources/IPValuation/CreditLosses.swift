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
  ///
  /// - Throws: ``ValuationError`` (`invalidSetting`) when `defaults` does not give one default
  ///   year, collateral and sale value per path, or a default year outside `0...T`.
  public init(defaults: DefaultOutcomes, loan: Loan, orderlyDiscount: Double) throws {
    let paths = defaults.years.count
    for (what, count) in [
      ("collateral at default", defaults.collateral.count),
      ("sale values", defaults.saleValues.count),
    ] where count != paths {
      throw ValuationError.invalidSetting(what, "\(count) values for \(paths) default years")
    }
    if let path = defaults.years.firstIndex(where: { !(0...loan.tenorYears).contains($0) }) {
      throw ValuationError.invalidSetting(
        "default years",
        "path \(path + 1) defaults in year \(defaults.years[path]), outside 0 to the tenor "
          + "\(loan.tenorYears)")
    }
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
