// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import IPStatistics
import IPValuation

// The libraries' enumerations as typed option values: their values appear in `--help` and in
// the completion scripts, and a value that is not one of them is refused with the list.

extension ErrorScale: ExpressibleByArgument {}

extension SelectionRule: ExpressibleByArgument {}

extension Loan.Amortization: ExpressibleByArgument {}

extension ForecastMethod: ExpressibleByArgument {
  /// The method named `argument`, in any letter case (``ForecastMethod/init(name:)``).
  public init?(argument: String) {
    self.init(name: argument)
  }

  /// Every method's name, the default model first (``ForecastMethod/all``).
  public static var allValueStrings: [String] { all.map(\.description) }

  /// The method names.
  public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
