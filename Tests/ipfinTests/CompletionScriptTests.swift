// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// The completion scripts (`ipfin --generate-completion-script SHELL`, which `make install`
/// installs) offer the values of the typed options and the right files, and `--help` lists the
/// values with their defaults.
@Suite("Shell completion and option values in help")
struct CompletionScriptTests {
  /// The script for `shell`.
  static func script(_ shell: String) throws -> String {
    let result = try BinaryRunner.run(["--generate-completion-script", shell])
    #expect(result.status == 0, "\(result.standardError)")
    return result.standardOutput
  }

  /// What bash's completion function offers, sorted, for each command line (the word being
  /// completed last), run in a folder holding `a.csv`, `b.yaml`, `c.txt`, `d.json` and the
  /// folder `sub`.
  @Test func bashOffersTheValuesAndTheFiles() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try Self.script("bash").write(
      to: directory.appendingPathComponent("ipfin.bash"), atomically: true, encoding: .utf8)
    for name in ["a.csv", "b.yaml", "c.txt", "d.json"] {
      try "x\n".write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("sub"), withIntermediateDirectories: false)
    let cases: [(line: String, offered: String)] = [
      ("ipfin project --model d", "damped-trend discounted-drift drift"),
      ("ipfin project --select ''", "aicc backtest"),
      ("ipfin project --error-scale ''", "level log"),
      ("ipfin project --right p", "patent"),
      ("ipfin project --right a", "all all_industrial_property"),
      ("ipfin data show --right a", "all_industrial_property"),
      ("ipfin project --office ''", "KR VN"),
      ("ipfin project --measure ''", "examined filed granted"),
      ("ipfin project --scope n", "national nonresident"),
      ("ipfin backtest --method con", "constant-growth"),
      ("ipfin value a.csv --amortization ''", "bullet linear"),
      ("ipfin project --data ''", "a.csv sub"),
      ("ipfin project --fits ''", "a.csv sub"),
      ("ipfin value ''", "a.csv sub"),
      ("ipfin value a.csv --out ''", "a.csv c.txt d.json sub"),
      ("ipfin value a.csv --per-asset ''", "a.csv sub"),
      ("ipfin compare ''", "b.yaml sub"),
      ("ipfin compare b.yaml --projections ''", "a.csv sub"),
      ("ipfin scenario check ''", "b.yaml sub"),
      ("ipfin report b.yaml --out ''", "sub"),
    ]
    // `try` sets the words bash would and prints what _ipfin offers, one line per case.
    let probe =
      """
      source ./ipfin.bash
      try() {
        COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
        _ipfin ipfin "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf '%s\\n' "${COMPREPLY[@]}" | sort | paste -sd ' ' -
      }

      """ + cases.map { "try \($0.line)" }.joined(separator: "\n") + "\n"
    let result = try BinaryRunner.run(
      ["-c", probe], in: directory, binary: URL(fileURLWithPath: "/bin/bash"))
    #expect(result.status == 0, "\(result.standardError)")
    let offered = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, example) in cases.enumerated() {
      let line = index < offered.count ? String(offered[index]) : "(nothing)"
      #expect(line == example.offered, "\(example.line)")
    }
  }

  /// zsh and fish offer the same lists and file patterns.
  @Test func zshAndFishOfferTheValuesAndTheFiles() throws {
    let zsh = try Self.script("zsh")
    for fragment in [
      "___model=('auto' 'all' 'linear' 'exponential' 'logistic' 'gompertz' 'drift' "
        + "'damped-trend' 'constant-growth' 'discounted-drift')",
      "___select=('aicc' 'backtest')", "___error_scale=('log' 'level')",
      "___office=('KR' 'VN')", "'patent' 'design' 'all')",
      "_files -g '\\''*.csv'\\''", "_files -g '\\''*.yaml *.yml'\\''",
      "_files -g '\\''*.txt *.csv *.json'\\''", "_files -/",
    ] {
      #expect(zsh.contains(fragment), "\(fragment)")
    }
    let fish = try Self.script("fish")
    for fragment in [
      "-l 'model' -d 'A model, auto (the smallest AICc, or the smallest backtest MAPE with "
        + "--select backtest) or all (every model).' -rfka 'auto all linear exponential logistic "
        + "gompertz drift damped-trend constant-growth discounted-drift'",
      "-rfka 'aicc backtest'", "-rfka 'KR VN'", "-rfka 'filed examined granted'",
      "set -l exts \\'yaml\\' \\'yml\\'", "printf \\n)*.\\'csv\\'",
    ] {
      #expect(fish.contains(fragment), "\(fragment)")
    }
  }

  /// `--help` lists a typed option's values with its default, taken from the libraries.
  @Test func helpListsTheValuesAndDefaults() throws {
    let help = try BinaryRunner.run(["project", "--help"])
    let text = help.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for fragment in [
      "(values: auto, all, linear, exponential, logistic, gompertz, drift, damped-trend, "
        + "constant-growth, discounted-drift; default: discounted-drift)",
      "(values: aicc, backtest; default: aicc)", "(values: log, level; default: log)",
      "(default: 0.8,0.95)", "The measure: filed, examined or granted. (default: filed)",
    ] {
      #expect(text.contains(fragment), "\(fragment)")
    }
    let value = try BinaryRunner.run(["value", "--help"])
    let valueText = value.standardOutput.split(whereSeparator: \.isWhitespace)
      .joined(separator: " ")
    for fragment in [
      "2 to 10,000,000. (default: 20000)", "0 to 2^64-1. (default: 57)",
      "(defaults: invention=0.5, utility_solution=0.3, industrial_design=0.3, trademark=0.5)",
      "(default: bullet) (values: bullet, linear)",
    ] {
      #expect(valueText.contains(fragment), "\(fragment)")
    }
  }

  /// A value outside a typed option's list is a usage error that names what is allowed.
  @Test(arguments: [
    (["project", "--office", "VN", "--right", "invention", "--select", "best"],
     "Please provide one of 'aicc' and 'backtest'"),
    (["project", "--office", "VN", "--right", "invention", "--error-scale", "ln"],
     "Please provide one of 'log' and 'level'"),
    (["project", "--office", "VN", "--right", "invention", "--model", "cubic"],
     "  - discounted-drift"),
    (["project", "--office", "VN", "--right", "invention", "--levels", "abc"],
     "such as 0.8,0.95 or 80%,95%"),
  ])
  func aValueOutsideTheListNamesWhatIsAllowed(arguments: [String], allowed: String) throws {
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 64, "\(result.standardError)")
    #expect(result.standardError.hasPrefix("ipfin: error: The value '"), "\(result.standardError)")
    #expect(result.standardError.contains(allowed), "\(result.standardError)")
  }
}
