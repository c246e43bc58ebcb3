// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// `ipfin project`, run as a user would: the CSV layout, reproducibility, several rights, and
/// every kind of bad input with its exit code and position.
@Suite("ipfin project")
struct ProjectCommandTests {
  static let header = "office,right,measure,scope,unit,model,year,kind,value,lo80,hi80,lo95,hi95"
  static let fitsHeader =
    "office,right,measure,scope,model,status,n_obs,n_params,parameters,sigma,log_likelihood,aicc,"
    + "bic,backtest_mape,backtest_coverage80,backtest_coverage95,selected"

  @Test func csvHasTheHeaderAndOneRowPerModelYearAndKind() throws {
    let result = try BinaryRunner.run([
      "project", "--office", "VN", "--right", "invention", "--format", "csv",
    ])
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.first.map(String.init) == Self.header)
    // The default model, discounted-drift: 33 observed, 32 fitted (none for the first point),
    // 11 projected.
    #expect(lines.count == 1 + 33 + 32 + 11)
    #expect(
      lines.dropFirst().allSatisfy {
        $0.hasPrefix("VN,invention,filed,all,applications,discounted-drift,")
      })
    #expect(result.standardError.contains("seed 1989"))
  }

  @Test func theSameSeedGivesIdenticalBytes() throws {
    let arguments = [
      "project", "--office", "VN", "--right", "invention", "--model", "all", "--format", "csv",
    ]
    let first = try BinaryRunner.run(arguments + ["--seed", "42"])
    let second = try BinaryRunner.run(arguments + ["--seed", "42"])
    let other = try BinaryRunner.run(arguments + ["--seed", "43"])
    #expect(first.status == 0 && !first.standardOutput.isEmpty)
    #expect(first.standardOutput == second.standardOutput)
    #expect(first.standardOutput != other.standardOutput)
    #expect(first.standardError.contains("seed 42"))
  }

  @Test func fitsFileAndOutFileAreWritten() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let out = directory.appendingPathComponent("projection.csv").path
    let fits = directory.appendingPathComponent("fits.csv").path
    let result = try BinaryRunner.run([
      "project", "--office", "VN", "--right", "invention", "--model", "auto", "--format", "csv",
      "--out", out, "--fits", fits,
    ])
    #expect(result.status == 0 && result.standardOutput.isEmpty)
    let fitLines = try String(contentsOfFile: fits, encoding: .utf8).split(separator: "\n")
    #expect(fitLines.first.map(String.init) == Self.fitsHeader)
    #expect(fitLines.count == 1 + 6)
    #expect(fitLines.filter { $0.hasSuffix(",true") }.count == 1)
    #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix(Self.header))
  }

  @Test func rightAllProjectsEveryRightWithEnoughData() throws {
    let result = try BinaryRunner.run([
      "project", "--office", "VN", "--right", "all", "--format", "csv",
    ])
    #expect(result.status == 0)
    let rights = Set(
      result.standardOutput.split(separator: "\n").dropFirst().map {
        $0.split(separator: ",")[1]
      })
    #expect(
      rights == [
        "all_industrial_property", "industrial_design", "invention", "invention_and_utility",
        "trademark",
      ])
    #expect(result.standardError.contains("skipping VN utility_solution filed all"))
  }

  @Test func repeatedRightsAndJSON() throws {
    let result = try BinaryRunner.run([
      "project", "--office", "VN", "--right", "industrial_design", "--right", "trademark",
      "--format", "json", "--to", "2030",
    ])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    let projections = try #require((object as? [String: Any])?["projections"] as? [[String: Any]])
    #expect(projections.count == 2)
  }

  /// A series named twice, also by an alias or in another letter case, is projected (and
  /// backtested) once.
  @Test func aRightNamedTwiceIsProjectedOnce() throws {
    let once = try BinaryRunner.run([
      "project", "--office", "VN", "--right", "invention", "--format", "csv", "--simulations",
      "100",
    ])
    let repeated = try BinaryRunner.run([
      "project", "--office", "VN", "--right", "invention", "--right", "invention", "--right",
      "PATENT", "--format", "csv", "--simulations", "100",
    ])
    #expect(repeated.status == 0, "\(repeated.standardError)")
    #expect(repeated.standardOutput == once.standardOutput)
    let backtest = try BinaryRunner.run([
      "backtest", "--office", "VN", "--right", "invention", "--right", "patent", "--method",
      "drift", "--origins", "1", "--simulations", "100",
    ])
    #expect(backtest.status == 0, "\(backtest.standardError)")
    #expect(backtest.standardOutput.hasPrefix("1 series, 1 origins;"), "\(backtest.standardOutput)")
  }

  /// `--level-shift 0.10@2030` on top of an analog and an uplift multiplies the projection and
  /// its whole band by 1.10 from 2030 on (to 1e-12 relative), applied last, and leaves the
  /// earlier years as they were.
  @Test func aLevelShiftScalesTheBandFromItsYearAfterTheOtherAdjustments() throws {
    let arguments = [
      "project", "--office", "VN", "--right", "invention", "--scope", "resident", "--format", "csv",
      "--uplift", "3%@2026", "--analog", "KR:invention:filed:resident:1990-2000",
      "--error-scale", "level",
    ]
    let plain = try BinaryRunner.run(arguments)
    let shifted = try BinaryRunner.run(arguments + ["--level-shift", "0.10@2030"])
    #expect(plain.status == 0 && shifted.status == 0, "\(shifted.standardError)")
    func rows(_ text: String) -> [[String]] {
      text.split(separator: "\n").dropFirst().map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      }
    }
    let before = rows(plain.standardOutput)
    let after = rows(shifted.standardOutput)
    #expect(before.count == after.count && before.contains { $0[7] == "projected" })
    for (old, new) in zip(before, after) {
      #expect(old[..<8] == new[..<8])
      let year = Int(old[6]) ?? 0
      for column in 8..<13 where !old[column].isEmpty {
        let value = try #require(Double(old[column]))
        let expected = old[7] == "projected" && year >= 2030 ? value * 1.10 : value
        let actual = try #require(Double(new[column]))
        #expect(abs(actual - expected) <= 1e-12 * abs(expected), "\(year) column \(column)")
      }
    }
  }

  @Test func aPlainYearValueFileNeedsNoOfficeOrRight() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("own.csv")
    let rows = (2010...2024).map { "\($0),\(Int(100 * pow(1.08, Double($0 - 2010))))" }
    try ("year,value\n" + rows.joined(separator: "\n") + "\n").write(
      to: file, atomically: true, encoding: .utf8)
    let result = try BinaryRunner.run([
      "project", "--data", file.path, "--format", "csv", "--to", "2026",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("user,series,filed,all,applications,"))
    // An output over the input file is refused, and the input is untouched.
    let before = try Data(contentsOf: file)
    let clash = try BinaryRunner.run(["project", "--data", file.path, "--out", file.path])
    #expect(clash.status == 64)
    #expect(try Data(contentsOf: file) == before)
  }

  /// The long-format header and a row of VN inventions in `year` with `value`.
  static let longHeader = "office,right,measure,scope,year,value\n"
  static func row(_ year: String, _ value: String) -> String {
    "VN,invention,filed,all,\(year),\(value)\n"
  }

  /// Bad data files: each gives exit code 65 and names file, line (and column): `location` is
  /// the text right after the file's path at the start of the error.
  @Test(arguments: [
    ("office,right,measure,scope,year\nVN,invention,filed,all,2020\n", ":1: ", "'value'"),
    (longHeader + row("2020", "abc"), ":2:6 (column 'value'): ", "not a number"),
    (longHeader + row("2020", "-3"), ":2:6 (column 'value'): ", "negative"),
    (longHeader + row("2020.5", "3"), ":2:5 (column 'year'): ", "whole number"),
    (longHeader + row("2020", "3") + row("2020", "4"), ":3:5 (column 'year'): ", "duplicate"),
    (longHeader, ":1: ", "no data rows"),
    (
      longHeader + row("2020", "3") + row("2021", "4") + row("2023", "5"),
      ": VN invention filed all has 3 points to fit (years 2020-2021, 2023, lines 2-4)", "needs"
    ),
    (
      longHeader + row("2010", "0") + (2011...2015).map { row("\($0)", "\($0 - 2000)") }.joined(),
      ":2: VN invention filed all: ", "the value in 2010 is 0, which log-scale errors cannot fit"
    ),
  ])
  func badDataIsExitCode65WithThePosition(text: String, location: String, message: String) throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("bad.csv")
    try text.write(to: file, atomically: true, encoding: .utf8)
    let result = try BinaryRunner.run([
      "project", "--data", file.path, "--office", "VN", "--right", "invention", "--model", "linear",
    ])
    #expect(result.status == 65)
    #expect(
      result.standardError.hasPrefix("ipfin: error: \(file.path)\(location)"),
      "\(result.standardError)")
    #expect(result.standardError.contains(message), "\(result.standardError)")
    #expect(result.standardOutput.isEmpty)
  }

  @Test func aZeroOnTheLogScaleIsExitCode65WithItsLineUnderAutoToo() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("zero.csv")
    try "year,value\n2010,0\n2011,10\n2012,12\n2013,15\n2014,18\n2015,21\n".write(
      to: file, atomically: true, encoding: .utf8)
    for model in ["auto", "linear"] {
      let result = try BinaryRunner.run([
        "project", "--data", file.path, "--to", "2018", "--model", model,
      ])
      #expect(result.status == 65, "\(model): \(result.standardError)")
      #expect(
        result.standardError.hasSuffix(
          "ipfin: error: \(file.path):2: user series filed all: the value in 2010 is 0, which "
            + "log-scale errors cannot fit (every value fitted must be positive); use "
            + "--error-scale level, or --since 2011 to fit only the later points\n"),
        "\(result.standardError)")
    }
    // constant-growth uses only the last two points.
    let rule = try BinaryRunner.run([
      "project", "--data", file.path, "--to", "2018", "--model", "constant-growth",
    ])
    #expect(rule.status == 0, "\(rule.standardError)")
  }

  /// A file of counts within the data limits that grow a thousandfold a year: the drift's
  /// paths to 2120 pass the largest double. That is a numerical failure (exit code 70) naming
  /// the model and the year, never a band capped at exp(700) = 1.0142320547350045e+304.
  @Test func aSimulationBeyondTheLargestNumberIsANumericalFailureNotACap() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("fast.csv")
    try "year,value\n2020,1\n2021,1200\n2022,900000\n2023,1100000000\n2024,1000000000000\n"
      .write(to: file, atomically: true, encoding: .utf8)
    let drift = try BinaryRunner.run([
      "project", "--data", file.path, "--model", "drift", "--to", "2120", "--format", "csv",
    ])
    #expect(drift.status == 70, "\(drift.standardError)")
    #expect(
      drift.standardError.contains("ipfin: error: \(file.path): user series filed all: drift: "),
      "\(drift.standardError)")
    #expect(drift.standardError.contains("beyond the largest number"), "\(drift.standardError)")
    #expect(drift.standardOutput.isEmpty)
    let all = try BinaryRunner.run([
      "project", "--data", file.path, "--model", "all", "--to", "2120", "--format", "csv",
    ])
    #expect(all.status == 0, "\(all.standardError)")
    #expect(!all.standardOutput.contains(",drift,"), "\(all.standardOutput)")
    #expect(!all.standardOutput.contains("e+304"), "\(all.standardOutput)")
  }

  @Test func negativeValuesWorkWithOrWithoutEquals() throws {
    let help = try BinaryRunner.run(["project", "--help"])
    #expect(help.status == 0)
    for form in ["-2%", "-1%@2026", "-0.1@2027"] {
      #expect(help.standardOutput.contains(form), "\(form)")
    }
    // The = form and a value written apart give the same bytes.
    let joined = try BinaryRunner.run([
      "project", "--office", "VN", "--right", "invention", "--model", "drift", "--to", "2028",
      "--uplift=-1%@2026", "--level-shift=-0.1@2027", "--format", "csv",
    ])
    #expect(joined.status == 0, "\(joined.standardError)")
    let rule = try BinaryRunner.run([
      "project", "--office", "VN", "--right", "invention", "--model", "constant-growth",
      "--growth=-0.02", "--to", "2025", "--format", "csv",
    ])
    #expect(rule.status == 0, "\(rule.standardError)")
    // 9904 (2024) falling 2%, to rounding.
    let last = rule.standardOutput.split(separator: "\n").last?.split(separator: ",")
    let value = try #require(last.flatMap { Double($0[8]) })
    #expect(abs(value - 9904 * 0.98) <= 1e-12 * 9904, "\(rule.standardOutput)")
    let apart = try BinaryRunner.run([
      "project", "--office", "VN", "--right", "invention", "--model", "drift", "--to", "2028",
      "--uplift", "-1%@2026", "--level-shift", "-0.1@2027", "--format", "csv",
    ])
    #expect(apart.status == 0, "\(apart.standardError)")
    #expect(apart.standardOutput == joined.standardOutput)
  }

  @Test func helpStatesTheMemoryLimitOfTheSimulations() throws {
    let help = try BinaryRunner.run(["project", "--help"])
    let text = help.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(
      text.contains(
        "100 to 1,000,000; simulations × projected years (and × --backtest-horizon with --select "
          + "backtest) at most 50,000,000, since a model's paths are held in memory (about 400 MB)"),
      "\(help.standardOutput)")
  }

  @Test func usageErrorsAreExitCode64() throws {
    for arguments in [
      ["--model", "cubic"], ["--to", "2020"], ["--uplift", "3%"], ["--analog", "KR:1990-2000"],
      ["--select", "best"], ["--levels", "0.8,1.5"], ["--simulations", "10"], ["--cap=-5"],
      ["--simulations", "1000000", "--to", "2124"],
    ] {
      let result = try BinaryRunner.run(
        ["project", "--office", "VN", "--right", "invention"] + arguments)
      #expect(result.status == 64, "\(arguments): \(result.standardError)")
      // The request is checked before the seed note: the error is all that is printed.
      #expect(result.standardError.hasPrefix("ipfin: error: "), "\(result.standardError)")
      #expect(!result.standardError.contains("simulated paths"), "\(result.standardError)")
    }
  }
}
