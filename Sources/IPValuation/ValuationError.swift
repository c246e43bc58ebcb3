// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// The error type of IPValuation for settings and numerics; problems in a portfolio's data are
/// reported as IPCommon's ``InputError`` with the file, line and column.
public struct ValuationError: Error, LocalizedError, Equatable, Sendable, CategorizedError,
  CustomStringConvertible
{
  /// The kind of failure, which decides the ``category``.
  public enum Kind: String, Sendable, Equatable {
    /// A valuation setting (an assumption or a collateral policy) is outside its allowed range,
    /// alone or applied to an asset (``ErrorCategory/usage``).
    case invalidSetting
    /// The simulation produced a non-finite value (``ErrorCategory/internalFailure``).
    case numericalFailure
  }

  /// The kind of failure.
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

  /// Throws an invalid-setting error for `setting` unless `valid` holds and `value` is finite,
  /// naming the value (``NumberFormatting/shown(_:)``, so that `nan` is shown) and what is
  /// `allowed`: the one check of every setting of ``ValuationAssumptions``,
  /// ``CollateralPolicy`` and ``Loan``.
  static func require(
    _ valid: Bool, _ setting: String, _ value: Double, allowed: String
  ) throws {
    guard valid, value.isFinite else {
      throw invalidSetting(
        setting, "\(NumberFormatting.shown(value)) is not allowed; allowed: \(allowed)")
    }
  }

  /// A usage error for an invalid setting, an internal failure for a numerical one.
  public var category: ErrorCategory {
    switch kind {
    case .invalidSetting: return .usage
    case .numericalFailure: return .internalFailure
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
