// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Levenberg-Marquardt for the bootstrap refits of a curve's two or three parameters.
///
/// A projection refits each nonlinear curve thousands of times, every time from the original
/// estimate, which is close to the refit's solution. GSL's general trust-region solver (which
/// fits the original data, with its covariance) spends most of such a small fit in set-up,
/// QR factorisations and callbacks; this loop on the 2x2 or 3x3 normal equations, with its
/// buffers kept from refit to refit, does the same job about three times faster (13 against
/// 48 microseconds for the logistic on Viet Nam's inventions), and the tests check that it
/// lands on GSL's solution.
///
/// Each iteration solves `(J^T J + lambda diag(J^T J)) delta = -J^T r` by Cholesky; a step
/// that lowers the sum of squares is taken and `lambda` divided by 10, otherwise `lambda` is
/// multiplied by 10. The fit has converged when a taken step, or a rejected one with
/// `lambda <= 1` (nearly the Gauss-Newton step, which rounding keeps from lowering the sum),
/// satisfies `|delta_k| <= 1.5e-8 (|theta_k| + 1.5e-8)` for every `k` (GSL's `xtol` test with
/// the square root of the machine epsilon, MINPACK's and scipy's default tolerance: a
/// replicate's parameters are then exact to far below their bootstrap spread), or
/// when no step can lower the sum of squares any more (`lambda > 1e16`) and the Gauss-Newton
/// step would not lower it either: `g^T (J^T J)^-1 g <= 1e-10 RSS`, `g = J^T r` (the minimum of
/// an ill-conditioned problem found to rounding). It fails after 200 iterations or when the
/// sum of squares is not finite at the start.
struct CurveRefitter {
  static let maxIterations = 200
  static let stepTolerance = 1.5e-8

  let curve: GrowthCurve
  let times: [Double]
  private let p: Int
  private var residuals: [Double]
  private var jacobian: [Double]
  private var row: [Double]
  private var lower: [Double]

  init(curve: GrowthCurve, times: [Double]) {
    self.curve = curve
    self.times = times
    self.p = curve.count
    self.residuals = [Double](repeating: 0, count: times.count)
    self.jacobian = [Double](repeating: 0, count: times.count * curve.count)
    self.row = [Double](repeating: 0, count: curve.count)
    self.lower = [Double](repeating: 0, count: curve.count * curve.count)
  }

  /// The least-squares parameters for `z` from `start` and their residual sum of squares, or
  /// `nil` when the iteration fails.
  mutating func refit(z: [Double], start: [Double]) -> (theta: [Double], rss: Double)? {
    var theta = start
    var rss = evaluate(theta, z)
    guard rss.isFinite else { return nil }
    var lambda = 1e-3
    var normal = [Double](repeating: 0, count: p * p)
    var gradient = [Double](repeating: 0, count: p)
    var trial = theta
    var step = theta
    for _ in 0..<Self.maxIterations {
      normalEquations(&normal, &gradient)
      while true {
        if lambda > 1e16 {
          // No step lowers the sum of squares: a minimum if the Gauss-Newton step would not
          // lower it either, g^T A^-1 g <= 1e-10 RSS.
          guard solveDamped(normal, gradient, 1e-12, &step) else { return nil }
          var decrement = 0.0
          for k in 0..<p { decrement -= gradient[k] * step[k] }
          return decrement <= 1e-10 * rss ? (theta, rss) : nil
        }
        guard solveDamped(normal, gradient, lambda, &step) else {
          lambda *= 10
          continue
        }
        for k in 0..<p { trial[k] = theta[k] + step[k] }
        let trialRSS = sumOfSquares(trial, z)
        let small = (0..<p).allSatisfy {
          abs(step[$0]) <= Self.stepTolerance * (abs(theta[$0]) + Self.stepTolerance)
        }
        if trialRSS < rss {
          theta = trial
          rss = evaluate(theta, z)
          lambda = Swift.max(lambda / 10, 1e-15)
          if small { return (theta, rss) }
          break
        }
        // A nearly undamped step below the tolerance that rounding keeps from lowering the sum:
        // converged.
        if small && lambda <= 1 { return (theta, rss) }
        lambda *= 10
      }
    }
    return nil
  }

  /// The residuals `g(t_i; theta) - z_i` and the Jacobian at `theta`; returns the RSS
  /// (infinite when a residual is not finite).
  private mutating func evaluate(_ theta: [Double], _ z: [Double]) -> Double {
    var rss = 0.0
    for i in times.indices {
      let r = curve.valueAndGradient(times[i], theta, &row) - z[i]
      guard r.isFinite else { return .infinity }
      residuals[i] = r
      rss += r * r
      for k in 0..<p { jacobian[i * p + k] = row[k] }
    }
    return rss
  }

  /// The RSS at `theta` (infinite when a residual is not finite).
  private func sumOfSquares(_ theta: [Double], _ z: [Double]) -> Double {
    var rss = 0.0
    for i in times.indices {
      let r = curve.value(times[i], theta) - z[i]
      guard r.isFinite else { return .infinity }
      rss += r * r
    }
    return rss
  }

  /// `J^T J` (row-major) and `J^T r`.
  private func normalEquations(_ normal: inout [Double], _ gradient: inout [Double]) {
    for index in normal.indices { normal[index] = 0 }
    for k in 0..<p { gradient[k] = 0 }
    for i in times.indices {
      for j in 0..<p {
        let value = jacobian[i * p + j]
        gradient[j] += value * residuals[i]
        for k in 0...j { normal[j * p + k] += value * jacobian[i * p + k] }
      }
    }
    for j in 0..<p { for k in (j + 1)..<p { normal[j * p + k] = normal[k * p + j] } }
  }

  /// Solves `(A + lambda diag(A)) step = -gradient` by Cholesky; `false` when the damped
  /// matrix is not positive definite.
  private mutating func solveDamped(
    _ normal: [Double], _ gradient: [Double], _ lambda: Double, _ step: inout [Double]
  ) -> Bool {
    for j in 0..<p {
      for k in 0...j {
        var sum = normal[j * p + k]
        if j == k { sum += lambda * Swift.max(normal[j * p + j], 1e-300) }
        for m in 0..<k { sum -= lower[j * p + m] * lower[k * p + m] }
        if j == k {
          guard sum > 0, sum.isFinite else { return false }
          lower[j * p + j] = sum.squareRoot()
        } else {
          lower[j * p + k] = sum / lower[k * p + k]
        }
      }
    }
    // L y = -gradient, then L^T step = y.
    for j in 0..<p {
      var sum = -gradient[j]
      for m in 0..<j { sum -= lower[j * p + m] * step[m] }
      step[j] = sum / lower[j * p + j]
    }
    for j in stride(from: p - 1, through: 0, by: -1) {
      var sum = step[j]
      for m in (j + 1)..<p { sum -= lower[m * p + j] * step[m] }
      step[j] = sum / lower[j * p + j]
    }
    return true
  }
}
