// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import Testing

@Suite("Descriptive statistics")
struct DescriptiveTests {
  let sample: [Double] = [3.1, -2.0, 7.5, 0.25, 4.0, 4.0, 10.0, -1.5]

  /// Mean, variance (divisor n - 1) and standard deviation against a direct computation.
  @Test func momentsMatchHandComputation() throws {
    let n = Double(sample.count)
    let mean = sample.reduce(0, +) / n
    let variance = sample.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    #expect(relativelyClose(try Descriptive.mean(sample), 25.35 / 8, 1e-15))
    #expect(relativelyClose(try Descriptive.variance(sample), variance, 1e-14))
    #expect(
      relativelyClose(try Descriptive.standardDeviation(sample), variance.squareRoot(), 1e-14))
    #expect(
      relativelyClose(try Descriptive.weightedMean([1, 2, 3], weights: [3, 1, 1]), 8.0 / 5, 1e-15))
  }

  /// Quantiles by definition 7 equal numpy.quantile's default (linear) on the same sample.
  @Test func quantilesMatchNumpy() throws {
    let expected: [(Double, Double)] = [
      (0, -2.0), (0.1, -1.65), (0.25, -0.1875), (0.5, 3.55), (0.9, 8.25), (1, 10.0),
    ]
    let sorted = try SortedSample(sample)
    for (p, value) in expected {
      #expect(abs(try sorted.quantile(p) - value) < 1e-12, "p = \(p)")
      #expect(abs(try Descriptive.quantile(sample, p) - value) < 1e-12)
    }
    #expect(relativelyClose(sorted.meanAtOrBelow(0.25) ?? 0, (-2.0 - 1.5 + 0.25) / 3, 1e-15))
    #expect(sorted.meanAtOrBelow(-3) == nil)
    // Equal values: their mean is exactly their value, as Descriptive.mean gives it.
    let constant = try SortedSample([Double](repeating: 0.1, count: 7))
    #expect(constant.meanAtOrBelow(0.1) == 0.1)
    #expect(
      constant.meanAtOrBelow(0.1) == (try Descriptive.mean([Double](repeating: 0.1, count: 7))))
    #expect(sorted.fraction { $0 >= 4.0 } == 4.0 / 8)
    #expect(sorted.fraction { $0 >= 100 } == 0)
    #expect(sorted.fraction { $0 * 0.5 >= -1 } == 1)
  }

  /// Empty input is an error, never 0; so is a lone value for a variance, and a bad weight.
  @Test func emptyInputIsAnError() {
    for operation in [Descriptive.mean, Descriptive.median] {
      do {
        _ = try operation([])
        Issue.record("empty input was accepted")
      } catch let error as GSLError {
        #expect(error.kind == .invalidInput)
      } catch {
        Issue.record("unexpected error \(error)")
      }
    }
    #expect(throws: GSLError.self) { try Descriptive.variance([1]) }
    #expect(throws: GSLError.self) { try SortedSample([]) }
    #expect(throws: GSLError.self) { try Descriptive.mean([1, .nan]) }
    #expect(throws: GSLError.self) { try Descriptive.weightedMean([1, 2], weights: [0, 0]) }
    #expect(throws: GSLError.self) { try Descriptive.quantile([1, 2], 1.1) }
  }
}
