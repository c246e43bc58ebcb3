// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The names of the parts of a series key that ipfin knows: those of the bundled data set
/// (`datasets/ip-filings.csv`), the right aliases, and the measure and scope a key has when
/// none is named. Help, shell completion and the scenario files use them; a data file of one's
/// own may name other offices, rights, measures and scopes.
public enum SeriesNames {
  /// The measure of a key when none is named: `filed`, applications received.
  public static let defaultMeasure = "filed"
  /// The scope of a key when none is named: `all`, every applicant.
  public static let defaultScope = "all"

  /// The offices of the bundled data: `KR` (Korea) and `VN` (Viet Nam).
  public static let offices = ["KR", "VN"]
  /// The rights of the bundled data, in the order of their meaning: `invention`,
  /// `utility_solution` (Viet Nam), `utility_model` (Korea), `invention_and_utility` (the two
  /// together), `industrial_design`, `trademark` and `all_industrial_property` (every kind).
  public static let rights = [
    "invention", "utility_solution", "utility_model", "invention_and_utility",
    "industrial_design", "trademark", "all_industrial_property",
  ]
  /// The measures of the bundled data: what is counted.
  public static let measures = ["filed", "examined", "granted"]
  /// The scopes of the bundled data: whose applications.
  public static let scopes = ["all", "resident", "nonresident", "national", "madrid", "hague"]

  /// ``rights`` and then the aliases of ``FilingDataset/rightAliases`` that are not among them
  /// (`patent`, `design`): every right name a command accepts for the bundled data.
  public static var rightsAndAliases: [String] {
    rights + FilingDataset.rightAliases.joined().filter { !rights.contains($0) }
  }

  /// The name `name` stands for, as scenario files and the comparison columns use it: a right of
  /// ``rights`` in any letter case, or an alias of ``FilingDataset/rightAliases`` (`patent`,
  /// `design`) as the first name of its group (`invention`, `industrial_design`); `nil` for a
  /// name that is neither. `utility_model` and `utility_solution` stay as written: both name
  /// series of the bundled data (Korea's and Viet Nam's), and the data set's lookup finds either
  /// by the other (``FilingDataset/resolve(_:)``).
  public static func canonicalRight(_ name: String) -> String? {
    let key = name.trimmingCharacters(in: .whitespaces).lowercased()
    if rights.contains(key) { return key }
    return FilingDataset.rightAliases.first { $0.contains(key) }?.first
  }

  /// The right name nearest to `name` by edit distance, for "did you mean" messages.
  public static func nearestRight(to name: String) -> String? {
    nearest(to: name, among: rightsAndAliases)
  }

  /// The name among `names` nearest to `name` by edit distance (Levenshtein), in any letter
  /// case, for "did you mean" messages; the first of the nearest on a tie, `nil` when `names`
  /// is empty.
  public static func nearest(to name: String, among names: [String]) -> String? {
    let key = name.lowercased()
    return names.min {
      EditDistance.between($0.lowercased(), key) < EditDistance.between($1.lowercased(), key)
    }
  }
}
