// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import Testing

/// One NIST StRD nonlinear regression problem read from its `.dat` file.
struct NISTProblem {
  let name: String
  let starts: [[Double]]  // Start 1, Start 2
  let certifiedParameters: [Double]
  let certifiedStandardDeviations: [Double]
  let certifiedResidualSumOfSquares: Double
  let certifiedResidualStandardDeviation: Double
  let x: [Double]
  let y: [Double]

  /// Parses the NIST file format: lines `  bK = start1 start2 certified sd`, the residual sum of
  /// squares and standard deviation lines, and the data after the `Data:   y   x` line.
  init(name: String) throws {
    self.name = name
    let text = try String(
      contentsOf: resourcesDirectory.appendingPathComponent("\(name).dat"), encoding: .utf8)
    var starts: [[Double]] = [[], []]
    var parameters: [Double] = []
    var deviations: [Double] = []
    var rss = Double.nan
    var residualSD = Double.nan
    var x: [Double] = []
    var y: [Double] = []
    var inData = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\r" })
      if inData {
        if words.count == 2, let yi = Double(words[0]), let xi = Double(words[1]) {
          y.append(yi)
          x.append(xi)
        }
        continue
      }
      if words.count == 6, words[0].hasPrefix("b"), words[1] == "=" {
        starts[0].append(Double(words[2]) ?? .nan)
        starts[1].append(Double(words[3]) ?? .nan)
        parameters.append(Double(words[4]) ?? .nan)
        deviations.append(Double(words[5]) ?? .nan)
      } else if line.hasPrefix("Residual Sum of Squares:") {
        rss = Double(words.last ?? "") ?? .nan
      } else if line.hasPrefix("Residual Standard Deviation:") {
        residualSD = Double(words.last ?? "") ?? .nan
      } else if words.first == "Data:", words.count == 3, words[1] == "y", words[2] == "x" {
        inData = true
      }
    }
    self.starts = starts
    self.certifiedParameters = parameters
    self.certifiedStandardDeviations = deviations
    self.certifiedResidualSumOfSquares = rss
    self.certifiedResidualStandardDeviation = residualSD
    self.x = x
    self.y = y
  }
}

/// A NIST model `f(x; b)` with its analytic gradient in `b`.
struct NISTModel: Sendable {
  let name: String
  let observations: Int
  let value: @Sendable (Double, [Double]) -> Double
  let gradient: @Sendable (Double, [Double], inout [Double]) -> Void

  static let all: [NISTModel] = [
    // Misra1a and BoxBOD: y = b1 (1 - exp(-b2 x)).
    NISTModel(
      name: "Misra1a", observations: 14, value: exponentialRise, gradient: exponentialRiseGradient),
    NISTModel(
      name: "BoxBOD", observations: 6, value: exponentialRise, gradient: exponentialRiseGradient),
    // Rat42: y = b1 / (1 + exp(b2 - b3 x)).
    NISTModel(
      name: "Rat42", observations: 9,
      value: { x, b in b[0] / (1 + exp(b[1] - b[2] * x)) },
      gradient: { x, b, g in
        let e = exp(b[1] - b[2] * x)
        let d = 1 + e
        g[0] = 1 / d
        g[1] = -b[0] * e / (d * d)
        g[2] = b[0] * e * x / (d * d)
      }),
    // Chwirut2: y = exp(-b1 x) / (b2 + b3 x).
    NISTModel(
      name: "Chwirut2", observations: 54,
      value: { x, b in exp(-b[0] * x) / (b[1] + b[2] * x) },
      gradient: { x, b, g in
        let e = exp(-b[0] * x)
        let d = b[1] + b[2] * x
        g[0] = -x * e / d
        g[1] = -e / (d * d)
        g[2] = -x * e / (d * d)
      }),
    // DanWood: y = b1 x^b2.
    NISTModel(
      name: "DanWood", observations: 6,
      value: { x, b in b[0] * pow(x, b[1]) },
      gradient: { x, b, g in
        let p = pow(x, b[1])
        g[0] = p
        g[1] = b[0] * p * log(x)
      }),
  ]
}

private let exponentialRise: @Sendable (Double, [Double]) -> Double = { x, b in
  b[0] * (1 - exp(-b[1] * x))
}
private let exponentialRiseGradient: @Sendable (Double, [Double], inout [Double]) -> Void = {
  x, b, g in
  let e = exp(-b[1] * x)
  g[0] = 1 - e
  g[1] = b[0] * x * e
}

@Suite("Nonlinear least squares against NIST StRD certified values")
struct NISTNonlinearTests {
  static let cases: [(String, Int, Bool)] = NISTModel.all.flatMap { model in
    [(model.name, 0, true), (model.name, 1, true), (model.name, 0, false), (model.name, 1, false)]
  }

  /// From each NIST start, with the analytic and with the finite-difference Jacobian: the
  /// certified parameters to at least 6 significant digits, the certified standard deviations,
  /// residual sum of squares and residual standard deviation to at least 4.
  @Test(arguments: cases)
  func certifiedValues(name: String, start: Int, analytic: Bool) throws {
    let problem = try NISTProblem(name: name)
    let model = try #require(NISTModel.all.first { $0.name == name })
    #expect(problem.x.count == model.observations)
    #expect(problem.certifiedParameters.count == problem.starts[start].count)

    let fit = try NonlinearLeastSquares.fitCurve(
      x: problem.x, y: problem.y, start: problem.starts[start],
      model: model.value, gradient: analytic ? model.gradient : nil)

    for (k, certified) in problem.certifiedParameters.enumerated() {
      let digits = significantDigits(fit.parameters[k], certified)
      #expect(
        digits >= 6, "\(name) start \(start + 1) b\(k + 1): \(fit.parameters[k]) vs \(certified)")
    }
    for (k, certified) in problem.certifiedStandardDeviations.enumerated() {
      let digits = significantDigits(fit.standardErrors[k], certified)
      #expect(
        digits >= 4,
        "\(name) start \(start + 1) sd(b\(k + 1)): \(fit.standardErrors[k]) vs \(certified)")
    }
    #expect(significantDigits(fit.residualSumOfSquares, problem.certifiedResidualSumOfSquares) >= 4)
    #expect(
      significantDigits(fit.residualStandardDeviation, problem.certifiedResidualStandardDeviation)
        >= 4)
    #expect(fit.degreesOfFreedom == problem.x.count - problem.certifiedParameters.count)
  }
}
