// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// The statutory term of protection of a right, as the law in force at its filing date sets it,
/// and what remains of it at a date.
///
/// | office | right | filed | term |
/// |---|---|---|---|
/// | VN | invention | from 1996-07-01 | 20 years from filing |
/// | VN | utility solution | from 1996-07-01 | 10 years from filing |
/// | VN | industrial design | from 1996-07-01 | 15 years from filing (5, renewable twice by 5) |
/// | VN | trademark | any date | unlimited (10-year renewals) |
/// | KR | invention | from 2000-01-01 | 20 years from filing |
/// | KR | utility model | from 2000-01-01 | 10 years from filing |
/// | KR | industrial design | 2000-01-01 to 2014-06-30 | 15 years from registration |
/// | KR | industrial design | from 2014-07-01 | 20 years from filing |
/// | KR | trademark | any date | unlimited (10-year renewals) |
///
/// The laws: Viet Nam's Civil Code of 1995 (in force 1 July 1996) and Law on Intellectual
/// Property of 2005, article 93; Korea's Patent Act (article 88), Utility Model Act, Design
/// Protection Act (article 91 as amended in force 1 July 2014; 15 years from registration
/// before) and Trademark Act; `datasets/valuation-references.md` gives the sources. Viet Nam's
/// terms have been the same since 1 July 1996; ipfin's sources for Korea describe the terms
/// above for applications filed from the early 2000s, so earlier filings are outside the table
/// (every right filed before 2000 has passed 20 years from filing by 2020 anyway). A right filed
/// before its office's first date is refused (``Asset/firstInvalidInput()``), as is a pending
/// Korean design filed before 1 July 2014, whose term runs from a registration that has not
/// happened, and a right whose expiry would pass the year 9999. A Vietnamese design is assumed
/// renewed to its full 15 years (renewal fees belong in `maintenance_cost`); trademarks are
/// renewable without limit in both countries, so their life is economic, never legal. Korea's
/// patent term adjustment (applications from 2012-03-15 whose examination was delayed) and
/// extensions for medicines are not modelled.
public struct LegalTerm: Sendable, Equatable {
  /// The date a term is counted from.
  public enum Start: String, Sendable, Equatable {
    /// The filing date.
    case filing
    /// The grant (registration) date.
    case registration
  }

  /// The term in calendar years; `nil` when protection can be renewed without limit
  /// (trademarks).
  public let years: Int?
  /// The date the term runs from.
  public let start: Start
  /// The law that sets the term, for messages and documentation.
  public let law: String

  /// The first filing date of each office and right that ``init(office:right:filingDate:)``
  /// covers: 1996-07-01 for Viet Nam, 2000-01-01 for Korea; `nil` for trademarks (any date).
  public static func firstFilingDate(office: IPOffice, right: IPRight) -> CalendarDate? {
    guard right != .trademark else { return nil }
    switch office {
    case .vn: return statute(1996, 7, 1)
    case .kr: return statute(2000, 1, 1)
    }
  }

  /// The day from which Korea's designs are protected 20 years from filing instead of 15 years
  /// from registration: 2014-07-01.
  public static let koreanDesignReform = statute(2014, 7, 1)

  /// A date written in the law tables above, always a real date.
  private static func statute(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    guard let date = CalendarDate(year: year, month: month, day: day) else {
      preconditionFailure("\(year)-\(month)-\(day) in LegalTerm is not a date")
    }
    return date
  }

  /// The term of `right` at `office` under the law in force at `filingDate`; `nil` when the
  /// filing date is before ``firstFilingDate(office:right:)``.
  public init?(office: IPOffice, right: IPRight, filingDate: CalendarDate) {
    if let first = Self.firstFilingDate(office: office, right: right), filingDate < first {
      return nil
    }
    switch (office, right) {
    case (.vn, .invention):
      self.init(20, .filing, "Viet Nam's IP Law 2005, art. 93(2)")
    case (.vn, .utilitySolution):
      self.init(10, .filing, "Viet Nam's IP Law 2005, art. 93(3)")
    case (.vn, .industrialDesign):
      self.init(
        15, .filing, "Viet Nam's IP Law 2005, art. 93(4): 5 years renewable twice by 5")
    case (.vn, .trademark):
      self.init(nil, .filing, "Viet Nam's IP Law 2005, art. 93(6): 10-year renewals")
    case (.kr, .invention):
      self.init(20, .filing, "Korea's Patent Act, art. 88(1)")
    case (.kr, .utilitySolution):
      self.init(10, .filing, "Korea's Utility Model Act")
    case (.kr, .industrialDesign):
      if filingDate < Self.koreanDesignReform {
        self.init(
          15, .registration,
          "Korea's Design Protection Act as in force before 2014-07-01")
      } else {
        self.init(20, .filing, "Korea's Design Protection Act, art. 91")
      }
    case (.kr, .trademark):
      self.init(nil, .filing, "Korea's Trademark Act: 10-year renewals")
    }
  }

  private init(_ years: Int?, _ start: Start, _ law: String) {
    self.years = years
    self.start = start
    self.law = law
  }

  /// The legal expiry: the start date (filing, or grant for ``Start/registration``) plus the
  /// term in calendar years, 29 February becoming 28 February in a year without it.
  ///
  /// - Returns: `.unlimited` for a renewable term, `.needsGrantDate` for a term counted from a
  ///   registration that has not happened (a pending application), `.beyondYear9999` when the
  ///   expiry would pass the last representable year, otherwise the date.
  public func expiry(filingDate: CalendarDate, grantDate: CalendarDate?) -> Expiry {
    guard let years else { return .unlimited }
    let startDate: CalendarDate
    switch start {
    case .filing: startDate = filingDate
    case .registration:
      guard let grantDate else { return .needsGrantDate }
      startDate = grantDate
    }
    guard let date = startDate.addingYears(years) else { return .beyondYear9999 }
    return .date(date)
  }

  /// The remaining legal life in years at `valuationDate`, counted as actual days / 365.25:
  ///
  /// ```
  /// remaining = (expiry - valuation date in days) / 365.25
  /// ```
  /// Negative or 0 when the right has expired; infinite for an unlimited term; `nil` when the
  /// expiry is not a date (``Expiry``).
  public func remainingYears(
    filingDate: CalendarDate, grantDate: CalendarDate?, valuationDate: CalendarDate
  ) -> Double? {
    switch expiry(filingDate: filingDate, grantDate: grantDate) {
    case .unlimited: return .infinity
    case .date(let expiry): return Double(valuationDate.days(to: expiry)) / LegalTerm.daysPerYear
    case .needsGrantDate, .beyondYear9999: return nil
    }
  }

  /// Days in a year for remaining lives: 365.25, the mean Julian year.
  public static let daysPerYear = 365.25

  /// When a right's protection ends.
  public enum Expiry: Sendable, Equatable {
    /// On this date.
    case date(CalendarDate)
    /// Never: renewable without limit.
    case unlimited
    /// The term runs from a registration that has not happened.
    case needsGrantDate
    /// After the year 9999.
    case beyondYear9999

    /// The date, when the expiry is one.
    public var date: CalendarDate? {
      if case .date(let date) = self { return date }
      return nil
    }
  }
}
