// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// One asset's inputs resolved for a valuation: defaults and scenario shifts applied, the
/// remaining life fixed by the valuation date, the yearly weights of its cash flows and the
/// thresholds of the owner's option to abandon it.
///
/// With `N = ceil(L)` paying years, weights `w_k = 1` for `k < N` and `w_N = L - (N - 1)`, the
/// mid-year convention and the royalty income `X_0 = R0 r`:
///
/// ```
/// CF_k = w_k * (R0 (1+g)^k * r * (1-delta)^k - m) * (1 - tau)
/// V    = p_grant * C_0(X_0)
///      = p_grant * max over n in {0..N} of sum_{k=1..n} CF_k (1-h)^k / (1+d)^(k-0.5)
/// ```
/// (``ContinuationValue``): the owner stops paying for the right once it loses money, so the
/// value is the best partial sum, never negative. It is the whole sum, as before the option to
/// abandon was modelled, whenever every partial sum increases.
struct AssetModel: Sendable {
  /// The asset as read.
  let asset: Asset
  /// The legal expiry; `nil` for an unlimited term.
  let legalExpiry: CalendarDate?
  /// `L`: the remaining life in years, `min(economic life, remaining legal life)`, 0 if expired.
  let remainingLife: Double
  /// `N = ceil(L)`: the number of paying years (0 when expired).
  let years: Int
  /// `p_grant`.
  let grantProbability: Double
  /// `R0`.
  let revenue: Double
  /// `g` after the scenario shift.
  let growth: Double
  /// `sigma` after the scenario multiplier.
  let volatility: Double
  /// The royalty range after the scenario multiplier.
  let royaltyLow: Double, royaltyMode: Double, royaltyHigh: Double
  /// `d` after the default and the scenario shift.
  let discountRate: Double
  /// `tau`, `delta`, `h`, `m`.
  let taxRate: Double, obsolescence: Double, hazard: Double, maintenance: Double

  /// `a_k = w_k (1 - tau) (1 - delta)^k / (1 + d)^(k - 0.5)` for k = 1...N (index k - 1): the
  /// discounted after-tax value of one unit of royalty base in year k.
  let royaltyWeights: [Double]
  /// `sum_{k<=K} a_k R0 (1+g)^k` for K = 0...N: the royalty base of the first K years at
  /// expected revenues.
  let expectedRoyaltyPrefix: [Double]
  /// `sum_{k<=K} w_k (1 - tau) m / (1 + d)^(k - 0.5)` for K = 0...N.
  let maintenancePrefix: [Double]
  /// `(1 - delta)^j` for j = 0...N: the royalty income is `X_j = R_j r (1 - delta)^j`.
  let decay: [Double]
  /// The expected revenues `E[R_j] = R0 (1 + g)^j` for j = 0...N.
  let expectedRevenues: [Double]
  /// The abandonment thresholds in revenue per unit of royalty, `X*_j / (1 - delta)^j` for
  /// j = 0..<N: the owner abandons the right at the end of year `j` when `R_j r` is at or below
  /// it (`+infinity` where `(1 - delta)^j` is 0). Empty when ``canAbandon`` is false.
  private(set) var revenueThresholds: [Double] = []

  /// Whether abandoning can change a cash flow: only with a maintenance cost. Without one every
  /// threshold is 0 (or infinite where no royalty can come), and a right is abandoned only when
  /// it can earn nothing more.
  var canAbandon: Bool { maintenance > 0 && years > 0 }

  /// `w_k`: 1 for `k < N`, `L - (N - 1)` for the partial last year `k = N`.
  func weight(year: Int) -> Double {
    year < years ? 1 : remainingLife - Double(years - 1)
  }

  /// The mean of the PERT royalty: `(low + 4 mode + high) / 6`.
  var royaltyMean: Double {
    royaltyLow == royaltyHigh ? royaltyMode : (royaltyLow + 4 * royaltyMode + royaltyHigh) / 6
  }

  /// The relief-from-royalty value with royalty rate `royalty`, `p_grant C_0(R0 r)` by the
  /// formula above term by term: the best of the partial sums (the last at a tie). The
  /// deterministic value takes the most likely royalty.
  func value(royalty: Double) -> Double {
    grantProbability * partialSums(royalty: royalty).max
  }

  /// The value without the option to abandon: the whole sum `sum_{k=1..N}`, as if every year
  /// were paid. It equals ``value(royalty:)`` when the partial sums increase, and is a lower
  /// bound of it otherwise.
  func valueWithoutAbandonment(royalty: Double) -> Double {
    grantProbability * partialSums(royalty: royalty).whole
  }

