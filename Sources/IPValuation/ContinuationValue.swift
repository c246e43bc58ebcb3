// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// What keeping a right after the end of year `j` is worth, as a function of that year's
/// royalty income `X_j = R_j r (1-delta)^j`: the owner's best choice of when to stop paying for
/// it, given what is known at `j`.
///
/// With `q = (1+g)(1-delta)`, the expected cash flow of a later year `k > j` given `X_j` is
/// `E_j[CF_k] = w_k (X_j q^(k-j) - m) (1-tau)` (in the lognormal model
/// `E[R_k | R_j] = R_j (1+g)^(k-j)`), worth `D_jk = (1-h)^(k-j) / (1+d)^(k-j-0.5)` at the end of
/// year `j`, and
///
/// ```
/// C_j(X) = max over n in {j, ..., N} of S_jn(X),   S_jn(X) = sum_{k=j+1..n} E_j[CF_k] D_jk
///        = max over n of (a_jn X - b_jn),
/// a_jn = sum_{k=j+1..n} w_k (1-tau) q^(k-j) D_jk,   b_jn = sum_{k=j+1..n} w_k (1-tau) m D_jk
/// ```
/// (the empty sum, `n = j`, is 0). Every `a_jn` and `b_jn` is at least 0 and grows with `n`, so
/// `C_j` is the upper envelope of these lines over `X >= 0`: convex, piecewise linear, never
/// negative and non-decreasing, 0 up to the threshold `X*_j` (the first breakpoint) and positive
/// beyond it. The owner keeps the right after year `j` only while `C_j(X_j) > 0`, that is while
/// `X_j > X*_j`: the rule is one comparison per path, with `X*_j` computed once per asset and
/// year (`+infinity` when every `a_jn` is 0, `0` when there is no maintenance cost).
///
/// The value at a default, with its sale, takes the best horizon per path instead
/// (``ContinuationTerms/atDefault(year:income:timeToSell:)``).
struct ContinuationValue: Sendable {
  /// The envelope's lines, by increasing slope: `a_jn` and `b_jn`. The first line is always the
  /// empty sum (0, 0).
  private(set) var slopes: [Double] = [0]
  private(set) var intercepts: [Double] = [0]
  /// `breakpoints[l]`: the income above which line `l + 1` lies above line `l`.
  private(set) var breakpoints: [Double] = []

  /// The threshold `X*_j`: the right is abandoned at `j` when `X_j <= X*_j`.
  var threshold: Double { breakpoints.first ?? .infinity }

  /// The continuation value at the end of year `year` of an asset with terms `terms`.
  init(_ terms: ContinuationTerms, year: Int) {
    guard year < terms.years else { return }
    var slope = 0.0
    var intercept = 0.0
    for k in (year + 1)...terms.years {
      let added = terms.term(from: year, to: k)
      slope += added.slope
      intercept += added.intercept
      add(slope: slope, intercept: intercept)
    }
  }

  /// Adds a line to the upper envelope (slopes arrive in increasing order): a line equal in
  /// slope to the last one lies below it (its intercept is no smaller); otherwise lines it
  /// overtakes at or before their own breakpoint leave the envelope.
  private mutating func add(slope: Double, intercept: Double) {
    guard let lastSlope = slopes.last, slope > lastSlope else { return }
    var crossing = 0.0
    while let last = slopes.indices.last {
      crossing = (intercept - intercepts[last]) / (slope - slopes[last])
      guard last > 0, crossing <= breakpoints[last - 1] else { break }
      slopes.removeLast()
      intercepts.removeLast()
      breakpoints.removeLast()
    }
    slopes.append(slope)
    intercepts.append(intercept)
    breakpoints.append(crossing)
  }

  /// The envelope's line at income `x`: the last line whose breakpoint lies below `x` (the
  /// smaller horizon at a tie).
  private func line(_ x: Double) -> Int {
    var line = 0
    while line < breakpoints.count, x > breakpoints[line] { line += 1 }
    return line
  }

  /// `C_j(x)`.
  func value(_ x: Double) -> Double {
    let line = line(x)
    return slopes[line] * x - intercepts[line]
  }
}

extension ContinuationValue {
  /// The expectation of `C_j(c r)` for a royalty `r ~ PERT(low, mode, high)`, exactly:
  /// `r = low + (high - low) X` with `X ~ Beta(alpha, beta)` (the PERT shapes), and on the
  /// envelope's segment `l`, where `C_j` is the line `a_l c r - b_l` for `X` in `(u_l, u_l+1]`,
  ///
  /// ```
  /// E[(a c r - b) 1{u_l < X <= u_l+1}]
  ///   = a c (low P_l + (high - low) alpha / (alpha + beta) Q_l) - b P_l
  /// P_l = I(u_l+1; alpha, beta) - I(u_l; alpha, beta)
  /// Q_l = I(u_l+1; alpha + 1, beta) - I(u_l; alpha + 1, beta)
  /// ```
  /// with `I` the regularised incomplete beta function (GSL's `gsl_cdf_beta_P`), since
  /// `E[X 1{X <= u}] = alpha / (alpha + beta) I(u; alpha + 1, beta)`.
  ///
  /// - Parameters:
  ///   - scale: `c`, the income per unit of royalty (`R_j (1-delta)^j`), at least 0.
  ///   - low, mode, high: the PERT range, `low < high`.
  func expectation(scale: Double, low: Double, mode: Double, high: Double) throws -> Double {
    let (alpha, beta) = Distribution.pertShapes(minimum: low, mode: mode, maximum: high)
    let royalty = try Distribution.beta(alpha: alpha, beta: beta)
    let shifted = try Distribution.beta(alpha: alpha + 1, beta: beta)
    let span = high - low
    let meanFactor = alpha / (alpha + beta)
    // The segment ends in X: a breakpoint x in income is the royalty x / c.
    func position(_ income: Double) -> Double {
      guard scale > 0 else { return income < 0 ? 0 : 1 }
      return min(1, max(0, (income / scale - low) / span))
    }
    var total = 0.0
    var lower = 0.0
    for line in slopes.indices {
      let upper = line < breakpoints.count ? position(breakpoints[line]) : 1
      guard upper > lower else { continue }
      let probability = royalty.cdf(upper) - royalty.cdf(lower)
      let partialMean = meanFactor * (shifted.cdf(upper) - shifted.cdf(lower))
      total +=
        slopes[line] * scale * (low * probability + span * partialMean)
        - intercepts[line] * probability
      lower = upper
    }
    return total
  }
}
