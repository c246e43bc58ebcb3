// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

@Suite("ipfin value: every bad portfolio gives exit code 65, its place, and no output")
struct ValueBadInputTests {
  static let header =
    "id,right,office,filing_date,grant_date,grant_probability,revenue,royalty_rate"
  static let good = "A1,invention,VN,2015-01-01,2016-01-01,,1000,0.05"

  /// A portfolio, the `file:line` and value the message must name, and what it must allow.
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let place: String
    let detail: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "missing column",
      text: "id,right,office,filing_date,revenue\nA,invention,VN,2015-01-01,1\n",
      place: ":1", detail: "'royalty_rate' is missing"),
    Case(
      name: "missing value",
      text: header + "\n" + good + "\nA2,,VN,2015-01-01,2016-01-01,,1,0.05\n",
      place: ":3:2 (column 'right')", detail: "right is required"),
    Case(
      name: "unknown right", text: header + "\nA1,copyright,VN,2015-01-01,2016-01-01,,1000,0.05\n",
      place: ":2:2 (column 'right')", detail: "'copyright' is not allowed; allowed: invention"),
    Case(
      name: "unknown office", text: header + "\nA1,invention,US,2015-01-01,2016-01-01,,1000,0.05\n",
      place: ":2:3 (column 'office')", detail: "'US' is not allowed; allowed: VN or KR"),
    Case(
      name: "bad date", text: header + "\nA1,invention,VN,2015-1-1,2016-01-01,,1000,0.05\n",
      place: ":2:4 (column 'filing_date')", detail: "'2015-1-1' is not a date; write an ISO 8601"),
    Case(
      name: "grant before filing",
      text: header + "\nA1,invention,VN,2015-01-01,2013-05-05,,1000,0.05\n",
      place: ":2:5 (column 'grant_date')",
      detail: "'2013-05-05' is not allowed; allowed: a grant date on or after"),
    Case(
      name: "negative revenue",
      text: header + "\nA1,invention,VN,2015-01-01,2016-01-01,,-1000,0.05\n",
      place: ":2:7 (column 'revenue')",
      detail: "'-1000' is not allowed; allowed: an amount of 0 or more"),
    Case(
      name: "royalties not ordered",
      text: "id,right,office,filing_date,grant_date,revenue,royalty_rate,royalty_low,royalty_high\n"
        + "A1,invention,VN,2015-01-01,2016-01-01,1000,0.05,0.02,0.04\n",
      place: ":2:9 (column 'royalty_high')", detail: "royalty_low <= royalty_rate <= royalty_high"),
    Case(
      name: "rate outside [0, 1]", text: header + ",tax_rate\n" + good + ",150%\n",
      place: ":2:9 (column 'tax_rate')",
      detail: "'150%' is not allowed; allowed: a rate in [0, 1]"),
    Case(
      name: "duplicate id", text: header + "\n" + good + "\n" + good + "\n",
      place: ":3:1 (column 'id')", detail: "the id 'A1' is already used on line 2"),
    Case(
      name: "mixed currencies",
      text: header + ",currency\n" + good + ",VND\n"
        + "A2,invention,VN,2015-01-01,2016-01-01,,1000,0.05,KRW\n",
      place: ":3:9 (column 'currency')", detail: "'KRW' is not allowed; allowed: one currency"),
    Case(name: "empty file", text: "", place: "", detail: "the file is empty"),
    Case(
      name: "no assets", text: header + "\n", place: "", detail: "the portfolio has no assets"),
    Case(
      name: "filed after the valuation date",
      text: header + "\nA1,invention,VN,2030-01-01,2031-01-01,,1000,0.05\n",
      place: ":2:4 (column 'filing_date')", detail: "after the valuation date 2025-12-31"),
  ]

  @Test(arguments: cases)
  func badPortfolio(_ item: Case) throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("ipfin-bad-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("portfolio.csv").path
    try item.text.write(toFile: input, atomically: true, encoding: .utf8)
    let out = directory.appendingPathComponent("out.csv").path
    let assets = directory.appendingPathComponent("assets.csv").path
    let result = try BinaryRunner.run([
      "value", input, "--valuation-date", "2025-12-31", "--paths", "100", "--out", out,
      "--per-asset", assets,
    ])
    #expect(result.status == 65, "\(result.standardError)")
    #expect(
      result.standardError.contains("ipfin: error: \(input)\(item.place)"),
      "\(result.standardError)")
    #expect(result.standardError.contains(item.detail), "\(result.standardError)")
    #expect(!FileManager.default.fileExists(atPath: out))
    #expect(!FileManager.default.fileExists(atPath: assets))
    // Nothing else was left in the directory (no temporary files either).
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["portfolio.csv"])
    #expect(try String(contentsOfFile: input, encoding: .utf8) == item.text)
  }
}
