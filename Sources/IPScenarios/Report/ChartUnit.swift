// SPDX-License-Identifier: GPL-3.0-or-later

/// How a chart axis shows amounts: a divisor and the words for the scaled unit, such as
/// "thousands of applications" or "billions of VND".
public struct ChartUnit: Sendable, Equatable {
  /// Values are divided by this before they are printed.
  public let divisor: Double
  /// The axis title, for example "thousands of applications".
  public let label: String

  /// Creates a unit.
  public init(divisor: Double, label: String) {
    self.divisor = divisor
    self.label = label
  }

  /// The largest of ones, thousands, millions and billions that keeps `maximum` at or above 1
  /// in the scaled unit, named "<scale> of <noun>" ("applications" for filings, "VND" for
  /// money).
  public static func scaled(for maximum: Double, noun: String) -> ChartUnit {
    let magnitude = abs(maximum)
    if magnitude >= 1e9 { return ChartUnit(divisor: 1e9, label: "billions of \(noun)") }
    if magnitude >= 1e6 { return ChartUnit(divisor: 1e6, label: "millions of \(noun)") }
    if magnitude >= 1e4 { return ChartUnit(divisor: 1e3, label: "thousands of \(noun)") }
    return ChartUnit(divisor: 1, label: noun)
  }

  /// The unit as a table's heading writes it after `noun`: "VND bn", "VND m", "VND thousand"
  /// or "VND" for the divisors 1e9, 1e6, 1e3 and 1 (without a noun, "bn", "m" or "thousand").
  public func abbreviated(_ noun: String) -> String {
    let scale: String
    switch divisor {
    case 1e9: scale = "bn"
    case 1e6: scale = "m"
    case 1e3: scale = "thousand"
    default: return noun
    }
    return noun.isEmpty ? scale : "\(noun) \(scale)"
  }
}