  /// `E[V]` where it has a closed form; `nil` otherwise.
  ///
  /// - Without a maintenance cost the owner never abandons a right that can still earn, `V` is
  ///   linear in the royalty and the revenues, and `E[V]` is the value at the PERT mean royalty
  ///   `(low + 4 mode + high) / 6` (``valueWithoutAbandonment(royalty:)``).
  /// - With a maintenance cost and no revenue volatility, every path follows the expected
  ///   revenues, so a path's value is `C_0(R0 r)` for its royalty (the owner stops where the best
  ///   partial sum ends) and `E[V] = p_grant E[C_0(R0 r)]` over the PERT royalty, exactly
  ///   (``ContinuationValue/expectation(scale:low:mode:high:)``).
  /// - With both, the paths' abandonments depend on their revenues and there is no closed form;
  ///   `E[V]` is then at least the value at the PERT mean without abandonment.
  var expectedValue: Double? {
    guard canAbandon else { return valueWithoutAbandonment(royalty: royaltyMean) }
    guard volatility == 0 else { return nil }
    guard royaltyLow < royaltyHigh else { return value(royalty: royaltyMode) }
    let expectation = try? continuation(year: 0).expectation(
      scale: revenue, low: royaltyLow, mode: royaltyMode, high: royaltyHigh)
    return expectation.map { grantProbability * $0 }
  }

  /// The partial sums `sum_{k=1..n} CF_k (1-h)^k / (1+d)^(k-0.5)` with royalty `royalty`: their
  /// maximum over `n = 0...N` (0 for the empty sum) and the whole sum, `n = N`.
  private func partialSums(royalty: Double) -> (max: Double, whole: Double) {
    guard years > 0 else { return (0, 0) }
    var sum = 0.0
    var best = 0.0
    for k in 1...years {
      let royaltyBase =
        revenue * pow(1 + growth, Double(k)) * royalty
        * pow(1 - obsolescence, Double(k))
      let cashFlow = weight(year: k) * (royaltyBase - maintenance) * (1 - taxRate)
      sum += cashFlow * pow(1 - hazard, Double(k)) / pow(1 + discountRate, Double(k) - 0.5)
      if sum >= best { best = sum }
    }
    return (best, sum)
  }

  /// The column to blame and why when a yearly amount of the model is not finite (an absurd
  /// revenue, growth or maintenance cost); `nil` when every amount is finite.
  func nonFiniteInput() -> (column: PortfolioColumn, cause: String)? {
    if !(expectedRoyaltyPrefix.allSatisfy(\.isFinite)) {
      return (.revenue, "its revenue compounds beyond the largest number")
    }
    if !(maintenancePrefix.allSatisfy(\.isFinite)) {
      return (.maintenanceCost, "its maintenance costs add up beyond the largest number")
    }
    return nil
  }

  /// The continuation value at the end of year `year`.
  func continuation(year: Int) -> ContinuationValue {
    ContinuationValue(ContinuationTerms(self), year: year)
  }

  /// Resolves every asset of `portfolio` under `assumptions`.
  ///
  /// - Returns: the models, in portfolio order, and a warning for each expired right.
  /// - Throws: ``ValuationError`` for an invalid setting, a shifted input out of range or a value
  ///   that is not finite; ``InputError`` (`badData`) for a filing or grant date after the
  ///   valuation date.
  static func resolve(
    _ portfolio: Portfolio, _ assumptions: ValuationAssumptions
  ) throws -> (models: [AssetModel], warnings: [ValuationWarning]) {
    try assumptions.validate()
    var models: [AssetModel] = []
    var warnings: [ValuationWarning] = []
    for asset in portfolio.assets {
      let model = try AssetModel(asset: asset, in: portfolio, assumptions)
      if let (column, cause) = model.nonFiniteInput() {
        throw InputError.badData(
          portfolio.location(of: asset, column: column),
          "the value of asset '\(asset.id)' is not finite: \(cause); allowed: inputs whose "
            + "yearly amounts stay below about 1e300")
      }
      if model.years == 0 {
        let expiry = model.legalExpiry.map { "expired on \($0)" } ?? "has no remaining life"
        let term = asset.legalTerm.flatMap { term in
          term.years.map { years in
            term.start == .filing
              ? " (\(years)-year term from filing on \(asset.filingDate))"
              : " (\(years)-year term from registration on "
                + "\(asset.grantDate.map(String.init(describing:)) ?? "-"))"
          }
        }
        warnings.append(
          ValuationWarning(
            assetID: asset.id, location: asset.location,
            message: "asset '\(asset.id)' \(expiry)\(term ?? "") at the valuation date "
              + "\(assumptions.valuationDate); it is valued at 0"))
      }
      models.append(model)
    }
    return (models, warnings)
  }

