// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// The per-asset table of a valuation (`ipfin value --per-asset FILE`), as RFC 4180 CSV.
///
/// Columns: `id,right,office,remaining_life,deterministic_value,mean,sd,p05,p50,p95,`
/// `share_of_portfolio`, and with a loan `eligible`. `remaining_life` is `L` in years; `mean`,
/// `sd`, `p05`, `p50`, `p95` are those of the asset's simulated whole-life values (empty without
/// a simulation, and the quantiles empty when they were not computed); `share_of_portfolio` is
/// `max(0, mean_i) / sum_j max(0, mean_j)` (the deterministic values without a simulation), as
/// in `hhi`, empty when that sum is 0; `eligible` is `true` when the right's life lasts the
/// loan's tenor and time to sell (``Loan/isEligible(remainingLife:)``), `false` otherwise.
/// Numbers are written exactly (the shortest text that reads back as the same double).
public enum PerAssetTable {
  /// The column names.
  public static let columns = [
    "id", "right", "office", "remaining_life", "deterministic_value", "mean", "sd", "p05", "p50",
    "p95", "share_of_portfolio",
  ]

  /// The column added with a loan.
  public static let eligibilityColumn = "eligible"

  /// The table of a Monte Carlo valuation.
  public static func csv(_ result: ValuationResult) -> String {
    let total = result.assets.reduce(0) { $0 + max(0, $1.mean) }
    return csv(
      result.assets.map { asset in
        (
          asset.terms,
          [
            asset.mean, asset.standardDeviation, asset.quantiles?.p05 ?? .nan,
            asset.quantiles?.p50 ?? .nan, asset.quantiles?.p95 ?? .nan,
            share(asset.mean, of: total),
          ]
        )
      }, eligibility: result.loan == nil ? nil : result.assets.map(\.isEligible))
  }

  /// The table of a deterministic valuation: the simulation's columns are empty.
  public static func csv(_ result: DeterministicResult) -> String {
    let total = result.value
    return csv(
      result.assets.map { asset in
        (asset, [.nan, .nan, .nan, .nan, .nan, share(asset.deterministicValue, of: total)])
      })
  }

  /// `max(0, value) / total`, NaN when `total` is 0: a simulated mean can fall a little below 0
  /// by chance (a path's realised value can be negative), and counts as 0, as in `hhi`.
  private static func share(_ value: Double, of total: Double) -> Double {
    total == 0 ? .nan : max(0, value) / total
  }

  private static func csv(_ rows: [(AssetValue, [Double])], eligibility: [Bool]? = nil)
    -> String
  {
    var writer = CSVWriter(header: columns + (eligibility == nil ? [] : [eligibilityColumn]))
    for (index, (asset, figures)) in rows.enumerated() {
      writer.appendRow(
        [asset.id, asset.right.rawValue, asset.office.rawValue]
          + ([asset.remainingLife, asset.deterministicValue] + figures).map(NumberFormatting.exact)
          + (eligibility.map { [$0[index] ? "true" : "false"] } ?? []))
    }
    return writer.text
  }
}
