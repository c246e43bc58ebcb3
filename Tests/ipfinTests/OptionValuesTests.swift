// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// Option values: negative numbers without `=`, rates as fractions or percentages, non-finite
/// numbers refused with the value named, long bad values echoed in part.
@Suite("Option values")
struct OptionValuesTests {
  static let sample = "examples/portfolio-vn-sample.csv"
  static let project = [
    "project", "--office", "VN", "--right", "invention", "--simulations", "100", "--format", "csv",
  ]

  /// `--option -x` means the same as `--option=-x` for every option that takes a negative
  /// value, and differs from the run without the option.
  @Test(arguments: [
    ["value", sample, "--deterministic", "--format", "csv", "--growth-shift", "-0.02"],
    ["value", sample, "--deterministic", "--format", "csv", "--growth-shift", "-2%"],
    ["value", sample, "--deterministic", "--format", "csv", "--discount-rate-shift", "-0.01"],
    project + ["--uplift", "-0.01@2026"],
    project + ["--level-shift", "-0.05@2027"],
    project + ["--model", "constant-growth", "--growth", "-0.02"],
  ])
  func negativeValuesNeedNoEquals(_ arguments: [String]) throws {
    let spaced = try BinaryRunner.run(arguments)
    #expect(spaced.status == 0, "\(spaced.standardError)")
    let joined = try BinaryRunner.run(
      arguments.dropLast(2) + ["\(arguments[arguments.count - 2])=\(arguments.last ?? "")"])
    #expect(joined.status == 0, "\(joined.standardError)")
    #expect(spaced.standardOutput == joined.standardOutput)
    let without = try BinaryRunner.run(Array(arguments.dropLast(2)))
    #expect(without.standardOutput != spaced.standardOutput)
  }

  /// Every rate option of `value` accepts a percentage: `30%` is `0.3`.
  @Test(arguments: [
    ("--correlation", "30%", "0.3"),
    ("--collateral-quantile", "10%", "0.1"),
    ("--collateral-quantile", "5 %", "0.05"),
    ("--discount-rate", "12%", "0.12"),
    ("--orderly-discount", "40%", "0.4"),
    ("--forced-discount", "65%", "0.65"),
  ])
  func ratesAcceptPercentages(_ option: String, _ percent: String, _ fraction: String) throws {
    let common = ["value", Self.sample, "--paths", "200", "--format", "csv"]
    let asPercent = try BinaryRunner.run(common + [option, percent])
    #expect(asPercent.status == 0, "\(asPercent.standardError)")
    let asFraction = try BinaryRunner.run(common + [option, fraction])
    #expect(asPercent.standardOutput == asFraction.standardOutput)
  }

  /// Non-finite numbers are refused (exit 64) with the value and the option named.
  @Test(arguments: [
    ["--correlation", "nan"],
    ["--correlation", "inf"],
    ["--collateral-quantile", "-inf"],
    ["--royalty-multiplier", "nan"],
    ["--volatility-multiplier", "inf"],
    ["--loan", "inf"],
    ["--growth-shift", "nan%"],
  ])
  func nonFiniteNumbersAreRefused(_ option: [String]) throws {
    let result = try BinaryRunner.run(["value", Self.sample, "--paths", "200"] + option)
    #expect(result.status == 64, "\(result.standardError)")
    #expect(result.standardError.contains("'\(option[1])'"), "\(result.standardError)")
    #expect(result.standardError.contains(option[0]), "\(result.standardError)")
    #expect(result.standardError.contains("finite"), "\(result.standardError)")
    #expect(!result.standardError.contains("seed"))
  }

