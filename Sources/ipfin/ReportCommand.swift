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
      scenario with the mean, collateral value, lending value and loan marked, the tornado \
      chart of the first scenario with a valuation, the comparison table and the data sources \
      used. Each chart is also written as its own .svg file in DIR; all the files are written, \
      or none.

      Exit codes: 64 bad option, 65 bad scenario or data, 66 a scenario, data or portfolio \
      file that does not exist or cannot be read, 70 numerical failure, 73 cannot write output.
      """)

  @OptionGroup var scenarios: ScenarioRunOptions

  @Option(help: ArgumentHelp("The folder to write index.html and the charts to.", valueName: "DIR"))
  var out: String

  func validate() throws {
    guard !out.isEmpty, out != "-" else {
      throw ValidationError("'\(out)' is not a folder name for --out; give a path")
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory),
      !isDirectory.boolValue
    {
      throw ValidationError("--out \(out) is a file; give a folder")
    }
    try Output.checkPaths(out: nil, files: [index], inputs: scenarios.files)
  }

  func run() throws {
    let results = try scenarios.run(outputs: [index])
    let report = HTMLReport(results: results, sources: try DataSource.bundled())
    let charts = try report.write(to: out)
    Output.note("wrote \(index) and \(charts) charts")
  }

  /// The page's path.
  private var index: String { (out as NSString).appendingPathComponent("index.html") }
}
