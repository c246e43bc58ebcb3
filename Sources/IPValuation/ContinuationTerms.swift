// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The terms of an asset's continuation values, computed once: with `l = k - j` years ahead,
///
/// ```
/// E_j[CF_k] D_jk = w_k (1-tau) (X_j q^l - m) D_l,
/// q = (1+g)(1-delta),   D_l = (1-h)^l / (1+d)^(l-0.5)
/// ```
/// so `q^l` and `D_l` depend on `l` alone and `w_k (1-tau)` on `k` alone: one table of each
/// serves every year `j` (``ContinuationValue`` and the value at a default,
/// ``atDefault(year:income:timeToSell:)``), in memory that grows with the asset's life, not
/// with life times the years asked for.
struct ContinuationTerms: Sendable {
  /// `N`, the asset's paying years.
  let years: Int
  /// `q^l` for `l = 0...N`.
  let growthPowers: [Double]
  /// `D_l` for `l = 0...N`.
  let worths: [Double]
  /// `w_k (1 - tau)` for `k = 0...N` (0 at `k = 0`).
  let taxedWeights: [Double]
  /// `m`.
  let maintenance: Double
  /// `d`.
  let discountRate: Double

  /// The terms of `model`.
  init(_ model: AssetModel) {
    years = model.years
    let growth = (1 + model.growth) * (1 - model.obsolescence)
    let survival = 1 - model.hazard
    let discount = 1 + model.discountRate
    growthPowers = (0...max(0, model.years)).map { pow(growth, Double($0)) }
    worths = (0...max(0, model.years)).map {
      pow(survival, Double($0)) / pow(discount, Double($0) - 0.5)
    }
    taxedWeights = (0...max(0, model.years)).map {
      $0 == 0 ? 0 : model.weight(year: $0) * (1 - model.taxRate)
    }
    maintenance = model.maintenance
    discountRate = model.discountRate
  }

  /// `a` and `b` of year `k` seen from the end of year `j`: the slope and the intercept that
  /// year `k` adds to the partial sums `S_jn(X) = a_jn X - b_jn`.
  func term(from year: Int, to k: Int) -> (slope: Double, intercept: Double) {
    let ahead = k - year
    return (
      taxedWeights[k] * growthPowers[ahead] * worths[ahead],
      taxedWeights[k] * maintenance * worths[ahead]
    )
  }

  /// At a default at the end of year `year`, with income `X_j = income`: the collateral
  /// `C_j(X_j)`, the best partial sum (the smallest horizon `n*` at a tie), and the sale value
  /// after `timeToSell` years,
  ///
  /// ```
  /// V_s = (1+d)^s sum_{k: k - 0.5 > j + s, k <= n*} E_j[CF_k] D_jk
  ///     = (1+d)^s (S_jn* - S_j(k_s - 1))
  /// ```
  /// with `k_s = floor(j + s + 0.5) + 1` the first year sold, and `V_s = 0` when `n* < k_s`.
  /// `V_s` is never negative, since `n*` maximises the partial sums.
  func atDefault(year: Int, income: Double, timeToSell: Double) -> (value: Double, sale: Double) {
    guard year < years else { return (0, 0) }
    let firstSold = Int((Double(year) + timeToSell + 0.5).rounded(.down)) + 1
    var sum = 0.0
    var best = 0.0
    var bestHorizon = year
    var unsold = 0.0
    for k in (year + 1)...years {
      let (slope, intercept) = term(from: year, to: k)
      sum += slope * income - intercept
      if k < firstSold { unsold = sum }
      if sum > best { (best, bestHorizon) = (sum, k) }
    }
    let sale = bestHorizon >= firstSold ? pow(1 + discountRate, timeToSell) * (best - unsold) : 0
    return (best, sale)
  }
}
