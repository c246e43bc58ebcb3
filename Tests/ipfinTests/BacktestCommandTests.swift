// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// `ipfin backtest` end to end: the summary, the checks file, and the same bytes for any number
/// of threads.
@Suite("ipfin backtest")
struct BacktestCommandTests {
  static let arguments = [
    "backtest", "--office", "VN", "--right", "patent", "--method", "discounted-drift",
    "--method", "auto", "--origins", "3", "--simulations", "300",
  ]

  @Test func theChecksFileAndTheSummaryAreTheSameForAnyNumberOfThreads() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let one = directory.appendingPathComponent("one.csv").path
    let two = directory.appendingPathComponent("two.csv").path
    let first = try BinaryRunner.run(Self.arguments + ["--threads", "1", "--out", one])
    let second = try BinaryRunner.run(Self.arguments + ["--threads", "2", "--out", two])
    #expect(first.status == 0, "\(first.standardError)")
    #expect(first.standardOutput == second.standardOutput)
    let checks = try String(contentsOfFile: one, encoding: .utf8)
    #expect(checks == (try String(contentsOfFile: two, encoding: .utf8)))
    let lines = checks.split(separator: "\n")
    #expect(
      lines.first.map(String.init)
        == "office,right,measure,scope,origin,horizon,year,method,model,point,lo80,hi80,lo95,"
        + "hi95,actual,in80,in95,interval_score80,interval_score95,crps")
    // Origins 2020 (2021, 2023, 2024 ahead), 2021 (2) and 2023 (1), for both methods.
    #expect(lines.count == 1 + 2 * (3 + 2 + 1))
    #expect(first.standardOutput.contains("1 series, 3 origins; 6 checks scored by every method"))
    #expect(first.standardError.contains("seed 1989"))
  }

  /// `--out` follows the rule of every command's `--out`: the format `--format` names, else the
  /// one the extension names (in any letter case), else the table; the file is confirmed on
  /// standard error, and the summary stays on standard output, in `--format` (the table
  /// without it).
  @Test func theChecksFileFollowsTheExtensionAndIsConfirmed() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let arguments = [
      "backtest", "--office", "VN", "--right", "invention", "--method", "drift", "--origins", "2",
      "--simulations", "100",
    ]
    for (name, format, expected, summary) in [
      ("c.csv", nil, "csv", "table"), ("c.JSON", nil, "json", "table"),
      ("c.txt", nil, "table", "table"), ("c.dat", nil, "table", "table"),
      ("f.txt", "csv", "csv", "csv"), ("f.csv", "json", "json", "json"),
    ] as [(String, String?, String, String)] {
      let path = directory.appendingPathComponent(name).path
      let result = try BinaryRunner.run(
        arguments + ["--out", path] + (format.map { ["--format", $0] } ?? []))
      #expect(result.status == 0, "\(name): \(result.standardError)")
      #expect(result.standardError.contains("ipfin: wrote \(path)\n"), "\(name)")
      #expect(OutputFormatTests.kind(result.standardOutput) == summary, "\(name)")
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(OutputFormatTests.kind(text) == expected, "\(name): \(text.prefix(200))")
      #expect(text.contains("actual"), "\(name)")
    }
  }

  @Test func anUnknownMethodListsTheMethods() throws {
    let result = try BinaryRunner.run(["backtest", "--all", "--method", "cubic"])
    #expect(result.status == 64)
    #expect(result.standardError.contains("discounted-drift"))
  }
}
