// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPScenarios
import IPValuation
import Testing

@Suite("Scenario files")
struct ScenarioLoaderTests {
  static let baseline = """
    name: baseline
    description: Models chosen by AICc.
    projection:
      office: VN
      series: [invention, trademark]
      to: 2035
    valuation:
      portfolio: data/portfolio.csv
      valuation_date: 2025-12-31
      paths: 20000
      seed: 57
      correlation: 0.3
      collateral: {quantile: 0.10, orderly_discount: 0.35, ltv: {invention: 0.5}}
      loan: {amount: 20000000000, pd: 0.03}
    """

  /// Rates are fractions or percentages everywhere, as on the command line: the correlation,
  /// the collateral quantile, the shifts; the shifts and multipliers take the library's ranges.
  @Test func percentagesAndTheLibrarysRanges() throws {
    let files = try ScenarioFiles()
    try files.write("p.csv", "id\n")
    let file = try files.write(
      "s.yaml",
      """
      valuation:
        portfolio: p.csv
        correlation: 30%
        discount_rate_shift: -100%
        revenue_growth_shift: 1
        volatility_multiplier: 100
        collateral: {quantile: 10%}
      """)
    let valuation = try #require(try ScenarioLoader.load(file).valuation)
    #expect(valuation.correlation == 0.3)
    #expect(valuation.collateralQuantile == 0.1)
    #expect(valuation.discountRateShift == -1)
    #expect(valuation.revenueGrowthShift == 1)
    #expect(valuation.volatilityMultiplier == 100)
    for (line, allowed) in [
      ("discount_rate_shift: 101%", ValuationAssumptions.allowedShifts),
      ("volatility_multiplier: 100.5", ValuationAssumptions.allowedMultipliers),
    ] {
      let bad = try files.write("bad.yaml", "valuation:\n  portfolio: p.csv\n  \(line)\n")
      let error = try #require(throws: ScenarioError.self) { try ScenarioLoader.load(bad) }
      #expect(error.message.contains(allowed), "\(error.message)")
      #expect(error.location?.line == 3)
    }
  }

