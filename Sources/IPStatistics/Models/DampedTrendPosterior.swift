// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// Draws of the damped-trend parameters from their posterior, for simulated paths that carry
/// parameter uncertainty.
///
/// Prior: uniform on the admissible box of `(alpha, beta*, phi)` (``DampedTrendModel``), flat on
/// the initial state `x_0 = (l_0, b_0)` and `p(sigma) ~ 1 / sigma`. The one-step errors are
/// affine in `x_0`, `e = r - W x_0`, so `x_0` and `sigma` integrate out exactly:
///
/// ```
/// p(alpha, beta*, phi | z) ~ det(W^T W)^(-1/2) SSE_min^(-(n - 2) / 2)
/// sigma^2 | alpha, beta*, phi, z  ~  SSE_min / chi^2_{n-2}
/// x_0 | sigma, alpha, beta*, phi, z  ~  N(x^_0, sigma^2 (W^T W)^-1)
/// ```
/// `(alpha, beta*, phi)` are sampled by random-walk Metropolis on their logits (the density
/// carrying the Jacobian `prod s (1 - s)`), from the maximum-likelihood estimate, with the step
/// tuned towards an acceptance rate of 20-35% during a burn-in of ``burnIn`` iterations, then
/// every ``thinning``-th state kept.
///
/// Why not draws from the asymptotic normal of the estimates: in short series the estimate of
/// `alpha` or `beta` often sits on its lower bound, where a normal approximation has almost no
/// spread, and the intervals then miss how fast the level and slope can move (in the
/// calibration test they covered 86% instead of 95%); the posterior keeps that uncertainty.
struct DampedTrendPosterior {
  /// Metropolis iterations discarded before the first kept draw.
  static let burnIn = 1000
  /// Iterations between kept draws.
  static let thinning = 5

  let model: DampedTrendModel

  /// One posterior state: the parameters with the initial state at its conditional mean, and
  /// the normal matrix and minimum SSE of the initial-state regression.
  struct State {
    let u: [Double]
    let logDensity: Double
    let profile: InitialStateProfile
  }

  /// The state at logits `u`, or `nil` outside the support (an undetermined initial state).
  func state(_ u: [Double]) -> State? {
    let shares = u.map { 1 / (1 + exp(-$0)) }
    guard let profile = model.profile(u), profile.minimumSumOfSquares > 0 else { return nil }
    let n = Double(model.values.count)
    var logDensity =
      -0.5 * Foundation.log(profile.determinant)
      - (n - 2) / 2 * Foundation.log(profile.minimumSumOfSquares)
    for share in shares { logDensity += Foundation.log(share * (1 - share)) }
    guard logDensity.isFinite else { return nil }
    return State(u: u, logDensity: logDensity, profile: profile)
  }

  /// `count` parameter draws (with `x_0` and `sigma` drawn given the smoothing and damping).
  ///
  /// - Throws: ``StatisticsError`` (`numericalFailure`) when the start has no posterior density.
  func draws(count: Int, start: DampedTrendParameters, generator: RandomGenerator) throws
    -> [(parameters: DampedTrendParameters, sigma: Double)]
  {
    let startU = [
      DampedTrendModel.unbounded(start.alpha, DampedTrendModel.smoothingBounds),
      DampedTrendModel.unbounded(start.beta / start.alpha, DampedTrendModel.smoothingBounds),
      DampedTrendModel.unbounded(start.phi, DampedTrendModel.dampingBounds),
    ].map { Swift.min(Swift.max($0.isFinite ? $0 : 0, -8), 8) }
    guard var current = state(startU) ?? state([0, 0, 0]) else {
      throw StatisticsError(
        .numericalFailure, "damped-trend: the posterior has no density at the estimate")
    }
    let n = Double(model.values.count)
    let chiSquared = try Distribution.chiSquared(degreesOfFreedom: n - 2)
    var step = 0.8
    var accepted = 0
    var result: [(parameters: DampedTrendParameters, sigma: Double)] = []
    result.reserveCapacity(count)
    var iteration = 0
    while result.count < count {
      let proposal = current.u.map { $0 + step * generator.standardNormal() }
      let threshold = Foundation.log(generator.uniformPositive())
      if let candidate = state(proposal), threshold < candidate.logDensity - current.logDensity {
        current = candidate
        accepted += 1
      }
      iteration += 1
      if iteration <= Self.burnIn {
        if iteration % 100 == 0 {
          let rate = Double(accepted) / 100
          if rate > 0.35 { step *= 1.5 } else if rate < 0.2 { step *= 0.7 }
          accepted = 0
        }
        continue
      }
      guard (iteration - Self.burnIn) % Self.thinning == 0 else { continue }
      let profile = current.profile
      let variance = profile.minimumSumOfSquares / generator.next(chiSquared)
      // x_0 ~ N(x^_0, variance S^-1), through the Cholesky factor of S^-1 for 2 x 2 S.
      let inverse11 = profile.s22 / profile.determinant
      let inverse12 = -profile.s12 / profile.determinant
      let inverse22 = profile.s11 / profile.determinant
      let root11 = inverse11.squareRoot()
      let root21 = inverse12 / root11
      let root22 = Swift.max(inverse22 - root21 * root21, 0).squareRoot()
      let sd = variance.squareRoot()
      let z1 = generator.standardNormal()
      let z2 = generator.standardNormal()
      let parameters = DampedTrendParameters(
        alpha: profile.alpha, beta: profile.beta, phi: profile.phi,
        initialLevel: profile.level + sd * root11 * z1,
        initialSlope: profile.slope + sd * (root21 * z1 + root22 * z2))
      result.append((parameters, sd))
    }
    return result
  }
}
