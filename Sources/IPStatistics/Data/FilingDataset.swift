// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// A set of filing series read from one CSV file: the bundled `ip-filings.csv` or a user's file.
///
/// Two layouts are read (see ``read(path:)``): the long format of `datasets/ip-filings.csv`, one
/// row per (office, right, measure, scope, year), and a plain two-column `year,value` file, which
/// is one series named ``plainSeriesKey``.
public struct FilingDataset: Sendable {
  /// The key of the single series of a plain `year,value` file: office `user`, right `series`,
  /// measure `filed`, scope `all`.
  public static let plainSeriesKey = SeriesKey(
    office: "user", right: "series", measure: "filed", scope: "all")

  /// The name of the file the data came from, as used in messages.
  public let file: String
  /// Every series, sorted by key.
  public let series: [FilingSeries]

  /// A data set of the given series (sorted by key); `file` names it in messages.
  public init(series: [FilingSeries], file: String) {
    self.series = series.sorted { $0.key < $1.key }
    self.file = file
  }

  /// The data set shipped with ipfin: a byte-identical copy of `datasets/ip-filings.csv`
  /// bundled as a resource, so that ipfin works from any directory.
  ///
  /// - Throws: ``InputError`` (`missingInput`) when the resource is missing from the
  ///   installation, or the bundled file's own errors.
  public static func bundled() throws -> FilingDataset {
    let text = try BundledResource.text("ip-filings.csv", reportedName: bundledName)
    return try FilingDataset(table: CSVTable(text: text, source: bundledName))
  }

  /// The name the bundled data is reported by in messages.
  public static let bundledName = "ip-filings.csv (bundled)"

  /// Reads a CSV file in the long format or as plain `year,value`.
  ///
  /// - Long format: the columns `office,right,measure,scope,year,value` are required;
  ///   `unit` (default `applications`), `status` (`reported`, `derived` or `approximate`;
  ///   default `reported`), `source` (default: the file's name) and `note` are optional; other
  ///   columns are ignored.
  /// - Plain format (no `office` column): `year,value`, optionally with `unit`, `status`,
  ///   `source` and `note`; one series, ``plainSeriesKey``.
  ///
  /// - Throws: ``InputError`` with the file, line and column: `missingInput` (66) when the file
  ///   cannot be read; `badData` (65) for a missing column, a year that is not a whole number,
  ///   a value that is not a number or is negative, an unknown status, an empty office, right,
  ///   measure or scope, a duplicate (office, right, measure, scope, year), or a file without
  ///   data rows.
  public static func read(path: String) throws -> FilingDataset {
    try FilingDataset(table: CSVTable.read(path: path))
  }

  /// Parses CSV `text`, naming it `source` in messages (see ``read(path:)``).
  ///
  /// - Throws: ``InputError`` as ``read(path:)``.
  public static func parse(text: String, source: String) throws -> FilingDataset {
    try FilingDataset(table: CSVTable(text: text, source: source))
  }

  /// The series with key `key`, named as ``resolve(_:)`` accepts it (any letter case, right
  /// aliases such as `patent`).
  ///
  /// - Throws: ``StatisticsError`` (`missingData`) naming the nearest series the data set has.
  public func series(_ key: SeriesKey) throws -> FilingSeries {
    let resolved = try resolve(key)
    guard let found = series.first(where: { $0.key == resolved }) else {
      throw StatisticsError(.missingData, "\(file): there is no series \(key)")
    }
    return found
  }

  /// The offices in the data set, sorted.
  public var offices: [String] {
    Array(Set(series.map(\.key.office))).sorted()
  }

  /// The rights that have a series for `office`, `measure` and `scope`, sorted.
  public func rights(office: String, measure: String, scope: String) -> [String] {
    series.filter { $0.key.office == office && $0.key.measure == measure && $0.key.scope == scope }
      .map(\.key.right)
  }
}
