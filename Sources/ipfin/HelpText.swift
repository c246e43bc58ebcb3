// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// Pieces of `--help` text made from the libraries' constants, so that no default and no list
/// of names in the help is typed by hand.
enum HelpText {
  /// `(default: 0.15)`: a number as ipfin writes it in CSV (``NumberFormatting/exact(_:)``).
  static func defaultNote(_ value: Double) -> String {
    "(default: \(NumberFormatting.exact(value)))"
  }

  /// `(default: VALUE)`.
  static func defaultNote(_ value: some CustomStringConvertible) -> String {
    "(default: \(value))"
  }

  /// `a, b or c`.
  static func alternatives(_ names: [String]) -> String {
    guard let last = names.last else { return "" }
    return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " or \(last)"
  }

  /// `a, b, c`: a list of names.
  static func list(_ names: [String]) -> String {
    names.joined(separator: ", ")
  }

  /// `1000000` as `1,000,000`.
  static func grouped(_ count: Int) -> String {
    NumberFormatting.fixed(Double(count), digits: 0, grouped: true)
  }
}
