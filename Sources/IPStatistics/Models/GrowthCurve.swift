// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// The four growth curves as functions of `t = year - t0`, with the internal parameters the
/// fits use:
///
/// ```
/// linear       f = a + b t                      theta = (a, b)
/// exponential  f = exp(alpha + b t)             theta = (alpha = ln a, b)
/// logistic     f = exp(kappa) / (1 + exp(-r (t - m)))     theta = (kappa = ln K, r, m)
/// gompertz     f = exp(kappa - exp(-r (t - m)))           theta = (kappa, r, m)
/// ```
/// With a cap, `kappa = ln K` is fixed and `theta = (r, m)`. The midpoint year is
/// `tm = t0 + m`. On the log scale the fitted function is `g = ln f`, on the level scale
/// `g = f`; residuals are `g(t_i) - z_i`.
struct GrowthCurve: Sendable {
  /// Which curve.
  enum Shape: Sendable { case linear, exponential, logistic, gompertz }

  let shape: Shape
  let scale: ErrorScale
  /// `ln K` when the saturation level is fixed.
  let fixedLogCap: Double?

  /// The number of internal parameters.
  var count: Int {
    switch shape {
    case .linear, .exponential: return 2
    case .logistic, .gompertz: return fixedLogCap == nil ? 3 : 2
    }
  }

  /// `(kappa, r, m)` of a saturating curve from its internal parameters.
  @inline(__always)
  private func saturating(_ theta: [Double]) -> (kappa: Double, r: Double, m: Double) {
    if let fixedLogCap { return (fixedLogCap, theta[0], theta[1]) }
    return (theta[0], theta[1], theta[2])
  }

  /// `ln f(t; theta)`; `-infinity` where a line falls to zero or below (a fit rejects such
  /// parameters; a forecast reads it as zero filings).
  func logLevel(_ t: Double, _ theta: [Double]) -> Double {
    switch shape {
    case .linear:
      let f = theta[0] + theta[1] * t
      return f > 0 ? Foundation.log(f) : -.infinity
    case .exponential:
      return theta[0] + theta[1] * t
    case .logistic:
      let (kappa, r, m) = saturating(theta)
      let x = r * (t - m)
      // ln(1 + exp(-x)) = max(-x, 0) + ln(1 + exp(-|x|)).
      return kappa - Swift.max(-x, 0) - Foundation.log(1 + exp(-abs(x)))
    case .gompertz:
      let (kappa, r, m) = saturating(theta)
      return kappa - exp(-r * (t - m))
    }
  }

  /// `f(t; theta)` on the level scale.
  func level(_ t: Double, _ theta: [Double]) -> Double {
    shape == .linear ? theta[0] + theta[1] * t : exp(logLevel(t, theta))
  }

  /// `g(t; theta)`: `ln f` on the log scale, `f` on the level scale.
  func value(_ t: Double, _ theta: [Double]) -> Double {
    scale == .log ? logLevel(t, theta) : level(t, theta)
  }

  /// `d g / d theta` at `t`, written into `out`.
  func gradient(_ t: Double, _ theta: [Double], _ out: inout [Double]) {
    _ = valueAndGradient(t, theta, &out)
  }

  /// `g(t; theta)`, with `d g / d theta` written into `out`, sharing the exponentials.
  func valueAndGradient(_ t: Double, _ theta: [Double], _ out: inout [Double]) -> Double {
    // ln f and d ln f / d theta first.
    let logValue: Double
    switch shape {
    case .linear:
      let f = theta[0] + theta[1] * t
      if scale == .level {
        out[0] = 1
        out[1] = t
        return f
      }
      out[0] = 1 / f
      out[1] = t / f
      return f > 0 ? Foundation.log(f) : -.infinity
    case .exponential:
      out[0] = 1
      out[1] = t
      logValue = theta[0] + theta[1] * t
    case .logistic, .gompertz:
      let (kappa, r, m) = saturating(theta)
      let x = r * (t - m)
      // logistic: d(-ln(1 + exp(-x)))/dx = 1 / (1 + exp(x)); gompertz: d(-exp(-x))/dx = exp(-x).
      let slope: Double
      if shape == .logistic {
        let e = exp(-abs(x))
        logValue = kappa - Swift.max(-x, 0) - Foundation.log(1 + e)
        slope = x >= 0 ? e / (1 + e) : 1 / (1 + e)
      } else {
        slope = exp(-x)
        logValue = kappa - slope
      }
      var index = 0
      if fixedLogCap == nil {
        out[0] = 1
        index = 1
      }
      out[index] = (t - m) * slope
      out[index + 1] = -r * slope
    }
    guard scale == .level else { return logValue }
    // d f / d theta = f d ln f / d theta.
    let f = exp(logValue)
    for k in 0..<count { out[k] *= f }
    return f
  }

