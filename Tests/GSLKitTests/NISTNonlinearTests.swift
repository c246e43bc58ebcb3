// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import Testing

/// Fits a NIST problem from one of its starts, with the model's analytic gradient or with
/// finite differences: `fitCurve` for one predictor, `fit` for Nelson's two.
func fitNIST(
  _ problem: NISTProblem, _ model: NISTModel, start: Int, analytic: Bool,
  options: NonlinearLeastSquares.Options = NonlinearLeastSquares.Options()
) throws -> NonlinearFit {
  let response = problem.y.map(model.response)
  if problem.x.allSatisfy({ $0.count == 1 }) {
    let curve: @Sendable (Double, [Double]) -> Double = { x, b in model.value([x], b) }
    let gradient: @Sendable (Double, [Double], inout [Double]) -> Void = { x, b, g in
      model.gradient([x], b, &g)
    }
    return try NonlinearLeastSquares.fitCurve(
      x: problem.x.map { $0[0] }, y: response, start: problem.starts[start], options: options,
      model: curve, gradient: analytic ? gradient : nil)
  }
  let x = problem.x
  let jacobian: NonlinearLeastSquares.JacobianFunction = { b, j in
    var g = [Double](repeating: 0, count: b.count)
    for i in x.indices {
      model.gradient(x[i], b, &g)
      for k in g.indices { j[i, k] = g[k] }
    }
  }
  return try NonlinearLeastSquares.fit(
    start: problem.starts[start], observationCount: x.count, options: options,
    residuals: nistResiduals(problem, model), jacobian: analytic ? jacobian : nil)
}

/// `r_i(b) = f(x_i; b) - y_i` of a NIST problem (`y_i` as the model predicts it).
func nistResiduals(
  _ problem: NISTProblem, _ model: NISTModel
) -> NonlinearLeastSquares.ResidualFunction {
  let response = problem.y.map(model.response)
  let x = problem.x
  return { b, r in
    for i in x.indices { r[i] = model.value(x[i], b) - response[i] }
  }
}

/// The fewest significant digits `actual` shares with `certified`, element by element.
func fewestDigits(_ actual: [Double], _ certified: [Double]) -> Double {
  zip(actual, certified).map { significantDigits($0, $1) }.min() ?? 0
}

/// One fit of the NIST suite: a problem, a certified start (0 or 1) and the Jacobian used.
struct NISTCase: CustomTestStringConvertible, Sendable {
  let name: String
  let start: Int
  let analytic: Bool

  var testDescription: String {
    "\(name) start \(start + 1) \(analytic ? "analytic" : "finite-difference")"
  }
  var key: String { "\(name) \(start + 1) \(analytic ? "analytic" : "fd")" }

  /// Every problem from both starts with both Jacobians: 27 x 2 x 2 = 108 fits.
  static let all: [NISTCase] = NISTModel.all.flatMap { model in
    [0, 1].flatMap { start in
      [true, false].map { NISTCase(name: model.name, start: start, analytic: $0) }
    }
  }
}

@Suite("Nonlinear least squares against NIST StRD certified values")
struct NISTNonlinearTests {
  /// The fits that the first attempt does not deliver, and the retry that does: MGH10 from
  /// start 1 needs about 1,600 iterations (the first attempt stops at 500 and goes on); Rat43
  /// from start 1 stops on a flat region where the Jacobian is rank-deficient with geodesic
  /// acceleration, and plain Levenberg-Marquardt reaches the certified values in about 20
  /// iterations. Every other fit succeeds at its first attempt.
  static let rescuedBy: [String: NonlinearLeastSquares.Attempt] = [
    "MGH10 1 analytic": .moreIterations, "MGH10 1 fd": .moreIterations,
    "Rat43 1 analytic": .withoutAcceleration, "Rat43 1 fd": .withoutAcceleration,
  ]

