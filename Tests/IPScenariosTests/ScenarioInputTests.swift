// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPScenarios
import Testing

/// Hostile scenario files: YAML anchors and aliases, bytes that are not text, empty files,
/// limits, special files named by `extends`, and seeds of the full 64-bit range.
@Suite("Scenario files: hostile input")
struct ScenarioInputTests {
  /// The error loading `bytes` as `bad.yaml` raises (beside an empty `p.csv`).
  static func error(
    _ bytes: [UInt8], limits: InputLimits = .scenario, in files: ScenarioFiles? = nil
  ) throws -> ScenarioError? {
    let files = try files ?? ScenarioFiles()
    try files.write("p.csv", "id\n")
    let path = files.directory.appendingPathComponent("bad.yaml").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    do {
      _ = try ScenarioLoader.load(path, limits: limits)
      return nil
    } catch let error as ScenarioError {
      #expect(
        error.location?.file.hasSuffix(".yaml") == true || error.location?.file == "/dev/null",
        "\(error)")
      return error
    }
  }

  static func error(_ text: String, in files: ScenarioFiles? = nil) throws -> ScenarioError? {
    try error(Array(text.utf8), in: files)
  }

  /// An alias bomb (9 levels of 10 aliases, 10^9 strings once expanded) is refused at its
  /// first anchor, from libyaml's events, before anything is composed; an alias alone too.
  @Test func anchorsAndAliasesAreRefusedBeforeComposing() throws {
    var lines = ["a0: &a0 \"lol\""]
    for level in 1...9 {
      lines.append(
        "a\(level): &a\(level) ["
          + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
    }
    let bomb = try #require(try Self.error(lines.joined(separator: "\n") + "\n"))
    #expect(bomb.location?.line == 1 && bomb.location?.column == 5)
    #expect(bomb.description.contains("anchors (&name) are not supported"))
    #expect(bomb.category == .badData)
    let seed = try #require(
      try Self.error("valuation:\n  portfolio: p.csv\n  paths: &n 64\n  seed: *n\n"))
    #expect(seed.location?.line == 3 && seed.location?.column == 10)
    let alias = try #require(try Self.error("valuation:\n  portfolio: p.csv\n  seed: *n\n"))
    #expect(alias.location?.line == 3 && alias.description.contains("aliases (*name)"))
  }

  /// An empty file, or one of comments only, is an error naming the file (it used to pass
  /// `check`, `compare` and `report`).
  @Test func anEmptyFileIsAnError() throws {
    for text in ["", "\n\n", "# nothing here\n", "---\n"] {
      let error = try #require(try Self.error(text), "\(text.debugDescription)")
      #expect(error.category == .badData)
      #expect(error.location?.line == nil)
      #expect(error.message.contains("the scenario file is empty"))
    }
  }

  /// A byte that is not UTF-8 or a NUL byte is bad data (65) at its line and column, not a
  /// missing file (66).
  @Test func bytesThatAreNotTextAreRefusedWithTheirPlace() throws {
    let latin1 = try #require(
      try Self.error(Array("name: x\ndescription: caf".utf8) + [0xE9, 0x0A]))
    #expect(latin1.category == .badData)
    #expect(latin1.location?.line == 2 && latin1.location?.column == 17)
    #expect(latin1.message.contains("0xE9 is not UTF-8"))
    let nul = try #require(try Self.error("name: x\u{0}y\n"))
    #expect(nul.location?.line == 1 && nul.location?.column == 8)
    #expect(nul.message.contains("NUL"))
  }

  /// The file, line and scalar limits and the nesting depth are each refused, naming the
  /// limit and the place.
  @Test func limitsAreRefusedWithTheirPlace() throws {
    let small = InputLimits(fileBytes: 100, lineBytes: 30, fieldBytes: 10)
    let file = try #require(try Self.error(Array(repeating: 0x23, count: 101), limits: small))
    #expect(file.location?.line == nil && file.message.contains("100 bytes"))
    let line = try #require(
      try Self.error(Array("name: x\ndescription: 12345678901234567890\n".utf8), limits: small))
    #expect(line.location?.line == 2 && line.location?.column == 31)
    let scalar = try #require(
      try Self.error(Array("name: x\nvaluation: 12345678901\n".utf8), limits: small))
    #expect(scalar.location?.line == 2 && scalar.location?.column == 12)
    #expect(scalar.message.contains("longer than the limit of 10 bytes"))
    var nested = "name: x\nvaluation:\n"
    for level in 1...20 { nested += String(repeating: "  ", count: level) + "k\(level):\n" }
    let depth = try #require(try Self.error(nested))
    #expect(depth.message.contains("nested more than 16 levels"))
    #expect(depth.location?.line != nil)
    let flow = try #require(
      try Self.error("a: " + String(repeating: "[", count: 50_000) + "\n"))
    #expect(flow.location?.line == 1)
  }

  /// A bad value is repeated in part.
  @Test func longBadValuesAreRepeatedInPart() throws {
    let value = String(repeating: "9", count: 4_000)
    let error = try #require(
      try Self.error("valuation:\n  portfolio: p.csv\n  correlation: \(value)\n"))
    #expect(error.location?.line == 3)
    #expect(error.message.contains("'\(String(repeating: "9", count: 40))…' (4,000 characters)"))
    #expect(error.description.count < 300)
  }

  /// Seeds take every value the command line's `--seed` takes, 0 to 2^64 - 1.
  @Test func seedsTakeTheFull64BitRange() throws {
    let files = try ScenarioFiles()
    try files.write("p.csv", "id\n")
    let path = try files.write(
      "s.yaml",
      "projection: {office: VN, series: [invention], seed: 18446744073709551615}\n"
        + "valuation: {portfolio: p.csv, seed: 9223372036854775808}\n")
    let scenario = try ScenarioLoader.load(path)
    #expect(scenario.projection?.seed == UInt64.max)
    #expect(scenario.valuation?.seed == 1 << 63)
    for seed in ["18446744073709551616", "-1", "1.5"] {
      let error = try #require(try Self.error("valuation: {portfolio: p.csv, seed: \(seed)}\n"))
      #expect(error.key == "valuation.seed")
      #expect(error.message.contains("a whole number from 0 to 2^64 - 1"), "\(error)")
    }
  }

  /// `extends` naming an empty name, a folder or `/dev/zero`: an error at the `extends` line
  /// and key (65, or 66 for a path that cannot be read).
  @Test func extendsOfSomethingThatIsNotAScenario() throws {
    let files = try ScenarioFiles()
    try files.write("folder/x.txt", "x")
    for (target, category, fragment) in [
      ("''", .badData, "the file name is empty"), ("folder", .missingInput, "is a directory"),
      ("/dev/zero", .badData, "larger than the limit of 1,048,576 bytes (1 MiB)"),
      ("/dev/null", .badData, "the scenario file is empty"),
      ("missing.yaml", .missingInput, "does not exist"),
    ] as [(String, ErrorCategory, String)] {
      let error = try #require(try Self.error("name: a\n\nextends: \(target)\n", in: files))
      #expect(error.category == category, "\(target): \(error)")
      #expect(error.description.contains(fragment), "\(target): \(error)")
      if target != "/dev/null" {
        #expect(error.location?.line == 3 && error.key == "extends", "\(target): \(error)")
      }
    }
  }

  /// A portfolio or data file that does not exist or is a folder is missing input (66), at
  /// its line and key.
  @Test func referencedFilesThatCannotBeReadAreMissingInput() throws {
    for (text, key) in [
      ("valuation:\n  portfolio: nowhere.csv\n", "valuation.portfolio"),
      ("valuation:\n  portfolio: .\n", "valuation.portfolio"),
      ("projection:\n  office: VN\n  series: [invention]\n  data: none.csv\n", "projection.data"),
    ] {
      let error = try #require(try Self.error(text))
      #expect(error.category == .missingInput, "\(error)")
      #expect(error.key == key && error.location?.line != nil, "\(error)")
    }
    #expect(try Self.error("valuation:\n  portfolio: ''\n")?.category == .badData)
  }
}
