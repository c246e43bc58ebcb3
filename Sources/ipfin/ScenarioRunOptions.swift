// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import IPCommon
import IPScenarios
import IPValuation

/// The scenario files and threads of `compare` and `report`, and running them with notes on
/// standard error.
struct ScenarioRunOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "Scenario files (YAML); the first is the baseline.", valueName: "SCENARIO.yaml"),
    completion: ScenarioRunOptions.scenarioFiles)
  var files: [String]

  /// The completion of a scenario file: files ending in `.yaml` or `.yml`.
  static let scenarioFiles = CompletionKind.file(extensions: ["yaml", "yml"])

  @Option(
    parsing: .unconditional,
    help: "Worker threads; the output does not depend on them. (default: all cores)")
  var threads: Int?

  func validate() throws {
    guard (threads ?? 1) >= 1 else { throw ValidationError("--threads must be at least 1") }
  }

  /// Reads, plans and runs the scenario files, printing the seeds and warnings on standard
  /// error. Before anything runs, `checkOutputs` is given every file the scenarios read (their
  /// own, those they extend, data files and portfolios), which the command line alone does not
  /// name, to check the command's outputs against.
  func run(checkOutputs: ([String]) throws -> Void) throws -> [ScenarioResult] {
    let threads = threads ?? ValuationAssumptions.defaultThreads
    let plans = try ScenarioPlan.plans(for: files, threads: threads)
    try checkOutputs(plans.flatMap(\.scenario.inputFiles))
    let progress = ProgressBar(label: "scenarios", total: ScenarioRunner.progressUnits(plans))
    defer { progress.finish() }
    let results = try ScenarioRunner.run(plans, threads: threads, progress: progress)
    progress.finish()
    for group in ScenarioResult.grouped(
      results.compactMap { result in result.reproduction.map { (result.scenario.name, $0) } })
    {
      Output.note("\(group.scenarios.joined(separator: ", ")): \(group.text)")
    }
    // A warning several scenarios share (the same portfolio, the same data) is printed once.
    for group in ScenarioResult.grouped(
      results.flatMap { result in result.warnings.map { (result.scenario.name, $0) } })
    {
      Output.note("warning: \(group.scenarios.joined(separator: ", ")): \(group.text)")
    }
    return results
  }
}
