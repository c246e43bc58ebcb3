// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// The parameters of the additive damped-trend model ETS(A,Ad,N).
public struct DampedTrendParameters: Sendable, Equatable, Codable {
  /// The level smoothing `alpha`.
  public var alpha: Double
  /// The slope smoothing `beta` (statsmodels' `smoothing_trend`), `0 < beta < alpha`.
  public var beta: Double
  /// The damping `phi`.
  public var phi: Double
  /// The level `l_0` in the year before the first observation (statsmodels' `initial_level`).
  public var initialLevel: Double
  /// The slope `b_0` in the year before the first observation (statsmodels' `initial_trend`).
  public var initialSlope: Double

  /// Creates parameters.
  public init(alpha: Double, beta: Double, phi: Double, initialLevel: Double, initialSlope: Double)
  {
    self.alpha = alpha
    self.beta = beta
    self.phi = phi
    self.initialLevel = initialLevel
    self.initialSlope = initialSlope
  }
}

/// The result of running the damped-trend recursion over the data with given parameters.
public struct DampedTrendFilter: Sendable, Equatable {
  /// The parameters used.
  public let parameters: DampedTrendParameters
  /// The one-step-ahead predictions `l_{t-1} + phi b_{t-1}`, one per observation.
  public let predictions: [Double]
  /// The sum of squared one-step errors.
  public let sumOfSquares: Double
  /// The number of observations.
  public let count: Int
  /// The level after the last year.
  public let level: Double
  /// The slope after the last year.
  public let slope: Double

  /// The concentrated Gaussian log-likelihood as statsmodels' `ETSModel` computes it:
  /// `-n/2 (ln(2 pi SSE / n) + 1)`.
  public var logLikelihood: Double {
    InformationCriteria.gaussianLogLikelihood(rss: sumOfSquares, n: count)
  }

  /// The forecasts `l_T + (phi + phi^2 + ... + phi^h) b_T` for `h = 1 ... horizon`.
  public func forecast(horizon: Int) -> [Double] {
    var result: [Double] = []
    var damping = 0.0
    var power = 1.0
    for _ in 0..<horizon {
      power *= parameters.phi
      damping += power
      result.append(level + damping * slope)
    }
    return result
  }
}

/// The additive damped local linear trend, ETS(A,Ad,N), on a series that may have missing
/// years, fitted by maximum likelihood.
///
/// For each year `t` from the first to the last observed year:
///
/// ```
/// z^_t = l_{t-1} + phi b_{t-1}                     one-step prediction
/// e_t  = z_t - z^_t                                observed years only
/// l_t  = z^_t + alpha e_t,  b_t = phi b_{t-1} + beta e_t     (missing year: e_t = 0)
/// ```
/// so a missing year passes a prediction step without an update. The log-likelihood is
/// statsmodels' `-n/2 (ln(2 pi SSE / n) + 1)` over the `n` observed years, the variance
/// concentrated out.
///
/// **Admissible region** (statsmodels' and R forecast's defaults): `1e-4 <= alpha <= 1 - 1e-4`,
/// `beta = alpha beta*` with `1e-4 <= beta* <= 1 - 1e-4`, `0.8 <= phi <= 0.98`. The fit searches
/// each parameter's position in its interval, bounds included, by a scan of 1,350 points and
/// Nelder-Mead from the best of them (see ``fit()``), and for given
/// `(alpha, beta, phi)` the initial state `(l_0, b_0)` is concentrated out exactly: the errors
/// are affine in it, so the SSE-minimising state is a 2x2 least-squares solution.
public struct DampedTrendModel: Sendable {
  /// The bounds of `alpha` and of `beta* = beta / alpha`.
  public static let smoothingBounds: ClosedRange<Double> = 1e-4...(1 - 1e-4)
  /// The bounds of `phi`.
  public static let dampingBounds: ClosedRange<Double> = 0.8...0.98

  /// The observed values `z_t` (for example `ln y_t`).
  public let values: [Double]
  /// The value of each year from the first to the last observed, `nil` when missing.
  let grid: [Double?]

  /// A model of the series `values` observed in `years`.
  ///
  /// - Throws: ``StatisticsError`` (`badRequest`) unless the years strictly increase, the
  ///   values are finite and there are at least 3 of them.
  public init(years: [Int], values: [Double]) throws {
    guard years.count == values.count, years.count >= 3, values.allSatisfy(\.isFinite),
      zip(years, years.dropFirst()).allSatisfy({ $0 < $1 })
    else {
      throw StatisticsError(
        .badRequest, "damped-trend needs at least 3 finite values in strictly increasing years")
    }
    self.values = values
    var grid = [Double?](repeating: nil, count: years[years.count - 1] - years[0] + 1)
    for (year, value) in zip(years, values) { grid[year - years[0]] = value }
    self.grid = grid
  }

