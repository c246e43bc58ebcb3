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

  /// The two assets' inputs that the drivers move: (asset A's, asset B's).
  struct Inputs {
    var royalty = (0.05, 0.02)
    var discount = (0.12, 0.15)  // B has none: the default discount rate
    var growth = (0.04, 0.02)
    var obsolescence = (0.01, 0.0)
    var hazard = (0.03, 0.6)
  }

  /// The portfolio value from the formula (``formulaValue``), with A's remaining life
  /// from Foundation's calendar (20 years from filing on 2015-03-10, granted that day) and B's
  /// 10 years (a trademark's default economic life): independent of ``Sensitivity`` and of the
  /// valuation code.
  static func formula(_ inputs: Inputs) -> Double {
    let expiry = FoundationCalendar.adding(years: 20, to: "2015-03-10")
    let lifeA =
      Double(FoundationCalendar.days(from: FoundationCalendar.date("2025-12-31"), to: expiry))
      / 365.25
    let a = formulaValue(
      revenue: 3e9, growth: inputs.growth.0, royalty: inputs.royalty.0,
      obsolescence: inputs.obsolescence.0, hazard: inputs.hazard.0, discount: inputs.discount.0,
      life: lifeA)
    let b = formulaValue(
      revenue: 1e10, growth: inputs.growth.1, royalty: inputs.royalty.1,
      obsolescence: inputs.obsolescence.1, hazard: inputs.hazard.1, discount: inputs.discount.1,
      life: 10)
    return a + b
  }

  /// Each row's values equal the formula at the documented settings (to 1e-12 relative), and
  /// the rows are sorted by swing.
  @Test func rowsAreTheValuesAtEachSettingSortedBySwing() throws {
    let tornado = try Sensitivity.tornado(
      portfolio: try Portfolio(assets: Self.assets), assumptions: Self.assumptions)
    func inputs(_ change: (inout Inputs) -> Void) -> Double {
      var inputs = Inputs()
      change(&inputs)
      return Self.formula(inputs)
    }
    #expect(relativelyClose(tornado.baseValue, Self.formula(Inputs()), 1e-12))
    let expected: [String: (Double, Double)] = [
      "royalty": (
        inputs { $0.royalty = (0.03, 0.015) }, inputs { $0.royalty = (0.06, 0.04) }
      ),
      "discount_rate": (
        inputs { $0.discount = (0.10, 0.13) }, inputs { $0.discount = (0.14, 0.17) }
      ),
      "revenue_growth": (
        inputs { $0.growth = (0.02, 0.0) }, inputs { $0.growth = (0.06, 0.04) }
      ),
      // A's 0.01 - 0.02 stops at 0; B has none and stays at 0 at the low end.
      "obsolescence": (
        inputs { $0.obsolescence = (0, 0) }, inputs { $0.obsolescence = (0.03, 0.02) }
      ),
      // B's hazard 0.6 doubles to at most 1.
      "invalidity_hazard": (
        inputs { $0.hazard = (0.015, 0.3) }, inputs { $0.hazard = (0.06, 1) }
      ),
    ]
    #expect(tornado.rows.count == 5)
    for row in tornado.rows {
      let (low, high) = try #require(expected[row.driver])
      #expect(relativelyClose(row.lowValue, low, 1e-12), "\(row.driver)")
      #expect(relativelyClose(row.highValue, high, 1e-12), "\(row.driver)")
    }
    let swings = tornado.rows.map(\.swing)
    #expect(swings == swings.sorted(by: >))
  }

  /// A valid growth near -100% steps at most half-way to -100% at the low end, so that the
  /// tornado of a valid portfolio never fails: -99.5% goes to -99.75% (not -101.5%), with or
  /// without a shift of the assumptions.
  @Test func aGrowthNearMinusOneStaysAboveIt() throws {
    let asset = sampleAsset(id: "S", revenue: 1e6, growth: -0.995, royalty: 0.05)
    for shift in [0.0, -0.004] {
      var assumptions = Self.assumptions
      assumptions.revenueGrowthShift = shift
      let tornado = try Sensitivity.tornado(
        portfolio: try Portfolio(assets: [asset]), assumptions: assumptions)
      let row = try #require(tornado.rows.first { $0.driver == "revenue_growth" })
      let life =
        Double(
          FoundationCalendar.days(
            from: FoundationCalendar.date("2025-12-31"),
            to: FoundationCalendar.adding(years: 20, to: "2015-03-10"))) / 365.25
      let growth = -0.995 + shift
      let low = formulaValue(
        revenue: 1e6, growth: (growth - 1) / 2, royalty: 0.05, discount: 0.12, life: life)
      // 1 + g is 0.0025 here: a rounding of g (1e-16) is 4e-14 of it, times up to 10 years.
      #expect(relativelyClose(row.lowValue, low, 1e-11), "shift \(shift)")
      #expect(row.lowValue < tornado.baseValue)
    }
  }

  /// Discount rates and growths at the edges of their ranges stay within them: a discount rate
  /// of 1% shifted by -1 point goes to 0 (not -1%), one of 99% to 100%, a growth of 99% to 100%
  /// (not 101%), each from its shifted value.
  @Test func discountRatesAndGrowthsStayInTheirRanges() throws {
    let life =
      Double(
        FoundationCalendar.days(
          from: FoundationCalendar.date("2025-12-31"),
          to: FoundationCalendar.adding(years: 20, to: "2015-03-10"))) / 365.25
    for (discount, shift, low, high) in [
      (0.01, 0.0, 0.0, 0.03), (0.02, -0.01, 0.0, 0.03), (0.99, 0.0, 0.97, 1.0),
    ] {
      var assumptions = Self.assumptions
      assumptions.discountRateShift = shift
      let asset = sampleAsset(id: "S", revenue: 1e6, growth: 0.99, discount: discount)
      let tornado = try Sensitivity.tornado(
        portfolio: try Portfolio(assets: [asset]), assumptions: assumptions)
      let row = try #require(tornado.rows.first { $0.driver == "discount_rate" })
      func formula(_ rate: Double, growth: Double = 0.99) -> Double {
        formulaValue(revenue: 1e6, growth: growth, royalty: 0.05, discount: rate, life: life)
      }
      #expect(relativelyClose(row.lowValue, formula(low), 1e-12), "\(discount) \(shift)")
      #expect(relativelyClose(row.highValue, formula(high), 1e-12), "\(discount) \(shift)")
      let growth = try #require(tornado.rows.first { $0.driver == "revenue_growth" })
      let rate = discount + shift
      #expect(relativelyClose(growth.highValue, formula(rate, growth: 1), 1e-12))
      #expect(relativelyClose(growth.lowValue, formula(rate, growth: 0.97), 1e-12))
    }
  }
}