  /// A child inherits everything, overrides field by field (nested mappings merge, lists
  /// replace), keeps its own name, and resolves inherited paths against the parent's folder.
  @Test func inheritanceOverridesFieldByField() throws {
    let files = try ScenarioFiles()
    try files.write("base/data/portfolio.csv", "id\n")
    try files.write("base/baseline.yaml", Self.baseline)
    let child = try files.write(
      "child/stress.yaml",
      """
      extends: ../base/baseline.yaml
      projection:
        series: [invention]
        adjustments:
          - {right: invention, from: 2026, growth_uplift: -2%}
      valuation:
        discount_rate_shift: 0.03
        collateral: {forced_discount: 0.70}
      """)
    let scenario = try ScenarioLoader.load(child)
    #expect(scenario.name == "stress")
    #expect(scenario.description == "")
    let projection = try #require(scenario.projection)
    #expect(projection.office == "VN")
    #expect(projection.series.map(\.right) == ["invention"])
    #expect(projection.to == 2035)
    #expect(
      projection.adjustments.first?.kind == .projection(.growthUplift(rate: -0.02, from: 2026)))
    let valuation = try #require(scenario.valuation)
    #expect(valuation.portfolio.hasSuffix("base/data/portfolio.csv"))
    #expect(valuation.seed == 57 && valuation.paths == 20000)
    #expect(valuation.discountRateShift == 0.03)
    #expect(valuation.collateralQuantile == 0.10)
    #expect(valuation.orderlyDiscount == 0.35)
    #expect(valuation.forcedDiscount == 0.70)
    #expect(valuation.loanToValue == ["invention": 0.5])
    #expect(valuation.loan?.amount == 2e10 && valuation.loan?.probabilityOfDefault == 0.03)
    #expect(valuation.loan?.tenorYears == Loan.defaultTenorYears)
    #expect(valuation.valuationDate?.description == "2025-12-31")
  }

  /// Either section may be absent.
  @Test func sectionsAreOptional() throws {
    let files = try ScenarioFiles()
    let onlyProjection = try files.write(
      "p.yaml",
      "projection: {office: KR, series: [{right: trademark, model: constant-growth, growth: 5%}]}\n"
    )
    let scenario = try ScenarioLoader.load(onlyProjection)
    #expect(scenario.name == "p")
    #expect(scenario.valuation == nil)
    #expect(
      scenario.projection?.series.first
        == SeriesSettings(right: "trademark", model: "constant-growth", growth: 0.05))
    let empty = try files.write("e.yaml", "name: empty\n")
    #expect(try ScenarioLoader.load(empty).projection == nil)
  }

  /// Each kind of error names the file, the line and the key, with exit code 65 (66 for a
  /// scenario file that does not exist).
  @Test(
    arguments: [
      (
        "unknown key", "name: x\nprojection:\n  office: VN\n  series: [invention]\n  modle: auto\n",
        5, "projection.modle", "unknown key"
      ),
      (
        "wrong type", "valuation:\n  portfolio: p.csv\n  paths: many\n", 3, "valuation.paths",
        "expected a whole number"
      ),
      (
        "out of range", "valuation:\n  portfolio: p.csv\n  correlation: 1.5\n", 3,
        "valuation.correlation", "out of range"
      ),
      (
        "bad date", "valuation:\n  portfolio: p.csv\n  valuation_date: 2025-02-30\n", 3,
        "valuation.valuation_date", "not a date"
      ),
      (
        "unknown model", "projection:\n  office: VN\n  series: [invention]\n  model: cubic\n", 4,
        "projection.model", "allowed"
      ),
      (
        "unknown right", "projection:\n  office: VN\n  series: [invention, patents]\n", 3,
        "projection.series[1]", "not a right"
      ),
      (
        "two adjustments in one",
        "projection:\n  office: VN\n  series: [invention]\n  adjustments:\n    - {right: invention, from: 2026, growth_uplift: 0.03, cap: 9000}\n",
        5, "projection.adjustments[0]", "exactly one"
      ),
      (
        "adjustment of an unprojected right",
        "projection:\n  office: VN\n  series: [invention]\n  adjustments:\n    - {right: trademark, cap: 9000}\n",
        5, "projection.adjustments[0].right", "not among"
      ),
      (
        "same series twice",
        "projection:\n  office: VN\n  series: [invention, {right: invention, scope: all}]\n",
        3, "projection.series[1]", "listed twice"
      ),
      (
        "bad analog",
        "projection:\n  office: VN\n  series: [invention]\n  adjustments:\n    - right: invention\n      analog: KR:invention:1990-2000\n",
        6, "projection.adjustments[0].analog", "OFFICE:right"
      ),
      ("yaml syntax", "projection:\n  office: [VN\n", 3, nil, "not valid YAML"),
      ("duplicate key", "name: a\nname: b\n", 2, "name", "twice"),
    ] as [(String, String, Int, String?, String)])
  func errorsNameFileLineAndKey(
    label: String, text: String, line: Int, key: String?, fragment: String
  ) throws {
    let files = try ScenarioFiles()
    try files.write("p.csv", "id\n")
    let path = try files.write("bad.yaml", text)
    do {
      _ = try ScenarioLoader.load(path)
      Issue.record("\(label): accepted")
    } catch let error as ScenarioError {
      #expect(error.category == .badData, "\(label)")
      #expect(error.location?.file == path, "\(label): \(error)")
      #expect(error.location?.line == line, "\(label): \(error)")
      #expect(error.key == key, "\(label): \(error)")
      #expect(error.description.contains(fragment), "\(label): \(error)")
    }
  }

  /// A cycle of `extends` is found and shown; a missing parent is an error at the `extends`
  /// line with exit code 66, as a missing scenario file.
  @Test func extendsErrors() throws {
    let files = try ScenarioFiles()
    let a = try files.write("a.yaml", "extends: b.yaml\n")
    try files.write("b.yaml", "name: b\nextends: a.yaml\n")
    do {
      _ = try ScenarioLoader.load(a)
      Issue.record("a cycle was accepted")
    } catch let error as ScenarioError {
      #expect(error.description.contains("a.yaml -> b.yaml -> a.yaml"))
      #expect(error.location?.line == 2)
      #expect(error.key == "extends")
    }
    let orphan = try files.write("orphan.yaml", "name: o\n\nextends: missing.yaml\n")
    do {
      _ = try ScenarioLoader.load(orphan)
      Issue.record("a missing parent was accepted")
    } catch let error as ScenarioError {
      #expect(error.location?.line == 3 && error.key == "extends")
      #expect(error.category == .missingInput)
      #expect(error.description.contains("'missing.yaml'"), "\(error)")
      #expect(error.description.contains("does not exist"), "\(error)")
    }
    do {
      _ = try ScenarioLoader.load(files.directory.appendingPathComponent("none.yaml").path)
      Issue.record("a missing file was read")
    } catch let error as ScenarioError {
      #expect(error.category == .missingInput)
    }
  }

  /// An error in an inherited value names the parent's file and line.
  @Test func inheritedErrorsPointAtTheParent() throws {
    let files = try ScenarioFiles()
    let parent = try files.write("parent.yaml", "valuation:\n  portfolio: p.csv\n  paths: -5\n")
    try files.write("p.csv", "id\n")
    let child = try files.write("child.yaml", "extends: parent.yaml\nvaluation: {seed: 1}\n")
    do {
      _ = try ScenarioLoader.load(child)
      Issue.record("accepted")
    } catch let error as ScenarioError {
      #expect(error.location?.file == parent)
      #expect(error.location?.line == 3)
    }
  }
}

