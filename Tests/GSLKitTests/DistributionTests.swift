// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import Testing

@Suite("CDFs and quantile functions")
struct DistributionTests {
  static let continuous: [Distribution] = {
    do {
      return [
        try .normal(mean: 0, standardDeviation: 1),
        try .normal(mean: 3, standardDeviation: 0.2),
        try .studentT(degreesOfFreedom: 1),
        try .studentT(degreesOfFreedom: 4.5),
        try .studentT(degreesOfFreedom: 30),
        try .chiSquared(degreesOfFreedom: 1),
        try .chiSquared(degreesOfFreedom: 7),
        try .lognormal(logMean: 1, logStandardDeviation: 0.5),
        try .lognormal(logMean: -2, logStandardDeviation: 1.5),
        try .beta(alpha: 2.5, beta: 4),
        try .beta(alpha: 0.5, beta: 0.5),
        try .beta(alpha: 30, beta: 2),
        try .gamma(shape: 2.5, scale: 3),
        try .exponential(mean: 2),
        try .uniform(lower: -1, upper: 3),
        try .triangular(minimum: 1, mode: 2, maximum: 5),
        try .pert(minimum: 0.02, mode: 0.05, maximum: 0.10),
      ]
    } catch {
      return []
    }
  }()

  static let grid: [Double] =
    [1e-6, 1e-4, 0.001, 0.01, 0.025, 0.05] + stride(from: 0.1, through: 0.9, by: 0.1).map { $0 }
    + [0.95, 0.975, 0.99, 0.999, 0.9999]

  /// `cdf(quantile(p)) = p` to 1e-10 on a grid of probabilities.
  @Test(arguments: continuous)
  func quantileInvertsCDF(distribution: Distribution) throws {
    #expect(!Self.continuous.isEmpty)
    for p in Self.grid {
      let x = try distribution.quantile(p)
      #expect(abs(distribution.cdf(x) - p) <= 1e-10, "\(distribution) p = \(p): x = \(x)")
    }
  }

  /// Tabulated values: reference values from scipy.stats 1.17.1 (an independent implementation).
  @Test func tabulatedValues() throws {
    // GSL returns 1.9599639845400536, two ulps from the tabulated 1.959963984540054: 15 digits.
    #expect(relativelyClose(try Distribution.normal().quantile(0.975), 1.959963984540054, 1e-15))
    #expect(relativelyClose(try Distribution.normal().cdf(-1), 0.15865525393145707, 1e-14))
    #expect(
      relativelyClose(
        try Distribution.studentT(degreesOfFreedom: 10).quantile(0.975), 2.228138851986274, 1e-12))
    #expect(
      relativelyClose(
        try Distribution.studentT(degreesOfFreedom: 1).quantile(0.975), 12.706204736174694, 1e-12))
    #expect(
      relativelyClose(
        try Distribution.studentT(degreesOfFreedom: 4).cdf(2.5), 0.966616727594006, 1e-12))
    #expect(
      relativelyClose(
        try Distribution.chiSquared(degreesOfFreedom: 1).quantile(0.95), 3.841458820694124, 1e-12))
    #expect(
      relativelyClose(
        try Distribution.chiSquared(degreesOfFreedom: 10).quantile(0.95), 18.307038053275146, 1e-12)
    )
    #expect(
      relativelyClose(
        try Distribution.chiSquared(degreesOfFreedom: 5).cdf(3), 0.3000141641213724, 1e-12))
    let lognormal = try Distribution.lognormal(logMean: 1, logStandardDeviation: 0.5)
    #expect(relativelyClose(try lognormal.quantile(0.9), 5.159170355622591, 1e-12))
    #expect(relativelyClose(lognormal.cdf(3), 0.5781741008028732, 1e-12))
    let beta = try Distribution.beta(alpha: 2.5, beta: 4)
    #expect(relativelyClose(try beta.quantile(0.3), 0.2740342469010002, 1e-10))
    #expect(relativelyClose(beta.cdf(0.3), 0.3521975859067672, 1e-12))
  }

  /// Closed forms of the triangular and PERT distributions.
  @Test func triangularAndPERTClosedForms() throws {
    let triangular = try Distribution.triangular(minimum: 1, mode: 2, maximum: 5)
    // F(2) = (2 - 1)^2 / ((5 - 1)(2 - 1)) = 0.25; mean 8/3; variance (1 + 25 + 4 - 5 - 2 - 10) / 18.
    #expect(abs(triangular.cdf(2) - 0.25) < 1e-15)
    #expect(abs(triangular.mean - 8.0 / 3) < 1e-15)
    #expect(abs(triangular.variance - 13.0 / 18) < 1e-15)
    let pert = try Distribution.pert(minimum: 0.02, mode: 0.05, maximum: 0.10)
    #expect(abs(pert.mean - (0.02 + 4 * 0.05 + 0.10) / 6) < 1e-15)
    let shapes = Distribution.pertShapes(minimum: 0.02, mode: 0.05, maximum: 0.10)
    #expect(abs(shapes.alpha - 2.5) < 1e-12 && abs(shapes.beta - 3.5) < 1e-12)
    let fixed = try Distribution.pert(minimum: 0.05, mode: 0.05, maximum: 0.05)
    #expect(fixed.mean == 0.05 && fixed.variance == 0)
    #expect(try fixed.quantile(0.3) == 0.05)
  }

  /// Invalid parameters are rejected in Swift with a validation error.
  @Test func invalidParametersAreRejected() {
    #expect(throws: GSLError.self) { try Distribution.normal(mean: 0, standardDeviation: 0) }
    #expect(throws: GSLError.self) { try Distribution.normal(mean: .nan, standardDeviation: 1) }
    #expect(throws: GSLError.self) {
      try Distribution.lognormal(logMean: 0, logStandardDeviation: -1)
    }
    #expect(throws: GSLError.self) { try Distribution.gamma(shape: 0, scale: 1) }
    #expect(throws: GSLError.self) { try Distribution.beta(alpha: 1, beta: -2) }
    #expect(throws: GSLError.self) { try Distribution.bernoulli(probability: 1.2) }
    #expect(throws: GSLError.self) { try Distribution.bernoulli(probability: -0.1) }
    #expect(throws: GSLError.self) { try Distribution.pert(minimum: 0.1, mode: 0.05, maximum: 0.2) }
    #expect(throws: GSLError.self) { try Distribution.triangular(minimum: 1, mode: 1, maximum: 1) }
    #expect(throws: GSLError.self) { try Distribution.uniform(lower: 2, upper: 1) }
    do {
      _ = try Distribution.normal().quantile(1.5)
      Issue.record("a probability of 1.5 was accepted")
    } catch let error as GSLError {
      #expect(error.kind == .invalidInput)
      #expect(error.code == nil)
      #expect(error.description.contains("[0, 1]"))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }
}
