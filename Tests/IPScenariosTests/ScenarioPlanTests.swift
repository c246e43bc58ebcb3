// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPScenarios
import IPStatistics
import Testing

/// Planning a scenario runs every check that comes before a simulation: the data and the
/// portfolio are read, every request validated and looked up in the data, and the portfolio
/// resolved under the valuation's assumptions. `ipfin scenario check` is exactly this.
@Suite("Scenario plans: every check before simulating")
struct ScenarioPlanTests {
  static let portfolio =
    "id,right,office,filing_date,grant_date,grant_probability,revenue,royalty_rate\n"
    + "A,invention,VN,2015-01-01,2016-01-01,,1000,0.05\n"

  /// The error planning `scenario` (with `portfolio.csv` and `files` beside it) raises.
  static func error(_ scenario: String, files extra: [String: String] = [:]) throws
    -> ScenarioError?
  {
    let files = try ScenarioFiles()
    try files.write("portfolio.csv", portfolio)
    for (name, text) in extra { try files.write(name, text) }
    let path = try files.write("s.yaml", scenario)
    do {
      var datasets: [String: FilingDataset] = [:]
      _ = try ScenarioPlan(ScenarioLoader.load(path), datasets: &datasets, threads: 1)
      return nil
    } catch let error as ScenarioError {
      #expect(error.location?.file == path, "\(error)")
      return error
    }
  }