  /// Fits that GSL's gradient rule stops before 6 significant digits. The rule is
  /// `max_i |g_i| max(theta_i, 1) <= gtol max(F, 1)` with `F = RSS / 2`: absolute when `F < 1`.
  /// Lanczos1-3 have `F` between 7e-26 and 8e-9, so the rule fires while the gradient is still
  /// large relative to `F`: 5.8 to 6.0 digits. With `gradientTolerance = 0` the step rule stops
  /// them instead, beyond 6 digits. GSLKit keeps GSL's rule so that every fit that succeeds at
  /// its first attempt stays what GSL returns.
  static let stopsOnSmallGradient: Set<String> = [
    "Lanczos3 2 analytic", "Lanczos1 1 analytic", "Lanczos1 2 analytic", "Lanczos1 2 fd",
  ]

  /// Lanczos1's data were generated without noise and given to 13 significant digits: the
  /// certified residuals are about 9e-14 (RSS 1.43e-25, computed by NIST in 128-bit arithmetic).
  /// In double precision, reading the decimal data alone moves each `y` by up to half an ulp
  /// (about 2e-16), a few tenths of a percent of a residual: a fully converged fit has an RSS
  /// correct to about 3 digits, and a change of one ulp in the data moves it in the third
  /// digit (checked with scipy's Levenberg-Marquardt polished by Gauss-Newton steps). The
  /// standard deviations, proportional to `sqrt(RSS)`, follow. The parameters still reach 6
  /// digits and more.
  static let beyondDoublePrecision: Set<String> = ["Lanczos1"]

  /// From each NIST start, with the analytic and with the finite-difference Jacobian: the
  /// certified parameters to at least 6 significant digits, the certified standard deviations,
  /// residual sum of squares and residual standard deviation to at least 4; the known
  /// limitations above asserted as they are, so that the test fails when one changes.
  @Test(arguments: NISTCase.all)
  func certifiedValues(_ nist: NISTCase) throws {
    let problem = try NISTProblem(name: nist.name)
    let model = try #require(NISTModel.all.first { $0.name == nist.name })
    let fit = try fitNIST(problem, model, start: nist.start, analytic: nist.analytic)
    #expect(fit.attempt == Self.rescuedBy[nist.key] ?? .first, "\(nist.key)")
    #expect(fit.degreesOfFreedom == problem.x.count - problem.certifiedParameters.count)

    var full = fit
    if Self.stopsOnSmallGradient.contains(nist.key) {
      let digits = fewestDigits(fit.parameters, problem.certifiedParameters)
      #expect(fit.stoppingRule == .smallGradient)
      #expect(digits >= 5.5 && digits < 6, "\(nist.key): \(digits) digits")
      var options = NonlinearLeastSquares.Options()
      options.gradientTolerance = 0
      full = try fitNIST(
        problem, model, start: nist.start, analytic: nist.analytic, options: options)
      #expect(full.stoppingRule == .smallStep)
    }
    for (k, certified) in problem.certifiedParameters.enumerated() {
      #expect(
        significantDigits(full.parameters[k], certified) >= 6,
        "\(nist.key) b\(k + 1): \(full.parameters[k]) vs \(certified)")
    }

