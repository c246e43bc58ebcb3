// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// The error type of IPValuation for settings and numerics; problems in a portfolio's data are
/// reported as IPCommon's ``InputError`` with the file, line and column.
public struct ValuationError: Error, LocalizedError, Equatable, Sendable, ExitCodeProviding,
  CustomStringConvertible
{
  /// The category, which decides the exit code.
  public enum Kind: String, Sendable, Equatable {
    /// A valuation setting (an assumption or a collateral policy) is outside its allowed range,
    /// alone or applied to an asset (exit code 64, `EX_USAGE`).
    case invalidSetting
    /// The simulation produced a non-finite value (exit code 70, `EX_SOFTWARE`).
    case numericalFailure
  }

  /// The category.
  public let kind: Kind
  /// The setting concerned (for example `correlation`), when there is one.
  public let setting: String?
  /// What was wrong and what is allowed.
  public let message: String

  /// Creates an error.
  public init(_ kind: Kind, setting: String? = nil, _ message: String) {
    self.kind = kind
    self.setting = setting
    self.message = message
  }

  /// An invalid-setting error for `setting`.
  public static func invalidSetting(_ setting: String, _ message: String) -> ValuationError {
    ValuationError(.invalidSetting, setting: setting, message)
  }

  /// 64 for an invalid setting, 70 for a numerical failure.
  public var exitCode: Int32 {
    switch kind {
    case .invalidSetting: return 64
    case .numericalFailure: return 70
    }
  }

  /// `setting: message`, or the message alone.
  public var description: String {
    if let setting { return "\(setting): \(message)" }
    return message
  }

  /// The same as ``description``.
  public var errorDescription: String? { description }
}
