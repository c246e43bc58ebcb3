// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import Testing

@Suite("Linear least squares")
struct LinearLeastSquaresTests {
  let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
  let y: [Double] = [2.9, 5.2, 7.1, 8.8, 11.3, 12.9, 15.2, 16.8, 19.1, 21.0]

  func design(_ x: [Double]) throws -> Matrix {
    try Matrix(rows: x.map { [1, $0] })
  }

  /// Simple regression against the closed form `b = Sxy / Sxx`, `a = ybar - b xbar`,
  /// `se(b) = s / sqrt(Sxx)`, `se(a) = s sqrt(1/n + xbar^2 / Sxx)`, to 1e-12 relative.
  @Test func ordinaryFitMatchesClosedForm() throws {
    let n = Double(x.count)
    let xbar = x.reduce(0, +) / n
    let ybar = y.reduce(0, +) / n
    let sxx = x.reduce(0) { $0 + ($1 - xbar) * ($1 - xbar) }
    let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - xbar) * ($1.1 - ybar) }
    let slope = sxy / sxx
    let intercept = ybar - slope * xbar
    let rss = zip(x, y).reduce(0) { $0 + pow($1.1 - intercept - slope * $1.0, 2) }
    let s = (rss / (n - 2)).squareRoot()

    let fit = try LinearLeastSquares.fit(design: design(x), observations: y)
    #expect(relativelyClose(fit.coefficients[0], intercept, 1e-12))
    #expect(relativelyClose(fit.coefficients[1], slope, 1e-12))
    #expect(relativelyClose(fit.chiSquared, rss, 1e-10))
    #expect(relativelyClose(fit.standardErrors[1], s / sxx.squareRoot(), 1e-10))
    #expect(
      relativelyClose(fit.standardErrors[0], s * (1 / n + xbar * xbar / sxx).squareRoot(), 1e-10))
    #expect(fit.degreesOfFreedom == 8)
    #expect(abs(fit.residuals.reduce(0, +)) < 1e-10)
  }

  /// Weighted regression against the closed form with weighted means; the covariance is the
  /// unscaled `(X^T W X)^-1`, so `var(b) = 1 / sum w (x - xw)^2`.
  @Test func weightedFitMatchesClosedForm() throws {
    let w: [Double] = [1, 2, 1, 4, 0.5, 1, 3, 1, 2, 1]
    let sw = w.reduce(0, +)
    let xw = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } / sw
    let yw = zip(w, y).reduce(0) { $0 + $1.0 * $1.1 } / sw
    var sxx = 0.0
    var sxy = 0.0
    for i in x.indices {
      sxx += w[i] * (x[i] - xw) * (x[i] - xw)
      sxy += w[i] * (x[i] - xw) * (y[i] - yw)
    }
    let slope = sxy / sxx
    let intercept = yw - slope * xw
    let fit = try LinearLeastSquares.fit(design: design(x), observations: y, weights: w)
    #expect(relativelyClose(fit.coefficients[1], slope, 1e-12))
    #expect(relativelyClose(fit.coefficients[0], intercept, 1e-12))
    #expect(relativelyClose(fit.covariance[1, 1], 1 / sxx, 1e-10))
    #expect(relativelyClose(fit.covariance[0, 0], 1 / sw + xw * xw / sxx, 1e-10))
  }

  /// NIST StRD "Longley", a textbook ill-conditioned data set: the certified coefficients to 1e-8
  /// relative, the certified standard errors and residual standard deviation to 1e-8.
  @Test func longleyCertifiedValues() throws {
    let text = try String(
      contentsOf: resourcesDirectory.appendingPathComponent("Longley.csv"), encoding: .utf8)
    var rows: [[Double]] = []
    var observations: [Double] = []
    for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("y") {
      let values = line.split(separator: ",").compactMap { Double($0) }
      #expect(values.count == 7)
      observations.append(values[0])
      rows.append([1] + values[1...])
    }
    #expect(rows.count == 16)
    let fit = try LinearLeastSquares.fit(design: Matrix(rows: rows), observations: observations)
    let certified = [
      -3482258.63459582, 15.0618722713733, -0.358191792925910E-01, -2.02022980381683,
      -1.03322686717359, -0.511041056535807E-01, 1829.15146461355,
    ]
    let certifiedSD = [
      890420.383607373, 84.9149257747669, 0.334910077722432E-01, 0.488399681651699,
      0.214274163161675, 0.226073200069370, 455.478499142212,
    ]
    for k in 0..<7 {
      #expect(
        relativelyClose(fit.coefficients[k], certified[k], 1e-8), "b\(k) = \(fit.coefficients[k])")
      #expect(relativelyClose(fit.standardErrors[k], certifiedSD[k], 1e-8), "sd(b\(k))")
    }
    #expect(relativelyClose(fit.chiSquared, 836424.055505915, 1e-8))
    #expect(relativelyClose((fit.chiSquared / 9).squareRoot(), 304.854073561965, 1e-8))
  }

  /// A design with two identical columns is singular: an error, not a minimum-norm answer.
  @Test func singularDesignIsAnError() throws {
    let singular = try Matrix(rows: x.map { [1, $0, 2 * $0] })
    do {
      _ = try LinearLeastSquares.fit(design: singular, observations: y)
      Issue.record("a singular design was accepted")
    } catch let error as GSLError {
      #expect(error.kind == .singularMatrix)
    }
  }

  /// Mismatched sizes and too few rows are rejected before GSL is called.
  @Test func invalidInputIsRejected() throws {
    #expect(throws: GSLError.self) {
      try LinearLeastSquares.fit(design: design(x), observations: Array(y.prefix(9)))
    }
    #expect(throws: GSLError.self) {
      try LinearLeastSquares.fit(design: design([1, 2]), observations: [1, 2])
    }
    #expect(throws: GSLError.self) {
      try LinearLeastSquares.fit(
        design: design(x), observations: y, weights: [Double](repeating: -1, count: 10))
    }
    #expect(throws: GSLError.self) {
      try LinearLeastSquares.fit(design: Matrix(rows: 0, columns: 0), observations: [])
    }
  }
}
