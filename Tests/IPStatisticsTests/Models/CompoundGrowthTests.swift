// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPStatistics
import Testing

/// The compound annual growth rate against closed forms.
@Suite("Compound growth")
struct CompoundGrowthTests {
  @Test func rateIsTheRootOfTheGrowthFactor() {
    // 100 -> 121 in 2 years: sqrt(1.21) - 1 = 0.1; 1000 -> 125 in 3 years: 0.5 - 1 = -0.5.
    #expect(relativelyClose(CompoundGrowth.annualRate(from: 100, to: 121, years: 2), 0.1, 1e-14))
    #expect(
      relativelyClose(CompoundGrowth.annualRate(from: 1000, to: 125, years: 3), -0.5, 1e-15))
    // One year: the plain ratio.
    #expect(CompoundGrowth.annualRate(from: 4, to: 5, years: 1) == 0.25)
  }

  @Test(arguments: [(71.0, 4_529.0, 35), (3_904.0, 2_960.0, 7), (1.5e5, 1.5e5, 12)])
  func compoundingAtTheRateGivesTheEndValue(start: Double, end: Double, years: Int) {
    let rate = CompoundGrowth.annualRate(from: start, to: end, years: years)
    #expect(relativelyClose(start * pow(1 + rate, Double(years)), end, 1e-13))
  }

  @Test func aZeroStartHasNoFiniteRate() {
    #expect(!CompoundGrowth.annualRate(from: 0, to: 10, years: 5).isFinite)
  }
}
