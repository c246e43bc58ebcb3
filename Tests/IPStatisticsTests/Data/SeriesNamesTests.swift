// SPDX-License-Identifier: GPL-3.0-or-later

import IPStatistics
import Testing

/// The names that help, completion and scenario files use are those of the bundled data.
@Suite("Series names")
struct SeriesNamesTests {
  @Test func theNamesAreThoseOfTheBundledData() throws {
    let keys = try FilingDataset.bundled().series.map(\.key)
    #expect(SeriesNames.offices == Array(Set(keys.map(\.office))).sorted())
    #expect(Set(SeriesNames.rights) == Set(keys.map(\.right)))
    #expect(SeriesNames.rights.count == Set(SeriesNames.rights).count)
    #expect(Set(SeriesNames.measures) == Set(keys.map(\.measure)))
    #expect(Set(SeriesNames.scopes) == Set(keys.map(\.scope)))
    #expect(SeriesNames.measures.contains(SeriesNames.defaultMeasure))
    #expect(SeriesNames.scopes.contains(SeriesNames.defaultScope))
  }

  /// Every alias resolves to a bundled series, and the list has each name once.
  @Test func theAliasesFollowTheRights() throws {
    let names = SeriesNames.rightsAndAliases
    #expect(names == SeriesNames.rights + ["patent", "design"])
    let dataset = try FilingDataset.bundled()
    for alias in ["patent", "design", "Utility_Model"] {
      let key = try dataset.resolve(SeriesKey(office: "KR", right: alias))
      #expect(SeriesNames.rights.contains(key.right), "\(alias)")
    }
  }
}
