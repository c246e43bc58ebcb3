// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// The `metric,value` rows of CSV output, as a dictionary and in order.
private func metrics(_ csv: String) -> (names: [String], values: [String: Double]) {
  var names: [String] = []
  var values: [String: Double] = [:]
  for line in csv.split(separator: "\n").dropFirst() {
    let parts = line.split(separator: ",", omittingEmptySubsequences: false)
    names.append(String(parts[0]))
    values[String(parts[0])] = Double(parts[1]) ?? .nan
  }
  return (names, values)
}

@Suite("ipfin value: output, reproducibility and options")
struct ValueCommandTests {
  static let sample = "examples/portfolio-vn-sample.csv"

  @Test func outputBytesAreIdenticalForAnyThreadCount() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var outputs: [Data] = []
    var perAsset: [Data] = []
    for threads in [1, 2, 4] {
      let out = directory.appendingPathComponent("out-\(threads).csv").path
      let assets = directory.appendingPathComponent("assets-\(threads).csv").path
      let result = try BinaryRunner.run([
        "value", Self.sample, "--paths", "6000", "--seed", "2024", "--threads", "\(threads)",
        "--format", "csv", "--loan", "2e10", "--pd", "3%", "--sensitivity", "--out", out,
        "--per-asset", assets,
      ])
      #expect(result.status == 0, "\(result.standardError)")
      #expect(result.standardOutput.isEmpty)
      #expect(result.standardError.contains("seed 2024, 6000 paths, \(threads) thread"))
      outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)))
      perAsset.append(try Data(contentsOf: URL(fileURLWithPath: assets)))
    }
    #expect(outputs[1] == outputs[0] && outputs[2] == outputs[0])
    #expect(perAsset[1] == perAsset[0] && perAsset[2] == perAsset[0])
    // Another seed gives other figures.
    let other = try BinaryRunner.run([
      "value", Self.sample, "--paths", "6000", "--seed", "2025", "--format", "csv", "--loan",
      "2e10", "--pd", "3%", "--sensitivity",
    ])
    #expect(Data(other.standardOutput.utf8) != outputs[0])
  }

  @Test func csvHasTheIssuesMetricNamesInOrder() throws {
    let result = try BinaryRunner.run([
      "value", Self.sample, "--paths", "2000", "--format", "csv", "--loan", "20000000000",
      "--pd", "0.03",
    ])
    #expect(result.status == 0)
    #expect(
      metrics(result.standardOutput).names == [
        "deterministic_value", "market_value_mean", "market_value_mean_se", "market_value_sd",
        "market_value_p05", "market_value_p50", "market_value_p95", "orderly_liquidation_value",
        "forced_liquidation_value", "horizon_years", "horizon_value_mean", "collateral_value",
        "lending_value", "var95", "es95", "var99", "es99", "hhi", "loan_amount", "tenor_years",
        "coverage_orderly", "coverage_forced", "default_probability",
        "collateral_at_default_mean", "collateral_at_default_p10", "lgd_mean", "lgd_p90",
        "expected_credit_loss", "expected_credit_loss_rate", "expected_credit_loss_12m",
        "unexpected_loss99",
      ])
    // The seed and the valuation date are on standard error, with the default's rule.
    #expect(result.standardError.contains("seed 57, 2000 paths"))
    #expect(result.standardError.contains("valuation date 2025-12-31 (default: 31 December"))
    // The sample's expired utility solution is reported.
    #expect(result.standardError.contains("warning: examples/portfolio-vn-sample.csv:13:"))
    #expect(result.standardError.contains("'UTI-2015-CASE' expired on 2025-10-01"))
  }

  @Test func withoutALoanThereAreNoLoanFigures() throws {
    let result = try BinaryRunner.run(["value", Self.sample, "--paths", "500", "--format", "csv"])
    #expect(metrics(result.standardOutput).names.last == "hhi")
  }

  @Test func perAssetFileHasTheIssuesColumns() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let assets = directory.appendingPathComponent("assets.csv").path
    let result = try BinaryRunner.run([
      "value", Self.sample, "--paths", "1000", "--per-asset", assets,
    ])
    #expect(result.status == 0)
    let text = try String(contentsOfFile: assets, encoding: .utf8)
    let lines = text.split(separator: "\n")
    let columns = [
      "id", "right", "office", "remaining_life", "deterministic_value", "mean", "sd", "p05",
      "p50", "p95", "share_of_portfolio",
    ]
    #expect(lines.first.map(String.init) == columns.joined(separator: ","))
    #expect(lines.count == 17)
    #expect(lines[1].hasPrefix("TM-MAYXANH,trademark,VN,10,"))
    // Shares of the portfolio add up to 1.
    let shares = lines.dropFirst().map { Double($0.split(separator: ",").last ?? "") ?? .nan }
    #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
  }

  @Test func deterministicPrintsTheDeterministicValueOnly() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let assets = directory.appendingPathComponent("assets.csv").path
    let result = try BinaryRunner.run([
      "value", Self.sample, "--deterministic", "--format", "csv", "--valuation-date", "2025-06-30",
      "--per-asset", assets,
    ])
    #expect(result.status == 0)
    let (names, values) = metrics(result.standardOutput)
    #expect(names == ["deterministic_value"])
    #expect(result.standardError.contains("valuation date 2025-06-30\n"))
    #expect(!result.standardError.contains("seed"))
    // The per-asset table: the simulated columns empty, shares of the deterministic values.
    let rows = try String(contentsOfFile: assets, encoding: .utf8).split(separator: "\n")
      .dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    #expect(rows.count == 16)
    #expect(rows.allSatisfy { $0[5...9].allSatisfy(\.isEmpty) })
    let total = values["deterministic_value"] ?? .nan
    for row in rows {
      let value = Double(row[4]) ?? .nan
      let share = Double(row[10]) ?? .nan
      #expect(abs(share - value / total) <= 1e-15)
    }
  }

  @Test func optionsReachTheModel() throws {
    // A portfolio without maintenance costs and without discount rates of its own.
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let header = "id,right,office,filing_date,grant_date,revenue,royalty_rate,discount_rate\n"
    let rows = [
      "A,invention,VN,2015-03-01,2017-01-01,2000000000,0.05,",
      "B,trademark,KR,2010-01-01,2011-01-01,9000000000,0.02,",
    ]
    let plain = directory.appendingPathComponent("plain.csv").path
    try (header + rows.joined(separator: "\n") + "\n").write(
      toFile: plain, atomically: true, encoding: .utf8)
    let explicit = directory.appendingPathComponent("explicit.csv").path
    try (header + rows.map { $0 + "0.1" }.joined(separator: "\n") + "\n").write(
      toFile: explicit, atomically: true, encoding: .utf8)
    func value(_ path: String, _ options: [String]) throws -> Double {
      let result = try BinaryRunner.run(
        ["value", path, "--deterministic", "--format", "csv"] + options)
      #expect(result.status == 0, "\(result.standardError)")
      return metrics(result.standardOutput).values["deterministic_value"] ?? .nan
    }
    // --discount-rate fills the rows without one.
    #expect(try value(plain, ["--discount-rate", "10%"]) == (try value(explicit, [])))
    // --discount-rate-shift adds to every rate.
    #expect(
      try value(plain, ["--discount-rate", "0.08", "--discount-rate-shift", "2%"])
        == (try value(explicit, [])))
    // --royalty-multiplier scales every cash flow when there is no maintenance cost.
    let base = try value(plain, [])
    let doubled = try value(plain, ["--royalty-multiplier", "2"])
    #expect(abs(doubled - 2 * base) <= 1e-12 * doubled)
    // --growth-shift raises the value.
    #expect(try value(plain, ["--growth-shift", "3%"]) > base)
  }

  @Test func sensitivityAddsTheTornadoRows() throws {
    let result = try BinaryRunner.run([
      "value", Self.sample, "--deterministic", "--format", "csv", "--sensitivity",
    ])
    let names = metrics(result.standardOutput).names
    #expect(names.count == 11)
    #expect(names[1] == "sensitivity_royalty_low" && names[2] == "sensitivity_royalty_high")
    let table = try BinaryRunner.run(["value", Self.sample, "--deterministic", "--sensitivity"])
    #expect(table.standardOutput.contains("driver"))
    #expect(table.standardOutput.contains("invalidity_hazard  x0.5"))
  }

  @Test func jsonIsParseable() throws {
    let result = try BinaryRunner.run([
      "value", Self.sample, "--paths", "500", "--format", "json", "--loan", "1e10",
    ])
    let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    let document = try #require(object as? [String: Any])
    #expect(document["currency"] as? String == "VND")
    #expect(document["seed"] as? Int == 57)
    #expect(document["paths"] as? Int == 500)
    let metrics = try #require(document["metrics"] as? [String: Double])
    #expect(metrics["loan_amount"] == 1e10)
    #expect(metrics["tenor_years"] == 5)
    // 16 figures, the horizon's 2, and the loan's 4 without a probability of default.
    #expect(metrics.count == 22)
  }

  /// Usage errors: exit code 64, no output written.
  @Test(arguments: [
    ["--ltv", "invention"],
    ["--ltv", "copyright=0.5"],
    ["--ltv", "trademark=1.5"],
    ["--pd", "0.02"],
    ["--deterministic", "--loan", "1e9"],
    ["--valuation-date", "31/12/2025"],
    ["--correlation", "1.5"],
    ["--paths", "1"],
    ["--orderly-discount", "0.7"],
    ["--discount-rate", "abc"],
    ["--collateral-quantile", "0"],
    ["--tenor", "3"],
    ["--loan", "1e9", "--tenor", "0"],
    ["--loan", "1e9", "--tenor", "31"],
    ["--loan", "1e9", "--amortization", "balloon"],
    ["--loan", "1e9", "--borrower-correlation", "1.2"],
    ["--loan", "1e9", "--time-to-sell", "11"],
    ["--loan", "1e9", "--sale-cost", "abc"],
    ["--loan", "1e9", "--loan-rate", "150%"],
    ["--horizon", "0"],
    ["--horizon", "forever"],
    ["--deterministic", "--horizon", "2"],
  ])
  func badOptionsAreUsageErrors(_ options: [String]) throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let out = directory.appendingPathComponent("out.csv").path
    let result = try BinaryRunner.run(["value", Self.sample, "--out", out] + options)
    #expect(result.status == 64, "\(result.standardError)")
    #expect(result.standardError.hasPrefix("ipfin: error: "))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func outputOverTheInputIsRefused() throws {
    let result = try BinaryRunner.run(["value", Self.sample, "--out", Self.sample])
    #expect(result.status == 64)
    #expect(result.standardError.contains("would overwrite the input"))
  }

  /// An amount beyond what the model computes is refused where it is read (it used to
  /// overflow the valuation, exit code 70).
  @Test func anAmountThatWouldOverflowIsRefusedWhereItIsRead() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("huge.csv").path
    try """
    id,right,office,filing_date,grant_date,revenue,revenue_growth,royalty_rate,maintenance_cost
    HUGE,invention,VN,2020-01-01,2021-01-01,1e308,100%,1,0
    COSTLY,invention,VN,2020-01-01,2021-01-01,1000,0,0.1,1e308
    """.write(toFile: input, atomically: true, encoding: .utf8)
    let result = try BinaryRunner.run(["value", input, "--paths", "100"])
    #expect(result.status == 65)
    #expect(
      result.standardError.contains(
        "huge.csv:2:6 (column 'revenue'): '1e308' is not allowed; allowed: an amount from 0 to 1e18"
      ))
  }

  /// With a loan, rights whose life ends before the tenor and the sale are named in a warning,
  /// marked in the per-asset file and left out of the lending value.
  @Test func ineligibleRightsAreNamedAndMarked() throws {
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let assets = directory.appendingPathComponent("assets.csv").path
    let result = try BinaryRunner.run([
      "value", Self.sample, "--paths", "1000", "--loan", "2e10", "--per-asset", assets,
      "--format", "csv",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    for id in ["INV-2006-METER", "UTI-2017-MOUNT", "DES-2013-METER"] {
      #expect(result.standardError.contains("'\(id)' is not eligible as collateral"), "\(id)")
    }
    let rows = try String(contentsOfFile: assets, encoding: .utf8).split(separator: "\n")
    #expect(rows.first?.hasSuffix(",share_of_portfolio,eligible") == true)
    let eligibility = Dictionary(
      uniqueKeysWithValues: rows.dropFirst().map { row in
        let fields = row.split(separator: ",", omittingEmptySubsequences: false)
        return (String(fields[0]), String(fields[fields.count - 1]))
      })
    #expect(eligibility["INV-2006-METER"] == "false")
    #expect(eligibility["INV-2014-SENSOR"] == "true")
    #expect(eligibility.values.filter { $0 == "false" }.count == 4)  // and the expired one
    // A shorter loan makes more of them eligible and raises the lending value.
    let short = try BinaryRunner.run([
      "value", Self.sample, "--paths", "1000", "--loan", "2e10", "--tenor", "1",
      "--time-to-sell", "0.5", "--format", "csv",
    ])
    let lending = metrics(result.standardOutput).values["lending_value"] ?? .nan
    let shortLending = metrics(short.standardOutput).values["lending_value"] ?? .nan
    #expect(shortLending > lending)
  }

  @Test func missingPortfolioIsExitCode66() throws {
    let result = try BinaryRunner.run(["value", "/nonexistent/portfolio.csv"])
    #expect(result.status == 66)
    #expect(result.standardError.contains("/nonexistent/portfolio.csv"))
  }
}
