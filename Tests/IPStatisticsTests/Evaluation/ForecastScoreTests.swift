// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPStatistics
import Testing

/// The interval score and the CRPS against their definitions and closed forms.
@Suite("Forecast scores")
struct ForecastScoreTests {
  @Test func intervalScoreIsTheWidthPlusTheScaledMiss() {
    // Inside: the width. Below by 0.1 at 80%: width + (2 / 0.2) 0.1. Above by 0.1 at 95%: + 40 0.1.
    #expect(ForecastScore.intervalScore(lower: 1, upper: 2, actual: 1.5, level: 0.8) == 1)
    #expect(
      abs(ForecastScore.intervalScore(lower: 1, upper: 2, actual: 0.9, level: 0.8) - 2) < 1e-12)
    #expect(
      abs(ForecastScore.intervalScore(lower: 1, upper: 2, actual: 2.1, level: 0.95) - 5) < 1e-12)
  }

  @Test func crpsOfOneValueIsTheAbsoluteError() {
    #expect(ForecastScore.crps(sorted: [3], actual: 1) == 2)
  }

  @Test func crpsEqualsTheDoubleSumFormOnASmallSample() {
    let sample = [-1.3, -0.2, 0.4, 0.9, 2.5]
    let y = 0.3
    let n = Double(sample.count)
    var absolute = 0.0
    var pairs = 0.0
    for x in sample {
      absolute += abs(x - y)
      for other in sample { pairs += abs(x - other) }
    }
    let expected = absolute / n - pairs / (2 * n * n)
    #expect(abs(ForecastScore.crps(sorted: sample, actual: y) - expected) < 1e-14)
  }

  @Test func crpsOfManyNormalDrawsIsTheGaussianClosedForm() {
    // CRPS(N(0, 1), y) = y (2 Phi(y) - 1) + 2 phi(y) - 1 / sqrt(pi); at y = 0.5: 0.33136.
    // 200,000 draws: the Monte Carlo error of the mean |X - y| term is about 0.002.
    let generator = RandomGenerator(seed: 7)
    let draws = (0..<200_000).map { _ in generator.standardNormal() }.sorted()
    let y = 0.5
    let phi = exp(-y * y / 2) / (2 * Double.pi).squareRoot()
    let cdf = 0.5 * erfc(-y / 2.0.squareRoot())
    let expected = y * (2 * cdf - 1) + 2 * phi - 1 / Double.pi.squareRoot()
    #expect(abs(ForecastScore.crps(sorted: draws, actual: y) - expected) < 0.006)
  }
}
