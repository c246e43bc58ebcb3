// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPValuation

/// Scenarios side by side: one row per scenario (the first is the baseline), with stable
/// columns and each key figure's change against the baseline.
///
/// Columns, in order:
/// 1. `scenario`, `description`;
/// 2. for each projected series (in order of first appearance) and each of the years 2030 and
///    the final year (every final year any scenario uses): `{right}_{year}`,
///    `{right}_{year}_lo95`, `{right}_{year}_hi95`; then `{right}_cagr`, the compound annual
///    growth of the median from the last observed year to the final year;
/// 3. the valuation metrics ``valuationMetrics``;
/// 4. for each key figure ``keyFigures(seriesColumns:)``, `{figure}_vs_baseline_pct`:
///    `100 (x - baseline) / |baseline|` (0 when both are 0, empty when only the baseline is 0
///    or either is missing).
///
/// A scenario without a projection or without a valuation leaves those columns empty.
public struct Comparison: Sendable {
  /// The valuation metric columns, with the names `ipfin value` uses.
  public static let valuationMetrics = [
    "market_value_mean", "market_value_p05", "market_value_p50", "market_value_p95",
    "orderly_liquidation_value", "forced_liquidation_value", "collateral_value",
    "lending_value", "var95", "es95", "hhi", "loan_amount", "coverage_orderly",
    "coverage_forced", "default_probability", "collateral_at_default_mean",
    "collateral_at_default_p10", "lgd_mean", "lgd_p90", "expected_credit_loss",
    "expected_credit_loss_rate", "expected_credit_loss_12m", "unexpected_loss99",
  ]

  /// The valuation figures whose change against the baseline is shown.
  public static let valuationKeyFigures = [
    "market_value_mean", "market_value_p05", "orderly_liquidation_value",
    "forced_liquidation_value", "collateral_value", "lending_value", "var95", "es95",
    "collateral_at_default_mean", "expected_credit_loss",
  ]

  /// The year every projection is reported at besides its final year.
  public static let milestoneYear = 2030

  /// The column names.
  public let columns: [String]
  /// One row per scenario: text cells for `scenario` and `description`, numbers (NaN when
  /// empty) for the rest, as ``cells``.
  public let rows: [[Cell]]

  /// A cell of the comparison.
  public enum Cell: Sendable, Equatable {
    /// Text.
    case text(String)
    /// A number; NaN for an empty cell.
    case number(Double)

    /// The cell as CSV text (numbers exact, NaN empty).
    public var csv: String {
      switch self {
      case let .text(text): return text
      case let .number(value): return NumberFormatting.exact(value)
      }
    }

    /// The number, or NaN for text.
    public var number: Double {
      if case let .number(value) = self { return value }
      return .nan
    }
  }

  /// Builds the comparison of `summaries`, the first being the baseline.
  public init(_ summaries: [ScenarioSummary]) {
    var rights: [String] = []
    var years: [Int] = [Comparison.milestoneYear]
    for summary in summaries {
      for series in summary.series {
        if !rights.contains(series.right) { rights.append(series.right) }
        if !years.contains(series.finalYear) { years.append(series.finalYear) }
      }
    }
    years.sort()
    var seriesColumns: [String] = []
    var finalColumns: [String] = []
    for right in rights {
      for year in years {
        seriesColumns += ["\(right)_\(year)", "\(right)_\(year)_lo95", "\(right)_\(year)_hi95"]
      }
      seriesColumns.append("\(right)_cagr")
      // The key figure of a series: its value at each final year used.
      let finals = Set(
        summaries.flatMap { $0.series.filter { $0.right == right }.map(\.finalYear) })
      finalColumns += finals.sorted().map { "\(right)_\($0)" }
    }
    let keyFigures = finalColumns + Comparison.valuationKeyFigures
    let columns =
      ["scenario", "description"] + seriesColumns + Comparison.valuationMetrics
      + keyFigures.map { "\($0)_vs_baseline_pct" }

    var values: [[String: Double]] = []
    for summary in summaries {
      var row: [String: Double] = [:]
      for series in summary.series {
        for year in years {
          guard let point = series.points[year] else { continue }
          row["\(series.right)_\(year)"] = point.value
          row["\(series.right)_\(year)_lo95"] = point.low95
          row["\(series.right)_\(year)_hi95"] = point.high95
        }
        row["\(series.right)_cagr"] = series.compoundAnnualGrowth
      }
      for (name, value) in summary.valuation ?? [:] { row[name] = value }
      values.append(row)
    }
    let baseline = values.first ?? [:]
    var rows: [[Cell]] = []
    for (index, summary) in summaries.enumerated() {
      var cells: [Cell] = [.text(summary.name), .text(summary.description)]
      for column in seriesColumns + Comparison.valuationMetrics {
        cells.append(.number(values[index][column] ?? .nan))
      }
      for figure in keyFigures {
        cells.append(
          .number(Comparison.percentChange(values[index][figure], from: baseline[figure])))
      }
      rows.append(cells)
    }
    self.columns = columns
    self.rows = rows
  }

