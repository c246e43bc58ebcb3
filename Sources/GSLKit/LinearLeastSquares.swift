// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

/// The result of a linear least-squares fit `y = X c + e`.
public struct LinearFit: Sendable, Equatable {
  /// The fitted coefficients `c`, one per column of the design matrix.
  public let coefficients: [Double]
  /// The covariance matrix of the coefficients (see ``LinearLeastSquares/fit(design:observations:weights:)``
  /// for its scaling).
  public let covariance: Matrix
  /// The residual sum of squares, weighted when weights were given: `sum w_i (y_i - x_i c)^2`.
  public let chiSquared: Double
  /// The residuals `y_i - x_i c` (unweighted).
  public let residuals: [Double]
  /// The residual degrees of freedom `n - p`.
  public let degreesOfFreedom: Int

  /// The standard errors of the coefficients, `sqrt(diag(covariance))`.
  public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }
}

/// Linear least squares on GSL's `gsl_multifit_linear` (ordinary) and `gsl_multifit_wlinear`
/// (weighted), both by singular value decomposition.
public enum LinearLeastSquares {
  /// Singular values below this fraction of the largest count as zero in the rank check.
  public static let rankTolerance = 1e-10

  /// Fits `y = X c` by least squares.
  ///
  /// - Without weights the covariance is `s^2 (X^T X)^-1` with `s^2 = chiSquared / (n - p)`,
  ///   the usual OLS estimate (GSL's convention); this needs `n > p`.
  /// - With weights `w_i` (normally `1 / sigma_i^2`) the fit minimises `sum w_i (y_i - x_i c)^2`
  ///   and the covariance is `(X^T W X)^-1`, unscaled (GSL's convention: the weights carry the
  ///   error variances). Multiply by `chiSquared / (n - p)` for weights known only up to a
  ///   factor.
  ///
  /// - Parameters:
  ///   - design: the `n` x `p` design matrix `X`, `n >= p >= 1`.
  ///   - observations: the `n` observations `y`.
  ///   - weights: optional non-negative weights, one per observation.
  /// - Throws: ``GSLError`` with kind `invalidInput` for empty or mismatched input or non-finite
  ///   values, `singularMatrix` when `X` (or `W^(1/2) X`) has rank below `p`, or the GSL failure.
  public static func fit(design: Matrix, observations: [Double], weights: [Double]? = nil) throws
    -> LinearFit
  {
    let n = design.rows
    let p = design.columns
    guard p >= 1, n >= 1 else {
      throw GSLError.invalidInput("linear least squares", "the design matrix is empty")
    }
    guard observations.count == n else {
      throw GSLError.invalidInput(
        "linear least squares", "\(observations.count) observations for \(n) design rows")
    }
    let minimumRows = weights == nil ? p + 1 : p
    guard n >= minimumRows else {
      throw GSLError.invalidInput(
        "linear least squares",
        "\(n) observations cannot fit \(p) coefficients (need at least \(minimumRows))")
    }
    guard design.elements.allSatisfy(\.isFinite), observations.allSatisfy(\.isFinite) else {
      throw GSLError.invalidInput("linear least squares", "design and observations must be finite")
    }
    if let weights {
      guard weights.count == n else {
        throw GSLError.invalidInput(
          "linear least squares", "\(weights.count) weights for \(n) rows")
      }
      guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
        throw GSLError.invalidInput(
          "linear least squares", "weights must be finite and not negative")
      }
    }

    GSLRuntime.prepare()
    guard let workspace = gsl_multifit_linear_alloc(n, p) else {
      fatalError("gsl_multifit_linear_alloc: out of memory")
    }
    defer { gsl_multifit_linear_free(workspace) }

    var x = design
    var y = observations
    var w = weights ?? []
    var coefficients = [Double](repeating: 0, count: p)
    var covariance = Matrix(rows: p, columns: p)
    var chiSquared = 0.0

    let status: Int32 = x.withGSLMatrix { xm in
      withGSLVector(&y) { yv in
        withGSLVector(&coefficients) { cv in
          covariance.withGSLMatrix { covm in
            if weights != nil {
              return withGSLVector(&w) { wv in
                gsl_multifit_wlinear(xm, wv, yv, cv, covm, &chiSquared, workspace)
              }
            }
            return gsl_multifit_linear(xm, yv, cv, covm, &chiSquared, workspace)
          }
        }
      }
    }
    try GSLRuntime.check(status, weights == nil ? "gsl_multifit_linear" : "gsl_multifit_wlinear")

    let rank = gsl_multifit_linear_rank(rankTolerance, workspace)
    guard rank >= p else {
      throw GSLError(
        kind: .singularMatrix, operation: "linear least squares",
        reason: "the design matrix has rank \(rank) but \(p) columns: some columns are "
          + "linearly dependent, so the coefficients are not identified")
    }
    let fitted = design * coefficients
    let residuals = zip(observations, fitted).map { $0 - $1 }
    return LinearFit(
      coefficients: coefficients, covariance: covariance, chiSquared: chiSquared,
      residuals: residuals, degreesOfFreedom: n - p)
  }
}
