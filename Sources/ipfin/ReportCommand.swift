// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import IPCommon
import IPScenarios
import IPStatistics

/// `ipfin report SCENARIO.yaml... --out DIR`: a self-contained visual report of scenarios.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a self-contained HTML report of scenarios, with every chart as SVG.",
    discussion: """
      Runs the scenarios as 'ipfin compare' does and writes DIR/index.html (inline SVG, no \
      script, no network): a fan chart per projected series (observed points, each scenario's \
      median with 80% and 95% bands), a histogram of the simulated portfolio value per \
      scenario with the collateral value, lending value and loan marked, the baseline's \
      tornado chart, the comparison table and the data sources used. Each chart is also \
      written as its own .svg file in DIR.

      Exit codes: 64 bad option, 65 bad scenario or data, 66 missing scenario file, 70 \
      numerical failure, 73 cannot write output.
      """)

  @Argument(
    help: ArgumentHelp(
      "Scenario files (YAML); the first is the baseline.", valueName: "SCENARIO.yaml"))
  var files: [String]

  @Option(help: ArgumentHelp("The folder to write index.html and the charts to.", valueName: "DIR"))
  var out: String

  @Option(help: "Worker threads; the output does not depend on them. (default: all cores)")
  var threads: Int?

  func validate() throws {
    guard (threads ?? 1) >= 1 else { throw ValidationError("--threads must be at least 1") }
  }

  func run() throws {
    let results = try ScenarioRuns.run(
      files, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
    let report = HTMLReport(results: results, sources: try DataSource.bundled())
    try report.write(to: out)
    Output.note(
      "wrote \(out)/index.html and \(report.chartFiles.count) charts")
  }
}
