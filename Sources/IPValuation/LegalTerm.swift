// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// The statutory term of protection of a right at an office, and what remains of it at a date.
///
/// | office | invention | utility solution / model | industrial design | trademark |
/// |---|---|---|---|---|
/// | VN | 20 years | 10 years | 15 years (5, renewable twice by 5) | unlimited |
/// | KR | 20 years | 10 years | 20 years | unlimited |
///
/// All terms run from the filing date. Sources: Viet Nam's Law on Intellectual Property,
/// Article 93 (as amended); Korea's Patent Act, Utility Model Act and Design Protection Act (see
/// `datasets/valuation-references.md`). A Vietnamese industrial design is assumed renewed to its
/// full 15 years (renewal fees belong in `maintenance_cost`); trademarks are renewable by 10-year
/// terms without limit in both countries, so their life is economic, never legal.
public struct LegalTerm: Sendable, Equatable {
  /// The term in calendar years from the filing date; `nil` when protection can be renewed
  /// without limit (trademarks).
  public let years: Int?

  /// The term of `right` at `office`.
  public init(office: IPOffice, right: IPRight) {
    switch (office, right) {
    case (_, .invention): years = 20
    case (_, .utilitySolution): years = 10
    case (.vn, .industrialDesign): years = 15
    case (.kr, .industrialDesign): years = 20
    case (_, .trademark): years = nil
    }
  }

  /// The legal expiry: the filing date plus the term in calendar years, 29 February becoming
  /// 28 February in a year without it; `nil` for an unlimited term (or beyond the year 9999).
  public func expiry(filingDate: CalendarDate) -> CalendarDate? {
    years.flatMap { filingDate.addingYears($0) }
  }

  /// The remaining legal life in years at `valuationDate`, counted as actual days / 365.25:
  ///
  /// ```
  /// remaining = (expiry - valuation date in days) / 365.25
  /// ```
  /// Negative or 0 when the right has expired; infinite for an unlimited term.
  public func remainingYears(filingDate: CalendarDate, valuationDate: CalendarDate) -> Double {
    guard let expiry = expiry(filingDate: filingDate) else { return .infinity }
    return Double(valuationDate.days(to: expiry)) / LegalTerm.daysPerYear
  }

  /// Days in a year for remaining lives: 365.25, the mean Julian year.
  public static let daysPerYear = 365.25
}
