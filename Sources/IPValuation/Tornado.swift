// SPDX-License-Identifier: GPL-3.0-or-later

/// A tornado table: the deterministic portfolio value with one driver at a time at a low and a
/// high setting, sorted by swing.
/// Encoded (JSON) as `base_value` and `rows`, each row as `driver`, `low_setting`,
/// `high_setting`, `low_value`, `high_value` and `swing`.
public struct Tornado: Sendable, Equatable, Encodable {
  /// One driver's row.
  public struct Row: Sendable, Equatable, Encodable {
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

    private enum CodingKeys: String, CodingKey {
      case driver, swing
      case lowSetting = "low_setting"
      case highSetting = "high_setting"
      case lowValue = "low_value"
      case highValue = "high_value"
    }

    /// Encodes the row with its swing.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(driver, forKey: .driver)
      try container.encode(lowSetting, forKey: .lowSetting)
      try container.encode(highSetting, forKey: .highSetting)
      try container.encode(lowValue, forKey: .lowValue)
      try container.encode(highValue, forKey: .highValue)
      try container.encode(swing, forKey: .swing)
    }
  }

  /// The deterministic portfolio value with every driver at its base.
  public let baseValue: Double
  /// The rows, largest swing first.
  public let rows: [Row]

  private enum CodingKeys: String, CodingKey {
    case rows
    case baseValue = "base_value"
  }
}
