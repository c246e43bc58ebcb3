// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// One rule for every command: the format follows `--out`'s extension unless `--format` says
/// otherwise; CSV lines end with LF; a figure that is not finite is empty in CSV and tables and
/// `null` in JSON; every file written is confirmed on standard error.
@Suite("Output formats")
struct OutputFormatTests {
  static let sample = "examples/portfolio-vn-sample.csv"

  /// What a text is: json, table (a header underlined with dashes) or csv.
  static func kind(_ text: String) -> String {
    if (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil { return "json" }
    if text.split(separator: "\n").contains(where: { $0.hasPrefix("---") }) { return "table" }
    return text.prefix { $0 != "\n" }.contains(",") ? "csv" : "unknown"
  }

  /// `--out FILE.csv|.json|.txt` chooses the format, whatever the letter case; `--format`
  /// overrides it; another extension, or none, is the table.
  @Test(arguments: [
    (["value", sample, "--deterministic"], "v"),
    (["project", "--office", "VN", "--right", "invention", "--simulations", "100"], "p"),
    (["data", "series"], "d"),
    (["data", "show", "--office", "VN", "--right", "invention"], "s"),
    (["compare", "examples/scenarios/baseline.yaml"], "c"),
  ])
  func theExtensionChoosesTheFormat(_ command: [String], _ stem: String) throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    for (name, format, expected) in [
      ("\(stem).csv", nil, "csv"), ("\(stem).json", nil, "json"), ("\(stem).txt", nil, "table"),
      ("\(stem).CSV", nil, "csv"), ("\(stem).dat", nil, "table"), ("\(stem)", nil, "table"),
      ("\(stem)-f.csv", "json", "json"), ("\(stem)-f.json", "table", "table"),
    ] as [(String, String?, String)] {
      let path = directory.appendingPathComponent(name).path
      let result = try BinaryRunner.run(
        command + ["--out", path] + (format.map { ["--format", $0] } ?? []))
      #expect(result.status == 0, "\(name): \(result.standardError)")
      #expect(result.standardOutput.isEmpty, "\(name)")
      #expect(result.standardError.contains("ipfin: wrote \(path)\n"), "\(name)")
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(Self.kind(text) == expected, "\(name): \(text.prefix(200))")
    }
    // Standard output keeps the table by default.
    let printed = try BinaryRunner.run(command)
    #expect(Self.kind(printed.standardOutput) == "table")
  }

