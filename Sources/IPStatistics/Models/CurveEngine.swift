// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// Forecasts and simulated paths of a fitted curve (`linear`, `exponential`, `logistic`,
/// `gompertz`).
///
/// Parameter uncertainty comes from a residual bootstrap with refits, future noise from the
/// Gaussian error model. For each path:
///
/// ```
/// e~_i  = (e_i - mean e) sqrt(n / (n - p))          residuals, centred and rescaled
/// z*_i  = g(t_i; theta^) + e~_U(i),  U(i) uniform on 1..n
/// theta* = the refit to z* (from theta^),  s* = sqrt(RSS* / (n - p))
/// z_{T+h} = g(h; theta*) + s* N(0, 1)
/// ```
/// A refit that fails to converge is redrawn; when more refits fail than the paths asked for,
/// the simulation fails.
struct CurveEngine: ProjectionEngine {
  let curve: GrowthCurve
  /// `t_i = year_i - T`.
  let times: [Double]
  /// The fitted values `g(t_i; theta^)`.
  let fittedZ: [Double]
  /// The centred, rescaled residuals `e~_i`.
  let scaledResiduals: [Double]
  let theta: [Double]
  let model: GrowthModel

  init(curve: GrowthCurve, model: GrowthModel, times: [Double], z: [Double], theta: [Double]) {
    self.curve = curve
    self.model = model
    self.times = times
    self.theta = theta
    let fitted = times.map { curve.value($0, theta) }
    self.fittedZ = fitted
    let residuals = zip(z, fitted).map { $0 - $1 }
    let n = Double(times.count)
    let mean = residuals.reduce(0, +) / n
    let inflation = (n / (n - Double(curve.count))).squareRoot()
    self.scaledResiduals = residuals.map { ($0 - mean) * inflation }
  }

  func forecast(horizon: Int) -> [Double] {
    (1...horizon).map { curve.value(Double($0), theta) }
  }

  func simulate(horizon: Int, count: Int, generator: RandomGenerator) throws -> [Double]? {
    var paths = [Double](repeating: 0, count: count * horizon)
    var path = 0
    try bootstrap(count: count, generator: generator) { theta, s in
      for h in 0..<horizon {
        paths[path * horizon + h] =
          curve.value(Double(h + 1), theta) + s * generator.standardNormal()
      }
      path += 1
    }
    return paths
  }

  /// Runs `count` successful bootstrap refits, handing each one's parameters `theta*` and
  /// residual standard deviation `s*` to `body` in turn.
  func bootstrap(
    count: Int, generator: RandomGenerator, _ body: ([Double], Double) -> Void
  ) throws {
    let n = times.count
    let degreesOfFreedom = Double(n - curve.count)
    var refitter = CurveRefitter(curve: curve, times: times)
    var resampled = [Double](repeating: 0, count: n)
    var failures = 0
    var successes = 0
    while successes < count {
      for i in 0..<n {
        let draw = Swift.min(Int(generator.uniform() * Double(n)), n - 1)
        resampled[i] = fittedZ[i] + scaledResiduals[draw]
      }
      let refit: (theta: [Double], rss: Double)?
      if curve.isLinearModel {
        refit = (try? curve.fit(times: times, z: resampled, start: theta)).map {
          ($0.theta, $0.rss)
        }
      } else {
        refit = refitter.refit(z: resampled, start: theta)
      }
      guard let refit else {
        failures += 1
        if failures > count {
          throw StatisticsError(
            .numericalFailure,
            "\(model): \(failures) bootstrap refits failed to converge against \(successes) that "
              + "did, so its parameter uncertainty cannot be simulated")
        }
        continue
      }
      body(refit.theta, (refit.rss / degreesOfFreedom).squareRoot())
      successes += 1
    }
  }
}