@Suite("Resolved scenario YAML")
struct ResolvedYAMLTests {
  /// `resolvedYAML` reads back as the same scenario (a round trip through the loader).
  @Test func roundTrips() throws {
    let files = try ScenarioFiles()
    try files.write("base/data/portfolio.csv", "id\n")
    try files.write("base/baseline.yaml", ScenarioLoaderTests.baseline)
    let child = try files.write(
      "child.yaml",
      """
      extends: base/baseline.yaml
      description: "Uplift: 3 points, from 2026"
      projection:
        series: [invention, {right: invention, scope: resident, model: constant-growth, growth: 12%}]
        adjustments:
          - {right: invention, scope: resident, from: 2026, growth_uplift: 0.03}
          - {right: invention, analog: "KR:invention:filed:resident:1990-2000"}
      """)
    let scenario = try ScenarioLoader.load(child)
    let again = try files.write("again.yaml", scenario.resolvedYAML)
    var reloaded = try ScenarioLoader.load(again)
    reloaded.name = scenario.name
    reloaded.file = scenario.file
    // The resolved file extends nothing; the original names the file it extends.
    #expect(reloaded.extendedFiles.isEmpty)
    let parent = files.directory.appendingPathComponent("base/baseline.yaml").path
    #expect(scenario.extendedFiles == [parent])
    reloaded.extendedFiles = scenario.extendedFiles
    #expect(reloaded == scenario)
    #expect(reloaded.projection?.adjustments.count == 2)
    #expect(scenario.resolvedYAML.contains("# at ipfin project's defaults: seed, simulations"))
  }

  /// Paths are written as the shown file would write them, relative to its folder (an
  /// inherited one rewritten from the parent's folder), whatever the working directory.
  @Test func pathsAreRelativeToTheFilesFolder() throws {
    let files = try ScenarioFiles()
    try files.write("base/data/portfolio.csv", "id\n")
    try files.write("base/data/filings.csv", "year,value\n2020,1\n")
    try files.write("base/baseline.yaml", ScenarioLoaderTests.baseline)
    try files.write(
      "base/own.yaml",
      "extends: baseline.yaml\nprojection: {data: data/filings.csv, office: user, "
        + "series: [series]}\n")
    let child = try files.write("child/stress.yaml", "extends: ../base/own.yaml\n")
    let yaml = try ScenarioLoader.load(child).resolvedYAML
    #expect(yaml.contains("\n  portfolio: ../base/data/portfolio.csv\n"), "\(yaml)")
    #expect(yaml.contains("\n  data: ../base/data/filings.csv\n"), "\(yaml)")
    let again = try files.write("child/again.yaml", yaml)
    let reloaded = try ScenarioLoader.load(again)
    #expect(reloaded.valuation?.portfolio.hasSuffix("base/data/portfolio.csv") == true)
  }
}

extension ScenarioLoaderTests {
  /// Rights are named in scenario files as everywhere else: any letter case and the aliases
  /// (`patent`, `design`), in the series and in the adjustments; the office in any case. An
  /// unknown right is refused at its line with the nearest name.
  @Test func rightsTakeAliasesAndAnyCase() throws {
    let files = try ScenarioFiles()
    let path = try files.write(
      "alias.yaml",
      """
      projection:
        office: vn
        series: [Patent, {right: design, scope: all}, TRADEMARK]
        adjustments:
          - {right: PATENT, from: 2026, growth_uplift: 0.01}

      """)
    let projection = try #require(try ScenarioLoader.load(path).projection)
    #expect(projection.office == "VN")
    #expect(projection.series.map(\.right) == ["invention", "industrial_design", "trademark"])
    #expect(projection.adjustments.map(\.right) == ["invention"])
    let bad = try files.write("bad.yaml", "projection:\n  office: VN\n  series: [patnet]\n")
    do {
      _ = try ScenarioLoader.load(bad)
      Issue.record("an unknown right was accepted")
    } catch let error as ScenarioError {
      #expect(error.location?.line == 3)
      #expect(error.description.contains("did you mean patent?"))
    }
  }
}
