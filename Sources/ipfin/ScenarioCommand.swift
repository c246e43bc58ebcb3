// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import IPScenarios
import IPStatistics

/// `ipfin scenario`: check and show scenario files without running them.
struct ScenarioCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenario",
    abstract: "Validate scenario files, or show a scenario after inheritance.",
    subcommands: [Check.self, Show.self])

  /// `ipfin scenario check FILE...`.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Validate scenario files without running them.",
      discussion: """
        Runs every check that 'ipfin compare' runs before it fits and simulates: reads each \
        file with its 'extends' chain and checks every key, type, range and referenced file; \
        reads the data file and the portfolio and looks the projection's office, measure, \
        scopes and rights up in the data; runs every check a projection makes before it fits \
        (the series and analog spans in the data, a 'to' after the last point used and at most \
        100 years later, enough points for the model, no zero on the log scale); and resolves \
        every asset of the portfolio under the scenario's valuation settings. What only \
        fitting finds (a fit that fails, a path beyond the largest double) is found when the \
        projections run. Prints 'ok' per valid file; the first invalid file is an error naming \
        its file, line, column and key, as 'compare' reports it (exit code 65; 66 for a file \
        that does not exist or cannot be read).
        """)

    @Argument(
      help: ArgumentHelp("Scenario files (YAML).", valueName: "FILE"),
      completion: ScenarioRunOptions.scenarioFiles)
    var files: [String]

    func run() throws {
      var datasets: [String: FilingDataset] = [:]
      for file in files {
        let scenario = try ScenarioLoader.load(file)
        _ = try ScenarioPlan(scenario, datasets: &datasets, threads: 1)
        print("\(file): ok (\(scenario.name))")
      }
    }
  }

  /// `ipfin scenario show FILE`.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print a scenario after inheritance, as YAML.",
      discussion: """
        Every setting is written out. The data and portfolio paths are relative to FILE's \
        folder, as FILE itself would write them (an inherited path rewritten from its \
        parent's folder), whatever the working directory: saved beside FILE, the output reads \
        back as the same scenario.
        """)

    @Argument(
      help: ArgumentHelp("A scenario file (YAML).", valueName: "FILE"),
      completion: ScenarioRunOptions.scenarioFiles)
    var file: String

    func run() throws {
      print(try ScenarioLoader.load(file).resolvedYAML, terminator: "")
    }
  }
}

/// The subcommands of the scenario module.
enum ScenarioCommands {
  /// Registered in ``IPFin``'s configuration.
  static let all: [ParsableCommand.Type] = [
    CompareCommand.self, ReportCommand.self, ScenarioCommand.self,
  ]
}