  /// Runs the recursion with `parameters` over the data.
  public func filter(_ parameters: DampedTrendParameters) -> DampedTrendFilter {
    let (alpha, beta, phi) = (parameters.alpha, parameters.beta, parameters.phi)
    var level = parameters.initialLevel
    var slope = parameters.initialSlope
    var predictions: [Double] = []
    predictions.reserveCapacity(values.count)
    var sumOfSquares = 0.0
    for observation in grid {
      let prediction = level + phi * slope
      if let z = observation {
        let error = z - prediction
        predictions.append(prediction)
        sumOfSquares += error * error
        level = prediction + alpha * error
        slope = phi * slope + beta * error
      } else {
        level = prediction
        slope = phi * slope
      }
    }
    return DampedTrendFilter(
      parameters: parameters, predictions: predictions, sumOfSquares: sumOfSquares,
      count: values.count, level: level, slope: slope)
  }

  /// The smoothing and damping at unbounded coordinates `u = (u_alpha, u_beta*, u_phi)`, and
  /// the initial state `(l_0, b_0)` that minimises the SSE for them, with what the posterior
  /// sampler needs: the normal matrix and the minimum SSE; `nil` when the data do not determine
  /// the state. ``bounded(_:_:)`` maps each coordinate into its interval:
  ///
  /// ```
  /// alpha = bounded(u_alpha),  beta = alpha bounded(u_beta*),  phi = bounded(u_phi)
  /// ```
  /// Writing the state as `particular + L (l_0, b_0)`, each one-step error is
  /// `e_t = r_t - w_t . (l_0, b_0)`, with `r_t` the error of the recursion started from zero
  /// and `w_t` the prediction of the homogeneous recursion; the minimiser solves
  /// `(sum w w^T) x = sum w r`, and `SSE_min = sum r^2 - x . sum w r`.
  func profile(_ u: [Double]) -> InitialStateProfile? {
    profile(shares: u.map { 1 / (1 + exp(-$0)) })
  }

  /// ``profile(_:)`` at the positions `x = (x_alpha, x_beta*, x_phi)` of the parameters in
  /// their intervals, each in `[0, 1]` (0 the lower bound, 1 the upper):
  /// `alpha = 1e-4 + (1 - 2e-4) x_alpha`, and so on.
  func profile(shares x: [Double]) -> InitialStateProfile? {
    let alpha = Self.position(x[0], Self.smoothingBounds)
    let beta = alpha * Self.position(x[1], Self.smoothingBounds)
    let phi = Self.position(x[2], Self.dampingBounds)
    // Particular part (p) and the responses to a unit initial level (l) and slope (b).
    var (levelP, levelL, levelB) = (0.0, 1.0, 0.0)
    var (slopeP, slopeL, slopeB) = (0.0, 0.0, 1.0)
    var (s11, s12, s22, r1, r2, rr) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    for observation in grid {
      let predictionP = levelP + phi * slopeP
      let predictionL = levelL + phi * slopeL
      let predictionB = levelB + phi * slopeB
      if let z = observation {
        let r = z - predictionP
        s11 += predictionL * predictionL
        s12 += predictionL * predictionB
        s22 += predictionB * predictionB
        r1 += predictionL * r
        r2 += predictionB * r
        rr += r * r
        (levelP, levelL, levelB) =
          (predictionP + alpha * r, (1 - alpha) * predictionL, (1 - alpha) * predictionB)
        (slopeP, slopeL, slopeB) =
          (
            phi * slopeP + beta * r, phi * slopeL - beta * predictionL,
            phi * slopeB - beta * predictionB
          )
      } else {
        (levelP, levelL, levelB) = (predictionP, predictionL, predictionB)
        (slopeP, slopeL, slopeB) = (phi * slopeP, phi * slopeL, phi * slopeB)
      }
    }
    let determinant = s11 * s22 - s12 * s12
    guard determinant > 1e-12 * s11 * s22, determinant.isFinite else { return nil }
    let level = (s22 * r1 - s12 * r2) / determinant
    let slope = (s11 * r2 - s12 * r1) / determinant
    return InitialStateProfile(
      alpha: alpha, beta: beta, phi: phi, level: level, slope: slope, s11: s11, s12: s12, s22: s22,
      minimumSumOfSquares: rr - level * r1 - slope * r2)
  }

  /// The parameters at unbounded coordinates `u = (u_alpha, u_beta*, u_phi)`, with the initial
  /// state concentrated out (``profile(_:)``).
  func parameters(_ u: [Double]) -> DampedTrendParameters? {
    profile(u)?.parameters
  }

  /// `lower + (upper - lower) / (1 + exp(-u))`.
  static func bounded(_ u: Double, _ range: ClosedRange<Double>) -> Double {
    position(1 / (1 + exp(-u)), range)
  }

