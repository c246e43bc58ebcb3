// SPDX-License-Identifier: GPL-3.0-or-later

/// What identifies a filing series: the office, the kind of right, the measure and the scope.
///
/// For example `VN invention filed all`: every invention application received by IP Viet Nam.
/// Keys sort by office, right, measure and scope, in that order.
public struct SeriesKey: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The office: `VN`, `KR`, or `user` for a plain `year,value` file.
  public let office: String
  /// The kind of right: `invention`, `utility_solution`, `industrial_design`, `trademark`, ...
  public let right: String
  /// What is counted: `filed`, `examined` or `granted`.
  public let measure: String
  /// Whose applications: `all`, `resident`, `nonresident`, `national`, `madrid`, `hague`.
  public let scope: String

  /// Creates a key.
  public init(
    office: String, right: String, measure: String = SeriesNames.defaultMeasure,
    scope: String = SeriesNames.defaultScope
  ) {
    self.office = office
    self.right = right
    self.measure = measure
    self.scope = scope
  }

  /// `office right measure scope`, for example `VN invention filed all`.
  public var description: String { "\(office) \(right) \(measure) \(scope)" }

  /// Order by office, right, measure, scope.
  public static func < (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
    (lhs.office, lhs.right, lhs.measure, lhs.scope) < (
      rhs.office, rhs.right, rhs.measure, rhs.scope
    )
  }
}
