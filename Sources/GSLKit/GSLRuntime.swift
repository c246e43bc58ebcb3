// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

/// GSL's process-wide state, set up once before the first GSL call.
///
/// GSL's default error handler prints a message and calls `abort()`. GSLKit turns it off with
/// `gsl_set_error_handler_off()` exactly once, lazily, through a Swift global initialiser (which
/// the runtime runs once, thread-safely), and then checks the status of every GSL call itself.
/// Every GSLKit entry point that calls GSL calls ``GSLRuntime/prepare()`` first.
public enum GSLRuntime {
  private static let handlerSwitchedOff: Bool = {
    _ = gsl_set_error_handler_off()
    return true
  }()

  /// Switches GSL's abort-on-error handler off if that has not happened yet. Cheap after the
  /// first call; safe to call from any thread.
  @inline(__always)
  public static func prepare() {
    _ = handlerSwitchedOff
  }

  /// The version of the GSL library linked at run time, for example `"2.7.1"`.
  public static var libraryVersion: String {
    String(cString: cgsl_version())
  }

  /// GSL's description of a status code.
  static func reason(for status: Int32) -> String {
    String(cString: gsl_strerror(status))
  }

  /// Throws a ``GSLError`` when `status` is not `GSL_SUCCESS`.
  ///
  /// - Parameters:
  ///   - status: the value a GSL function returned.
  ///   - operation: the GSL function or GSLKit operation, for the message.
  ///   - kind: the category to report; `.failure` unless the caller knows better.
  static func check(_ status: Int32, _ operation: String, kind: GSLError.Kind = .failure) throws {
    guard status != GSLStatus.success else { return }
    throw GSLError(kind: kind, code: status, operation: operation, reason: reason(for: status))
  }
}

/// GSL's status codes as `Int32`, the type GSL functions return (Swift imports GSL's anonymous
/// status enum as `Int`).
enum GSLStatus {
  static let success = Int32(GSL_SUCCESS)
  static let failure = Int32(GSL_FAILURE)
  static let domainError = Int32(GSL_EDOM)
  static let badPointer = Int32(GSL_EFAULT)
  static let badFunction = Int32(GSL_EBADFUNC)
  static let maxIterations = Int32(GSL_EMAXITER)
  static let noProgress = Int32(GSL_ENOPROG)
  static let continueIterating = Int32(GSL_CONTINUE)
  static let toleranceTooSmallInF = Int32(GSL_ETOLF)
  static let toleranceTooSmallInX = Int32(GSL_ETOLX)
  static let toleranceTooSmallInGradient = Int32(GSL_ETOLG)
}
