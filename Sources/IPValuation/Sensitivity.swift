// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// One-at-a-time sensitivity of the deterministic portfolio value: a tornado table.
///
/// Each driver is set to a low and a high setting for every asset at once, everything else at
/// its base:
///
/// | driver | low setting | high setting |
/// |---|---|---|
/// | `royalty` | each asset's `royalty_low` | each asset's `royalty_high` |
/// | `discount_rate` | -2 percentage points, not below 0 | +2 percentage points, not above 1 |
/// | `revenue_growth` | -2 percentage points, at most half-way to -100% | +2 points, at most 1 |
/// | `obsolescence` | -2 points, not below 0 | +2 points, not above 1 |
/// | `invalidity_hazard` | x0.5 | x2, not above 1 |
///
/// The discount rates and growths are each asset's own after the scenario shifts, so that every
/// setting stays within the range a portfolio may give (``ValuationAssumptions``).
///
/// Rows are sorted by swing `|high value - low value|`, largest first (ties in the order above).
public enum Sensitivity {
  /// The tornado table of `portfolio` under `assumptions`.
  ///
  /// - Throws: as ``DeterministicValuation/run(portfolio:assumptions:)``, and
  ///   ``ValuationError`` when the assumptions move an input out of its range.
  public static func tornado(
    portfolio: Portfolio, assumptions: ValuationAssumptions
  ) throws -> Tornado {
    func value(_ assumptions: ValuationAssumptions, _ adjust: (inout Asset) -> Void = { _ in })
      throws -> Double
    {
      var assets = portfolio.assets
      for index in assets.indices { adjust(&assets[index]) }
      let adjusted = try Portfolio(
        assets: assets, currency: portfolio.currency, columnNumbers: portfolio.columnNumbers)
      return try DeterministicValuation.run(portfolio: adjusted, assumptions: assumptions).value
    }
    // The discount rates and growths moved per asset, from their shifted values (each row
    // without the assumptions' shift of its own driver).
    var discountUnshifted = assumptions
    discountUnshifted.discountRateShift = ValuationAssumptions.noShift
    var growthUnshifted = assumptions
    growthUnshifted.revenueGrowthShift = ValuationAssumptions.noShift
    func discountRate(_ asset: Asset) -> Double { assumptions.discountRate(of: asset) }
    func growth(_ asset: Asset) -> Double { assumptions.revenueGrowth(of: asset) }
    let step = 0.02
    var rows: [Tornado.Row] = []
    func add(
      _ driver: String, _ low: String, _ high: String, _ lowValue: Double, _ highValue: Double
    ) {
      rows.append(
        Tornado.Row(
          driver: driver, lowSetting: low, highSetting: high, lowValue: lowValue,
          highValue: highValue))
    }
    add(
      "royalty", "royalty_low", "royalty_high",
      try value(assumptions) { $0.royaltyRate = $0.royaltyLow },
      try value(assumptions) { $0.royaltyRate = $0.royaltyHigh })
    add(
      "discount_rate", "-2 points", "+2 points",
      try value(discountUnshifted) { $0.discountRate = max(0, discountRate($0) - step) },
      try value(discountUnshifted) { $0.discountRate = min(1, discountRate($0) + step) })
    // The low growth steps at most half-way to -100%, so that a valid growth near -1 stays
    // above -1.
    add(
      "revenue_growth", "-2 points", "+2 points",
      try value(growthUnshifted) {
        $0.revenueGrowth = max(growth($0) - step, (growth($0) - 1) / 2)
      },
      try value(growthUnshifted) { $0.revenueGrowth = min(1, growth($0) + step) })
    add(
      "obsolescence", "-2 points", "+2 points",
      try value(assumptions) { $0.obsolescence = max(0, $0.obsolescence - step) },
      try value(assumptions) { $0.obsolescence = min(1, $0.obsolescence + step) })
    add(
      "invalidity_hazard", "x0.5", "x2",
      try value(assumptions) { $0.invalidityHazard *= 0.5 },
      try value(assumptions) { $0.invalidityHazard = min(1, 2 * $0.invalidityHazard) })
    let order = rows.enumerated().sorted { lhs, rhs in
      lhs.element.swing != rhs.element.swing
        ? lhs.element.swing > rhs.element.swing : lhs.offset < rhs.offset
    }
    return Tornado(baseValue: try value(assumptions), rows: order.map(\.element))
  }
}
