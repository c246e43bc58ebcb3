// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `ipfin compare` and `ipfin report` on the example scenarios, and the main job (`make run`'s
/// `scripts/main-job.sh`), run as a user would.
@Suite("ipfin compare, ipfin report and the main job")
struct CompareCommandTests {
  static let examples = [
    "baseline", "headline-rates", "korea-analog", "resolution-57", "stress",
  ].map { "examples/scenarios/\($0).yaml" }

  /// The main job writes the comparison, the projections and the report; the CSV files are
  /// RFC 4180 but for their LF line ends (one header, every row as wide as the header); the
  /// comparison's header is the checked-in one, with one row per example scenario, baseline
  /// first, whose changes against itself are all zero; the table is printed.
  @Test func mainJobWritesParsableOutputs() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let executable = try #require(BinaryRunner.executable)
    let process = Process()
    process.executableURL = BinaryRunner.packageRoot.appendingPathComponent("scripts/main-job.sh")
    process.arguments = [executable.path, directory.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(printed.hasPrefix("metric  "))
    #expect(printed.contains("collateral_value"))

    let expectedHeader = try String(
      contentsOf: BinaryRunner.packageRoot.appendingPathComponent(
        "Tests/ipfinTests/Expected/comparison-header.csv"), encoding: .utf8
    )
    .trimmingCharacters(in: .newlines)
    let comparisonText = try String(
      contentsOf: directory.appendingPathComponent("comparison.csv"), encoding: .utf8)
    let comparison = try Self.rfc4180(comparisonText, source: "comparison.csv")
    #expect(comparison.header.joined(separator: ",") == expectedHeader)
    #expect(
      comparison.records.map { $0.fields[0] } == [
        "baseline", "headline-rates", "korea-analog", "resolution-57", "stress",
      ])
    for (index, column) in comparison.header.enumerated() where column.hasSuffix("_pct") {
      #expect(comparison.records[0].fields[index] == "0", "\(column)")
    }

