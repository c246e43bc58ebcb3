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

  /// A series or an analog span the data does not have is refused at the series' line.
  @Test func seriesMissingFromTheDataAreRefused() throws {
    let series = try #require(
      try Self.error(
        "projection:\n  office: VN\n  series: [invention, {right: invention, scope: madrid}]\n"))
    #expect(series.category == .badData)
    #expect(series.key == "projection")
    #expect(series.description.contains("there is no series VN invention filed madrid"))
    let analog = try #require(
      try Self.error(
        "projection:\n  office: VN\n  series: [invention]\n  adjustments:\n"
          + "    - {right: invention, analog: \"KR:invention:filed:all:1900-1910\"}\n"))
    #expect(analog.category == .badData)
    #expect(analog.description.contains("1900"), "\(analog)")
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
