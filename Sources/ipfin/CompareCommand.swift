// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import IPCommon
import IPScenarios
import IPStatistics
import IPValuation

/// `ipfin compare SCENARIO.yaml...`: run scenarios side by side and compare them.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Run scenarios side by side and compare them (the first is the baseline).",
    discussion: """
      Runs each scenario's projection and valuation and prints one row per scenario (in the \
      table format, one column per scenario). Columns, in order: scenario, description; for \
      each projected series (labelled by its right, with _<scope> when the scope is not all) \
      and for 2030 and each final year: {series}_{year}, {series}_{year}_lo95, \
      {series}_{year}_hi95, then {series}_cagr (the median's compound growth from the last \
      observed year); \(HelpText.list(Comparison.valuationMetrics)); then \
      {figure}_vs_baseline_pct for each final-year series value and \
      \(HelpText.list(Comparison.valuationKeyFigures)): 100 (x - baseline) / |baseline|. A \
      scenario without a projection or a valuation leaves those cells empty.

      --out FILE writes the comparison to FILE instead of standard output, in the format \
      --format names or else FILE's extension (.csv, .json, .txt for the table), as every \
      command does. --long writes the CSV long: scenario,metric,value,baseline_value,\
      change_pct. --projections FILE writes every scenario's projection rows as CSV: \
      scenario, then the columns of 'ipfin project'. Scenarios run in parallel on --threads; \
      the output is identical for any thread count. Files are written only when every \
      scenario has run, and never over a file a scenario reads.

      Exit codes: 64 bad option, 65 bad scenario or data (with file, line and key), 66 a \
      scenario, data or portfolio file that does not exist or cannot be read, 70 numerical \
      failure, 73 cannot write output.
      """)

  @OptionGroup var scenarios: ScenarioRunOptions

  @OptionGroup var output: OutputOptions

  @Option(
    help: ArgumentHelp("Write every scenario's projection rows as CSV to FILE.", valueName: "FILE"),
    completion: .file(extensions: ["csv"]))
  var projections: String?

  @Flag(help: "Write the CSV long: scenario,metric,value,baseline_value,change_pct.")
  var long = false

  func validate() throws {
    if long && output.format != .csv {
      throw ValidationError(
        "--long is a form of the CSV; give --format csv or an --out file ending in .csv")
    }
    try output.checkPaths(files: [projections], inputs: scenarios.files)
  }

  func run() throws {
    let results = try scenarios.run { inputs in
      try output.checkPaths(files: [projections], inputs: inputs)
    }
    let comparison = Comparison(results.map(\.summary))
    let text: String
    switch output.format {
    case .table: text = comparison.table
    case .csv: text = long ? comparison.longCSV : comparison.csv
    case .json: text = try Output.json(comparison.jsonObjects)
    }
    try output.emit(
      text,
      alongside: projections.map { [($0, ScenarioResult.projectionsCSV(results))] } ?? [])
  }
}
