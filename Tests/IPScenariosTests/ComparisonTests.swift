// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPScenarios
import Testing

@Suite("Comparison")
struct ComparisonTests {
  static func series(_ right: String, growth: Double, final: Int = 2035) -> ScenarioSummary.Series {
    var points: [Int: ScenarioSummary.Series.Point] = [:]
    for year in 2025...final {
      let value = 1000 * pow(1 + growth, Double(year - 2024))
      points[year] = .init(value: value, low95: 0.8 * value, high95: 1.2 * value)
    }
    return .init(
      right: right, lastObservedYear: 2024, lastObservedValue: 1000, points: points,
      finalYear: final)
  }

  static let baseline = ScenarioSummary(
    name: "baseline", description: "base, with a comma",
    series: [series("invention", growth: 0.05), series("trademark", growth: 0.02)],
    valuation: ["market_value_mean": 100, "collateral_value": 50, "expected_credit_loss": 0, "hhi": 0.3])
  static let projectionOnly = ScenarioSummary(
    name: "growth", description: "",
    series: [series("invention", growth: 0.10)], valuation: nil)
  static let valuationOnly = ScenarioSummary(
    name: "stress", description: "",
    series: [], valuation: ["market_value_mean": 80, "collateral_value": 35, "expected_credit_loss": 2])

  /// The column order is stable: scenario, description, series blocks, valuation metrics, then
  /// the changes against the baseline.
  @Test func columnsInOrder() {
    let comparison = Comparison([Self.baseline, Self.projectionOnly, Self.valuationOnly])
    let c = comparison.columns
    #expect(
      Array(c.prefix(8)) == [
        "scenario", "description", "invention_2030", "invention_2030_lo95", "invention_2030_hi95",
        "invention_2035", "invention_2035_lo95", "invention_2035_hi95",
      ])
    #expect(c[8] == "invention_cagr")
    #expect(c[15] == "trademark_cagr")
    let metricsEnd = 16 + Comparison.valuationMetrics.count
    #expect(Array(c[16..<metricsEnd]) == Comparison.valuationMetrics)
    #expect(
      Array(c[metricsEnd...]) == ["invention_2035_vs_baseline_pct", "trademark_2035_vs_baseline_pct"]
        + Comparison.valuationKeyFigures.map { "\($0)_vs_baseline_pct" })
  }

  /// The baseline's changes are zero; a projection-only scenario leaves the valuation columns
  /// empty and vice versa; changes and growth rates equal a hand computation.
  @Test func valuesAndChanges() throws {
    let comparison = Comparison([Self.baseline, Self.projectionOnly, Self.valuationOnly])
    func cell(_ row: Int, _ column: String) -> Double {
      comparison.rows[row][comparison.columns.firstIndex(of: column) ?? 0].number
    }
    for (index, column) in comparison.columns.enumerated()
    where column.hasSuffix("_vs_baseline_pct") {
      let value = comparison.rows[0][index].number
      #expect(value.isNaN || value == 0, "\(column)")
    }
    #expect(cell(0, "market_value_mean_vs_baseline_pct") == 0)
    #expect(cell(1, "market_value_mean").isNaN)
    #expect(cell(2, "invention_2035").isNaN)
    #expect(abs(cell(0, "invention_cagr") - 0.05) < 1e-12)
    #expect(
      abs(cell(1, "invention_2035_vs_baseline_pct") - 100 * (pow(1.1, 11) / pow(1.05, 11) - 1))
        < 1e-9)
    #expect(cell(2, "market_value_mean_vs_baseline_pct") == -20)
    #expect(cell(2, "collateral_value_vs_baseline_pct") == -30)
    // A change from a zero baseline is empty (expected_credit_loss 0 -> 2).
    #expect(cell(2, "expected_credit_loss_vs_baseline_pct").isNaN)
    let csv = try CSVTable(text: comparison.csv, source: "comparison")
    #expect(csv.header == comparison.columns)
    #expect(csv.records.count == 3)
    #expect(csv.records[0].fields[1] == "base, with a comma")
    #expect(csv.records[1].fields[csv.header.firstIndex(of: "market_value_mean") ?? 0] == "")
  }

  /// The long format holds the same numbers as the wide one.
  @Test func longFormatMatchesWide() throws {
    let comparison = Comparison([Self.baseline, Self.valuationOnly])
    let long = try CSVTable(text: comparison.longCSV, source: "long")
    #expect(long.header == ["scenario", "metric", "value", "baseline_value", "change_pct"])
    let row = try #require(
      long.records.first {
        $0.fields[0] == "stress" && $0.fields[1] == "collateral_value"
      })
    #expect(row.fields[2] == "35" && row.fields[3] == "50" && row.fields[4] == "-30")
    let numericColumns = comparison.columns.filter {
      $0 != "scenario" && $0 != "description" && !$0.hasSuffix("_vs_baseline_pct")
    }
    #expect(long.records.count == 2 * numericColumns.count)
  }

  /// A scenario named `#1` starts its rows in the wide and long CSV: it is quoted, so that the
  /// CSV reader does not take those rows for comments, and every scenario reads back.
  @Test func aScenarioNamedLikeACommentReadsBack() throws {
    let hashed = ScenarioSummary(
      name: "#1", description: "# not a comment", series: [], valuation: ["collateral_value": 40])
    let comparison = Comparison([Self.baseline, hashed])
    #expect(comparison.csv.contains("\n\"#1\",# not a comment,"))
    let wide = try CSVTable(text: comparison.csv, source: "wide")
    #expect(wide.records.map { $0.fields[0] } == ["baseline", "#1"])
    #expect(wide.records[1].fields[1] == "# not a comment")
    let long = try CSVTable(text: comparison.longCSV, source: "long")
    #expect(long.records.filter { $0.fields[0] == "#1" }.count == long.records.count / 2)
  }

  @Test func percentChange() {
    #expect(Comparison.percentChange(110, from: 100) == 10)
    #expect(Comparison.percentChange(-50, from: -100) == 50)
    #expect(Comparison.percentChange(0, from: 0) == 0)
    #expect(Comparison.percentChange(1, from: 0).isNaN)
    #expect(Comparison.percentChange(nil, from: 1).isNaN)
  }
}
