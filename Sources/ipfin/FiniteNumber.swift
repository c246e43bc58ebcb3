// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import IPCommon

/// The value of a numeric option that is not a rate (an amount, a multiplier, a level): a
/// finite decimal number such as `1.5`, `-2` or `2e10`, read by IPCommon's
/// ``ValueParsing/number(_:)``. `nan`, `inf` and hexadecimal numbers are refused.
///
/// Declare such an option with ``parse(_:)`` as its transform and `.unconditional` parsing, as
/// ``Rate`` options are.
struct FiniteNumber: ExpressibleByArgument, Equatable, Sendable {
  /// The number.
  var value: Double

  /// The number `value`.
  init(_ value: Double) {
    self.value = value
  }

  /// `argument` as a finite number, or `nil` when it is not one.
  init?(argument: String) {
    guard let value = ValueParsing.number(argument) else { return nil }
    self.value = value
  }

  /// `text` as a finite number.
  ///
  /// - Throws: `ValidationError` saying why `text` is not one and what is allowed;
  ///   ArgumentParser prefixes it with the value and the option.
  static func parse(_ text: String) throws -> FiniteNumber {
    if let number = FiniteNumber(argument: text) { return number }
    let problem = isNonFinite(text) ? "not a finite number" : "not a number"
    throw ValidationError("\(problem); write a decimal number such as 1.5, -2 or 2e10")
  }

  /// Whether `text` is a number that is not finite (`nan`, `inf`, `-infinity`, `1e400`).
  static func isNonFinite(_ text: String) -> Bool {
    guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else { return false }
    return !value.isFinite
  }
}
