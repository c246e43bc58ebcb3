// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The one error type of GSLKit: input rejected in Swift before GSL saw it, or a failure GSL
/// reported with its status code.
///
/// GSL's own abort-on-error handler is switched off (see ``GSLRuntime``), so a GSL failure never
/// ends the process; it comes back as a `GSLError` with `code` set to GSL's status code
/// (`GSL_EDOM`, `GSL_EMAXITER`, ...) and `reason` set to GSL's description of that code.
public struct GSLError: Error, LocalizedError, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong, in categories a caller can act on.
  public enum Kind: String, Sendable, Equatable {
    /// The arguments were rejected in Swift before any GSL call (empty data, a probability
    /// outside [0, 1], a non-positive scale, mismatched sizes).
    case invalidInput
    /// A least-squares design or Jacobian has lower rank than the number of parameters.
    case singularMatrix
    /// A matrix given to a Cholesky factorisation is not symmetric positive definite.
    case notPositiveDefinite
    /// An iterative method stopped at its iteration limit or could not make progress.
    case didNotConverge
    /// A user-supplied function returned a non-finite value or threw.
    case badFunction
    /// Any other failure GSL reported.
    case failure
  }

  /// The category of the failure.
  public let kind: Kind
  /// GSL's status code (for example `GSL_EDOM` = 1) when GSL reported the failure; `nil` when
  /// Swift rejected the input before calling GSL.
  public let code: Int32?
  /// The GSLKit operation that failed, for example `"cholesky"` or `"gsl_multifit_nlinear"`.
  public let operation: String
  /// A human-readable reason: GSL's `gsl_strerror` text and, where known, more detail.
  public let reason: String

  /// Creates an error.
  public init(kind: Kind, code: Int32? = nil, operation: String, reason: String) {
    self.kind = kind
    self.code = code
    self.operation = operation
    self.reason = reason
  }

  /// An error for input rejected in Swift, naming the operation and what is allowed.
  public static func invalidInput(_ operation: String, _ reason: String) -> GSLError {
    GSLError(kind: .invalidInput, operation: operation, reason: reason)
  }

  /// `"<operation>: <reason> (GSL error <code>)"`.
  public var description: String {
    if let code {
      return "\(operation): \(reason) (GSL error \(code))"
    }
    return "\(operation): \(reason)"
  }

  /// The same as ``description``.
  public var errorDescription: String? { description }
}
