// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser

/// The subcommands of the valuation module (`value`).
enum ValuationCommands {
  /// Registered in ``IPFin``'s configuration.
  static let all: [ParsableCommand.Type] = [ValueCommand.self]
}
