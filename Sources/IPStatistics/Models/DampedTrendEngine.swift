// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// Forecasts and simulated paths of a fitted damped-trend model.
///
/// The point forecast is the maximum-likelihood recursion's. Each simulated path takes one draw
/// of the parameters, the initial state and `sigma` from their posterior
/// (``DampedTrendPosterior``), runs the recursion over the data to its final level and slope,
/// then forward with errors `sigma N(0, 1)`.
///
/// The reported standard errors are asymptotic: from the Gauss-Newton information
/// `J^T J / sigma^2` in `(alpha, beta*, phi, l_0, b_0)`, `J` the Jacobian of the one-step errors
/// by central differences and `sigma^2 = SSE / n`.
struct DampedTrendEngine: ProjectionEngine {
  let model: DampedTrendModel
  let estimate: DampedTrendFilter

  func forecast(horizon: Int) -> [Double] {
    estimate.forecast(horizon: horizon)
  }

  func simulate(horizon: Int, count: Int, generator: RandomGenerator) throws -> [Double]? {
    let draws = try DampedTrendPosterior(model: model).draws(
      count: count, start: estimate.parameters, generator: generator)
    var paths = [Double](repeating: 0, count: count * horizon)
    for (path, draw) in draws.enumerated() {
      let parameters = draw.parameters
      let state = model.filter(parameters)
      var level = state.level
      var slope = state.slope
      for h in 0..<horizon {
        let prediction = level + parameters.phi * slope
        let error = draw.sigma * generator.standardNormal()
        paths[path * horizon + h] = prediction + error
        level = prediction + parameters.alpha * error
        slope = parameters.phi * slope + parameters.beta * error
      }
    }
    return paths
  }

  /// `(alpha, beta / alpha, phi, l_0, b_0)`.
  static func coordinates(_ parameters: DampedTrendParameters) -> [Double] {
    [
      parameters.alpha, parameters.beta / parameters.alpha, parameters.phi,
      parameters.initialLevel, parameters.initialSlope,
    ]
  }

  /// The parameters at coordinates `(alpha, beta*, phi, l_0, b_0)`.
  static func parameters(_ theta: [Double]) -> DampedTrendParameters {
    DampedTrendParameters(
      alpha: theta[0], beta: theta[0] * theta[1], phi: theta[2], initialLevel: theta[3],
      initialSlope: theta[4])
  }

  /// Fits the damped trend to `values` (validated by the caller).
  static func fit(years: [Int], values: [Double], errorScale: ErrorScale) throws
    -> FittedGrowthModel
  {
    let z = values.map(errorScale.transform)
    let model = try DampedTrendModel(years: years, values: z)
    let estimate = try model.fit()
    let n = estimate.count
    let covariance = fisherInformation(model, estimate).flatMap(inverseWithRidge)
    let engine = DampedTrendEngine(model: model, estimate: estimate)
    return FittedGrowthModel(
      model: .dampedTrend, errorScale: errorScale,
      parameters: reportedParameters(estimate.parameters, covariance),
      observationCount: n, parameterCount: 6,
      sigma: (estimate.sumOfSquares / Double(n - 5)).squareRoot(),
      logLikelihood: estimate.logLikelihood,
      fitted: zip(years, estimate.predictions).map {
        YearValue(year: $0, value: errorScale.level($1))
      },
      lastYear: years[n - 1], lastValue: values[n - 1], engine: engine)
  }

  /// `J^T J / sigma^2` at the estimate, `J` the Jacobian of the one-step errors with respect
  /// to `(alpha, beta*, phi, l_0, b_0)` by central differences; `nil` for a noise-free fit.
  static func fisherInformation(_ model: DampedTrendModel, _ estimate: DampedTrendFilter)
    -> Matrix?
  {
    let n = model.values.count
    let variance = estimate.sumOfSquares / Double(n)
    guard variance > 0 else { return nil }
    let theta = coordinates(estimate.parameters)
    func errors(_ point: [Double]) -> [Double] {
      zip(model.values, model.filter(parameters(point)).predictions).map { $0 - $1 }
    }
    var jacobian = Matrix(rows: n, columns: 5)
    for k in 0..<5 {
      let step = 1e-6 * Swift.max(1, abs(theta[k]))
      var plus = theta
      var minus = theta
      plus[k] += step
      minus[k] -= step
      let errorsPlus = errors(plus)
      let errorsMinus = errors(minus)
      for i in 0..<n { jacobian[i, k] = (errorsPlus[i] - errorsMinus[i]) / (2 * step) }
    }
    var information = jacobian.transposed * jacobian
    for i in 0..<5 { for j in 0..<5 { information[i, j] /= variance } }
    return information
  }

  /// The inverse of `matrix` (``GSLKit/Matrix/choleskyInverse()``), or of
  /// `matrix + e diag(matrix)` for the smallest `e` in 1e-12, 1e-10, ..., 1e-2 that makes it
  /// positive definite (nearly collinear columns of `J` can defeat the factorisation in floating
  /// point); `nil` if none does.
  static func inverseWithRidge(_ matrix: Matrix) -> Matrix? {
    if let inverse = try? matrix.choleskyInverse() { return inverse }
    var ridge = 1e-12
    while ridge <= 1e-2 {
      var widened = matrix
      for k in 0..<matrix.rows { widened[k, k] *= 1 + ridge }
      if let inverse = try? widened.choleskyInverse() { return inverse }
      ridge *= 100
    }
    return nil
  }

  /// The reported parameters, with standard errors from the covariance (`beta = alpha beta*`
  /// by the delta method).
  static func reportedParameters(_ parameters: DampedTrendParameters, _ covariance: Matrix?)
    -> [ModelParameter]
  {
    let share = parameters.beta / parameters.alpha
    // Gradients of alpha, beta, phi, l0, b0 with respect to (alpha, beta*, phi, l0, b0).
    let gradients: [[Double]] = [
      [1, 0, 0, 0, 0], [share, parameters.alpha, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
    ]
    let values = [
      parameters.alpha, parameters.beta, parameters.phi, parameters.initialLevel,
      parameters.initialSlope,
    ]
    let names = ["alpha", "beta", "phi", "l0", "b0"]
    return (0..<5).map { index in
      var standardError: Double?
      if let covariance {
        let g = gradients[index]
        var variance = 0.0
        for i in 0..<5 { for j in 0..<5 { variance += g[i] * covariance[i, j] * g[j] } }
        standardError = variance >= 0 ? variance.squareRoot() : nil
      }
      return ModelParameter(name: names[index], value: values[index], standardError: standardError)
    }
  }
}