    let sdDigits = fewestDigits(full.standardErrors, problem.certifiedStandardDeviations)
    let rssDigits = significantDigits(
      full.residualSumOfSquares, problem.certifiedResidualSumOfSquares)
    let residualSDDigits = significantDigits(
      full.residualStandardDeviation, problem.certifiedResidualStandardDeviation)
    if Self.beyondDoublePrecision.contains(nist.name) {
      #expect(full.residualSumOfSquares < 1e-24, "\(nist.key): RSS \(full.residualSumOfSquares)")
      #expect(rssDigits < 4 && sdDigits < 4 && residualSDDigits < 4, "\(nist.key)")
    } else {
      #expect(sdDigits >= 4, "\(nist.key): standard deviations to \(sdDigits) digits")
      #expect(rssDigits >= 4, "\(nist.key): RSS to \(rssDigits) digits")
      #expect(residualSDDigits >= 4, "\(nist.key): residual SD to \(residualSDDigits) digits")
    }
  }

  /// The retry rule leaves a fit that succeeds at its first attempt bit for bit as it is: the
  /// same parameters, covariance and iterations with retries off.
  @Test(arguments: NISTCase.all.filter { NISTNonlinearTests.rescuedBy[$0.key] == nil })
  func firstAttemptIsUntouchedByRetries(_ nist: NISTCase) throws {
    let problem = try NISTProblem(name: nist.name)
    let model = try #require(NISTModel.all.first { $0.name == nist.name })
    var options = NonlinearLeastSquares.Options()
    options.retriesOnFailure = false
    let withRetries = try fitNIST(problem, model, start: nist.start, analytic: nist.analytic)
    let without = try fitNIST(
      problem, model, start: nist.start, analytic: nist.analytic, options: options)
    #expect(withRetries == without)
  }

  /// Without retries the two rescued fits fail as GSL leaves them: MGH10 at the iteration limit,
  /// Rat43 with a rank-deficient Jacobian; with retries the error of a fit whose every attempt
  /// fails is the first attempt's.
  @Test func rescuedFitsFailWithoutRetries() throws {
    var options = NonlinearLeastSquares.Options()
    options.retriesOnFailure = false
    for (name, kind) in [("MGH10", GSLError.Kind.didNotConverge), ("Rat43", .singularMatrix)] {
      let problem = try NISTProblem(name: name)
      let model = try #require(NISTModel.all.first { $0.name == name })
      do {
        _ = try fitNIST(problem, model, start: 0, analytic: true, options: options)
        Issue.record("\(name) start 1 succeeded without retries")
      } catch let error as GSLError {
        #expect(error.kind == kind, "\(name): \(error)")
      }
    }
  }

  /// Every data file parses into as many observations as it declares, with starts and certified
  /// values for every parameter of its model, and every file in `Resources/` is fitted.
  @Test func dataFiles() throws {
    #expect(NISTModel.all.count == 27)
    let files = try FileManager.default.contentsOfDirectory(atPath: resourcesDirectory.path)
      .filter { $0.hasSuffix(".dat") }.map { String($0.dropLast(4)) }
    #expect(Set(files) == Set(NISTModel.all.map(\.name)))
    for model in NISTModel.all {
      let problem = try NISTProblem(name: model.name)
      let p = problem.certifiedParameters.count
      #expect(problem.x.count == problem.declaredObservations, "\(model.name)")
      #expect(problem.x.count > p)
      #expect(problem.y.count == problem.x.count)
      #expect(problem.starts.allSatisfy { $0.count == p && $0.allSatisfy(\.isFinite) })
      #expect(problem.certifiedStandardDeviations.count == p)
      #expect(problem.certifiedResidualSumOfSquares > 0)
    }
  }

  /// The fourth-order finite-difference Jacobian against every model's analytic gradient, at the
  /// certified values and at both starts: every column to at least 6 significant digits
  /// (relative to the column's largest entry), and at the certified values to at least 9.
  @Test func finiteDifferenceJacobians() throws {
    for model in NISTModel.all {
      let problem = try NISTProblem(name: model.name)
      let x = problem.x
      let residuals = nistResiduals(problem, model)
      let starts = problem.starts.enumerated().map { ("start \($0.offset + 1)", $0.element, 6.0) }
      let points = [("certified", problem.certifiedParameters, 9.0)] + starts
      for (label, b, required) in points {
        var numeric = Matrix(rows: x.count, columns: b.count)
        try NonlinearLeastSquares.finiteDifferenceJacobian(
          at: b, residualCount: x.count, residuals: residuals, into: &numeric)
        var gradient = [Double](repeating: 0, count: b.count)
        var largest = [Double](repeating: 0, count: b.count)
        var error = [Double](repeating: 0, count: b.count)
        for i in x.indices {
          model.gradient(x[i], b, &gradient)
          for k in b.indices {
            largest[k] = max(largest[k], abs(gradient[k]))
            error[k] = max(error[k], abs(numeric[i, k] - gradient[k]))
          }
        }
        for k in b.indices where error[k] > 0 {
          let digits = -log10(error[k] / largest[k])
          #expect(digits >= required, "\(model.name) \(label) column \(k + 1): \(digits)")
        }
      }
    }
  }
}
