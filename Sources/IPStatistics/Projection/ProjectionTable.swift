// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// The rows of `ipfin project`'s output, as text fields: one row per (model, year, kind).
///
/// Columns (with the default levels):
/// `office,right,measure,scope,unit,model,year,kind,value,lo80,hi80,lo95,hi95`. Numbers are
/// written exactly (``NumberFormatting/exact(_:)``); bounds are empty on observed and fitted
/// rows and for `constant-growth`.
public enum ProjectionTable {
  /// The header with the default levels (80% and 95%).
  public static let header = header(levels: ProjectionRequest.defaultLevels)

  /// The header for `levels`: `lo<L>,hi<L>` per level, `L` in percent (`lo80`, `hi97.5`).
  public static func header(levels: [Double]) -> [String] {
    ["office", "right", "measure", "scope", "unit", "model", "year", "kind", "value"]
      + levels.flatMap { ["lo\(percent($0))", "hi\(percent($0))"] }
  }

  /// The rows of every projected model of `projection`.
  public static func rows(_ projection: SeriesProjection) -> [[String]] {
    let key = projection.key
    let identity = [key.office, key.right, key.measure, key.scope, projection.unit]
    return projection.projections.flatMap { model in
      model.rows.map { row in
        identity + [model.model.rawValue, String(row.year), row.kind.rawValue, exact(row.value)]
          + projection.levels.flatMap { level -> [String] in
            guard let interval = row.interval(level) else { return ["", ""] }
            return [exact(interval.lower), exact(interval.upper)]
          }
      }
    }
  }

  /// The CSV text of several projections made with the same levels: one header, then every
  /// projection's rows.
  public static func csv(_ projections: [SeriesProjection]) -> String {
    csvText(projections, header: header(levels:), rows: rows)
  }

  /// The CSV text of a table of several projections: `header` for the levels of the first
  /// (the default levels when there is none), then every projection's `rows` in turn.
  static func csvText(
    _ projections: [SeriesProjection], header: ([Double]) -> [String],
    rows: (SeriesProjection) -> [[String]]
  ) -> String {
    var writer = CSVWriter(
      header: header(projections.first?.levels ?? ProjectionRequest.defaultLevels))
    for projection in projections {
      for row in rows(projection) { writer.appendRow(row) }
    }
    return writer.text
  }

  /// A level in percent without a needless decimal: 0.8 -> `80`, 0.975 -> `97.5`.
  static func percent(_ level: Double) -> String {
    NumberFormatting.exact((level * 100 * 1e9).rounded() / 1e9)
  }

  static func exact(_ value: Double) -> String { NumberFormatting.exact(value) }
}
