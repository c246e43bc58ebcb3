// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// Commands with two outputs write both or neither; `-` is standard output only for `--out`;
/// a default valuation date long past is a warning.
@Suite("Output files")
struct OutputFilesTests {

  /// When the second output cannot be written (its folder is a file), the first is not
  /// written either, and the exit code is 73.
  @Test(arguments: [
    ["value", "examples/portfolio-vn-sample.csv", "--paths", "200", "--per-asset"],
    ["project", "--office", "VN", "--right", "invention", "--fits"],
    ["compare", "examples/scenarios/baseline.yaml", "--projections"],
  ])
  func aFailedOutputLeavesNoOtherBehind(_ command: [String]) throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let blocker = directory.appendingPathComponent("blocker")
    try Data().write(to: blocker)
    let first = directory.appendingPathComponent("first.csv").path
    let result = try BinaryRunner.run(
      command + [first, "--out", blocker.appendingPathComponent("second.csv").path])
    #expect(result.status == 73)
    #expect(result.standardError.contains("blocker"))
    #expect(!FileManager.default.fileExists(atPath: first))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["blocker"])
  }

  /// Every command refuses, before any work, an output over one of its inputs and two outputs
  /// naming one file; the input is untouched.
  @Test(arguments: [
    ["data", "series", "--data", "INPUT", "--out", "INPUT"],
    ["project", "--data", "INPUT", "--fits", "INPUT"],
    ["value", "examples/portfolio-vn-sample.csv", "--per-asset", "OUT", "--out", "OUT"],
    ["compare", "examples/scenarios/baseline.yaml", "--out", "OUT", "--projections", "OUT"],
  ])
  func outputsMayNotCollide(_ template: [String]) throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("series.csv").path
    let data = "year,value\n2019,10\n2020,11\n2021,12\n2022,13\n2023,15\n2024,16\n"
    try data.write(toFile: input, atomically: true, encoding: .utf8)
    let out = directory.appendingPathComponent("out.csv").path
    let arguments = template.map { $0 == "INPUT" ? input : ($0 == "OUT" ? out : $0) }
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 64, "\(result.standardError)")
    #expect(
      result.standardError.contains("would overwrite the input")
        || result.standardError.contains("two outputs would be written to the same file"))
    #expect(try String(contentsOfFile: input, encoding: .utf8) == data)
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func dashIsStandardOutputOnlyForOut() throws {
    let result = try BinaryRunner.run(
      ["project", "--office", "VN", "--right", "invention", "--fits", "-"])
    #expect(result.status == 64)
    #expect(result.standardError.contains("'-' is not a file name for this output"))
    #expect(!FileManager.default.fileExists(atPath: BinaryRunner.packageRoot.path + "/-"))
  }

  /// A portfolio whose latest date is years old is valued at that year's end by default, with
  /// a warning that says so.
  @Test func aStaleDefaultValuationDateIsAWarning() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let portfolio = directory.appendingPathComponent("old.csv")
    try """
    id,right,office,filing_date,grant_date,revenue,royalty_rate
    A,invention,VN,2010-01-05,2014-03-01,1000000,5%
    """.write(to: portfolio, atomically: true, encoding: .utf8)
    let result = try BinaryRunner.run(["value", portfolio.path, "--deterministic"])
    #expect(result.status == 0)
    #expect(result.standardError.contains("warning: the default valuation date 2014-12-31"))
    let dated = try BinaryRunner.run(
      ["value", portfolio.path, "--deterministic", "--valuation-date", "2015-06-30"])
    #expect(!dated.standardError.contains("warning"))
  }
}
