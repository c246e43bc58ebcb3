// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// Input files as the command line meets them: exit code 65 for bad or empty data (with file,
/// line and column), 66 only for a path that does not exist or cannot be read; FIFOs and
/// devices are read by what they are; `scenario check` refuses what `compare` refuses.
@Suite("ipfin: input files, exit codes and scenario check")
struct InputFilesTests {
  static let portfolio =
    "id,right,office,filing_date,grant_date,grant_probability,revenue,royalty_rate\n"
    + "A,invention,VN,2015-01-01,2016-01-01,,1000,0.05\n"

  /// `ipfin value PATH --deterministic`: its exit code and standard error.
  static func value(_ path: String) throws -> BinaryRunner.Result {
    try BinaryRunner.run(["value", path, "--deterministic", "--valuation-date", "2025-12-31"])
  }

  @Test func specialFilesAsAPortfolio() throws {
    let empty = try Self.value("/dev/null")
    #expect(empty.status == 65)
    #expect(empty.standardError.contains("/dev/null: the file is empty"))
    let zero = try Self.value("/dev/zero")
    #expect(zero.status == 65)
    #expect(zero.standardError.contains("larger than the limit of 67,108,864 bytes (64 MiB)"))
    let directory = try Self.value(FileManager.default.temporaryDirectory.path)
    #expect(directory.status == 66 && directory.standardError.contains("directory"))
    #expect(try Self.value("/nonexistent/p.csv").status == 66)

    // A FIFO, as `<(...)` gives: read like a file.
    let scratch = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let fifo = scratch.appendingPathComponent("portfolio.csv").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let writer = Thread {
      guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
      handle.write(Data(Self.portfolio.utf8))
      try? handle.close()
    }
    writer.start()
    let piped = try Self.value(fifo)
    #expect(piped.status == 0, "\(piped.standardError)")
    #expect(piped.standardOutput.contains("deterministic_value"))
  }

  /// Bad bytes and absurd amounts are bad data at their place, never read short or blamed on
  /// another column.
  @Test func badBytesAndAmountsInAPortfolio() throws {
    let scratch = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let header = "id,right,office,filing_date,grant_date,grant_probability,revenue,royalty_rate"
    let cases: [(bytes: [UInt8], place: String, detail: String)] = [
      (
        Array(
          (header + ",maintenance_cost\nA,invention,VN,2015-01-01,2016-01-01,,1000,0.05,1e308\n")
            .utf8),
        ":2:9 (column 'maintenance_cost')", "'1e308' is not allowed"
      ),
      (
        Array((header + "\nA,invention,VN,2015-01-01,2016-01-01,,5\u{0}0000000000,0.05\n").utf8),
        ":2:7 (column 'revenue')", "NUL byte"
      ),
      (
        Array((header + "\nA,invention,VN,2015-01-01,2016-01-01,,5").utf8) + [0xFF]
          + Array(",0.05\n".utf8),
        ":2:7 (column 'revenue')", "0xFF is not UTF-8"
      ),
      (
        Array((header + "\nA,invention,VN,2015-01-01,2016-01-01,,1000,0.05,x\n").utf8),
        ":2:9:", "more fields than the header's 8"
      ),
    ]
    for (index, item) in cases.enumerated() {
      let path = scratch.appendingPathComponent("p\(index).csv").path
      try Data(item.bytes).write(to: URL(fileURLWithPath: path))
      let result = try Self.value(path)
      #expect(result.status == 65, "\(result.standardError)")
      #expect(result.standardError.contains(path + item.place), "\(result.standardError)")
      #expect(result.standardError.contains(item.detail), "\(result.standardError)")
    }
  }

  /// A data year of 2200 is bad data at its place (it used to be a usage error without one);
  /// an absurd growth rate is refused before anything runs.
  @Test func filingDataAndAbsurdRates() throws {
    let scratch = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let data = scratch.appendingPathComponent("y.csv").path
    try "year,value\n2019,100\n2020,120\n2200,5\n".write(
      toFile: data, atomically: true, encoding: .utf8)
    let year = try BinaryRunner.run(["project", "--data", data])
    #expect(year.status == 65)
    #expect(year.standardError.contains("\(data):4:1 (column 'year'): the year '2200'"))
    let zero = try BinaryRunner.run(["project", "--data", "/dev/zero"])
    #expect(zero.status == 65 && zero.standardError.contains("larger than the limit"))
    let growth = try BinaryRunner.run([
      "project", "--office", "VN", "--right", "invention", "--model", "constant-growth",
      "--growth", "1e300",
    ])
    #expect(growth.status == 64)
    #expect(growth.standardError.contains("at most 1000%"), "\(growth.standardError)")
  }

