// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// The error type of IPStatistics: a request that cannot be served, data that cannot support
/// it, or a numerical failure. Problems inside a data file are ``InputError``s (from IPCommon),
/// which carry the file, line and column.
///
/// Categories (``ErrorCategory``): `badRequest` is a usage error, `missingData` and
/// `insufficientData` bad data, `numericalFailure` an internal failure.
public struct StatisticsError: Error, LocalizedError, Equatable, Sendable, CategorizedError,
  CustomStringConvertible
{
  /// The kind of failure, which decides the ``category``.
  public enum Kind: String, Sendable, Equatable {
    /// The request asks for something impossible: an unknown model, a horizon before the data,
    /// a level outside (0, 1) (``ErrorCategory/usage``).
    case badRequest
    /// The data has no such series, or lacks a year the request names
    /// (``ErrorCategory/badData``).
    case missingData
    /// The series has fewer points than the model needs, values it cannot take (a zero on the
    /// log scale), or values it reproduces exactly, leaving no error variance to estimate
    /// (``ErrorCategory/badData``).
    case insufficientData
    /// No model could be fitted or simulated (``ErrorCategory/internalFailure``).
    case numericalFailure
  }

  /// The kind of failure.
  public let kind: Kind
  /// What was wrong and what is allowed.
  public let message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The category of ``kind``.
  public var category: ErrorCategory {
    switch kind {
    case .badRequest: return .usage
    case .missingData, .insufficientData: return .badData
    case .numericalFailure: return .internalFailure
    }
  }

  /// The message.
  public var description: String { message }

  /// The same as ``description``.
  public var errorDescription: String? { message }
}