  /// Checks that `error` is bad data at `key`, at `line` and `column` of the scenario file,
  /// and that its message contains every one of `fragments`.
  static func expectPlaced(
    _ error: ScenarioError, key: String, line: Int, column: Int, _ fragments: String...,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    #expect(error.category == .badData, "\(error)", sourceLocation: sourceLocation)
    #expect(error.key == key, "\(error)", sourceLocation: sourceLocation)
    #expect(
      error.location?.line == line && error.location?.column == column, "\(error)",
      sourceLocation: sourceLocation)
    for fragment in fragments {
      #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func aValidScenarioIsPlanned() throws {
    #expect(
      try Self.error(
        "valuation: {portfolio: portfolio.csv, valuation_date: 2025-12-31}\n"
          + "projection: {office: VN, series: [invention]}\n") == nil)
  }

  /// Portfolios `compare` refuses: a filings CSV, `/dev/zero`, `/dev/null`, a filing date after
  /// the valuation date (found when the assets are resolved), a value out of range.
  @Test(
    arguments: [
      ("filings.csv", .badData, "unknown column 'measure'"),
      ("/dev/zero", .badData, "larger than the limit of 67,108,864 bytes"),
      ("/dev/null", .badData, "the file is empty"),
      ("late.csv", .badData, "after the valuation date 2025-12-31"),
      ("huge.csv", .badData, "an amount from 0 to 1e18"),
    ] as [(String, ErrorCategory, String)])
  func portfoliosThatCompareRefusesAreRefused(
    name: String, category: ErrorCategory, fragment: String
  ) throws {
    let filings = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../datasets/ip-filings.csv"), encoding: .utf8)
    let error = try #require(
      try Self.error(
        "valuation: {portfolio: \(name), valuation_date: 2025-12-31}\n",
        files: [
          "filings.csv": filings,
          "late.csv": Self.portfolio.replacingOccurrences(of: "2016-01-01", with: "2026-03-01"),
          "huge.csv": Self.portfolio.replacingOccurrences(of: ",1000,", with: ",1e300,"),
        ]))
    #expect(error.category == category, "\(error)")
    #expect(error.key?.hasPrefix("valuation") == true, "\(error)")
    #expect(error.description.contains(fragment), "\(error)")
  }

  /// A setting that takes an asset out of range is refused at the key that wrote it, naming
  /// the asset, its row in the portfolio and the value as written (`1.0025`, not
  /// `1.0025000000000002`).
  @Test func aShiftOutOfAnAssetsRangeIsRefusedAtItsKey() throws {
    let error = try #require(
      try Self.error(
        "valuation:\n  portfolio: portfolio.csv\n  valuation_date: 2025-12-31\n"
          + "  royalty_multiplier: 20.05\n"))
    Self.expectPlaced(
      error, key: "valuation.royalty_multiplier", line: 4, column: 23, "asset 'A' at ",
      "portfolio.csv:2 the value 1.0025;")
  }

  /// A series or an analog span the data does not have is refused at the series' line.
  @Test func seriesMissingFromTheDataAreRefused() throws {
    let series = try #require(
      try Self.error(
        "projection:\n  office: VN\n  series: [invention, {right: invention, scope: madrid}]\n"))
    #expect(series.category == .badData)
    #expect(series.key == "projection.series[1]")
    #expect(series.location?.line == 3, "\(series)")
    #expect(
      series.description.contains("'invention' is not a right of VN filed madrid"), "\(series)")
    let analog = try #require(
      try Self.error(
        "projection:\n  office: VN\n  series: [invention]\n  adjustments:\n"
          + "    - {right: invention, analog: \"KR:invention:filed:all:1900-1910\"}\n"))
    #expect(analog.category == .badData)
    #expect(analog.description.contains("1900"), "\(analog)")
  }

  /// A data file of one's own, in the long format, whose office, measure, scope and one right
  /// the bundled data does not have.
  static let ownData =
    "office,right,measure,scope,year,value\n"
    + (2010...2024).map { "JP,invention,received,domestic,\($0),\(100 + 7 * ($0 - 2010))\n" }
    .joined()
    + (2010...2024).map { "JP,Software,received,domestic,\($0),\(50 + 3 * ($0 % 4))\n" }
    .joined()

  /// With `data:` the office, measure, scopes and rights are looked up in that file, not in the
  /// bundled data: rights still in any letter case and by alias, labelled as the file spells
  /// them, the adjustments matched in any case.
  @Test func ownDataNamesItsOwnSeries() throws {
    let files = try ScenarioFiles()
    try files.write("own.csv", Self.ownData)
    let path = try files.write(
      "s.yaml",
      """
      projection:
        data: own.csv
        office: jp
        measure: received
        scope: domestic
        series: [Patent, SOFTWARE]
        adjustments:
          - {right: software, from: 2026, growth_uplift: 0.01}

      """)
    var datasets: [String: FilingDataset] = [:]
    let plan = try ScenarioPlan(ScenarioLoader.load(path), datasets: &datasets, threads: 1)
    #expect(plan.series.map(\.label) == ["invention_domestic", "Software_domestic"])
    #expect(plan.series.map(\.request.right) == ["invention", "SOFTWARE"])
    #expect(plan.series[1].request.adjustments.count == 1)
    #expect(plan.series[0].request.adjustments.isEmpty)
  }

  /// With `data:` a name the file does not have is refused at the line and column that wrote
  /// it, with the names the file has there.
  @Test(
    arguments: [
      ("office: XX", 3, 11, "projection.office", "'XX' is not an office of"),
      ("measure: filed", 4, 12, "projection.measure", "its measures there: received"),
      ("scope: all", 5, 10, "projection.scope", "its scopes there: domestic"),
      (
        "series: [invention, sofware]", 6, 23, "projection.series[1]",
        "did you mean Software?"
      ),
    ] as [(String, Int, Int, String, String)])
  func ownDataRefusesNamesItDoesNotHave(
    replacement: String, line: Int, column: Int, key: String, fragment: String
  ) throws {
    var lines = [
      "projection:", "  data: own.csv", "  office: JP", "  measure: received",
      "  scope: domestic", "  series: [invention, software]",
    ]
    let field = replacement.prefix { $0 != ":" }
    let index = try #require(lines.firstIndex { $0.hasPrefix("  \(field):") })
    lines[index] = "  " + replacement
    let error = try #require(
      try Self.error(lines.joined(separator: "\n") + "\n", files: ["own.csv": Self.ownData]))
    Self.expectPlaced(error, key: key, line: line, column: column, fragment)
  }

  /// What a projection checks before it fits is found by the plan, at the series' line and
  /// column and with the key a run reports: a `to` more than 100 years after the last point,
  /// and a series with too few points for the model.
  @Test func whatTheProjectionChecksBeforeFittingIsFound() throws {
    let far = try #require(
      try Self.error("projection:\n  office: VN\n  series: [invention]\n  to: 2200\n"))
    Self.expectPlaced(
      far, key: "projection.series[0]", line: 3, column: 12, "at most 100 years later, got 2200")
    let few = try #require(
      try Self.error("projection:\n  office: VN\n  series: [invention, utility_solution]\n"))
    Self.expectPlaced(
      few, key: "projection.series[1]", line: 3, column: 23, "has 3 points to fit",
      "discounted-drift needs at least 5")
  }

  /// An error inside the portfolio or the data file is reported at the scenario's `portfolio:`
  /// or `data:` line and column, with the file's own line and column in the message.
  @Test func errorsInsideTheFilesKeepBothPlaces() throws {
    let portfolio = try #require(
      try Self.error(
        "name: p\nvaluation:\n  portfolio: bad.csv\n",
        files: ["bad.csv": Self.portfolio + "B,invention,VN,2015-01-01,2016-01-01,,many,0.05\n"]))
    Self.expectPlaced(
      portfolio, key: "valuation.portfolio", line: 3, column: 14, "bad.csv:3:7 (column 'revenue')")
    let data = try #require(
      try Self.error(
        "projection:\n  data: bad.csv\n  office: user\n  series: [series]\n",
        files: ["bad.csv": "year,value\n2020,10\n2021,x\n"]))
    Self.expectPlaced(
      data, key: "projection.data", line: 2, column: 9, "bad.csv:3:2 (column 'value')")
  }

  /// A data file that is not data is refused with its own position.
  @Test func dataThatIsNotDataIsRefused() throws {
    let error = try #require(
      try Self.error(
        "projection: {office: VN, series: [invention], data: bad.csv}\n",
        files: ["bad.csv": "year,value\n2020,10\n2200,11\n"]))
    #expect(error.category == .badData)
    #expect(error.description.contains("bad.csv:3:1 (column 'year')"), "\(error)")
  }
}