  /// Ratios are shown the same way in every command's table: percentages with two decimals
  /// (`value`'s coverages and probabilities, `compare`'s growth rates, `backtest`'s coverages
  /// and MAPE, `project`'s backtest MAPE and coverages); CSV keeps them as fractions.
  @Test(arguments: [
    ["value", sample, "--paths", "200", "--loan", "1e9", "--pd", "0.03"],
    ["compare", "examples/scenarios/baseline.yaml"],
    [
      "backtest", "--office", "VN", "--right", "invention", "--method", "drift", "--origins", "2",
      "--simulations", "100",
    ],
    [
      "project", "--office", "VN", "--right", "invention", "--model", "auto", "--select",
      "backtest", "--simulations", "100", "--to", "2027",
    ],
  ])
  func ratiosAreShownTheSameWayInEveryTable(_ command: [String]) throws {
    let result = try BinaryRunner.run(command)
    #expect(result.status == 0, "\(result.standardError)")
    let percentages = result.standardOutput.split(whereSeparator: \.isWhitespace)
      .filter { $0.hasSuffix("%") }
    #expect(percentages.count >= 3, "\(result.standardOutput)")
    for cell in percentages {
      #expect(
        cell.wholeMatch(of: /[+-]?[0-9][0-9,]*\.[0-9]{2}%/) != nil,
        "\(cell) in \(result.standardOutput)")
    }
  }

  /// Every command's JSON has snake_case keys, as its CSV columns are (`project`, `data` and
  /// `backtest` wrote Swift's camelCase).
  @Test(arguments: [
    ["project", "--office", "VN", "--right", "invention", "--simulations", "100", "--to", "2026"],
    ["data", "series"],
    ["data", "show", "--office", "VN", "--right", "invention"],
    [
      "backtest", "--office", "VN", "--right", "invention", "--origins", "1", "--simulations",
      "100",
    ],
    ["value", sample, "--deterministic"],
    ["compare", "examples/scenarios/baseline.yaml"],
  ])
  func jsonKeysAreSnakeCase(_ command: [String]) throws {
    let result = try BinaryRunner.run(command + ["--format", "json"])
    #expect(result.status == 0, "\(result.standardError)")
    var keys: Set<String> = []
    func collect(_ value: Any) {
      if let object = value as? [String: Any] {
        keys.formUnion(object.keys)
        object.values.forEach(collect)
      } else if let array = value as? [Any] {
        array.forEach(collect)
      }
    }
    collect(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)))
    #expect(!keys.isEmpty)
    let camel = keys.filter { $0.contains(where: \.isUppercase) }
    #expect(camel.isEmpty, "\(camel.sorted())")
  }

  /// Every CSV output ends its lines with LF alone.
  @Test func csvLinesEndWithLineFeeds() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = { (name: String) in directory.appendingPathComponent(name).path }
    let runs: [[String]] = [
      [
        "value", Self.sample, "--paths", "200", "--sensitivity", "--out", path("v.csv"),
        "--per-asset", path("a.csv"),
      ],
      [
        "project", "--office", "VN", "--right", "invention", "--simulations", "100", "--out",
        path("p.csv"), "--fits", path("f.csv"),
      ],
      ["data", "series", "--out", path("d.csv")],
      [
        "compare", "examples/scenarios/baseline.yaml", "--out", path("c.csv"), "--projections",
        path("cp.csv"),
      ],
      ["compare", "examples/scenarios/baseline.yaml", "--long", "--out", path("l.csv")],
    ]
    for arguments in runs {
      let result = try BinaryRunner.run(arguments)
      #expect(result.status == 0, "\(arguments): \(result.standardError)")
    }
    for name in ["v.csv", "a.csv", "p.csv", "f.csv", "d.csv", "c.csv", "cp.csv", "l.csv"] {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: path(name)))
      #expect(!bytes.contains(UInt8(ascii: "\r")), "\(name)")
      #expect(bytes.last == UInt8(ascii: "\n"), "\(name)")
      #expect(bytes.filter { $0 == UInt8(ascii: "\n") }.count >= 2, "\(name)")
    }
  }

  /// Every file written is confirmed on standard error, one line each; standard output is not.
  @Test func writtenFilesAreConfirmed() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let out = directory.appendingPathComponent("v.csv").path
    let assets = directory.appendingPathComponent("a.csv").path
    let result = try BinaryRunner.run(
      ["value", Self.sample, "--deterministic", "--out", out, "--per-asset", assets])
    #expect(result.status == 0)
    #expect(result.standardError.contains("ipfin: wrote \(out)\n"))
    #expect(result.standardError.contains("ipfin: wrote \(assets)\n"))
    let printed = try BinaryRunner.run(["value", Self.sample, "--deterministic", "--out", "-"])
    #expect(!printed.standardError.contains("wrote"))
    #expect(printed.standardOutput.contains("deterministic_value"))
  }

  /// A Herfindahl index over assets worth nothing is not a number: empty in CSV and in the
  /// table, `null` in JSON (never the string "nan").
  @Test func nonFiniteFiguresAreEmptyOrNull() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let portfolio = directory.appendingPathComponent("expired.csv").path
    try """
    id,right,office,filing_date,grant_date,revenue,royalty_rate
    A,invention,VN,2000-01-05,2004-03-01,1000000,5%

    """.write(toFile: portfolio, atomically: true, encoding: .utf8)
    let common = ["value", portfolio, "--paths", "200", "--valuation-date", "2025-12-31"]
    let json = try BinaryRunner.run(common + ["--format", "json"])
    #expect(json.status == 0, "\(json.standardError)")
    #expect(!json.standardOutput.contains("nan"))
    let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8))
    let metrics = try #require((object as? [String: Any])?["metrics"] as? [String: Any])
    #expect(metrics["hhi"] is NSNull)
    #expect(metrics["market_value_mean"] as? Double == 0)
    let csv = try BinaryRunner.run(common + ["--format", "csv"])
    #expect(csv.standardOutput.contains("\nhhi,\n"))
    let table = try BinaryRunner.run(common)
    let row = table.standardOutput.split(separator: "\n").first { $0.hasPrefix("hhi") }
    #expect(row.map { $0.trimmingCharacters(in: .whitespaces) } == "hhi")
  }
}
