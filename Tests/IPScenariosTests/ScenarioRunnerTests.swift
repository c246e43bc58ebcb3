// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPScenarios
import IPStatistics
import IPValuation
import Testing

/// Running scenarios: what reaches the comparison and the projection rows, independence of the
/// thread count, partial scenarios, and errors that name the scenario file and key.
@Suite("Scenario runner")
struct ScenarioRunnerTests {
  /// Two assets, one with random revenue and a PERT royalty, one pending.
  static let portfolio = """
    id,right,office,filing_date,grant_date,grant_probability,revenue,revenue_growth,\
    revenue_volatility,royalty_rate,royalty_low,royalty_high,discount_rate,currency
    P1,invention,VN,2018-05-02,2022-01-10,,5000000000,5%,20%,4%,2%,6%,14%,VND
    T1,trademark,VN,2015-03-01,,0.8,9000000000,3%,10%,2%,2%,2%,13%,VND

    """

  static let baseline = """
    name: base
    description: two series and a small portfolio
    projection:
      office: VN
      series: [invention, {right: invention, scope: resident}]
      model: exponential
      since: 2005
      to: 2032
      simulations: 400
    valuation:
      portfolio: portfolio.csv
      valuation_date: 2025-12-31
      paths: 3000
      seed: 11
      loan: {amount: 1000000000, pd: 0.05}
    """

  /// Writes the portfolio, the baseline and `others` (name -> YAML) into a fresh folder.
  static func files(_ others: [String: String] = [:]) throws -> (ScenarioFiles, [String]) {
    let files = try ScenarioFiles()
    try files.write("portfolio.csv", portfolio)
    var paths = [try files.write("base.yaml", baseline)]
    for (name, text) in others.sorted(by: { $0.key < $1.key }) {
      paths.append(try files.write(name, text))
    }
    return (files, paths)
  }

  static func run(_ paths: [String], threads: Int = 2) throws -> [ScenarioResult] {
    try ScenarioRunner.run(ScenarioPlan.plans(for: paths, threads: threads), threads: threads)
  }

  /// The summary of a scenario is its series' projections (selected model, 95% band) and the
  /// collateral report, the same figures the library computes when called directly.
  @Test func summaryCarriesTheLibraryFigures() throws {
    let (files, paths) = try Self.files()
    defer { withExtendedLifetime(files) {} }
    let result = try #require(try Self.run(paths).first)
    #expect(result.series.map(\.label) == ["invention", "invention_resident"])

    var request = ProjectionRequest(office: "VN", right: "invention", scope: "resident")
    request.model = "exponential"
    request.since = 2005
    request.to = 2032
    request.simulations = 400
    let direct = try Projector.project(request, dataset: FilingDataset.bundled())
    let rows = try #require(direct.projection(.exponential)?.rows)
    let projected = rows.filter { $0.kind == .projected }
    let summary = result.summary
    let resident = try #require(summary.series.first { $0.right == "invention_resident" })
    #expect(resident.finalYear == 2032)
    #expect(resident.lastObservedYear == 2024 && resident.lastObservedValue == 1226)
    #expect(resident.points.count == projected.count)
    for row in projected {
      let point = try #require(resident.points[row.year])
      #expect(point.value == row.value && point.low95 == row.lo95 && point.high95 == row.hi95)
    }

    let portfolio = try Portfolio.read(
      path: files.directory.appendingPathComponent("portfolio.csv").path)
    var assumptions = ValuationAssumptions(
      valuationDate: try #require(CalendarDate(iso8601: "2025-12-31")))
    assumptions.paths = 3000
    assumptions.seed = 11
    var loan = Loan(amount: 1e9)
    loan.probabilityOfDefault = 0.05
    let report = try CollateralReport(
      result: try MonteCarloValuation.run(
        portfolio: portfolio, assumptions: assumptions, loan: loan))
    let metrics = try #require(summary.valuation)
    for metric in report.metrics {
      #expect(metrics[metric.name] == metric.value, "\(metric.name)")
    }
  }

  /// The comparison and the projection rows are the same bytes on 1 and 3 threads, and in a
  /// second run with the same seeds.
  @Test func outputDoesNotDependOnThreads() throws {
    let (files, paths) = try Self.files([
      "shifted.yaml": "extends: base.yaml\nname: shifted\nvaluation: {discount_rate_shift: 0.02}\n"
    ])
    defer { withExtendedLifetime(files) {} }
    func bytes(_ threads: Int) throws -> String {
      let results = try Self.run(paths, threads: threads)
      return Comparison(results.map(\.summary)).csv + ScenarioResult.projectionsCSV(results)
    }
    let one = try bytes(1)
    #expect(one == (try bytes(3)))
    #expect(one == (try bytes(1)))
  }

  /// A scenario with only a projection or only a valuation leaves the other columns empty, and
  /// the baseline's changes are zero.
  @Test func partialScenariosLeaveColumnsEmpty() throws {
    let (files, paths) = try Self.files([
      "b-growth.yaml": """
      name: growth-only
      projection:
        office: VN
        series: [invention]
        model: exponential
        since: 2005
        to: 2032
        simulations: 400
        adjustments: [{right: invention, from: 2026, growth_uplift: 0.02}]
      """,
      "c-value.yaml": "name: value-only\nvaluation:\n  portfolio: portfolio.csv\n  paths: 500\n",
    ])
    defer { withExtendedLifetime(files) {} }
    let comparison = Comparison(try Self.run(paths).map(\.summary))
    let column = { (name: String) -> Int in comparison.columns.firstIndex(of: name) ?? -1 }
    let baseline = comparison.rows[0]
    for index in comparison.columns.indices where comparison.columns[index].hasSuffix("_pct") {
      #expect(baseline[index].number == 0, "\(comparison.columns[index])")
    }
    let growth = comparison.rows[1]
    #expect(growth[column("market_value_mean")].number.isNaN)
    #expect(growth[column("invention_resident_2032")].number.isNaN)
    #expect(growth[column("invention_2032")].number > baseline[column("invention_2032")].number)
    let value = comparison.rows[2]
    #expect(value[column("invention_2030")].number.isNaN)
    #expect(value[column("market_value_mean")].number > 0)
    #expect(value[column("loan_amount")].number.isNaN)
  }

  /// A scenario that leaves the valuation date to its default, for a portfolio whose latest
  /// date is years old, warns as `ipfin value` does; one that gives the date does not.
  @Test func aStaleDefaultValuationDateIsAWarning() throws {
    let files = try ScenarioFiles()
    try files.write(
      "old.csv",
      "id,right,office,filing_date,grant_date,revenue,royalty_rate\n"
        + "A,invention,VN,2010-01-05,2014-03-01,1000000,5%\n")
    let stale = try files.write(
      "stale.yaml", "name: stale\nvaluation:\n  portfolio: old.csv\n  paths: 100\n")
    let dated = try files.write(
      "dated.yaml",
      "name: dated\nvaluation:\n  portfolio: old.csv\n  paths: 100\n"
        + "  valuation_date: 2015-06-30\n")
    let results = try Self.run([stale, dated])
    #expect(
      results[0].warnings.contains {
        $0.hasPrefix("the default valuation date 2014-12-31 is")
          && $0.hasSuffix("; set valuation_date")
      })
    #expect(!results[1].warnings.contains { $0.contains("default valuation date") })
  }