  /// Whether the curve is linear in its parameters on this scale, so that OLS fits it.
  var isLinearModel: Bool {
    (shape == .linear && scale == .level) || (shape == .exponential && scale == .log)
  }
}

/// A least-squares fit of a curve: the internal parameters, their covariance and the residual
/// sum of squares.
struct CurveEstimate: Sendable {
  let theta: [Double]
  let covariance: Matrix
  let rss: Double
}

extension GrowthCurve {
  /// Fits the curve to `z` at times `t` from `start` (ignored when the curve is linear in its
  /// parameters, which OLS fits directly), with GSLKit's default options.
  ///
  /// - Throws: ``GSLError`` when the fit fails.
  func fit(times: [Double], z: [Double], start: [Double]) throws -> CurveEstimate {
    if isLinearModel {
      let design = try Matrix(rows: times.map { [1, $0] })
      let fit = try LinearLeastSquares.fit(design: design, observations: z)
      return CurveEstimate(theta: fit.coefficients, covariance: fit.covariance, rss: fit.chiSquared)
    }
    let curve = self
    let fit = try NonlinearLeastSquares.fitCurve(
      x: times, y: z, start: start, model: { curve.value($0, $1) },
      gradient: { curve.gradient($0, $1, &$2) })
    return CurveEstimate(
      theta: fit.parameters, covariance: fit.covariance, rss: fit.residualSumOfSquares)
  }

  /// Starting values computed from the data (self-starting, in the manner of R's `SSlogis`),
  /// several for the saturating curves, whose fits can end in different local minima.
  ///
  /// - linear: OLS of `y` on `t` (or `a = mean y, b = 0` if that line is not positive at every
  ///   point, which the log scale needs).
  /// - exponential: OLS of `ln y` on `t`.
  /// - logistic: for each trial `K` in `{1.1, 1.5, 2, 3, 5} * max y` (or the cap), OLS of
  ///   `logit(y / K) = r (t - m)`.
  /// - gompertz: for each trial `K`, OLS of `ln(-ln(y / K)) = -r (t - m)`.
  func startingValues(times: [Double], values: [Double]) -> [[Double]] {
    switch shape {
    case .linear:
      if let (a, b) = Self.line(times, values), times.allSatisfy({ a + b * $0 > 0 }) {
        return [[a, b]]
      }
      return [[values.reduce(0, +) / Double(values.count), 0]]
    case .exponential:
      let logs = values.map { Foundation.log(Swift.max($0, 1e-300)) }
      guard let (alpha, b) = Self.line(times, logs) else { return [] }
      return [[alpha, b]]
    case .logistic, .gompertz:
      let maximum = values.max() ?? 1
      let caps = fixedLogCap.map { [exp($0)] } ?? [1.1, 1.5, 2, 3, 5].map { $0 * maximum }
      var starts: [[Double]] = []
      for cap in caps {
        // The share of the cap reached, kept inside (0, 1) for the transforms.
        let shares = values.map { Swift.min(Swift.max($0 / cap, 1e-6), 0.999) }
        let transformed =
          shape == .logistic
          ? shares.map { Foundation.log($0 / (1 - $0)) }
          : shares.map { Foundation.log(-Foundation.log($0)) }
        guard let (intercept, slope) = Self.line(times, transformed), slope != 0 else { continue }
        // logistic: logit = r t - r m; gompertz: ln(-ln share) = -r t + r m.
        let r = shape == .logistic ? slope : -slope
        let m = shape == .logistic ? -intercept / slope : intercept / r
        guard r.isFinite, m.isFinite else { continue }
        starts.append(fixedLogCap == nil ? [Foundation.log(cap), r, m] : [r, m])
      }
      return starts
    }
  }

  /// The OLS line `y = intercept + slope x`, or `nil` when `x` has no spread.
  static func line(_ x: [Double], _ y: [Double]) -> (intercept: Double, slope: Double)? {
    let n = Double(x.count)
    guard x.count >= 2 else { return nil }
    let meanX = x.reduce(0, +) / n
    let meanY = y.reduce(0, +) / n
    var sxx = 0.0
    var sxy = 0.0
    for i in x.indices {
      sxx += (x[i] - meanX) * (x[i] - meanX)
      sxy += (x[i] - meanX) * (y[i] - meanY)
    }
    guard sxx > 0 else { return nil }
    let slope = sxy / sxx
    return (meanY - slope * meanX, slope)
  }
}
