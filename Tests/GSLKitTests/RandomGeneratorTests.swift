// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import Testing

/// A distribution with its analytic excess kurtosis, so that the standard error of the sample
/// variance, `sqrt((mu4 - sigma^4) / n)` with `mu4 = sigma^4 (excess + 3)`, is known.
struct MomentCase: CustomTestStringConvertible, Sendable {
  let distribution: Distribution
  let excessKurtosis: Double
  var testDescription: String { distribution.description }
}

@Suite("Random variates")
struct RandomGeneratorTests {
  static let cases: [MomentCase] = {
    func betaExcess(_ a: Double, _ b: Double) -> Double {
      6 * ((a - b) * (a - b) * (a + b + 1) - a * b * (a + b + 2))
        / (a * b * (a + b + 2) * (a + b + 3))
    }
    let s2 = 0.25 * 0.25
    let lognormalExcess = exp(4 * s2) + 2 * exp(3 * s2) + 3 * exp(2 * s2) - 6
    let pert = Distribution.pertShapes(minimum: 0.02, mode: 0.05, maximum: 0.10)
    do {
      return [
        MomentCase(distribution: try .uniform(lower: -1, upper: 3), excessKurtosis: -1.2),
        MomentCase(distribution: try .normal(mean: 2, standardDeviation: 3), excessKurtosis: 0),
        MomentCase(
          distribution: try .lognormal(logMean: 0.5, logStandardDeviation: 0.25),
          excessKurtosis: lognormalExcess),
        MomentCase(distribution: try .exponential(mean: 2), excessKurtosis: 6),
        MomentCase(distribution: try .gamma(shape: 2.5, scale: 3), excessKurtosis: 6 / 2.5),
        MomentCase(distribution: try .beta(alpha: 2, beta: 5), excessKurtosis: betaExcess(2, 5)),
        MomentCase(
          distribution: try .triangular(minimum: 1, mode: 2, maximum: 5), excessKurtosis: -0.6),
        MomentCase(
          distribution: try .pert(minimum: 0.02, mode: 0.05, maximum: 0.10),
          excessKurtosis: betaExcess(pert.alpha, pert.beta)),
        MomentCase(
          distribution: try .bernoulli(probability: 0.3),
          excessKurtosis: (1 - 6 * 0.3 * 0.7) / (0.3 * 0.7)),
        MomentCase(distribution: try .geometric(probability: 0.2), excessKurtosis: 6 + 0.04 / 0.8),
        MomentCase(distribution: try .studentT(degreesOfFreedom: 10), excessKurtosis: 1),
        MomentCase(distribution: try .chiSquared(degreesOfFreedom: 4), excessKurtosis: 3),
      ]
    } catch {
      return []
    }
  }()

  /// The sample mean and variance of 10^6 seeded draws lie within 4 standard errors of the
  /// analytic values.
  @Test(arguments: cases)
  func momentsMatch(_ moment: MomentCase) {
    let n = 1_000_000
    let generator = RandomGenerator(seed: 20_251_231, stream: 7)
    let draws = generator.sample(moment.distribution, count: n)
    let mean = moment.distribution.mean
    let variance = moment.distribution.variance
    var sum = 0.0
    for x in draws { sum += x }
    let sampleMean = sum / Double(n)
    var squares = 0.0
    for x in draws { squares += (x - sampleMean) * (x - sampleMean) }
    let sampleVariance = squares / Double(n - 1)

    let meanSE = (variance / Double(n)).squareRoot()
    let varianceSE = (variance * variance * (moment.excessKurtosis + 2) / Double(n)).squareRoot()
    #expect(abs(sampleMean - mean) <= 4 * meanSE, "mean \(sampleMean) vs \(mean), se \(meanSE)")
    #expect(
      abs(sampleVariance - variance) <= 4 * varianceSE,
      "variance \(sampleVariance) vs \(variance), se \(varianceSE)")
  }

  /// The same seed and stream give the same sequence, bulk or one at a time; other streams and
  /// other seeds differ.
  @Test func streamsAreReproducibleAndDistinct() throws {
    let normal = try Distribution.normal()
    let first = RandomGenerator(seed: 42, stream: 3).sample(normal, count: 1000)
    let again = RandomGenerator(seed: 42, stream: 3)
    let oneByOne = (0..<1000).map { _ in again.next(normal) }
    #expect(first == oneByOne)
    let otherStream = RandomGenerator(seed: 42, stream: 4).sample(normal, count: 1000)
    let otherSeed = RandomGenerator(seed: 43, stream: 3).sample(normal, count: 1000)
    #expect(first != otherStream)
    #expect(first != otherSeed)
    // Different streams are not shifted copies of each other: no common values at all.
    #expect(Set(first).isDisjoint(with: Set(otherStream)))
    // Independent streams: the sample correlation of 10^5 paired draws is within 4 / sqrt(n) of 0.
    let n = 100_000
    let a = RandomGenerator(seed: 42, stream: 0).sample(normal, count: n)
    let b = RandomGenerator(seed: 42, stream: 1).sample(normal, count: n)
    let correlation = zip(a, b).reduce(0.0) { $0 + $1.0 * $1.1 } / Double(n)
    #expect(abs(correlation) < 4 / Double(n).squareRoot())
  }

  /// A strided fill writes the draws of a contiguous fill, `stride` apart, and nothing else.
  @Test func stridedFillSpreadsTheContiguousDraws() throws {
    let contiguous = RandomGenerator(seed: 5, stream: 2).sample(try .normal(), count: 100)
    var strided = [Double](repeating: .infinity, count: 100 * 7 - 3)
    strided.withUnsafeMutableBufferPointer {
      RandomGenerator(seed: 5, stream: 2).fillStandardNormal($0, count: 100, stride: 7)
    }
    for (index, value) in strided.enumerated() {
      if index % 7 == 0 {
        #expect(value == contiguous[index / 7])
      } else {
        #expect(value == .infinity)
      }
    }
  }

  /// For one root seed, the first 10^5 stream indices get 10^5 different GSL seeds.
  @Test func streamSeedsAreDistinct() {
    for root: UInt64 in [0, 1, 57, .max] {
      let seeds = Set((0..<UInt64(100_000)).map { RandomGenerator.gslSeed(root: root, stream: $0) })
      #expect(seeds.count == 100_000)
    }
  }

  /// Every algorithm produces draws in [0, 1) and is reproducible.
  @Test(arguments: RandomGenerator.Algorithm.allCases)
  func algorithms(_ algorithm: RandomGenerator.Algorithm) {
    let a = RandomGenerator(seed: 9, algorithm: algorithm)
    let b = RandomGenerator(seed: 9, algorithm: algorithm)
    let draws = (0..<1000).map { _ in a.uniform() }
    #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
    #expect(draws == (0..<1000).map { _ in b.uniform() })
  }
}
