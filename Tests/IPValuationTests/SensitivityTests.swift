// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPValuation
import Testing

@Suite("Tornado sensitivity of the deterministic value")
struct SensitivityTests {
  static let assets = [
    sampleAsset(
      id: "A", revenue: 3e9, growth: 0.04, royalty: 0.05, low: 0.03, high: 0.06, discount: 0.12,
      obsolescence: 0.01, hazard: 0.03),
    sampleAsset(
      id: "B", right: .trademark, revenue: 1e10, growth: 0.02, royalty: 0.02, low: 0.015,
      high: 0.04, discount: nil, hazard: 0.6),
  ]
  static let assumptions = ValuationAssumptions(valuationDate: date("2025-12-31"))

  /// The deterministic value with the assets changed by `change`, computed from scratch.
  static func value(
    _ assumptions: ValuationAssumptions = assumptions, _ change: (inout Asset) -> Void = { _ in }
  ) throws -> Double {
    var assets = Self.assets
    for index in assets.indices { change(&assets[index]) }
    return try DeterministicValuation.run(
      portfolio: try Portfolio(assets: assets), assumptions: assumptions
    ).value
  }

  @Test func rowsAreTheValuesAtEachSettingSortedBySwing() throws {
    let tornado = try Sensitivity.tornado(
      portfolio: try Portfolio(assets: Self.assets), assumptions: Self.assumptions)
    #expect(tornado.baseValue == (try Self.value()))
    var discountDown = Self.assumptions
    discountDown.discountRateShift = -0.02
    var discountUp = Self.assumptions
    discountUp.discountRateShift = 0.02
    var growthDown = Self.assumptions
    growthDown.revenueGrowthShift = -0.02
    var growthUp = Self.assumptions
    growthUp.revenueGrowthShift = 0.02
    let expected: [String: (Double, Double)] = [
      "royalty": (
        try Self.value { $0.royaltyRate = $0.royaltyLow },
        try Self.value { $0.royaltyRate = $0.royaltyHigh }
      ),
      "discount_rate": (try Self.value(discountDown), try Self.value(discountUp)),
      "revenue_growth": (try Self.value(growthDown), try Self.value(growthUp)),
      // Obsolescence 0.01 - 0.02 stops at 0 for A; B has none, so stays at 0 at the low end.
      "obsolescence": (
        try Self.value { $0.obsolescence = max(0, $0.obsolescence - 0.02) },
        try Self.value { $0.obsolescence += 0.02 }
      ),
      // B's hazard 0.6 doubles to at most 1.
      "invalidity_hazard": (
        try Self.value { $0.invalidityHazard /= 2 },
        try Self.value { $0.invalidityHazard = min(1, 2 * $0.invalidityHazard) }
      ),
    ]
    #expect(tornado.rows.count == 5)
    for row in tornado.rows {
      let (low, high) = try #require(expected[row.driver])
      #expect(row.lowValue == low, "\(row.driver)")
      #expect(row.highValue == high, "\(row.driver)")
    }
    let swings = tornado.rows.map(\.swing)
    #expect(swings == swings.sorted(by: >))
    // Higher discount rates and hazards lower the value; higher royalties and growth raise it.
    let rows = Dictionary(uniqueKeysWithValues: tornado.rows.map { ($0.driver, $0) })
    #expect((rows["discount_rate"]?.highValue ?? 0) < tornado.baseValue)
    #expect((rows["royalty"]?.highValue ?? 0) > tornado.baseValue)
    #expect((rows["invalidity_hazard"]?.highValue ?? .infinity) < tornado.baseValue)
  }
}