  /// A negative value where none makes sense is refused with a message about the value, not
  /// "Missing value".
  @Test(arguments: [
    ["value", sample, "--paths", "-5"],
    ["value", sample, "--threads", "-1"],
    ["value", sample, "--seed", "-1"],
    ["value", sample, "--loan", "-5"],
    ["value", sample, "--pd", "-0.1", "--loan", "1e9"],
    ["value", sample, "--correlation", "-0.5"],
    ["value", sample, "--royalty-multiplier", "-2"],
    ["project", "--office", "VN", "--right", "invention", "--simulations", "-100"],
    ["project", "--office", "VN", "--right", "invention", "--to", "-5"],
    ["project", "--office", "VN", "--right", "invention", "--levels", "-0.8"],
    ["project", "--office", "VN", "--right", "invention", "--cap", "-1"],
    ["compare", "examples/scenarios/baseline.yaml", "--threads", "-2"],
    ["value", sample, "--horizon", "-1"],
    ["backtest", "--office", "VN", "--right", "invention", "--origins", "-3"],
    ["backtest", "--office", "VN", "--right", "invention", "--horizon", "-2"],
    ["backtest", "--office", "VN", "--right", "invention", "--simulations", "-100"],
    ["backtest", "--office", "VN", "--right", "invention", "--seed", "-1"],
    ["backtest", "--office", "VN", "--right", "invention", "--threads", "-2"],
    ["backtest", "--all", "--min-points", "-5"],
  ])
  func negativeValuesAreRefusedProperly(_ arguments: [String]) throws {
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 64, "\(result.standardError)")
    #expect(!result.standardError.contains("Missing value"), "\(result.standardError)")
    #expect(!result.standardError.contains("Unknown option"), "\(result.standardError)")
  }

  /// Scenario shifts that would take an asset's input outside the range a portfolio may give
  /// it are usage errors naming the setting and the asset, not absurd figures: the sample's
  /// revenue volatilities times 100 exceed 1, a growth of 1e9 exceeds 100%, a discount rate
  /// shifted by -90% falls below 0, and shifts and multipliers have ranges of their own.
  @Test(arguments: [
    (["--growth-shift", "1e9"], "revenue_growth_shift"),
    (["--growth-shift", "0.9"], "revenue_growth_shift"),
    (["--volatility-multiplier", "100"], "volatility_multiplier"),
    (["--volatility-multiplier", "101"], "volatility_multiplier"),
    (["--discount-rate-shift", "-0.9"], "discount_rate_shift"),
    (["--royalty-multiplier", "50"], "royalty_multiplier"),
  ])
  func shiftsOutOfTheAssetsRangesAreRefused(_ option: [String], setting: String) throws {
    let result = try BinaryRunner.run(["value", Self.sample, "--paths", "200"] + option)
    #expect(result.status == 64, "\(result.standardError)")
    #expect(result.standardError.contains(setting), "\(result.standardError)")
    #expect(result.standardOutput.isEmpty)
    // Past the setting's own range (1e9, 101), the setting alone is named; otherwise the
    // asset and its row, with the value as written, not in Swift's longest form.
    guard !["1e9", "101"].contains(option[1]) else { return }
    #expect(
      result.standardError.contains("at \(Self.sample):"), "\(result.standardError)")
    #expect(!result.standardError.contains("0000000"), "\(result.standardError)")
  }

  /// A number in an error message is shown as written, not in Swift's default form
  /// (`1.2009999999999998` for `120.1%`, `1e+300`); a value of the form RATE@YEAR is repeated
  /// whole.
  @Test(arguments: [
    (["--levels", "80%,120.1%"], "got 0.8,1.201"),
    (["--levels", "1.1%,110.1%"], "got 0.011,1.101"),
    (["--model", "constant-growth", "--growth", "1e300"], "got 1e300"),
    (["--uplift", "1000.7%@2026"], "'1000.7%@2026'"),
    (["--level-shift", "10000.5%@2027"], "'10000.5%@2027'"),
  ])
  func messagesShowNumbersAsWritten(_ option: [String], _ fragment: String) throws {
    let result = try BinaryRunner.run(
      ["project", "--office", "VN", "--right", "invention"] + option)
    #expect(result.status == 64, "\(result.standardError)")
    #expect(result.standardError.contains(fragment), "\(result.standardError)")
    #expect(!result.standardError.contains("e+"), "\(result.standardError)")
    #expect(!result.standardError.contains("99999"), "\(result.standardError)")
  }

  /// A value left out is still reported as missing, and `--help` still works.
  @Test func missingValuesAndHelp() throws {
    let missing = try BinaryRunner.run(["value", Self.sample, "--growth-shift"])
    #expect(missing.status == 64)
    #expect(missing.standardError.contains("Missing value for '--growth-shift"))
    let help = try BinaryRunner.run(["value", "--help"])
    #expect(help.status == 0)
    #expect(help.standardOutput.contains("--growth-shift <x>"))
    let helpAfter = try BinaryRunner.run(["project", "--office", "VN", "--help"])
    #expect(helpAfter.status == 0)
    #expect(helpAfter.standardOutput.contains("--uplift"))
  }

  /// A very long bad value is echoed only in part.
  @Test(arguments: ["--correlation", "--loan", "--ltv", "--valuation-date"])
  func longBadValuesAreEchoedInPart(_ option: String) throws {
    let value = String(repeating: "9x", count: 50_000)
    let result = try BinaryRunner.run(["value", Self.sample, option, value])
    #expect(result.status == 64, "\(result.standardError.prefix(300))")
    #expect(result.standardError.utf8.count < 600, "\(result.standardError.prefix(300))")
    #expect(result.standardError.contains("9x9x9x"))
    #expect(result.standardError.contains("100000 characters"))
  }
}
