// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// The random walk with drift on `z` (`ln y`, or `y` on the level scale) whose drift and
/// volatility are estimated with the older changes discounted: the default model of
/// `ipfin project`.
///
/// Between consecutive observed years `s < t` (gap `g = t - s`) the change is
/// `d = z_t - z_s ~ N(mu g, sigma^2 g)`, as for ``GrowthModel/drift``, but the change ending `a`
/// years before the last observation `T` has weight `w = lambda^a`, ``discount`` = 0.9, in a
/// weighted (discounted) likelihood. Its maximisers are closed-form:
///
/// ```
/// mu^      = sum w_j d_j / sum w_j g_j
/// sigma^2  = sum w_j (d_j - mu^ g_j)^2 / g_j / sum w_j
/// var(mu^) = sigma^2 sum w_j^2 g_j / (sum w_j g_j)^2
/// ```
/// The forecast `h` years ahead is Gaussian on the `z` scale, with the drift's estimation
/// error:
///
/// ```
/// z_{T+h} ~ N(z_T + mu^ h, sigma^2 h + var(mu^) h^2)
/// ```
/// and each simulated path draws `mu* ~ N(mu^, var(mu^))`, then walks `z += mu* + sigma N(0, 1)`,
/// so that the paths have exactly that distribution each year.
///
/// Why: filing series change their pace and their volatility over decades (Viet Nam's
/// inventions rose 15% a year with large swings in the 1990s, 7.5% a year with small ones
/// since 2010). A drift estimated over the whole history carries the old volatility into
/// today's intervals, which then cover too much (90% at 80% in the rolling-origin backtest of
/// the bundled data), while curves miss the persistence of deviations and cover too little.
/// Discounting lets the recent past speak for the near future. The discount is a stated
/// constant, not fitted: weights halve every `ln 0.5 / ln 0.9 = 6.6` years and at most
/// `(1 + lambda) / (1 - lambda) = 19` changes count fully, so a series whose volatility is
/// constant still has about 19 effective changes behind its sigma (its intervals then cover
/// about 78% and 93.5% instead of 80% and 95%, as a t with 18 degrees of freedom read with
/// normal quantiles). Choosing the discount by the data's own one-step likelihood, or by the
/// backtest's interval score, picked discounts near 0.5 and intervals that covered 65-70% at
/// 80%; `docs/statistics.md` shows the backtest for 0.7-1.
struct DiscountedDriftEngine: ProjectionEngine {
  /// The weight of a change one year older than another, `lambda = 0.9`.
  static let discount = 0.9

  let lastZ: Double
  let mu: Double
  let variance: Double
  let driftVariance: Double

  func forecast(horizon: Int) -> [Double] {
    (1...horizon).map { lastZ + mu * Double($0) }
  }

  func simulate(horizon: Int, count: Int, generator: RandomGenerator) throws -> [Double]? {
    let sd = variance.squareRoot()
    let driftSD = driftVariance.squareRoot()
    var paths = [Double](repeating: 0, count: count * horizon)
    for path in 0..<count {
      let drift = mu + driftSD * generator.standardNormal()
      var z = lastZ
      for h in 0..<horizon {
        z += drift + sd * generator.standardNormal()
        paths[path * horizon + h] = z
      }
    }
    return paths
  }

  /// Fits the discounted drift. The caller
  /// (``GrowthModel/fit(years:values:errorScale:cap:growth:)``) has validated the points: at
  /// least ``GrowthModel/minimumPoints(capped:growthGiven:)`` = 5.
  /// The log-likelihood and AICc are not reported: the estimates maximise a discounted
  /// likelihood, which does not compare with the other models' (so `auto` does not rank it).
  static func fit(years: [Int], values: [Double], errorScale: ErrorScale) -> FittedGrowthModel {
    let z = values.map(errorScale.transform)
    let m = years.count - 1
    let lastYear = years[m]
    var weights: [Double] = []
    var sumWeightedChange = 0.0
    var sumWeightedGap = 0.0
    for j in 1...m {
      let weight = pow(discount, Double(lastYear - years[j]))
      weights.append(weight)
      sumWeightedChange += weight * (z[j] - z[j - 1])
      sumWeightedGap += weight * Double(years[j] - years[j - 1])
    }
    let mu = sumWeightedChange / sumWeightedGap
    var sumSquares = 0.0
    var sumWeights = 0.0
    var sumSquaredWeightsGaps = 0.0
    var fitted: [YearValue] = []
    for j in 1...m {
      let gap = Double(years[j] - years[j - 1])
      let prediction = z[j - 1] + mu * gap
      let weight = weights[j - 1]
      sumSquares += weight * (z[j] - prediction) * (z[j] - prediction) / gap
      sumWeights += weight
      sumSquaredWeightsGaps += weight * weight * gap
      fitted.append(YearValue(year: years[j], value: errorScale.level(prediction)))
    }
    let variance = sumSquares / sumWeights
    let driftVariance = variance * sumSquaredWeightsGaps / (sumWeightedGap * sumWeightedGap)
    let engine = DiscountedDriftEngine(
      lastZ: z[m], mu: mu, variance: variance, driftVariance: driftVariance)
    return FittedGrowthModel(
      model: .discountedDrift, errorScale: errorScale,
      parameters: [
        ModelParameter(name: "mu", value: mu, standardError: driftVariance.squareRoot()),
        ModelParameter(name: "lambda", value: discount, fixed: true),
      ],
      observationCount: m, parameterCount: 2, sigma: variance.squareRoot(), logLikelihood: nil,
      fitted: fitted, lastYear: lastYear, lastValue: values[m], engine: engine)
  }
}
