// SPDX-License-Identifier: GPL-3.0-or-later

extension FilingDataset {
  /// Names that denote the same kind of right, as the portfolio accepts them: `invention` and
  /// `patent`; `utility_solution` (Viet Nam) and `utility_model` (Korea, and the portfolio's
  /// alias); `industrial_design` and `design`.
  public static let rightAliases: [[String]] = [
    ["invention", "patent"], ["utility_solution", "utility_model"],
    ["industrial_design", "design"],
  ]

  /// The key of the series that `key` names: the key itself when the data set has it, otherwise
  /// the office, measure and scope in any letter case and the right in any letter case or by an
  /// alias (``rightAliases``), when exactly one series matches.
  ///
  /// - Throws: ``StatisticsError`` (`missingData`) naming the file, what was asked, and the
  ///   nearest series of the data set ("did you mean ...?").
  public func resolve(_ key: SeriesKey) throws -> SeriesKey {
    if series.contains(where: { $0.key == key }) { return key }
    let matches = series.map(\.key).filter { candidate in
      candidate.office.lowercased() == key.office.lowercased()
        && candidate.measure.lowercased() == key.measure.lowercased()
        && candidate.scope.lowercased() == key.scope.lowercased()
        && Self.sameRight(candidate.right, key.right)
    }
    if matches.count == 1 { return matches[0] }
    throw StatisticsError(.missingData, "\(file): there is no series \(key); \(suggestion(key))")
  }

  /// Whether two right names denote the same right: equal in any letter case, or in one group
  /// of ``rightAliases``.
  static func sameRight(_ left: String, _ right: String) -> Bool {
    let a = left.lowercased()
    let b = right.lowercased()
    return a == b || rightAliases.contains { $0.contains(a) && $0.contains(b) }
  }

  /// "did you mean ...?" with the nearest series (by edit distance over the office, right,
  /// measure and scope, in any letter case), or the offices when the office is unknown.
  func suggestion(_ key: SeriesKey) -> String {
    let office = key.office.lowercased()
    guard series.contains(where: { $0.key.office.lowercased() == office }) else {
      return "the offices in it are \(offices.joined(separator: ", ")) ('ipfin data series' lists "
        + "every series)"
    }
    let asked = "\(key)".lowercased()
    let nearest = series.map(\.key).min {
      EditDistance.between("\($0)".lowercased(), asked)
        < EditDistance.between("\($1)".lowercased(), asked)
    }
    let rights = rights(office: key.office, measure: key.measure, scope: key.scope)
    let listed =
      rights.isEmpty
      ? "" : "; \(key.office) \(key.measure) \(key.scope) has \(rights.joined(separator: ", "))"
    return "did you mean \(nearest.map { "\($0)" } ?? "")?\(listed) ('ipfin data series' lists "
      + "every series)"
  }
}

/// The Levenshtein distance between two strings, for "did you mean" suggestions.
enum EditDistance {
  /// The fewest single-character insertions, deletions and substitutions turning `a` into `b`.
  static func between(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var current = [i] + [Int](repeating: 0, count: b.count)
      for j in 1...max(b.count, 1) where !b.isEmpty {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
  }
}
