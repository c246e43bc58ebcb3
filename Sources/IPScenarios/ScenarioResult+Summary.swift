// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPStatistics

extension ScenarioResult {
  /// The figures a ``Comparison`` shows: each series' selected-model projection (the median and
  /// the 95% interval by year, from the last observed point) and the collateral metrics.
  public var summary: ScenarioSummary {
    let projected = series.compactMap { entry -> ScenarioSummary.Series? in
      guard let last = entry.projection.points.last,
        let rows = entry.selectedRows
      else { return nil }
      var points: [Int: ScenarioSummary.Series.Point] = [:]
      for row in rows where row.kind == .projected {
        points[row.year] = ScenarioSummary.Series.Point(
          value: row.value, low95: row.lo95 ?? .nan, high95: row.hi95 ?? .nan)
      }
      return ScenarioSummary.Series(
        right: entry.label, lastObservedYear: last.year, lastObservedValue: last.value,
        points: points, finalYear: rows.last?.year ?? last.year)
    }
    var metrics: [String: Double]?
    if let valuation {
      metrics = Dictionary(
        valuation.report.metrics.map { ($0.name, $0.value) },
        uniquingKeysWith: { first, _ in first })
    }
    return ScenarioSummary(
      name: scenario.name, description: scenario.description, series: projected,
      valuation: metrics)
  }

  /// The seeds and settings that reproduce the scenario's figures, for example
  /// `projection seed 2035, 2000 paths per model; valuation seed 57, 20000 paths at
  /// 2025-12-31`; `nil` for a scenario with neither part.
  public var reproduction: String? {
    var parts: [String] = []
    if let projection = series.first?.projection {
      parts.append(
        "projection seed \(projection.seed), \(projection.simulations) paths per model")
    }
    if let assumptions = valuation?.result.assumptions {
      parts.append(
        "valuation seed \(assumptions.seed), \(assumptions.paths) paths at "
          + "\(assumptions.valuationDate)")
    }
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }

  /// Texts of several scenarios (their reproductions, their warnings) each once, in order of
  /// first appearance, with the names of the scenarios that have it.
  public static func grouped(_ texts: [(scenario: String, text: String)]) -> [(
    text: String, scenarios: [String]
  )] {
    var groups: [(text: String, scenarios: [String])] = []
    for (scenario, text) in texts {
      if let index = groups.firstIndex(where: { $0.text == text }) {
        groups[index].scenarios.append(scenario)
      } else {
        groups.append((text, [scenario]))
      }
    }
    return groups
  }

  /// Every scenario's projection rows as CSV: ``projectionHeader``, then ``projectionRows`` of
  /// each result in order.
  public static func projectionsCSV(_ results: [ScenarioResult]) -> String {
    var writer = CSVWriter(header: projectionHeader)
    for result in results {
      for row in result.projectionRows { writer.appendRow(row) }
    }
    return writer.text
  }

  /// The header of ``projectionRows``: `scenario`, then ``ProjectionTable``'s columns.
  public static let projectionHeader = ["scenario"] + ProjectionTable.header

  /// Every projected model's rows of every series, each led by the scenario's name, in the
  /// columns of `ipfin project`.
  public var projectionRows: [[String]] {
    series.flatMap { entry in
      ProjectionTable.rows(entry.projection).map { [scenario.name] + $0 }
    }
  }
}

extension ScenarioResult.Series {
  /// The rows of the selected model (observed, fitted, projected), or `nil` when nothing was
  /// projected.
  public var selectedRows: [ProjectionRow]? {
    guard let model = projection.selectedModel ?? projection.projections.first?.model else {
      return nil
    }
    return projection.projection(model)?.rows
  }
}
