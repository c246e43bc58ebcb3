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
    office: "user", right: "series", measure: SeriesNames.defaultMeasure,
    scope: SeriesNames.defaultScope)

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
    var reader = try CSVReader(text: text, source: bundledName)
    return try FilingDataset(csv: &reader)
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
  /// Every value is checked as it is read: a year from 1800 to 2100 (``dataYears``), a count
  /// from 0 to 10^12 (``largestValue``), key parts of at most 64 characters.
  ///
  /// - Throws: ``InputError`` with the file, line and column: `missingInput` (66) when the file
  ///   does not exist or cannot be read (or is a directory); `badData` (65) for a file over
  ///   `limits`, a NUL byte or a byte that is not UTF-8, malformed CSV (see ``CSVReader``), a
  ///   missing column, a year that is not a whole number from 1800 to 2100, a value that is not a
  ///   number, is negative or is above 10^12, an unknown status, an empty or overlong office,
  ///   right, measure or scope, a duplicate (office, right, measure, scope, year), or a file
  ///   without data rows.
  public static func read(path: String, limits: InputLimits = .csv) throws -> FilingDataset {
    var reader = try CSVReader(path: path, limits: limits)
    return try FilingDataset(csv: &reader)
  }

  /// Parses CSV `text`, naming it `source` in messages (see ``read(path:limits:)``).
  ///
  /// - Throws: ``InputError`` as ``read(path:limits:)``.
  public static func parse(text: String, source: String) throws -> FilingDataset {
    var reader = try CSVReader(text: text, source: source)
    return try FilingDataset(csv: &reader)
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
