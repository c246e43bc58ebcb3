// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import Testing

@Suite("Nonlinear least squares: retries and finite differences")
struct NonlinearLeastSquaresTests {
  /// NIST Misra1a from start 1 with its analytic Jacobian.
  private func misra1a(_ options: NonlinearLeastSquares.Options) throws -> NonlinearFit {
    let problem = try NISTProblem(name: "Misra1a")
    let model = try #require(NISTModel.all.first { $0.name == "Misra1a" })
    return try fitNIST(problem, model, start: 0, analytic: true, options: options)
  }

  /// A run stopped at its limit goes on from where it stopped: the same fit, bit for bit, as a
  /// run with a limit high enough, attributed to the continuation.
  @Test func runAtItsLimitGoesOn() throws {
    let whole = try misra1a(NonlinearLeastSquares.Options())
    #expect(whole.attempt == .first)
    #expect(whole.iterations == 12)
    var options = NonlinearLeastSquares.Options()
    options.maxIterations = 5
    let continued = try misra1a(options)
    #expect(continued.attempt == .moreIterations)
    #expect(continued.parameters == whole.parameters)
    #expect(continued.covariance == whole.covariance)
    #expect(continued.iterations == whole.iterations)
    // 5 x 10 = 50 iterations are enough; 1 x 10 = 10 are not, and the error is the first stop's.
    options.maxIterations = 1
    do {
      _ = try misra1a(options)
      Issue.record("Misra1a converged within 10 iterations")
    } catch let error as GSLError {
      #expect(error.kind == .didNotConverge)
      #expect(error.code == 11)  // GSL_EMAXITER
      #expect(error.reason == "no convergence after 1 iterations")
    }
  }

  /// A fit that fails with and without retries fails with the same error: the first stop's.
  @Test func failureAfterRetriesReportsTheFirstStop() throws {
    // Exponential data fitted with a logistic curve: the cap runs away to infinity.
    let t = (0..<10).map(Double.init)
    let y = t.map { 100 * exp(0.3 * $0) }
    let logistic: @Sendable (Double, [Double]) -> Double = { t, b in
      exp(b[0]) / (1 + exp(-b[1] * (t - b[2])))
    }
    var options = NonlinearLeastSquares.Options()
    func failure() -> GSLError? {
      do {
        _ = try NonlinearLeastSquares.fitCurve(
          x: t, y: y, start: [log(2000), 0.3, 9], options: options, model: logistic)
        return nil
      } catch {
        return error as? GSLError
      }
    }
    let withRetries = try #require(failure())
    options.retriesOnFailure = false
    let without = try #require(failure())
    #expect(withRetries == without)
  }

  /// Fourth-order central differences against a closed form: `r_i = a exp(-b t_i) sin(c t_i)`,
  /// every entry to 10 significant digits (relative to its column's largest), in `4p`
  /// evaluations.
  @Test func finiteDifferencesAgainstClosedForm() throws {
    let t = stride(from: 0.1, through: 3, by: 0.1).map { $0 }
    let theta = [2.5, 0.7, 3.0]
    let residuals: NonlinearLeastSquares.ResidualFunction = { b, r in
      for i in t.indices { r[i] = b[0] * exp(-b[1] * t[i]) * sin(b[2] * t[i]) }
    }
    var jacobian = Matrix(rows: t.count, columns: 3)
    let evaluations = try NonlinearLeastSquares.finiteDifferenceJacobian(
      at: theta, residualCount: t.count, residuals: residuals, into: &jacobian)
    #expect(evaluations == 12)
    var exact = Matrix(rows: t.count, columns: 3)
    for i in t.indices {
      let e = exp(-theta[1] * t[i])
      exact[i, 0] = e * sin(theta[2] * t[i])
      exact[i, 1] = -theta[0] * t[i] * e * sin(theta[2] * t[i])
      exact[i, 2] = theta[0] * t[i] * e * cos(theta[2] * t[i])
    }
    for k in 0..<3 {
      let largest = t.indices.map { abs(exact[$0, k]) }.max() ?? 0
      for i in t.indices {
        #expect(abs(jacobian[i, k] - exact[i, k]) <= 1e-10 * largest, "entry \(i), \(k)")
      }
    }
  }

  /// A parameter far larger than the scale on which the residuals change (the centre of a narrow
  /// peak, as in NIST Eckerle4): the first step, 7.4e-4 x 451.5 = 0.33, is 8% of the peak's
  /// width; the step is halved until the two central differences agree, for 10 digits.
  @Test func finiteDifferencesRefineACoarseStep() throws {
    let t = stride(from: 440.0, through: 460, by: 0.5).map { $0 }
    let theta = [1.5, 4.0, 451.5]  // height, width, centre, as in NIST Eckerle4
    let residuals: NonlinearLeastSquares.ResidualFunction = { b, r in
      for i in t.indices {
        let u = (t[i] - b[2]) / b[1]
        r[i] = b[0] * exp(-u * u / 2)
      }
    }
    var jacobian = Matrix(rows: t.count, columns: 3)
    let evaluations = try NonlinearLeastSquares.finiteDifferenceJacobian(
      at: theta, residualCount: t.count, residuals: residuals, into: &jacobian)
    #expect(evaluations > 12)
    var largest = 0.0
    var error = 0.0
    for i in t.indices {
      let u = (t[i] - theta[2]) / theta[1]
      let exact = theta[0] * exp(-u * u / 2) * u / theta[1]
      largest = max(largest, abs(exact))
      error = max(error, abs(jacobian[i, 2] - exact))
    }
    #expect(error <= 1e-10 * largest)
  }

  /// The matrix must be `n` x `p`.
  @Test func finiteDifferencesCheckTheMatrixSize() {
    var jacobian = Matrix(rows: 3, columns: 2)
    #expect(throws: GSLError.self) {
      try NonlinearLeastSquares.finiteDifferenceJacobian(
        at: [1, 2, 3], residualCount: 3, residuals: { _, r in r = [0, 0, 0] }, into: &jacobian)
    }
  }
}
