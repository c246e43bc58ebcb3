// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// One IP right in a portfolio, with the inputs of its relief-from-royalty valuation.
///
/// Money is in the portfolio's one currency; rates are fractions (`0.05`). The defaults are
/// those of the portfolio CSV format:
///
/// | field | default | where the default comes from |
/// |---|---|---|
/// | `grantProbability` | 1 (granted) | a pending application must give it |
/// | `revenueGrowth`, `revenueVolatility` | 0 | neutral |
/// | `obsolescence`, `invalidityHazard`, `maintenanceCost` | 0 | neutral |
/// | `royaltyLow`, `royaltyHigh` | `royaltyRate` | a fixed royalty |
/// | `discountRate` | `nil`: ``ValuationAssumptions/defaultDiscountRate`` | modelling assumption |
/// | `taxRate` | 0.20 | Viet Nam's standard corporate income tax rate |
/// | `economicLife` | `nil`: the remaining legal life; 10 years for marks | modelling assumption |
public struct Asset: Sendable, Equatable {
  /// The unique asset id.
  public var id: String
  /// The kind of right.
  public var right: IPRight
  /// The office whose law sets the legal term.
  public var office: IPOffice
  /// The filing date, from which every legal term runs.
  public var filingDate: CalendarDate
  /// The grant date; `nil` for a pending application.
  public var grantDate: CalendarDate?
  /// The probability `p_grant` that a pending application is granted; 1 for a granted right.
  public var grantProbability: Double
  /// `R0`: the revenue attributable to the asset in the last full year before the valuation date.
  public var revenue: Double
  /// `g`: the expected annual revenue growth, above -1.
  public var revenueGrowth: Double
  /// `sigma`: the annual standard deviation of log revenue growth.
  public var revenueVolatility: Double
  /// The most likely royalty rate `r` (the PERT mode), a fraction of revenue.
  public var royaltyRate: Double
  /// The lowest royalty rate of the PERT range.
  public var royaltyLow: Double
  /// The highest royalty rate of the PERT range.
  public var royaltyHigh: Double
  /// `d`: the annual discount rate; `nil` uses ``ValuationAssumptions/defaultDiscountRate``.
  public var discountRate: Double?
  /// `tau`: the tax rate on royalty income.
  public var taxRate: Double
  /// The economic life in years from the valuation date; `nil` uses the remaining legal life,
  /// or ``defaultTrademarkLife`` for a trademark.
  public var economicLife: Double?
  /// `delta`: the annual decay of the royalty base.
  public var obsolescence: Double
  /// `h`: the annual probability that the right is lost (invalidation, lapse).
  public var invalidityHazard: Double
  /// `m`: the annual cost of keeping the right alive.
  public var maintenanceCost: Double
  /// A free label.
  public var industry: String
  /// Where the asset was read (file and line), for error messages; `nil` when built in memory.
  public var location: SourceLocation?

  /// The default tax rate, 0.20: Viet Nam's standard corporate income tax rate (Law on
  /// Corporate Income Tax).
  public static let defaultTaxRate = 0.20
  /// The default economic life of a trademark, 10 years: one renewal term in both countries. A
  /// modelling assumption: trademarks never expire legally, so their life must be chosen.
  public static let defaultTrademarkLife = 10.0
  /// The longest economic life accepted, 100 years.
  public static let maximumEconomicLife = 100.0

  /// Creates an asset; the optional inputs take the defaults in the table above.
  public init(
    id: String, right: IPRight, office: IPOffice, filingDate: CalendarDate,
    grantDate: CalendarDate? = nil, grantProbability: Double = 1, revenue: Double,
    revenueGrowth: Double = 0, revenueVolatility: Double = 0, royaltyRate: Double,
    royaltyLow: Double? = nil, royaltyHigh: Double? = nil, discountRate: Double? = nil,
    taxRate: Double = Asset.defaultTaxRate, economicLife: Double? = nil,
    obsolescence: Double = 0, invalidityHazard: Double = 0, maintenanceCost: Double = 0,
    industry: String = "", location: SourceLocation? = nil
  ) {
    self.id = id
    self.right = right
    self.office = office
    self.filingDate = filingDate
    self.grantDate = grantDate
    self.grantProbability = grantProbability
    self.revenue = revenue
    self.revenueGrowth = revenueGrowth
    self.revenueVolatility = revenueVolatility
    self.royaltyRate = royaltyRate
    self.royaltyLow = royaltyLow ?? royaltyRate
    self.royaltyHigh = royaltyHigh ?? royaltyRate
    self.discountRate = discountRate
    self.taxRate = taxRate
    self.economicLife = economicLife
    self.obsolescence = obsolescence
    self.invalidityHazard = invalidityHazard
    self.maintenanceCost = maintenanceCost
    self.industry = industry
    self.location = location
  }

  /// Whether the application is still pending (no grant date).
  public var isPending: Bool { grantDate == nil }

