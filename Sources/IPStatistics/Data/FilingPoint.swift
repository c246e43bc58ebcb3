// SPDX-License-Identifier: GPL-3.0-or-later

/// How a data point came about (the `status` column of `ip-filings.csv`).
public enum DataStatus: String, Sendable, Codable, CaseIterable {
  /// The figure as the source quotes it.
  case reported
  /// Arithmetic on reported figures (a sum, or a prior year recovered from a stated rate).
  case derived
  /// A rounded, bounded or preliminary figure ("about 84,000").
  case approximate
}

/// One year of one filing series, with its provenance.
public struct FilingPoint: Sendable, Equatable, Codable {
  /// The calendar year.
  public let year: Int
  /// The count (non-negative).
  public let value: Double
  /// What one count is: `applications`, `classes` or `designs`.
  public let unit: String
  /// How the figure came about.
  public let status: DataStatus
  /// The id of the source (in `sources.csv`), or the file name for a user's file without a
  /// `source` column.
  public let source: String
  /// What the source said, or how a derived figure was computed (may be empty).
  public let note: String
  /// The 1-based line of the data file the point was read from, when read from a file.
  public let line: Int?

  /// Creates a point.
  public init(
    year: Int, value: Double, unit: String = "applications", status: DataStatus = .reported,
    source: String = "", note: String = "", line: Int? = nil
  ) {
    self.year = year
    self.value = value
    self.unit = unit
    self.status = status
    self.source = source
    self.note = note
    self.line = line
  }
}