    let projections = try Self.rfc4180(
      try String(contentsOf: directory.appendingPathComponent("projections.csv"), encoding: .utf8),
      source: "projections.csv")
    #expect(projections.header.first == "scenario")
    #expect(
      Array(projections.header.dropFirst())
        == ProjectCommandTests.header.split(separator: ",").map(String.init))
    #expect(Set(projections.records.map { $0.fields[0] }).count == 5)

    let report = directory.appendingPathComponent("report")
    let files = try FileManager.default.contentsOfDirectory(atPath: report.path)
    #expect(files.contains("index.html"))
    // A fan chart per series, the two distributions, the lending chart and the tornado.
    #expect(files.filter { $0.hasSuffix(".svg") }.count == 5 + 2 + 1 + 1)
    for file in files {
      let text = try String(contentsOf: report.appendingPathComponent(file), encoding: .utf8)
      #expect(throws: Never.self) { try XMLDocument(xmlString: text, options: []) }
    }
    // The page names the version that made it.
    let version = try BinaryRunner.run(["--version"]).standardOutput
      .trimmingCharacters(in: .newlines)
    let page = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(page.contains("Made by ipfin \(version).") && !version.isEmpty)
  }

  /// The same seeds give the same bytes on 1 and 2 threads, wide and long.
  @Test func sameSeedsGiveIdenticalBytesOnAnyThreadCount() throws {
    let one = try BinaryRunner.run(
      ["compare"] + Self.examples + ["--format", "csv", "--threads", "1"])
    let two = try BinaryRunner.run(
      ["compare"] + Self.examples + ["--format", "csv", "--threads", "2"])
    #expect(one.status == 0 && two.status == 0)
    #expect(one.standardOutput == two.standardOutput)
    #expect(one.standardOutput.hasSuffix("\n") && !one.standardOutput.contains("\r"))
    let long = try BinaryRunner.run(
      ["compare"] + Self.examples + ["--format", "csv", "--long", "--threads", "2"])
    let table = try Self.rfc4180(long.standardOutput, source: "long")
    #expect(table.header == ["scenario", "metric", "value", "baseline_value", "change_pct"])
    // One row per scenario and numeric column of the wide form (its change columns folded in).
    let wide = try Self.rfc4180(one.standardOutput, source: "wide")
    let metrics = wide.header.dropFirst(2).filter { !$0.hasSuffix("_vs_baseline_pct") }.count
    #expect(table.records.count == 5 * metrics)
  }

  /// A bad scenario stops the run with exit code 65, its file, line and key, and writes no
  /// output file; a missing one gives 66.
  @Test func badScenariosWriteNothing() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let bad = directory.appendingPathComponent("bad.yaml")
    try "name: bad\nprojection:\n  office: VN\n  series: [invention]\n  to: soon\n"
      .write(to: bad, atomically: true, encoding: .utf8)
    let out = directory.appendingPathComponent("comparison.csv").path
    let result = try BinaryRunner.run(
      ["compare", Self.examples[0], bad.path, "--out", out, "--projections", out + ".p"])
    #expect(result.status == 65)
    #expect(result.standardError.contains("bad.yaml:5"))
    #expect(result.standardError.contains("projection.to"))
    #expect(!FileManager.default.fileExists(atPath: out))
    #expect(!FileManager.default.fileExists(atPath: out + ".p"))

    let missing = try BinaryRunner.run(["report", "no-such.yaml", "--out", directory.path + "/r"])
    #expect(missing.status == 66)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/r"))
  }

  /// An output that would overwrite a file a scenario reads (a file it extends, its portfolio)
  /// is refused with exit code 64 before anything runs; `report` refuses a `--out` that is not
  /// a folder, and writes all of its files or none.
  @Test func outputsNeverOverwriteInputsAndReportsAreWrittenWhole() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let portfolio = directory.appendingPathComponent("portfolio.csv")
    let sample = try String(
      contentsOf: BinaryRunner.packageRoot.appendingPathComponent(
        "examples/portfolio-vn-sample.csv"), encoding: .utf8)
    try sample.write(to: portfolio, atomically: true, encoding: .utf8)
    let parent = directory.appendingPathComponent("parent.yaml")
    try "name: parent\nvaluation:\n  portfolio: portfolio.csv\n  paths: 2000\n"
      .write(to: parent, atomically: true, encoding: .utf8)
    let child = directory.appendingPathComponent("child.yaml")
    try "name: child\nextends: parent.yaml\n".write(to: child, atomically: true, encoding: .utf8)
    let parentText = try String(contentsOf: parent, encoding: .utf8)

    for (option, target) in [("--out", portfolio.path), ("--projections", parent.path)] {
      let result = try BinaryRunner.run(["compare", child.path, option, target])
      #expect(result.status == 64, "\(option)")
      #expect(result.standardError.contains("would overwrite the input"), "\(option)")
      #expect(!result.standardError.contains("seed"), "nothing ran")
    }
    #expect(try String(contentsOf: portfolio, encoding: .utf8) == sample)
    #expect(try String(contentsOf: parent, encoding: .utf8) == parentText)

    for out in ["-", portfolio.path] {
      let result = try BinaryRunner.run(["report", child.path, "--out", out])
      #expect(result.status == 64, "\(out)")
    }
    #expect(!FileManager.default.fileExists(atPath: BinaryRunner.packageRoot.path + "/-"))
    #expect(try String(contentsOf: portfolio, encoding: .utf8) == sample)

    // A folder where the tornado chart should go: refused (exit 64), nothing at all is written.
    let report = directory.appendingPathComponent("report")
    try FileManager.default.createDirectory(
      at: report.appendingPathComponent("tornado.svg"), withIntermediateDirectories: true)
    let blocked = try BinaryRunner.run(["report", child.path, "--out", report.path])
    #expect(blocked.status == 64)
    #expect(blocked.standardError.contains("tornado.svg is a folder"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: report.path) == ["tornado.svg"])
    try FileManager.default.removeItem(at: report.appendingPathComponent("tornado.svg"))
    let written = try BinaryRunner.run(["report", child.path, "--out", report.path])
    #expect(written.status == 0)
    #expect(
      Set(try FileManager.default.contentsOfDirectory(atPath: report.path)) == [
        "index.html", "histogram-1-portfolio-value.svg", "lending.svg", "tornado.svg",
      ])
  }

  /// Parses `text` as strict RFC 4180 with ipfin's LF line ends (no CR outside quotes, a final
  /// LF), and IPCommon's reader's checks (quotes, one field count for every row).
  static func rfc4180(_ text: String, source: String) throws -> CSVTable {
    let withoutQuoted = text.split(separator: "\"", omittingEmptySubsequences: false)
      .enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
    #expect(!withoutQuoted.unicodeScalars.contains("\r"))
    #expect(text.hasSuffix("\n"))
    return try CSVTable(text: text, source: source)
  }
}
