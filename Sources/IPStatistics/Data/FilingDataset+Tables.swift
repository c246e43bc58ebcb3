// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// One line of `ipfin data series`: a series' identity, span and point counts.
public struct SeriesSummary: Sendable, Equatable, Codable {
  /// The series.
  public let key: SeriesKey
  /// Its units in order of appearance, joined by `;` (more than one when the counting changed).
  public let unit: String
  /// The first year.
  public let firstYear: Int
  /// The last year.
  public let lastYear: Int
  /// The number of points.
  public let points: Int
  /// The number of `reported` points.
  public let reported: Int
  /// The number of `derived` points.
  public let derived: Int
  /// The number of `approximate` points.
  public let approximate: Int
}

extension FilingDataset {
  /// The columns of `ipfin data series`.
  public static let summaryHeader = [
    "office", "right", "measure", "scope", "unit", "first_year", "last_year", "points",
    "reported", "derived", "approximate",
  ]

  /// One summary per series, in key order.
  public var summaries: [SeriesSummary] {
    series.compactMap { series in
      guard let first = series.points.first, let last = series.points.last else { return nil }
      return SeriesSummary(
        key: series.key, unit: series.units.joined(separator: ";"), firstYear: first.year,
        lastYear: last.year, points: series.points.count, reported: series.count(.reported),
        derived: series.count(.derived), approximate: series.count(.approximate))
    }
  }

  /// The rows of `ipfin data series`, as text fields.
  public var summaryRows: [[String]] {
    summaries.map { summary in
      [
        summary.key.office, summary.key.right, summary.key.measure, summary.key.scope,
        summary.unit, String(summary.firstYear), String(summary.lastYear),
        String(summary.points), String(summary.reported), String(summary.derived),
        String(summary.approximate),
      ]
    }
  }
}

extension FilingSeries {
  /// The columns of `ipfin data show`.
  public static let pointHeader = [
    "office", "right", "measure", "scope", "unit", "year", "value", "status", "source", "note",
  ]

  /// The rows of `ipfin data show`: every point with its status and source.
  public var pointRows: [[String]] {
    points.map { point in
      [
        key.office, key.right, key.measure, key.scope, point.unit, String(point.year),
        NumberFormatting.exact(point.value), point.status.rawValue, point.source, point.note,
      ]
    }
  }
}
