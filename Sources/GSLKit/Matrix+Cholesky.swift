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
    let operation = "cholesky"
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
    // GSL leaves L^T in the upper triangle; keep the lower factor only.
    for i in 0..<rows {
      for j in (i + 1)..<columns { factor[i, j] = 0 }
    }
    return factor
  }
}
