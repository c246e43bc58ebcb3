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
      script, no network): first a summary per scenario (lending value against the loan, \
      forced-sale coverage, the losses at default, the final-year filings with their 95% \
      band), then the lending value against the loan, the distribution of the horizon value \
      and of the loss given default (one row per scenario on a shared axis), a fan chart per \
      projected series (observed points, each scenario's median with 80% and 95% bands on a \
      log axis, and the model chosen), the tornado chart of the first scenario with a \
      valuation, every figure of the comparison in words with units, and the data sources; \
      scenarios with the same figures share an entry. Each chart is also written as its own \
      .svg file in DIR (lending.svg, histogram-1-portfolio-value.svg, \
      histogram-2-loss-given-default.svg, fan-<n>-<title>.svg with the title cut to 40 \
      characters, tornado.svg); all the files are written, or none, and each is confirmed on \
      standard error. An input of a scenario that lies in DIR under a name the report may \
      write (index.html, lending.svg, tornado.svg, fan-*.svg, histogram-*.svg) is refused \
      before anything runs.

      Exit codes: 64 bad option, 65 bad scenario or data, 66 a scenario, data or portfolio \
      file that does not exist or cannot be read, 70 numerical failure, 73 cannot write output.
      """)

  @OptionGroup var scenarios: ScenarioRunOptions

  @Option(
    help: ArgumentHelp("The folder to write index.html and the charts to.", valueName: "DIR"),
    completion: .directory)
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
    // "/" and a file name of at most 64 bytes (HTMLReport.chartFiles).
    try Output.checkNameLengths(out, room: 65)
    try checkFolder(against: scenarios.files)
  }

  func run() throws {
    let results = try scenarios.run(checkOutputs: checkFolder(against:))
    let report = HTMLReport(
      results: results, sources: try DataSource.bundled(),
      generator: "ipfin \(IPFinVersion.current)")
    let files = report.files(in: out)
    // The exact files, now that the charts are known.
    try Output.checkPaths(
      out: nil, files: files.map(\.path), inputs: results.flatMap(\.scenario.inputFiles))
    try Output.write(files)
  }

  /// Refuses an input that lies in the report's folder under a name the report may write
  /// (``HTMLReport/mayWrite(fileNamed:)``), before anything runs.
  ///
  /// - Throws: `ValidationError` (exit code 64) naming the input.
  private func checkFolder(against inputs: [String]) throws {
    for input in inputs {
      let name = (input as NSString).lastPathComponent
      let folder = (input as NSString).deletingLastPathComponent
      guard HTMLReport.mayWrite(fileNamed: name),
        OutputFile.isSameFile(folder.isEmpty ? "." : folder, out)
      else { continue }
      throw ValidationError(
        "the input \(input) is in the report's folder \(out) under a name the report may write "
          + "(\(HTMLReport.writableNames)); choose another folder for --out, or move the input")
    }
  }
}
