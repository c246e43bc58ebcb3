// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// Something a valuation reports without stopping, such as an expired right valued at 0.
public struct ValuationWarning: Sendable, Equatable, CustomStringConvertible {
  /// The asset concerned.
  public let assetID: String
  /// Where the asset was read, when it was read from a file.
  public let location: SourceLocation?
  /// What happened.
  public let message: String

  /// Creates a warning.
  public init(assetID: String, location: SourceLocation?, message: String) {
    self.assetID = assetID
    self.location = location
    self.message = message
  }

  /// `location: message`, or the message alone.
  public var description: String {
    if let location { return "\(location): \(message)" }
    return message
  }
}
