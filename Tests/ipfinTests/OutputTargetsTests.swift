// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// Where `--out`, `--per-asset` and `report --out` write, decided by what the path is: a regular
/// file (directly or through symlinks) is replaced atomically and keeps its mode and its links;
/// a FIFO, a device or standard output is written straight through; a folder is refused; long
/// names work; `report` never writes over an input.
@Suite("Output targets")
struct OutputTargetsTests {
  static let sample = "examples/portfolio-vn-sample.csv"

  /// A file two symlinks away is replaced with the output, keeping its mode; both links stay
  /// links, and no temporary file is left behind.
  @Test func aSymlinkChainKeepsItsLinksAndTheTargetsMode() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let manager = FileManager.default
    let data = directory.appendingPathComponent("data")
    try manager.createDirectory(at: data, withIntermediateDirectories: true)
    let target = data.appendingPathComponent("value.csv")
    try "old\n".write(to: target, atomically: true, encoding: .utf8)
    try manager.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target.path)
    // first -> data/second -> value.csv (a relative link inside data/)
    try manager.createSymbolicLink(
      atPath: data.appendingPathComponent("second").path, withDestinationPath: "value.csv")
    let first = directory.appendingPathComponent("first")
    try manager.createSymbolicLink(atPath: first.path, withDestinationPath: "data/second")

    let result = try BinaryRunner.run(
      ["value", Self.sample, "--deterministic", "--format", "csv", "--out", first.path])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(try manager.destinationOfSymbolicLink(atPath: first.path) == "data/second")
    #expect(
      try manager.destinationOfSymbolicLink(atPath: data.appendingPathComponent("second").path)
        == "value.csv")
    let written = try String(contentsOf: target, encoding: .utf8)
    #expect(written.hasPrefix("metric,value\n"))
    let mode = try manager.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
    #expect(mode == 0o640)
    #expect(Set(try manager.contentsOfDirectory(atPath: data.path)) == ["second", "value.csv"])
    #expect(Set(try manager.contentsOfDirectory(atPath: directory.path)) == ["data", "first"])
  }

  /// A symlink to a file that does not exist yet creates that file; the link stays.
  @Test func aDanglingSymlinkCreatesItsTarget() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let link = directory.appendingPathComponent("link.csv")
    try FileManager.default.createSymbolicLink(
      atPath: link.path, withDestinationPath: "later/assets.csv")
    let result = try BinaryRunner.run(
      ["value", Self.sample, "--deterministic", "--per-asset", link.path])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "later/assets.csv")
    let text = try String(
      contentsOf: directory.appendingPathComponent("later/assets.csv"), encoding: .utf8)
    #expect(text.hasPrefix("id,right,office"))
  }

  /// `--out` and `--per-asset` on FIFOs with readers: the readers get the bytes and the FIFOs
  /// stay FIFOs.
  @Test func fifosAreWrittenStraightThrough() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let out = directory.appendingPathComponent("out.fifo").path
    let assets = directory.appendingPathComponent("assets.fifo").path
    #expect(mkfifo(out, 0o600) == 0 && mkfifo(assets, 0o600) == 0)
    // Non-blocking readers, opened first, so that the writer's open does not wait and the test
    // cannot hang whatever the binary does; the outputs are far below a pipe's buffer.
    let outReader = open(out, O_RDONLY | O_NONBLOCK)
    let assetsReader = open(assets, O_RDONLY | O_NONBLOCK)
    defer {
      close(outReader)
      close(assetsReader)
    }
    let result = try BinaryRunner.run([
      "value", Self.sample, "--deterministic", "--format", "csv", "--out", out, "--per-asset",
      assets,
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(Self.drain(outReader).hasPrefix("metric,value\ndeterministic_value,"))
    #expect(Self.drain(assetsReader).hasPrefix("id,right,office"))
    for path in [out, assets] {
      #expect(Self.isFIFO(path), "\(path)")
    }
    #expect(result.standardError.contains("ipfin: wrote \(out)\n"))
  }

  /// A folder is refused with exit code 64 before anything runs.
  @Test func aFolderIsRefusedBeforeAnyWork() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    for option in ["--out", "--per-asset"] {
      let result = try BinaryRunner.run(
        ["value", Self.sample, "--paths", "200", option, directory.path])
      #expect(result.status == 64, "\(option): \(result.standardError)")
      #expect(result.standardError.contains("is a folder"), "\(option)")
      #expect(!result.standardError.contains("seed"), "\(option): nothing ran")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
  }

  /// `--out ''` says that the name is empty, before anything runs.
  @Test func anEmptyOutputNameSaysSo() throws {
    let result = try BinaryRunner.run(["value", Self.sample, "--paths", "200", "--out", ""])
    #expect(result.status == 64, "\(result.standardError)")
    #expect(result.standardError.contains("empty"))
    #expect(!result.standardError.contains("directory"))
    #expect(!result.standardError.contains("seed"))
  }

  /// A legal 220-byte file name (the longest allowed is 255 bytes) is written.
  @Test func longFileNamesAreWritten() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    for length in [220, 255] {
      let name = String(repeating: "v", count: length - 4) + ".csv"
      let result = try BinaryRunner.run(
        ["value", Self.sample, "--deterministic", "--out", directory.path + "/" + name])
      #expect(result.status == 0, "\(length): \(result.standardError)")
      let text = try String(contentsOfFile: directory.path + "/" + name, encoding: .utf8)
      #expect(text.hasPrefix("metric,value\n"), "\(length)")
    }
  }

  /// `/dev/null` takes an output and stays the character device it is.
  @Test func devNullStaysADevice() throws {
    for option in ["--out", "--per-asset"] {
      let result = try BinaryRunner.run(
        ["value", Self.sample, "--deterministic", option, "/dev/null"])
      #expect(result.status == 0, "\(option): \(result.standardError)")
      #expect(Self.isCharacterDevice("/dev/null"), "\(option)")
    }
  }

  /// `/dev/stdout` is standard output (the same device and inode as descriptor 1), even when
  /// that is a regular file: the per-asset rows follow the table there, and `/dev/stdout` is
  /// not replaced.
  @Test func devStdoutIsStandardOutput() throws {
    let before = try FileManager.default.destinationOfSymbolicLink(atPath: "/dev/stdout")
    let result = try BinaryRunner.run(
      ["value", Self.sample, "--deterministic", "--format", "csv", "--per-asset", "/dev/stdout"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.hasPrefix("id,right,office"))
    #expect(result.standardOutput.contains("\nmetric,value\ndeterministic_value,"))
    #expect(!result.standardError.contains("wrote /dev/stdout"))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/dev/stdout") == before)
    let named = try BinaryRunner.run(
      ["value", Self.sample, "--deterministic", "--format", "csv", "--out", "/dev/stdout"])
    #expect(named.standardOutput.hasPrefix("metric,value\n"))
  }

  /// `report --out DIR` never writes over an input, charts included: a portfolio at
  /// `DIR/tornado.svg` is refused (exit 64) before anything runs, and is left as it was.
  @Test func reportNeverWritesOverAnInput() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let report = directory.appendingPathComponent("report")
    try FileManager.default.createDirectory(at: report, withIntermediateDirectories: true)
    let portfolio = report.appendingPathComponent("tornado.svg")
    let sample = try String(
      contentsOf: BinaryRunner.packageRoot.appendingPathComponent(Self.sample), encoding: .utf8)
    try sample.write(to: portfolio, atomically: true, encoding: .utf8)
    let scenario = directory.appendingPathComponent("s.yaml")
    try "name: s\nvaluation:\n  portfolio: report/tornado.svg\n  paths: 200\n"
      .write(to: scenario, atomically: true, encoding: .utf8)
    let result = try BinaryRunner.run(["report", scenario.path, "--out", report.path])
    #expect(result.status == 64, "\(result.standardError)")
    #expect(result.standardError.contains("tornado.svg"))
    #expect(!result.standardError.contains("seed"), "nothing ran")
    #expect(try String(contentsOf: portfolio, encoding: .utf8) == sample)
    #expect(try FileManager.default.contentsOfDirectory(atPath: report.path) == ["tornado.svg"])
  }

  /// Scenario names of 200 characters give charts short file names: the report is written.
  @Test func longScenarioNamesGiveShortChartNames() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let portfolio = BinaryRunner.packageRoot.appendingPathComponent(Self.sample).path
    let name = String(repeating: "long-name-", count: 20)
    let scenario = directory.appendingPathComponent("s.yaml")
    try "name: \(name)\nvaluation:\n  portfolio: \(portfolio)\n  paths: 200\n"
      .write(to: scenario, atomically: true, encoding: .utf8)
    let report = directory.appendingPathComponent("report")
    let result = try BinaryRunner.run(["report", scenario.path, "--out", report.path])
    #expect(result.status == 0, "\(result.standardError)")
    let files = try FileManager.default.contentsOfDirectory(atPath: report.path)
    #expect(files.count == 4)
    #expect(files.allSatisfy { $0.utf8.count <= 64 }, "\(files)")
    for file in files {
      #expect(result.standardError.contains("ipfin: wrote \(report.path)/\(file)\n"), "\(file)")
    }
  }

  /// A name longer than any file system allows is refused (exit 64) before anything runs,
  /// for `report --out DIR` and for an output file, and nothing is created.
  @Test func namesTooLongAreRefusedBeforeAnyWork() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let portfolio = BinaryRunner.packageRoot.appendingPathComponent(Self.sample).path
    let scenario = directory.appendingPathComponent("s.yaml")
    try "name: s\nvaluation:\n  portfolio: \(portfolio)\n  paths: 200\n"
      .write(to: scenario, atomically: true, encoding: .utf8)
    // The last component is 256 bytes, one more than any file system allows.
    let long = "new/" + String(repeating: "r", count: 256)
    let report = try BinaryRunner.run(
      ["report", scenario.path, "--out", directory.appendingPathComponent(long).path])
    let value = try BinaryRunner.run(
      ["value", Self.sample, "--paths", "200", "--per-asset", directory.path + "/" + long])
    for result in [report, value] {
      #expect(result.status == 64, "\(result.standardError)")
      #expect(result.standardError.contains("has 256 bytes"), "\(result.standardError)")
      #expect(!result.standardError.contains("seed"), "nothing ran")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["s.yaml"])
  }

  /// Whatever a non-blocking reader can read now.
  static func drain(_ descriptor: Int32) -> String {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = read(descriptor, &buffer, buffer.count)
      if count <= 0 { break }
      data.append(contentsOf: buffer[..<count])
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// Whether `path` is a FIFO.
  static func isFIFO(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
  }

  /// Whether `path` is a character device.
  static func isCharacterDevice(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR
  }
}
