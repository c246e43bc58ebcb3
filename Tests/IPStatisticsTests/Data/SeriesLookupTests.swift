// SPDX-License-Identifier: GPL-3.0-or-later

import IPStatistics
import Testing

/// Series named as the portfolio names rights: any letter case, and the aliases.
@Suite("Series lookup")
struct SeriesLookupTests {
  static let dataset = try? FilingDataset.bundled()

  @Test(arguments: [
    ("VN", "patent", "invention"), ("vn", "INVENTION", "invention"),
    ("VN", "design", "industrial_design"), ("VN", "utility_model", "utility_solution"),
    ("KR", "utility_solution", "utility_model"), ("KR", "Patent", "invention"),
  ])
  func aliasesAndLetterCaseFindTheSeries(office: String, right: String, found: String) throws {
    let dataset = try #require(Self.dataset)
    let key = try dataset.resolve(SeriesKey(office: office, right: right))
    #expect(key == SeriesKey(office: office.uppercased(), right: found))
  }

  @Test func anUnknownRightSuggestsTheNearestSeries() throws {
    let dataset = try #require(Self.dataset)
    do {
      _ = try dataset.series(SeriesKey(office: "VN", right: "inventoin"))
      Issue.record("expected an error")
    } catch let error as StatisticsError {
      #expect(error.kind == .missingData)
      #expect(error.message.contains("did you mean VN invention filed all?"), "\(error.message)")
      #expect(!error.message.contains("granted resident"), "no dump of every series")
    }
  }
}