  /// A series the data cannot support fails with the scenario file, the line of its entry and
  /// its key; two scenarios may not share a name.
  @Test func errorsNameTheScenarioFileAndKey() throws {
    let files = try ScenarioFiles()
    try files.write("portfolio.csv", Self.portfolio)
    let short = try files.write(
      "short.yaml",
      "name: short\nprojection:\n  office: VN\n  series:\n    - invention\n    - utility_solution\n"
    )
    #expect {
      try Self.run([short])
    } throws: { error in
      guard let error = error as? ScenarioError else { return false }
      return error.category == .badData && error.location?.line == 6
        && error.key == "projection.series[1]" && error.description.contains("3 points")
    }
    let twin = try files.write("twin.yaml", Self.baseline)
    let base = try files.write("base.yaml", Self.baseline)
    #expect {
      try ScenarioPlan.plans(for: [base, twin], threads: 1)
    } throws: { error in
      (error as? ScenarioError)?.description.contains("also the name of") ?? false
    }
  }

  /// A series cites the sources of the points it was fitted on and of its analog's end points
  /// (not of the analog's other years); the report lists them, an unknown id as not described.
  @Test func analogSourcesAreCited() throws {
    let files = try ScenarioFiles()
    defer { withExtendedLifetime(files) {} }
    var data = "office,right,measure,scope,year,value,source\n"
    for year in 2010...2024 {
      data +=
        "VN,invention,filed,all,\(year),\(Int(1000 * pow(1.08, Double(year - 2010)))),vn-src\n"
    }
    data += "KR,invention,filed,resident,1990,9082,kr-start\n"
    data += "KR,invention,filed,resident,1995,30000,kr-middle\n"
    data += "KR,invention,filed,resident,2000,72831,kr-end\n"
    try files.write("data.csv", data)
    let path = try files.write(
      "analog.yaml",
      """
      name: analog
      projection:
        data: data.csv
        office: VN
        series: [invention]
        model: exponential
        simulations: 200
        adjustments: [{right: invention, analog: "KR:invention:filed:resident:1990-2000"}]
      """)
    let results = try Self.run([path])
    #expect(results[0].series[0].sources == ["kr-end", "kr-start", "vn-src"])
    let report = HTMLReport(results: results, sources: [:], generator: "ipfin")
    #expect(report.sources.map(\.id) == ["kr-end", "kr-start", "vn-src"])
    #expect(report.sources.allSatisfy { $0.title == "not described in sources.csv" })
  }
}
