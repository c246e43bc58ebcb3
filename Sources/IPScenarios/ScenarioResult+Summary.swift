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
