// SPDX-License-Identifier: GPL-3.0-or-later

/// The columns of a portfolio CSV file, one asset a row.
///
/// | column | meaning | default |
/// |---|---|---|
/// | `id` | unique asset id | required |
/// | `right` | `invention`, `utility_solution`, `industrial_design`, `trademark` | required |
/// | `office` | `VN` or `KR`: decides the legal term | required |
/// | `filing_date` | ISO date | required |
/// | `grant_date` | ISO date; empty for a pending application | empty |
/// | `grant_probability` | chance a pending application is granted | required when pending |
/// | `revenue` | the asset's revenue in the last full year before the valuation date | required |
/// | `revenue_growth` | expected annual growth g | 0 |
/// | `revenue_volatility` | annual standard deviation sigma of log revenue growth | 0 |
/// | `royalty_rate` | most likely royalty rate r | required |
/// | `royalty_low`, `royalty_high` | PERT range around `royalty_rate` | both `royalty_rate` |
/// | `discount_rate` | annual discount rate d | the run's default discount rate |
/// | `tax_rate` | tax rate tau on royalty income | 0.20 |
/// | `economic_life` | years of economic life from the valuation date | legal life; 10 for marks |
/// | `obsolescence` | annual decay delta of the royalty base | 0 |
/// | `invalidity_hazard` | annual probability h that the right is lost | 0 |
/// | `maintenance_cost` | annual cost of keeping the right alive | 0 |
/// | `industry` | free label | empty |
/// | `currency` | one value for the whole file | empty |
///
/// `right` also accepts the aliases `patent`, `utility_model` and `design`. Rates may be written
/// as fractions (`0.05`) or percentages (`5%`).
public enum PortfolioColumn: String, Sendable, CaseIterable {
  /// `id`.
  case id
  /// `right`.
  case right
  /// `office`.
  case office
  /// `filing_date`.
  case filingDate = "filing_date"
  /// `grant_date`.
  case grantDate = "grant_date"
  /// `grant_probability`.
  case grantProbability = "grant_probability"
  /// `revenue`.
  case revenue
  /// `revenue_growth`.
  case revenueGrowth = "revenue_growth"
  /// `revenue_volatility`.
  case revenueVolatility = "revenue_volatility"
  /// `royalty_rate`.
  case royaltyRate = "royalty_rate"
  /// `royalty_low`.
  case royaltyLow = "royalty_low"
  /// `royalty_high`.
  case royaltyHigh = "royalty_high"
  /// `discount_rate`.
  case discountRate = "discount_rate"
  /// `tax_rate`.
  case taxRate = "tax_rate"
  /// `economic_life`.
  case economicLife = "economic_life"
  /// `obsolescence`.
  case obsolescence
  /// `invalidity_hazard`.
  case invalidityHazard = "invalidity_hazard"
  /// `maintenance_cost`.
  case maintenanceCost = "maintenance_cost"
  /// `industry`.
  case industry
  /// `currency`.
  case currency

  /// The columns every file must have, with a value on every row.
  public static let required: [PortfolioColumn] = [
    .id, .right, .office, .filingDate, .revenue, .royaltyRate,
  ]

}
