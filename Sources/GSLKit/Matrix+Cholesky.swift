// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

extension Matrix {
  /// The Cholesky factor `L` of a symmetric positive definite matrix `A`: lower triangular with
  /// `A = L L^T` (`gsl_linalg_cholesky_decomp1`). Used to draw correlated normals `L z`.
  ///
  /// - Throws: ``GSLError``: `invalidInput` when the matrix is empty, not square, not finite or
  ///   not symmetric (to a relative 1e-12); `notPositiveDefinite` when GSL finds a non-positive
  ///   pivot.
  public func cholesky() throws -> Matrix {
    var factor = try choleskyDecomposition(operation: "cholesky")
    // GSL leaves L^T in the upper triangle; keep the lower factor only.
    for i in 0..<rows {
      for j in (i + 1)..<columns { factor[i, j] = 0 }
    }
    return factor
  }

  /// The inverse `A^-1` of a symmetric positive definite matrix `A`, through its Cholesky
  /// factor: `A = L L^T` (`gsl_linalg_cholesky_decomp1`), then column `j` of the inverse solves
  /// `A x = e_j` by forward substitution `L y = e_j` and back substitution `L^T x = y`
  /// (`gsl_linalg_cholesky_svx`):
  ///
  /// ```
  /// A^-1 = L^-T L^-1
  /// ```
  /// Column by column with GSL's triangular solves rather than `gsl_linalg_cholesky_invert`,
  /// whose other order of summation moves the last digit of the standard errors reported from
  /// it; so the result is symmetric to rounding, not exactly. Used for covariance matrices, the
  /// inverse of an information matrix.
  ///
  /// - Throws: ``GSLError``: as ``cholesky()`` (`invalidInput` for an empty, non-square,
  ///   non-finite or non-symmetric matrix, `notPositiveDefinite` when GSL finds a non-positive
  ///   pivot), and `failure` when a solve fails.
  public func choleskyInverse() throws -> Matrix {
    var factor = try choleskyDecomposition(operation: "choleskyInverse")
    var inverse = Matrix(rows: rows, columns: columns)
    for column in 0..<columns {
      var x = [Double](repeating: 0, count: rows)
      x[column] = 1
      let status = factor.withGSLMatrix { factor in
        withGSLVector(&x) { gsl_linalg_cholesky_svx(factor, $0) }
      }
      try GSLRuntime.check(status, "gsl_linalg_cholesky_svx")
      for row in 0..<rows { inverse[row, column] = x[row] }
    }
    return inverse
  }

  /// GSL's in-place Cholesky decomposition: `L` in the lower triangle and diagonal, `L^T` in
  /// the upper triangle, after checking the matrix in Swift (GSL with its handler off does not).
  private func choleskyDecomposition(operation: String) throws -> Matrix {
    guard rows >= 1, rows == columns else {
      throw GSLError.invalidInput(
        operation, "needs a non-empty square matrix, got \(rows)x\(columns)")
    }
    guard elements.allSatisfy(\.isFinite) else {
      throw GSLError.invalidInput(operation, "the matrix must be finite")
    }
    let scale = elements.map(abs).max() ?? 0
    for i in 0..<rows {
      for j in 0..<i where abs(self[i, j] - self[j, i]) > 1e-12 * scale {
        throw GSLError.invalidInput(
          operation,
          "the matrix is not symmetric: a[\(i),\(j)] = \(self[i, j]), "
            + "a[\(j),\(i)] = \(self[j, i])")
      }
    }
    GSLRuntime.prepare()
    var factor = self
    let status = factor.withGSLMatrix { gsl_linalg_cholesky_decomp1($0) }
    if status == GSLStatus.domainError {
      throw GSLError(
        kind: .notPositiveDefinite, code: status, operation: "gsl_linalg_cholesky_decomp1",
        reason: "the matrix is not positive definite")
    }
    try GSLRuntime.check(status, "gsl_linalg_cholesky_decomp1")
    return factor
  }
}
