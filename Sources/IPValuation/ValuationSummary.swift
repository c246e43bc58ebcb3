// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// The figures of a valuation as `ipfin value` prints them: as a table, as CSV, or encoded as
/// JSON.
///
/// CSV is one `metric,value` row per figure, numbers exact (``NumberFormatting/exact(_:)``),
/// and with a tornado the rows `sensitivity_<driver>_low` and `sensitivity_<driver>_high` in
/// the tornado's order. The table prints each figure as its kind says
/// (``CollateralReport/Metric/Kind/formatted(_:)``: amounts in whole units, ratios as
/// percentages), and the tornado as a second table. JSON holds `currency`, `valuation_date`,
/// `seed` and `paths` (after a simulation), `metrics` as an object, and `sensitivity`
/// (`base_value` and `rows` of `driver`, `low_setting`, `high_setting`, `low_value`,
/// `high_value`, `swing`).
public struct ValuationSummary: Sendable, Encodable {
  /// The figures in order.
  public var metrics: [CollateralReport.Metric]
  /// The portfolio's currency (may be empty).
  public var currency: String
  /// The valuation date.
  public var valuationDate: CalendarDate
  /// The seed and paths of a simulation; `nil` for the deterministic value alone.
  public var simulation: (seed: UInt64, paths: Int)?
  /// The tornado, when the sensitivity was asked for.
  public var tornado: Tornado?

  /// The figures of a simulation.
  public init(report: CollateralReport, result: ValuationResult) {
    metrics = report.metrics
    currency = result.currency
    valuationDate = result.assumptions.valuationDate
    simulation = (result.assumptions.seed, result.assumptions.paths)
  }

  /// The deterministic value alone.
  public init(deterministic: DeterministicResult, assumptions: ValuationAssumptions) {
    metrics = [
      CollateralReport.Metric(name: "deterministic_value", value: deterministic.value)
    ]
    currency = deterministic.currency
    valuationDate = assumptions.valuationDate
  }

  /// The CSV text.
  public var csv: String {
    var writer = CSVWriter(header: ["metric", "value"])
    for metric in metrics { writer.appendRow([metric.name, NumberFormatting.exact(metric.value)]) }
    for row in tornado?.rows ?? [] {
      writer.appendRow(["sensitivity_\(row.driver)_low", NumberFormatting.exact(row.lowValue)])
      writer.appendRow(["sensitivity_\(row.driver)_high", NumberFormatting.exact(row.highValue)])
    }
    return writer.text
  }

  /// The aligned text tables.
  public var table: String {
    let unit = currency.isEmpty ? "" : " (\(currency))"
    var figures = TextTable(header: ["metric", "value\(unit)"])
    for metric in metrics {
      figures.appendRow([
        metric.name,
        metric.kind.formatted(metric.value),
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

  private enum CodingKeys: String, CodingKey {
    case currency, metrics, seed, paths
    case valuationDate = "valuation_date"
    case sensitivity
  }

  /// Encodes the JSON document described above.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(currency, forKey: .currency)
    try container.encode(valuationDate.description, forKey: .valuationDate)
    try container.encodeIfPresent(simulation?.seed, forKey: .seed)
    try container.encodeIfPresent(simulation?.paths, forKey: .paths)
    try container.encode(
      Dictionary(uniqueKeysWithValues: metrics.map { ($0.name, $0.value) }), forKey: .metrics)
    try container.encodeIfPresent(tornado, forKey: .sensitivity)
  }
}
