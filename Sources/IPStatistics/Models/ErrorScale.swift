// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The scale on which a model's Gaussian errors are additive.
public enum ErrorScale: String, Sendable, Codable, CaseIterable {
  /// `ln y_t = ln f(t; theta) + e_t`, `e_t ~ N(0, sigma^2)` (the default): errors proportional to
  /// the level, so a series growing from 70 to 10,000 filings is fitted evenly, and the point
  /// forecast `f` is the median of the predictive distribution.
  case log
  /// `y_t = f(t; theta) + e_t`, `e_t ~ N(0, sigma^2)`: additive errors of constant size.
  case level

  /// `ln y` on the log scale, `y` on the level scale.
  func transform(_ value: Double) -> Double {
    self == .log ? Foundation.log(value) : value
  }

  /// The inverse of ``transform(_:)`` for simulated and forecast values: `exp z` on the log
  /// scale, `max(z, 0)` on the level scale (a count is never negative). On the log scale a `z`
  /// above ``largestLogLevel`` has no finite level (`exp z` is infinite): see
  /// ``overflows(_:)``.
  func level(_ z: Double) -> Double {
    self == .log ? exp(z) : Swift.max(z, 0)
  }

  /// The largest `z` whose level is a finite `Double` on the log scale:
  /// `ln(Double.greatestFiniteMagnitude)`, about 709.78 (a level of about 1.8e308).
  static let largestLogLevel = Foundation.log(Double.greatestFiniteMagnitude)

  /// Whether the level of `z` is beyond the largest finite `Double`: `z` above
  /// ``largestLogLevel`` (or infinite) on the log scale; never on the level scale, where `z` is
  /// already the level. Such a value is never capped: ``FittedGrowthModel`` reports it as the
  /// model's numerical failure.
  func overflows(_ z: Double) -> Bool {
    self == .log && z > Self.largestLogLevel
  }
}
