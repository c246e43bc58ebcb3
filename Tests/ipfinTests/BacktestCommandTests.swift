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

  @Test func anUnknownMethodListsTheMethods() throws {
    let result = try BinaryRunner.run(["backtest", "--all", "--method", "cubic"])
    #expect(result.status == 64)
    #expect(result.standardError.contains("discounted-drift"))
  }
}
