// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import Testing

/// A pair of beta shapes, for parameterised tests.
struct BetaShapes: CustomTestStringConvertible, Sendable {
  let alpha: Double
  let beta: Double
  var testDescription: String { "Beta(\(alpha), \(beta))" }
}

@Suite("Beta variates from BetaSampler's tables")
struct BetaSamplerTests {
  /// PERT shapes (they add up to 6: a typical royalty range, a mode at either end, a symmetric
  /// one), the flat density, and larger shapes whose narrow peak puts more of the hat in caps,
  /// up to the largest the sampler takes (adding up to 1,000).
  static let shapes: [BetaShapes] = [
    BetaShapes(alpha: 2.6, beta: 3.4), BetaShapes(alpha: 1, beta: 5), BetaShapes(alpha: 5, beta: 1),
    BetaShapes(alpha: 3, beta: 3), BetaShapes(alpha: 1, beta: 1), BetaShapes(alpha: 40, beta: 60),
    BetaShapes(alpha: 1.0001, beta: 1.5), BetaShapes(alpha: 400, beta: 600),
  ]

  static let n = 1_000_000

  static func draws(_ shapes: BetaShapes, stream: UInt64) throws -> [Double] {
    let sampler = try BetaSampler(alpha: shapes.alpha, beta: shapes.beta)
    let generator = RandomGenerator(seed: 20_251_231, stream: stream)
    var values = [Double](repeating: .nan, count: n)
    values.withUnsafeMutableBufferPointer { generator.fill($0, from: sampler) }
    return values
  }

  /// The sample mean and variance of 10^6 draws lie within 4 standard errors of the beta
  /// distribution's (GSLKit's `Distribution` moments; the variance's standard error from the
  /// beta's excess kurtosis).
  @Test(arguments: shapes)
  func momentsMatch(_ shapes: BetaShapes) throws {
    let (a, b) = (shapes.alpha, shapes.beta)
    let distribution = try Distribution.beta(alpha: a, beta: b)
    let values = try Self.draws(shapes, stream: 1)
    #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
    let mean = try Descriptive.mean(values)
    let variance = try Descriptive.variance(values)
    let excess =
      6 * ((a - b) * (a - b) * (a + b + 1) - a * b * (a + b + 2))
      / (a * b * (a + b + 2) * (a + b + 3))
    let n = Double(Self.n)
    let meanSE = (distribution.variance / n).squareRoot()
    let varianceSE = (distribution.variance * distribution.variance * (excess + 2) / n).squareRoot()
    #expect(abs(mean - distribution.mean) <= 4 * meanSE, "mean \(mean) vs \(distribution.mean)")
    #expect(
      abs(variance - distribution.variance) <= 4 * varianceSE,
      "variance \(variance) vs \(distribution.variance)")
  }

  /// The Kolmogorov-Smirnov distance between 10^6 draws and the beta CDF (GSL's
  /// `gsl_cdf_beta_P`) is below 1.95 / sqrt(n), its 0.1% critical value; and the counts in 1,000
  /// bins of equal probability (edges from the beta quantile function) give a chi-squared
  /// statistic within 4 standard deviations (sqrt(2 df)) of its 999 degrees of freedom, which
  /// would catch a wrong density on a few of the sampler's 256 strips that the KS distance may
  /// miss.
  @Test(arguments: shapes)
  func distributionMatches(_ shapes: BetaShapes) throws {
    let distribution = try Distribution.beta(alpha: shapes.alpha, beta: shapes.beta)
    let sorted = try Self.draws(shapes, stream: 2).sorted()
    let n = Double(sorted.count)
    var distance = 0.0
    for (index, x) in sorted.enumerated() {
      let cdf = distribution.cdf(x)
      distance = max(distance, cdf - Double(index) / n, Double(index + 1) / n - cdf)
    }
    #expect(distance < 1.95 / n.squareRoot(), "KS distance \(distance)")

    let bins = 1000
    let edges = try (1..<bins).map { try distribution.quantile(Double($0) / Double(bins)) }
    var counts = [Int](repeating: 0, count: bins)
    var bin = 0
    for x in sorted {
      while bin < edges.count && x >= edges[bin] { bin += 1 }
      counts[bin] += 1
    }
    let expected = n / Double(bins)
    let chiSquared = counts.reduce(0.0) {
      $0 + (Double($1) - expected) * (Double($1) - expected) / expected
    }
    let df = Double(bins - 1)
    #expect(abs(chiSquared - df) <= 4 * (2 * df).squareRoot(), "chi-squared \(chiSquared)")
  }

  /// One generator gives the same sequence one draw at a time or in bulk; other streams differ.
  @Test func drawsAreReproducible() throws {
    let sampler = try BetaSampler(alpha: 2, beta: 4)
    let first = RandomGenerator(seed: 7, stream: 3)
    let oneByOne = (0..<10_000).map { _ in first.next(sampler) }
    var bulk = [Double](repeating: 0, count: 10_000)
    bulk.withUnsafeMutableBufferPointer {
      RandomGenerator(seed: 7, stream: 3).fill($0, from: sampler)
    }
    #expect(oneByOne == bulk)
    let other = RandomGenerator(seed: 7, stream: 4)
    #expect((0..<10_000).map { _ in other.next(sampler) } != oneByOne)
  }

  /// Shapes below 1 (an unbounded density), shapes adding up to more than 1,000 (a density
  /// that underflows) and non-finite shapes are refused.
  @Test func refusesShapesBelowOne() {
    let refused = [
      (0.5, 2.0), (2.0, 0.99), (0, 1), (Double.infinity, 2), (2, Double.nan), (600, 600),
      (1, 1000),
    ]
    for (a, b) in refused {
      #expect(throws: GSLError.self) { try BetaSampler(alpha: a, beta: b) }
    }
  }
}
