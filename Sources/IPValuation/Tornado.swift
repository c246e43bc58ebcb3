// SPDX-License-Identifier: GPL-3.0-or-later

/// A tornado table: the deterministic portfolio value with one driver at a time at a low and a
/// high setting, sorted by swing.
public struct Tornado: Sendable, Equatable {
  /// One driver's row.
  public struct Row: Sendable, Equatable {
    /// The driver: `royalty`, `discount_rate`, `revenue_growth`, `obsolescence`,
    /// `invalidity_hazard`.
    public let driver: String
    /// The low setting, in words (`-2 points`).
    public let lowSetting: String
    /// The high setting, in words (`+2 points`).
    public let highSetting: String
    /// The portfolio value at the low setting.
    public let lowValue: Double
    /// The portfolio value at the high setting.
    public let highValue: Double

    /// `|highValue - lowValue|`.
    public var swing: Double { abs(highValue - lowValue) }
  }

  /// The deterministic portfolio value with every driver at its base.
  public let baseValue: Double
  /// The rows, largest swing first.
  public let rows: [Row]
}
