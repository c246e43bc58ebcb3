// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser

/// The subcommands of the statistics module (`data`, `project`, `backtest`).
enum StatisticsCommands {
  /// Registered in ``IPFin``'s configuration.
  static let all: [ParsableCommand.Type] = [
    DataCommand.self, ProjectCommand.self, BacktestCommand.self,
  ]
}