  /// The legal term of this right under the law in force at its filing date (see
  /// ``LegalTerm``); `nil` when the filing date is before the dates ipfin's table covers.
  public var legalTerm: LegalTerm? {
    LegalTerm(office: office, right: right, filingDate: filingDate)
  }

  /// The legal expiry of this right (see ``LegalTerm/expiry(filingDate:grantDate:)``); `nil`
  /// when the filing date is outside ipfin's table of terms.
  public var legalExpiry: LegalTerm.Expiry? {
    legalTerm?.expiry(filingDate: filingDate, grantDate: grantDate)
  }

  /// The first input that is out of its allowed range, as the portfolio column that holds it
  /// and what that column allows; `nil` when every input is valid.
  ///
  /// | column | allowed |
  /// |---|---|
  /// | `id` | not empty |
  /// | `filing_date` | in ``LegalTerm``'s table; the legal expiry before the year 10000 |
  /// | `grant_date` | on or after the filing date; required for a term from registration |
  /// | `grant_probability` | in [0, 1]; 1 (or empty) for a granted right |
  /// | `revenue`, `maintenance_cost` | finite, not negative |
  /// | `revenue_growth` | in (-1, 1] |
  /// | every other rate | in [0, 1] |
  /// | `royalty_low <= royalty_rate <= royalty_high` | |
  /// | `economic_life` | in (0, 100] years |
  public func firstInvalidInput() -> (column: PortfolioColumn, allowed: String)? {
    func isRate(_ value: Double) -> Bool { value >= 0 && value <= 1 }
    let rate = "a rate in [0, 1] (a fraction such as 0.05 or a percentage such as 5%)"
    if id.isEmpty { return (.id, "a non-empty asset id") }
    if let grantDate, grantDate < filingDate {
      return (.grantDate, "a grant date on or after the filing date \(filingDate)")
    }
    if let problem = legalTermProblem() { return problem }
    if !isRate(grantProbability) { return (.grantProbability, rate) }
    if grantDate != nil, grantProbability != 1 {
      return (.grantProbability, "empty or 1 for a granted right (grant_date is given)")
    }
    if !(revenue.isFinite && revenue >= 0) { return (.revenue, "an amount of 0 or more") }
    if !(revenueGrowth > -1 && revenueGrowth <= 1) {
      return (.revenueGrowth, "a growth rate above -1 (-100%) and at most 1 (100%)")
    }
    if !isRate(revenueVolatility) { return (.revenueVolatility, rate) }
    if !isRate(royaltyRate) { return (.royaltyRate, rate) }
    if !isRate(royaltyLow) { return (.royaltyLow, rate) }
    if !isRate(royaltyHigh) { return (.royaltyHigh, rate) }
    let order = "royalty_low <= royalty_rate <= royalty_high (royalty_rate is \(royaltyRate))"
    if royaltyLow > royaltyRate { return (.royaltyLow, order) }
    if royaltyHigh < royaltyRate { return (.royaltyHigh, order) }
    if let discountRate, !isRate(discountRate) { return (.discountRate, rate) }
    if !isRate(taxRate) { return (.taxRate, rate) }
    if let economicLife, !(economicLife > 0 && economicLife <= Asset.maximumEconomicLife) {
      return (.economicLife, "a number of years above 0 and at most 100")
    }
    if !isRate(obsolescence) { return (.obsolescence, rate) }
    if !isRate(invalidityHazard) { return (.invalidityHazard, rate) }
    if !(maintenanceCost.isFinite && maintenanceCost >= 0) {
      return (.maintenanceCost, "an amount of 0 or more")
    }
    return nil
  }

  /// The column and what it allows when the legal term cannot be determined: a filing date
  /// before ipfin's table of terms, a pending application whose term counts from registration,
  /// or an expiry after the year 9999.
  private func legalTermProblem() -> (column: PortfolioColumn, allowed: String)? {
    guard let term = legalTerm else {
      let first = LegalTerm.firstFilingDate(office: office, right: right)
      return (
        .filingDate,
        "a filing date on or after \(first.map(String.init(describing:)) ?? "-"): ipfin's "
          + "table of legal terms covers \(office.rawValue) \(right.rawValue) filings from that "
          + "date (docs/valuation.md)"
      )
    }
    switch term.expiry(filingDate: filingDate, grantDate: grantDate) {
    case .needsGrantDate:
      return (
        .grantDate,
        "a grant (registration) date: under \(term.law), the term runs \(term.years ?? 0) "
          + "years from registration, so a pending application cannot be valued"
      )
    case .beyondYear9999:
      let column: PortfolioColumn = term.start == .registration ? .grantDate : .filingDate
      return (
        column,
        "a date whose legal expiry (\(term.years ?? 0) years later) is before the year 10000"
      )
    case .date, .unlimited:
      return nil
    }
  }
}
