// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// The outputs of `ipfin backtest`: the checks as CSV, and the summary as CSV or aligned text.
///
/// Checks (`--out`), one row per (series, origin, method, year):
/// `office,right,measure,scope,origin,horizon,year,method,model,point,lo80,hi80,lo95,hi95,actual,
/// in80,in95,interval_score80,interval_score95,crps`; `model` is the model that made the
/// forecast (the one selected, for a rule); `in80` and `in95` are `true` or `false`; bounds,
/// `in` flags and scores are empty for a model without intervals and for a check that cannot
/// be scored on the log scale (a bound at or below 0). Numbers are written exactly.
///
/// Summary: `method,n,coverage80,coverage95,mape,interval_score80,interval_score95,crps`, one row
/// per method pooled over the checks every method scored; coverages and MAPE are fractions.
public enum BacktestTable {
  /// The header of the checks CSV.
  public static let checksHeader = [
    "office", "right", "measure", "scope", "origin", "horizon", "year", "method", "model", "point",
    "lo80", "hi80", "lo95", "hi95", "actual", "in80", "in95", "interval_score80",
    "interval_score95", "crps",
  ]

  /// The header of the summary CSV.
  public static let summaryHeader = [
    "method", "n", "coverage80", "coverage95", "mape", "interval_score80", "interval_score95",
    "crps",
  ]

  /// The checks as CSV.
  public static func checksCSV(_ report: BacktestReport) -> String {
    var writer = CSVWriter(header: checksHeader)
    for row in checkRows(report, number: exact, score: optional) { writer.appendRow(row) }
    return writer.text
  }

  /// The checks as aligned text (`ipfin backtest --out FILE.txt`): the columns of
  /// ``checksCSV(_:)``, with the point, the bounds and the actual value rounded (whole numbers
  /// with thousands separators from 100 on, two decimals below) and the scores to three
  /// decimals.
  public static func checksText(_ report: BacktestReport) -> String {
    var table = TextTable(header: checksHeader)
    let rows = checkRows(
      report,
      number: { NumberFormatting.fixed($0, digits: abs($0) >= 100 ? 0 : 2, grouped: true) },
      score: { $0.map { NumberFormatting.fixed($0, digits: 3) } ?? "" })
    for row in rows { table.appendRow(row) }
    return table.rendered
  }

  /// The fields of every check, in the columns of ``checksHeader``: numbers written by
  /// `number`, scores by `score` (empty bounds without an interval).
  private static func checkRows(
    _ report: BacktestReport, number: (Double) -> String, score: (Double?) -> String
  ) -> [[String]] {
    report.checks.map { check in
      let key = check.key
      let bounds = [check.interval80, check.interval95].flatMap { interval -> [String] in
        interval.map { [number($0.lower), number($0.upper)] } ?? ["", ""]
      }
      return [
        key.office, key.right, key.measure, key.scope, String(check.origin),
        String(check.horizon), String(check.year), check.method, check.model.rawValue,
        number(check.point),
      ] + bounds + [
        number(check.actual), flag(check.inside80), flag(check.inside95),
        score(check.intervalScore80), score(check.intervalScore95), score(check.crps),
      ]
    }
  }

  /// The summary rows as text fields, exact.
  static func summaryRows(_ report: BacktestReport) -> [[String]] {
    report.summary.map {
      [
        $0.method, String($0.checks), optional($0.coverage80), optional($0.coverage95),
        optional($0.meanAbsolutePercentageError), optional($0.meanIntervalScore80),
        optional($0.meanIntervalScore95), optional($0.meanCRPS),
      ]
    }
  }

  /// The summary as CSV.
  public static func summaryCSV(_ report: BacktestReport) -> String {
    var writer = CSVWriter(header: summaryHeader)
    for row in summaryRows(report) { writer.appendRow(row) }
    return writer.text
  }

  /// The summary as aligned text: a heading with what was pooled and left out, then one row
  /// per method (coverages and MAPE as percentages with two decimals,
  /// ``NumberFormatting/percent(_:)``, as every command shows ratios; scores to three decimals).
  public static func text(_ report: BacktestReport) -> String {
    var text = "\(report.series.count) series, \(report.origins) origins; "
    text += "\(report.commonChecks) checks scored by every method"
    var leftOut: [String] = []
    if report.excludedChecks > 0 {
      leftOut.append("\(report.excludedChecks) with a bound at or below 0")
    }
    if report.unavailableChecks > 0 {
      leftOut.append("\(report.unavailableChecks) where a method could not forecast")
    }
    if !leftOut.isEmpty { text += " (left out: \(leftOut.joined(separator: ", ")))" }
    text += "\nscores on the log scale, lower is better\n\n"
    var table = TextTable(header: summaryHeader)
    for summary in report.summary {
      func percent(_ value: Double?) -> String { value.map(NumberFormatting.percent) ?? "" }
      func score(_ value: Double?) -> String {
        value.map { NumberFormatting.fixed($0, digits: 3) } ?? ""
      }
      table.appendRow([
        summary.method, String(summary.checks), percent(summary.coverage80),
        percent(summary.coverage95), percent(summary.meanAbsolutePercentageError),
        score(summary.meanIntervalScore80), score(summary.meanIntervalScore95),
        score(summary.meanCRPS),
      ])
    }
    return text + table.rendered
  }

  private static func exact(_ value: Double) -> String { NumberFormatting.exact(value) }

  private static func optional(_ value: Double?) -> String { value.map(exact) ?? "" }

  private static func flag(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "" }
}