  private init(
    asset: Asset, in portfolio: Portfolio, _ assumptions: ValuationAssumptions
  ) throws {
    let date = assumptions.valuationDate
    if asset.filingDate > date {
      throw InputError.badData(
        portfolio.location(of: asset, column: .filingDate),
        "asset '\(asset.id)' was filed on \(asset.filingDate), after the valuation date \(date); "
          + "allowed: a filing date on or before the valuation date")
    }
    if let grant = asset.grantDate, grant > date {
      throw InputError.badData(
        portfolio.location(of: asset, column: .grantDate),
        "asset '\(asset.id)' was granted on \(grant), after the valuation date \(date); "
          + "allowed: a grant date on or before the valuation date (leave it empty for an "
          + "application pending at that date)")
    }
    // A setting that takes an asset's input out of range names the asset and its row.
    func shifted(_ name: String, _ value: Double, _ valid: Bool, _ allowed: String) throws
      -> Double
    {
      guard valid, value.isFinite else {
        let row = asset.location.map { " at \($0)" } ?? ""
        throw ValuationError.invalidSetting(
          name,
          "gives asset '\(asset.id)'\(row) the value \(NumberFormatting.shown(value)); "
            + "allowed: \(allowed)")
      }
      return value
    }
    let multiplier = assumptions.royaltyMultiplier
    let discount = assumptions.discountRate(of: asset)
    let growth = assumptions.revenueGrowth(of: asset)
    // The shifted and multiplied inputs stay within the ranges a portfolio's own inputs have
    // (``Asset/firstInvalidInput()``).
    self.discountRate = try shifted(
      "discount_rate_shift", discount, (0...1).contains(discount), "a discount rate within [0, 1]")
    self.growth = try shifted(
      "revenue_growth_shift", growth, growth > -1 && growth <= 1,
      "a growth above -1 (-100%) and at most 1 (100%)")
    self.royaltyHigh = try shifted(
      "royalty_multiplier", asset.royaltyHigh * multiplier, asset.royaltyHigh * multiplier <= 1,
      "royalty rates within [0, 1]")
    self.royaltyLow = asset.royaltyLow * multiplier
    self.royaltyMode = asset.royaltyRate * multiplier
    let volatility = asset.revenueVolatility * assumptions.volatilityMultiplier
    self.volatility = try shifted(
      "volatility_multiplier", volatility, volatility <= 1, "a volatility within [0, 1]")

    self.asset = asset
    self.grantProbability = asset.grantProbability
    self.revenue = asset.revenue
    self.taxRate = asset.taxRate
    self.obsolescence = asset.obsolescence
    self.hazard = asset.invalidityHazard
    self.maintenance = asset.maintenanceCost

    guard let term = asset.legalTerm,
      let legalLife = term.remainingYears(
        filingDate: asset.filingDate, grantDate: asset.grantDate, valuationDate: date)
    else {
      let (column, allowed) =
        asset.firstInvalidInput() ?? (.filingDate, "a right with a legal term")
      throw InputError.badData(
        portfolio.location(of: asset, column: column),
        "asset '\(asset.id)': \(column.rawValue) is not allowed; allowed: \(allowed)")
    }
    self.legalExpiry = term.expiry(filingDate: asset.filingDate, grantDate: asset.grantDate).date
    let defaultLife = asset.right == .trademark ? Asset.defaultTrademarkLife : legalLife
    let life = min(asset.economicLife ?? defaultLife, legalLife)
    self.remainingLife = max(life, 0)
    self.years = life > 0 ? Int(life.rounded(.up)) : 0

    var royaltyWeights: [Double] = []
    var expectedRoyaltyPrefix: [Double] = [0]
    var maintenancePrefix: [Double] = [0]
    var decay: [Double] = [1]
    var expectedRevenues: [Double] = [revenue]
    for k in stride(from: 1, through: years, by: 1) {
      decay.append(pow(1 - obsolescence, Double(k)))
      expectedRevenues.append(revenue * pow(1 + self.growth, Double(k)))
      let weight = k < years ? 1 : remainingLife - Double(years - 1)
      let discountFactor = 1 / pow(1 + discountRate, Double(k) - 0.5)
      let royaltyWeight =
        weight * (1 - taxRate) * pow(1 - obsolescence, Double(k)) * discountFactor
      royaltyWeights.append(royaltyWeight)
      expectedRoyaltyPrefix.append(
        expectedRoyaltyPrefix[k - 1] + royaltyWeight * revenue * pow(1 + self.growth, Double(k)))
      maintenancePrefix.append(
        maintenancePrefix[k - 1] + weight * (1 - taxRate) * maintenance * discountFactor)
    }
    self.royaltyWeights = royaltyWeights
    self.expectedRoyaltyPrefix = expectedRoyaltyPrefix
    self.maintenancePrefix = maintenancePrefix
    self.decay = decay
    self.expectedRevenues = expectedRevenues
    if canAbandon {
      let terms = ContinuationTerms(self)
      revenueThresholds = (0..<years).map { year in
        let threshold = ContinuationValue(terms, year: year).threshold
        return threshold == 0 ? 0 : threshold / decay[year]
      }
    }
  }
}
