// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// The error type of IPStatistics: a request that cannot be served, data that cannot support
/// it, or a numerical failure. Problems inside a data file are ``InputError``s (from IPCommon),
/// which carry the file, line and column.
///
/// Exit codes (sysexits): `badRequest` 64, `missingData` and `insufficientData` 65,
/// `numericalFailure` 70.
public struct StatisticsError: Error, LocalizedError, Equatable, Sendable, ExitCodeProviding,
  CustomStringConvertible
{
  /// The category, which decides the exit code.
  public enum Kind: String, Sendable, Equatable {
    /// The request asks for something impossible: an unknown model, a horizon before the data,
    /// a level outside (0, 1) (exit code 64, `EX_USAGE`).
    case badRequest
    /// The data has no such series, or lacks a year the request names (exit code 65).
    case missingData
    /// The series has fewer points than the model needs, values it cannot take (a zero on the
    /// log scale), or values it reproduces exactly, leaving no error variance to estimate (exit
    /// code 65, `EX_DATAERR`).
    case insufficientData
    /// No model could be fitted or simulated (exit code 70, `EX_SOFTWARE`).
    case numericalFailure
  }

  /// The category.
  public let kind: Kind
  /// What was wrong and what is allowed.
  public let message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The exit code of ``kind``.
  public var exitCode: Int32 {
    switch kind {
    case .badRequest: return 64
    case .missingData, .insufficientData: return 65
    case .numericalFailure: return 70
    }
  }

  /// The message.
  public var description: String { message }

  /// The same as ``description``.
  public var errorDescription: String? { message }
}
