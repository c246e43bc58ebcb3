// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

extension NonlinearLeastSquares {
  /// The first relative step of the finite differences, `eps^(1/5)` (about 7.4e-4): it balances
  /// the fourth-order truncation error `O(h^4)` against the rounding error `O(eps / h)` for a
  /// parameter whose size is also its scale.
  public static let finiteDifferenceStep = pow(Double.ulpOfOne, 0.2)

  /// The largest relative disagreement `max_i |D_i(2h) - D_i(h)| / max_i |D_i(h)|` between the
  /// central differences of one column at which its step is kept: 3e-5, for about 10 correct
  /// digits after extrapolation (the extrapolated error is about the square of `D`'s).
  static let finiteDifferenceAgreement = 3e-5

  /// The most times a column's step is halved when its two central differences disagree.
  static let finiteDifferenceHalvings = 6

  /// Fills `jacobian` (`n` x `p`) with `J_ij = d r_i / d theta_j` by fourth-order central
  /// differences: Richardson's extrapolation of the central differences with steps `h` and `2h`,
  ///
  /// ```
  /// D_i(h) = (r_i(theta + h e_j) - r_i(theta - h e_j)) / (2h)
  /// J_ij   = (4 D_i(h) - D_i(2h)) / 3
  /// ```
  ///
  /// The first step is `h = finiteDifferenceStep |theta_j|` (`finiteDifferenceStep` when
  /// `theta_j = 0`), rounded so that `theta_j + h` is exact. The truncation error of `J` is
  /// `O(h^4)`; where the column's `D(h)` and `D(2h)` still differ by more than 3e-5 relative
  /// (a parameter whose size is far larger than the scale on which the residuals change, such
  /// as the centre of a narrow peak), `h` is halved, reusing `r(theta +- h)` as the new `2h`
  /// points, up to 6 times. Entries are accurate to about 10 significant digits or better where
  /// the residuals are smooth, against about 8 for GSL's own central differences with step
  /// `sqrt(eps) |theta_j|`. An entry is not finite where a residual on its stencil is not.
  ///
  /// - Parameters:
  ///   - theta: the parameters (length `p`).
  ///   - residualCount: `n`, the length of the residual vector.
  ///   - residuals: computes `r(theta)`.
  ///   - jacobian: an `n` x `p` matrix, overwritten.
  /// - Returns: the number of evaluations of `r`: `4p` when no step is halved, 2 more for each
  ///   halving.
  /// - Throws: what `residuals` throws; ``GSLError`` (`invalidInput`) when the matrix is not
  ///   `n` x `p`.
  @discardableResult
  public static func finiteDifferenceJacobian(
    at theta: [Double], residualCount: Int, residuals: ResidualFunction,
    into jacobian: inout Matrix
  ) throws -> Int {
    let n = residualCount
    let p = theta.count
    guard jacobian.rows == n, jacobian.columns == p else {
      throw GSLError.invalidInput(
        "finite-difference Jacobian",
        "the matrix is \(jacobian.rows) x \(jacobian.columns), not \(n) x \(p)")
    }
    var evaluations = 0
    var shifted = theta
    // r(theta +- h) and r(theta +- 2h).
    var plus = [Double](repeating: 0, count: n)
    var minus = plus
    var plus2 = plus
    var minus2 = plus
    func evaluate(_ j: Int, _ point: Double, _ output: inout [Double]) throws {
      shifted[j] = point
      try residuals(shifted, &output)
      evaluations += 1
    }
    for j in 0..<p {
      let value = theta[j]
      let nominal = finiteDifferenceStep * (value == 0 ? 1 : abs(value))
      var h = (value + nominal) - value
      try evaluate(j, value + 2 * h, &plus2)
      try evaluate(j, value - 2 * h, &minus2)
      try evaluate(j, value + h, &plus)
      try evaluate(j, value - h, &minus)
      for halving in 0...finiteDifferenceHalvings {
        var spread = 0.0
        var size = 0.0
        for i in 0..<n {
          let small = (plus[i] - minus[i]) / (2 * h)
          let large = (plus2[i] - minus2[i]) / (4 * h)
          spread = Swift.max(spread, abs(large - small))
          size = Swift.max(size, abs(small))
        }
        if spread <= finiteDifferenceAgreement * size || halving == finiteDifferenceHalvings
          || !spread.isFinite
        {
          break
        }
        swap(&plus, &plus2)
        swap(&minus, &minus2)
        h = (value + h / 2) - value
        try evaluate(j, value + h, &plus)
        try evaluate(j, value - h, &minus)
      }
      shifted[j] = value
      for i in 0..<n {
        jacobian[i, j] = (8 * (plus[i] - minus[i]) - (plus2[i] - minus2[i])) / (12 * h)
      }
    }
    return evaluations
  }
}
