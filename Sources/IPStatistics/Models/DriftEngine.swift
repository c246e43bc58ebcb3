// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// The random walk with drift on `z` (`ln y`, or `y` on the level scale), with gaps.
///
/// Between consecutive observed years `s < t`, with gap `g = t - s`:
///
/// ```
/// z_t - z_s ~ N(mu g, sigma^2 g)
/// ```
/// (a missing year is a step that was not observed, so both the drift and the variance scale
/// with the gap). The maximum-likelihood estimates over the `m = n - 1` changes `d_j` with gaps
/// `g_j` are closed-form:
///
/// ```
/// mu^      = sum d_j / sum g_j
/// sigma^2  = (1/m) sum (d_j - mu^ g_j)^2 / g_j        (maximum likelihood)
/// s^2      = m sigma^2 / (m - 1)                        (unbiased; reported as sigma)
/// log L    = -m/2 (ln(2 pi sigma^2) + 1) - 1/2 sum ln g_j
/// se(mu^)  = s / sqrt(sum g_j)
/// ```
/// Simulated paths draw the parameters from their exact posterior under the flat prior
/// `p(mu, sigma) ~ 1 / sigma`, so the intervals are the exact Student-t prediction intervals:
///
/// ```
/// sigma*^2 = (m - 1) s^2 / chi^2_{m-1},   mu* ~ N(mu^, sigma*^2 / sum g_j)
/// z_{T+h} = z_{T+h-1} + mu* + sigma* N(0, 1)
/// ```
struct DriftEngine: ProjectionEngine {
  let lastZ: Double
  let mu: Double
  let unbiasedVariance: Double
  let changes: Int
  let totalGap: Double

  func forecast(horizon: Int) -> [Double] {
    (1...horizon).map { lastZ + mu * Double($0) }
  }

  func simulate(horizon: Int, count: Int, generator: RandomGenerator) throws -> [Double]? {
    let degreesOfFreedom = Double(changes - 1)
    let chiSquared = try Distribution.chiSquared(degreesOfFreedom: degreesOfFreedom)
    var paths = [Double](repeating: 0, count: count * horizon)
    for path in 0..<count {
      let variance = degreesOfFreedom * unbiasedVariance / generator.next(chiSquared)
      let sd = variance.squareRoot()
      let drift = mu + (variance / totalGap).squareRoot() * generator.standardNormal()
      var z = lastZ
      for h in 0..<horizon {
        z += drift + sd * generator.standardNormal()
        paths[path * horizon + h] = z
      }
    }
    return paths
  }

  /// Fits the drift model. The caller (``GrowthModel/fit(years:values:errorScale:cap:growth:)``)
  /// has validated the points: at least ``GrowthModel/minimumPoints(capped:growthGiven:)`` = 5
  /// (the formulas themselves need 3, so that `s^2` has `m - 1 >= 1` degrees of freedom).
  static func fit(years: [Int], values: [Double], errorScale: ErrorScale) -> FittedGrowthModel {
    let z = values.map(errorScale.transform)
    let m = years.count - 1
    var sumChange = 0.0
    var sumGap = 0.0
    var sumLogGap = 0.0
    for j in 1...m {
      sumChange += z[j] - z[j - 1]
      sumGap += Double(years[j] - years[j - 1])
      sumLogGap += Foundation.log(Double(years[j] - years[j - 1]))
    }
    let mu = sumChange / sumGap
    var sumSquares = 0.0
    var fitted: [YearValue] = []
    for j in 1...m {
      let gap = Double(years[j] - years[j - 1])
      let prediction = z[j - 1] + mu * gap
      sumSquares += (z[j] - prediction) * (z[j] - prediction) / gap
      fitted.append(YearValue(year: years[j], value: errorScale.level(prediction)))
    }
    let unbiased = sumSquares / Double(m - 1)
    let logLikelihood =
      InformationCriteria.gaussianLogLikelihood(rss: sumSquares, n: m) - sumLogGap / 2
    let engine = DriftEngine(
      lastZ: z[m], mu: mu, unbiasedVariance: unbiased, changes: m, totalGap: sumGap)
    return FittedGrowthModel(
      model: .drift, errorScale: errorScale,
      parameters: [
        ModelParameter(name: "mu", value: mu, standardError: (unbiased / sumGap).squareRoot())
      ],
      observationCount: m, parameterCount: 2, sigma: unbiased.squareRoot(),
      logLikelihood: logLikelihood, fitted: fitted, lastYear: years[m], lastValue: values[m],
      engine: engine)
  }
}
