// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import IPCommon

/// The value of `project --levels`: interval levels separated by commas, each a fraction or a
/// percentage as a ``Rate`` is (`0.8,0.95` or `80%,95%`). Which levels are allowed (1 to 5
/// distinct, each between 0 and 1) is IPStatistics' check, whose message suggests `0.95` for
/// `95`.
struct IntervalLevels: ExpressibleByArgument, CustomStringConvertible, Equatable, Sendable {
  /// The levels as fractions, in the order given.
  var fractions: [Double]

  /// The levels `fractions`.
  init(_ fractions: [Double]) {
    self.fractions = fractions
  }

  /// `argument` as levels, or `nil` when a part between commas is not a rate (empty parts are
  /// left out).
  init?(argument: String) {
    var fractions: [Double] = []
    for part in argument.split(separator: ",") {
      guard let fraction = ValueParsing.rate(part.trimmingCharacters(in: .whitespaces)) else {
        return nil
      }
      fractions.append(fraction)
    }
    self.fractions = fractions
  }

  /// `text` as levels.
  ///
  /// - Throws: `ValidationError` saying what is allowed; ArgumentParser prefixes it with the
  ///   value and the option.
  static func parse(_ text: String) throws -> IntervalLevels {
    guard let levels = IntervalLevels(argument: text) else {
      throw ValidationError(
        "not interval levels; write fractions or percentages separated by commas, such as "
          + "0.8,0.95 or 80%,95%")
    }
    return levels
  }

  /// `0.8,0.95`.
  var description: String { fractions.map(NumberFormatting.exact).joined(separator: ",") }
}