  /// `lower + (upper - lower) x`.
  static func position(_ x: Double, _ range: ClosedRange<Double>) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * x
  }

  /// The inverse of ``bounded(_:_:)``.
  static func unbounded(_ value: Double, _ range: ClosedRange<Double>) -> Double {
    let share = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
    return Foundation.log(share / (1 - share))
  }

  /// The recursion at smoothing `alpha`, `beta` and damping `phi` (inside the admissible
  /// region) from the initial state that minimises the SSE for them, which is the concentrated
  /// maximum-likelihood state; `nil` when the data do not determine the state.
  public func filter(alpha: Double, beta: Double, phi: Double) -> DampedTrendFilter? {
    let width = Self.smoothingBounds.upperBound - Self.smoothingBounds.lowerBound
    let shares = [
      (alpha - Self.smoothingBounds.lowerBound) / width,
      (beta / alpha - Self.smoothingBounds.lowerBound) / width,
      (phi - Self.dampingBounds.lowerBound)
        / (Self.dampingBounds.upperBound - Self.dampingBounds.lowerBound),
    ]
    guard shares.allSatisfy({ (0...1).contains($0) }), let profile = profile(shares: shares) else {
      return nil
    }
    return filter(profile.parameters)
  }

  /// The grid of the fit's scan over each parameter's position in its interval: the bounds,
  /// points near them, and the interior (the maximum often lies on an edge or a corner of the
  /// region in short series).
  static let smoothingScan = [
    0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0,
  ]
  /// The scan over the damping's position.
  static let dampingScan = [0, 0.2, 0.4, 0.6, 0.8, 1.0]
  /// The number of the scan's best points a local search starts from.
  static let localStarts = 10

  /// The maximum-likelihood fit.
  ///
  /// The concentrated log-likelihood is maximised over the box of positions
  /// `x = (x_alpha, x_beta*, x_phi)` in `[0, 1]^3`, bounds included: a scan of
  /// ``smoothingScan`` × ``smoothingScan`` × ``dampingScan`` (1,350 points, corners and edges
  /// among them), then Nelder-Mead on the box (a point outside is evaluated at its projection
  /// onto the box, so that a search can settle on a bound) from ``localStarts`` points of the
  /// scan, the best ones at least 0.25 apart in some coordinate, each polished by a second
  /// search from its end point. The best point of all is
  /// returned, so the fit is never below the best scanned point.
  ///
  /// - Throws: ``StatisticsError`` (`numericalFailure`) when no admissible point gives a finite
  ///   likelihood.
  public func fit() throws -> DampedTrendFilter {
    // The negative concentrated log-likelihood up to a constant; SSE floored so that a
    // noise-free series keeps a finite objective.
    let n = Double(values.count)
    let objective: ([Double]) -> Double = { x in
      let clamped = x.map { Swift.min(Swift.max($0, 0), 1) }
      guard let profile = self.profile(shares: clamped) else { return 1e300 }
      let sse = self.filter(profile.parameters).sumOfSquares
      return sse.isFinite ? n / 2 * Foundation.log(Swift.max(sse, 1e-300)) : 1e300
    }
    var scan: [(x: [Double], value: Double)] = []
    for alpha in Self.smoothingScan {
      for betaShare in Self.smoothingScan {
        for phi in Self.dampingScan {
          let x = [alpha, betaShare, phi]
          scan.append((x, objective(x)))
        }
      }
    }
    scan.sort { $0.value < $1.value }
    // Starts in different places: the best scanned points at least 0.25 apart in every
    // coordinate's position from each start already chosen (a likelihood with several local
    // maxima has its best scanned points in one basin), then the best remaining ones.
    var starts: [(x: [Double], value: Double)] = []
    for point in scan where starts.count < Self.localStarts && point.value < 1e300 {
      let apart = starts.allSatisfy { start in
        zip(start.x, point.x).contains { abs($0 - $1) >= 0.25 }
      }
      if apart { starts.append(point) }
    }
    var best = scan[0]
    for start in starts {
      guard
        let first = try? Minimizer.nelderMead(
          start: start.x, stepSizes: [0.1, 0.1, 0.1], sizeTolerance: 1e-10, objective: objective)
      else { continue }
      var found = first
      if let polished = try? Minimizer.nelderMead(
        start: first.point, stepSizes: [0.02, 0.02, 0.02], sizeTolerance: 1e-10,
        objective: objective), polished.value <= first.value
      {
        found = polished
      }
      if found.value < best.value { best = (found.point, found.value) }
    }
    let x = best.x.map { Swift.min(Swift.max($0, 0), 1) }
    guard best.value < 1e300, let profile = profile(shares: x) else {
      throw StatisticsError(
        .numericalFailure, "damped-trend: no admissible parameters give a finite likelihood")
    }
    return filter(profile.parameters)
  }
}

/// Given smoothing and damping, the SSE-minimising initial state for them, and the normal
/// matrix `S = sum w w^T` of the initial-state regression.
struct InitialStateProfile {
  let alpha: Double
  let beta: Double
  let phi: Double
  let level: Double
  let slope: Double
  let s11: Double
  let s12: Double
  let s22: Double
  /// `sum r^2 - x . sum w r`, the SSE at the minimising state (by subtraction).
  let minimumSumOfSquares: Double

  /// `det S`.
  var determinant: Double { s11 * s22 - s12 * s12 }

  /// The smoothing and damping with the initial state at its minimiser.
  var parameters: DampedTrendParameters {
    DampedTrendParameters(
      alpha: alpha, beta: beta, phi: phi, initialLevel: level, initialSlope: slope)
  }
}