  /// `100 (value - base) / |base|`; 0 when both are 0; NaN when either is missing or not
  /// finite, or only the base is 0.
  public static func percentChange(_ value: Double?, from base: Double?) -> Double {
    guard let value, let base, value.isFinite, base.isFinite else { return .nan }
    if base == 0 { return value == 0 ? 0 : .nan }
    return 100 * (value - base) / abs(base)
  }

  /// The wide CSV: a header row and one row per scenario.
  public var csv: String {
    var writer = CSVWriter(header: columns)
    for row in rows { writer.appendRow(row.map(\.csv)) }
    return writer.text
  }

  /// The long CSV: `scenario,metric,value,baseline_value,change_pct`, one row per scenario and
  /// numeric column (the `_vs_baseline_pct` columns are folded into `change_pct`).
  public var longCSV: String {
    var writer = CSVWriter(header: ["scenario", "metric", "value", "baseline_value", "change_pct"])
    let metricIndices = columns.indices.filter {
      $0 >= 2 && !columns[$0].hasSuffix("_vs_baseline_pct")
    }
    for row in rows {
      for index in metricIndices {
        let value = row[index].number
        let base = rows.first?[index].number ?? .nan
        let change = Comparison.percentChange(
          value.isNaN ? nil : value, from: base.isNaN ? nil : base)
        writer.appendRow([
          row[0].csv, columns[index], NumberFormatting.exact(value), NumberFormatting.exact(base),
          NumberFormatting.exact(change),
        ])
      }
    }
    return writer.text
  }

  /// The comparison for reading in a terminal: one row per column of the CSV and one column per
  /// scenario. Counts and amounts are grouped in thousands without decimals; growth rates,
  /// changes and the valuation's ratios are percentages with two decimals, as `ipfin value`
  /// prints them (``CollateralReport/Metric/Kind/formatted(_:)``); the concentration index has
  /// four decimals.
  public var table: String {
    var table = TextTable(header: ["metric"] + rows.map { $0[0].csv })
    for index in columns.indices.dropFirst(2) {
      let name = columns[index]
      table.appendRow([name] + rows.map { Comparison.display($0[index].number, column: name) })
    }
    return table.rendered
  }

  /// One object per scenario with every column, numbers as numbers and empty cells as null.
  public var jsonObjects: [[String: JSONCell]] {
    rows.map { row in
      var object: [String: JSONCell] = [:]
      for (index, column) in columns.enumerated() {
        switch row[index] {
        case let .text(text): object[column] = .text(text)
        case let .number(value): object[column] = value.isNaN ? .null : .number(value)
        }
      }
      return object
    }
  }

  /// A JSON value of a comparison cell.
  public enum JSONCell: Encodable, Sendable, Equatable {
    /// Text.
    case text(String)
    /// A number.
    case number(Double)
    /// An empty cell.
    case null

    /// Encodes the cell as a JSON string, number or null.
    public func encode(to encoder: Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case let .text(text): try container.encode(text)
      case let .number(value): try container.encode(value)
      case .null: try container.encodeNil()
      }
    }
  }

  /// `value` as the table shows a value of `column`.
  static func display(_ value: Double, column: String) -> String {
    if value.isNaN { return "" }
    if column.hasSuffix("_vs_baseline_pct") {
      return (value > 0 ? "+" : "") + NumberFormatting.fixed(value, digits: 2) + "%"
    }
    if column.hasSuffix("_cagr") { return CollateralReport.Metric.Kind.ratio.formatted(value) }
    return CollateralReport.kind(ofMetric: column).formatted(value)
  }
}
