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
  /// scale (`z` capped at 700 so that the result stays finite), `max(z, 0)` on the level scale
  /// (a count is never negative).
  func level(_ z: Double) -> Double {
    self == .log ? exp(Swift.min(z, 700)) : Swift.max(z, 0)
  }
}
