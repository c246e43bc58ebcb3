// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import IPCommon

/// The value of a rate option: a fraction (`0.3`, `-0.02`) or a percentage (`30%`, `-2 %`),
/// read by IPCommon's ``ValueParsing/rate(_:)``. Numbers that are not finite (`nan`, `inf`) are
/// refused.
///
/// Declare a rate option with ``parse(_:)`` as its transform and `.unconditional` parsing, so
/// that a negative value needs no `=` and an invalid one is refused with what is allowed:
///
/// ```swift
/// @Option(parsing: .unconditional, help: "...", transform: Rate.parse)
/// var growthShift: Rate?
/// ```
struct Rate: ExpressibleByArgument, Equatable, Sendable {
  /// The rate as a fraction: `0.3` for `30%`.
  var fraction: Double

  /// The rate `fraction`.
  init(fraction: Double) {
    self.fraction = fraction
  }

  /// `argument` as a rate, or `nil` when it is not one.
  init?(argument: String) {
    guard let fraction = ValueParsing.rate(argument) else { return nil }
    self.fraction = fraction
  }

  /// `text` as a rate.
  ///
  /// - Throws: `ValidationError` saying why `text` is not a rate and what is allowed;
  ///   ArgumentParser prefixes it with the value and the option.
  static func parse(_ text: String) throws -> Rate {
    if let rate = Rate(argument: text) { return rate }
    var number = Substring(text)
    if number.hasSuffix("%") { number = number.dropLast() }
    let problem = FiniteNumber.isNonFinite(String(number)) ? "not a finite number" : "not a rate"
    throw ValidationError(
      "\(problem); write a rate as a fraction or in percent, such as 0.3 or 30%")
  }
}
