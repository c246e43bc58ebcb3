// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPValuation

/// The figures `ipfin value` prints, as a table, CSV or JSON.
///
/// CSV is one `metric,value` row per figure, numbers exact; with `--sensitivity` it adds the
/// rows `sensitivity_<driver>_low` and `sensitivity_<driver>_high` in the tornado's order. The
/// table rounds amounts to whole units and ratios to 4 decimals, and prints the tornado as a
/// second table. JSON holds the currency, valuation date, seed and paths, the metrics as an
/// object, and the tornado.
struct ValueOutput {
  /// The figures in order.
  var metrics: [CollateralReport.Metric]
  /// The portfolio's currency (may be empty).
  var currency: String
  /// The valuation date.
  var valuationDate: CalendarDate
  /// The seed and paths, without `--deterministic`.
  var simulation: (seed: UInt64, paths: Int)?
  /// The tornado, with `--sensitivity`.
  var tornado: Tornado?

  /// The output of a simulation.
  init(report: CollateralReport, result: ValuationResult) {
    metrics = report.metrics
    currency = result.currency
    valuationDate = result.assumptions.valuationDate
    simulation = (result.assumptions.seed, result.assumptions.paths)
  }

  /// The output of `--deterministic`: the deterministic value alone.
  init(deterministic: DeterministicResult, assumptions: ValuationAssumptions) {
    metrics = [
      CollateralReport.Metric(
        name: "deterministic_value", value: deterministic.value, isAmount: true)
    ]
    currency = deterministic.currency
    valuationDate = assumptions.valuationDate
  }

  /// The text in `format`.
  func rendered(as format: OutputFormat) throws -> String {
    switch format {
    case .csv: return csv
    case .table: return table
    case .json: return try json
    }
  }

  private var csv: String {
    var writer = CSVWriter(header: ["metric", "value"])
    for metric in metrics { writer.appendRow([metric.name, NumberFormatting.exact(metric.value)]) }
    for row in tornado?.rows ?? [] {
      writer.appendRow(["sensitivity_\(row.driver)_low", NumberFormatting.exact(row.lowValue)])
      writer.appendRow(["sensitivity_\(row.driver)_high", NumberFormatting.exact(row.highValue)])
    }
    return writer.text
  }

  private var table: String {
    let unit = currency.isEmpty ? "" : " (\(currency))"
    var figures = TextTable(header: ["metric", "value\(unit)"])
    for metric in metrics {
      figures.appendRow([
        metric.name,
        NumberFormatting.fixed(metric.value, digits: metric.isAmount ? 0 : 4, grouped: true),
      ])
    }
    guard let tornado else { return figures.rendered }
    var rows = TextTable(header: [
      "driver", "low setting", "high setting", "low value\(unit)", "high value\(unit)", "swing",
    ])
    for row in tornado.rows {
      rows.appendRow(
        [row.driver, row.lowSetting, row.highSetting]
          + [row.lowValue, row.highValue, row.swing].map {
            NumberFormatting.fixed($0, digits: 0, grouped: true)
          })
    }
    let base = NumberFormatting.fixed(tornado.baseValue, digits: 0, grouped: true)
    return figures.rendered + "\nsensitivity of the deterministic value \(base)\(unit)\n"
      + rows.rendered
  }

  private var json: String {
    get throws {
      struct Document: Encodable {
        var currency: String
        var valuation_date: String
        var seed: UInt64?
        var paths: Int?
        var metrics: [String: Double]
        var sensitivity: Sensitivity?
      }
      struct Sensitivity: Encodable {
        var base_value: Double
        var rows: [Row]
      }
      struct Row: Encodable {
        var driver: String
        var low_setting: String
        var high_setting: String
        var low_value: Double
        var high_value: Double
        var swing: Double
      }
      let sensitivity = tornado.map { tornado in
        Sensitivity(
          base_value: tornado.baseValue,
          rows: tornado.rows.map {
            Row(
              driver: $0.driver, low_setting: $0.lowSetting, high_setting: $0.highSetting,
              low_value: $0.lowValue, high_value: $0.highValue, swing: $0.swing)
          })
      }
      return try Output.json(
        Document(
          currency: currency, valuation_date: valuationDate.description,
          seed: simulation?.seed, paths: simulation?.paths,
          metrics: Dictionary(uniqueKeysWithValues: metrics.map { ($0.name, $0.value) }),
          sensitivity: sensitivity))
    }
  }
}
