// SPDX-License-Identifier: GPL-3.0-or-later

/// One filing series: the points of one (office, right, measure, scope), in ascending years.
///
/// Years may be irregular: a year that is not in the data is missing, never zero, and the
/// models treat it so (see ``GrowthModel``).
public struct FilingSeries: Sendable, Equatable, Codable {
  /// The series' identity.
  public let key: SeriesKey
  /// The points, in ascending years, at most one per year.
  public let points: [FilingPoint]
  /// The file the series was read from (its path as given, or the bundled data's name).
  public let file: String

  /// Creates a series; the points are sorted by year.
  public init(key: SeriesKey, points: [FilingPoint], file: String = "") {
    self.key = key
    self.points = points.sorted { $0.year < $1.year }
    self.file = file
  }

  /// The units of the series in the order they appear (more than one when the office changed
  /// how it counts, as Korea did for trademarks and designs in 2009).
  public var units: [String] {
    var seen: [String] = []
    for point in points where !seen.contains(point.unit) { seen.append(point.unit) }
    return seen
  }

  /// The number of points with status `status`.
  public func count(_ status: DataStatus) -> Int {
    points.filter { $0.status == status }.count
  }

  /// The lines of the data file the points come from, as `lines 12-40` (for messages).
  public var lineRange: String { Self.lineRange(of: points) ?? "no lines" }

  /// `line N` or `lines a-b`, the span of the lines `points` were read from, or `nil` when no
  /// point has a line.
  static func lineRange(of points: [FilingPoint]) -> String? {
    let lines = points.compactMap(\.line)
    guard let first = lines.min(), let last = lines.max() else { return nil }
    return first == last ? "line \(first)" : "lines \(first)-\(last)"
  }
}