  /// `scenario check` refuses what `compare` refuses before it simulates, with the same exit
  /// codes; it accepts the examples.
  @Test func scenarioCheckRunsTheChecksOfCompare() throws {
    let scratch = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    try Self.portfolio.write(
      to: scratch.appendingPathComponent("portfolio.csv"), atomically: true, encoding: .utf8)
    try Self.portfolio.replacingOccurrences(of: "2016-01-01", with: "2027-01-01").write(
      to: scratch.appendingPathComponent("late.csv"), atomically: true, encoding: .utf8)
    let filings = BinaryRunner.packageRoot.appendingPathComponent("datasets/ip-filings.csv").path
    let cases: [(name: String, text: [UInt8], code: Int32, detail: String)] = [
      ("empty", [], 65, "empty.yaml: the scenario file is empty"),
      (
        "filings", Array("valuation: {portfolio: \(filings)}\n".utf8), 65,
        "unknown column 'measure'"
      ),
      ("zero", Array("valuation: {portfolio: /dev/zero}\n".utf8), 65, "larger than the limit"),
      (
        "late", Array("valuation: {portfolio: late.csv, valuation_date: 2026-06-30}\n".utf8), 65,
        "after the valuation date 2026-06-30"
      ),
      (
        "alias", Array("valuation:\n  portfolio: portfolio.csv\n  paths: &n 64\n  seed: *n\n".utf8),
        65, "alias.yaml:3:10: YAML anchors"
      ),
      ("latin1", Array("name: x\ndescription: caf".utf8) + [0xE9, 0x0A], 65, "latin1.yaml:2:17:"),
      ("nowhere", Array("valuation: {portfolio: nowhere.csv}\n".utf8), 66, "does not exist"),
      // What a projection checks before it fits: a horizon over 100 years after the data, and
      // a series too short for the model, at the series' line and column, as a run reports.
      (
        "far", Array("projection:\n  office: VN\n  series: [invention]\n  to: 2200\n".utf8), 65,
        "far.yaml:3:12: key 'projection.series[0]': scenario 'far': the last projected year "
          + "must be after the last observed year 2024 and at most 100 years later, got 2200"
      ),
      (
        "few", Array("projection:\n  office: VN\n  series: [invention, utility_solution]\n".utf8),
        65,
        "few.yaml:3:23: key 'projection.series[1]': scenario 'few': ip-filings.csv (bundled): "
          + "VN utility_solution filed all has 3 points to fit"
      ),
      // A portfolio's error keeps its own file, line and column, and names the scenario's line.
      (
        "badrow", Array("valuation: {portfolio: badrow.csv}\n".utf8), 65,
        "badrow.yaml:1:24: key 'valuation.portfolio': scenario 'badrow': "
          + "\(scratch.appendingPathComponent("badrow.csv").path):3:7 (column 'revenue')"
      ),
    ]
    try (Self.portfolio + "B,invention,VN,2015-01-01,2016-01-01,,many,0.05\n").write(
      to: scratch.appendingPathComponent("badrow.csv"), atomically: true, encoding: .utf8)
    for item in cases {
      let path = scratch.appendingPathComponent("\(item.name).yaml")
      try Data(item.text).write(to: path)
      for command in ["check", "compare"] {
        let arguments =
          command == "check" ? ["scenario", "check", path.path] : [command, path.path]
        let result = try BinaryRunner.run(arguments)
        #expect(result.status == item.code, "\(item.name) \(command): \(result.standardError)")
        #expect(
          result.standardError.contains(item.detail),
          "\(item.name) \(command): \(result.standardError)")
      }
    }
    let examples = try BinaryRunner.run(["scenario", "check"] + CompareCommandTests.examples)
    #expect(examples.status == 0, "\(examples.standardError)")
    #expect(examples.standardOutput.split(separator: "\n").count == 5)
  }
}
