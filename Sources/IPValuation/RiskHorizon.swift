// SPDX-License-Identifier: GPL-3.0-or-later

/// The horizon over which a valuation measures risk: the value at risk, the expected shortfall
/// and the collateral and lending values (``CollateralReport``).
public enum RiskHorizon: Sendable, Equatable, CustomStringConvertible {
  /// `H` whole years: risk is measured on the horizon value `P_H`, what a holder has at the end
  /// of year `H` (the cash flows to then and the continuation value of the rights still kept),
  /// valued today.
  case years(Int)
  /// The whole remaining life: risk is measured on the whole-life value `P`.
  case life

  /// The default horizon, 1 year: the horizon of a bank's value at risk and of the 12-month
  /// expected credit loss.
  public static let `default` = RiskHorizon.years(1)
  /// The longest horizon in years accepted, 100 (the longest economic life).
  public static let maximumYears = 100

  /// The horizon written `text`: `life`, or a whole number of years; `nil` for anything else.
  /// The range is checked by ``ValuationAssumptions/validate()``.
  public init?(_ text: String) {
    if text == "life" {
      self = .life
    } else if let years = Int(text) {
      self = .years(years)
    } else {
      return nil
    }
  }

  /// `H`, or `nil` for the whole life.
  public var years: Int? {
    if case .years(let years) = self { return years }
    return nil
  }

  /// `life`, or the number of years.
  public var description: String { years.map(String.init) ?? "life" }
}
