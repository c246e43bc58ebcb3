// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// One asset's inputs resolved for a valuation: defaults and scenario shifts applied, the
/// remaining life fixed by the valuation date, and the yearly weights of its cash flows.
///
/// With `N = ceil(L)` paying years, weights `w_k = 1` for `k < N` and `w_N = L - (N - 1)`, and
/// the mid-year convention:
///
/// ```
/// CF_k = w_k * (R0 (1+g)^k * r * (1-delta)^k - m) * (1 - tau)
/// V    = p_grant * sum_{k=1..N} CF_k * (1-h)^k / (1+d)^(k-0.5)
/// ```
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

  /// The mean of the PERT royalty: `(low + 4 mode + high) / 6`.
  var royaltyMean: Double {
    royaltyLow == royaltyHigh ? royaltyMode : (royaltyLow + 4 * royaltyMode + royaltyHigh) / 6
  }

  /// The relief-from-royalty value with royalty rate `royalty`, by the formula above term by
  /// term: the deterministic value at the most likely royalty, `E[V]` at the PERT mean.
  func value(royalty: Double) -> Double {
    guard years > 0 else { return 0 }
    var sum = 0.0
    for k in 1...years {
      let weight = k < years ? 1 : remainingLife - Double(years - 1)
      let royaltyBase =
        revenue * pow(1 + growth, Double(k)) * royalty
        * pow(1 - obsolescence, Double(k))
      let cashFlow = weight * (royaltyBase - maintenance) * (1 - taxRate)
      sum += cashFlow * pow(1 - hazard, Double(k)) / pow(1 + discountRate, Double(k) - 0.5)
    }
    return grantProbability * sum
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
      guard model.value(royalty: model.royaltyHigh).isFinite else {
        throw ValuationError(
          .numericalFailure,
          "the value of asset '\(asset.id)' is not finite (its revenue compounds beyond the "
            + "largest number); lower its revenue or growth")
      }
      if model.years == 0 {
        let expiry = model.legalExpiry.map { "expired on \($0)" } ?? "has no remaining life"
        let term = asset.legalTerm.years.map {
          " (\($0)-year term from filing on \(asset.filingDate))"
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
    func shifted(_ name: String, _ value: Double, _ valid: Bool, _ allowed: String) throws
      -> Double
    {
      guard valid, value.isFinite else {
        throw ValuationError.invalidSetting(
          name, "gives asset '\(asset.id)' the value \(value); allowed: \(allowed)")
      }
      return value
    }
    let multiplier = assumptions.royaltyMultiplier
    let discount =
      (asset.discountRate ?? assumptions.defaultDiscountRate)
      + assumptions.discountRateShift
    let growth = asset.revenueGrowth + assumptions.revenueGrowthShift
    self.discountRate = try shifted("discount_rate_shift", discount, discount > -1, "above -1")
    self.growth = try shifted("revenue_growth_shift", growth, growth > -1, "above -1")
    self.royaltyHigh = try shifted(
      "royalty_multiplier", asset.royaltyHigh * multiplier, asset.royaltyHigh * multiplier <= 1,
      "royalty rates within [0, 1]")
    self.royaltyLow = asset.royaltyLow * multiplier
    self.royaltyMode = asset.royaltyRate * multiplier
    self.volatility = asset.revenueVolatility * assumptions.volatilityMultiplier

    self.asset = asset
    self.grantProbability = asset.grantProbability
    self.revenue = asset.revenue
    self.taxRate = asset.taxRate
    self.obsolescence = asset.obsolescence
    self.hazard = asset.invalidityHazard
    self.maintenance = asset.maintenanceCost

    let term = asset.legalTerm
    self.legalExpiry = term.expiry(filingDate: asset.filingDate)
    let legalLife = term.remainingYears(filingDate: asset.filingDate, valuationDate: date)
    let defaultLife = asset.right == .trademark ? Asset.defaultTrademarkLife : legalLife
    let life = min(asset.economicLife ?? defaultLife, legalLife)
    self.remainingLife = max(life, 0)
    self.years = life > 0 ? Int(life.rounded(.up)) : 0

    var royaltyWeights: [Double] = []
    var expectedRoyaltyPrefix: [Double] = [0]
    var maintenancePrefix: [Double] = [0]
    for k in stride(from: 1, through: years, by: 1) {
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
  }
}
