// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

/// Numerical integration in one dimension on GSL's QUADPACK routines.
public enum Integration {
  /// The rule of an adaptive integration.
  public enum Rule: Sendable, Equatable {
    /// 21-point Gauss-Kronrod with Wynn's epsilon extrapolation (`gsl_integration_qags`): for
    /// integrable singularities, such as `ln(x)` or `1 / sqrt(x)` at an end.
    case extrapolating
    /// 61-point Gauss-Kronrod without extrapolation (`gsl_integration_qag`, `GSL_INTEG_GAUSS61`):
    /// for smooth integrands and integrands with kinks (piecewise smooth), where extrapolation
    /// can stall on round-off.
    case gaussKronrod61
  }

  /// The integral of `f` over `[lower, upper]` by adaptive Gauss-Kronrod quadrature, bisecting
  /// the subinterval with the largest error estimate until the total error meets the tolerance.
  ///
  /// Stops when the estimated error is at most `max(absoluteTolerance, relativeTolerance |I|)`.
  ///
  /// - Parameters:
  ///   - lower: the lower limit, finite.
  ///   - upper: the upper limit, finite and at least `lower`.
  ///   - absoluteTolerance: default 0.
  ///   - relativeTolerance: default 1e-10.
  ///   - maxIntervals: the most subintervals, default 1,000.
  ///   - rule: the rule, by default ``Rule/extrapolating``.
  ///   - function: `f`, finite on the interval.
  /// - Returns: the integral and GSL's estimate of its absolute error.
  /// - Throws: ``GSLError``: `invalidInput` for limits or tolerances that are not allowed;
  ///   `failure` with GSL's code when the tolerance cannot be reached (too many subintervals,
  ///   round-off, a divergent integral) or `f` is not finite.
  public static func adaptive(
    lower: Double, upper: Double, absoluteTolerance: Double = 0,
    relativeTolerance: Double = 1e-10, maxIntervals: Int = 1000,
    rule: Rule = .extrapolating, function: @escaping (Double) -> Double
  ) throws -> (value: Double, error: Double) {
    let operation = "adaptive integration"
    guard lower.isFinite, upper.isFinite, lower <= upper else {
      throw GSLError.invalidInput(operation, "need finite lower <= upper, got [\(lower), \(upper)]")
    }
    guard absoluteTolerance >= 0, relativeTolerance >= 0,
      absoluteTolerance > 0 || relativeTolerance >= 50 * Double.ulpOfOne, maxIntervals >= 1
    else {
      throw GSLError.invalidInput(
        operation,
        "tolerances must not be negative; the relative one at least 1.1e-14 when the absolute "
          + "one is 0; at least one interval")
    }
    GSLRuntime.prepare()
    guard let workspace = gsl_integration_workspace_alloc(maxIntervals) else {
      fatalError("gsl_integration_workspace_alloc: out of memory")
    }
    defer { gsl_integration_workspace_free(workspace) }
    let context = IntegrandContext(function: function)
    let unmanaged = Unmanaged.passRetained(context)
    defer { unmanaged.release() }
    var gslFunction = gsl_function(function: integrandCallback, params: unmanaged.toOpaque())
    var value = 0.0
    var error = 0.0
    let status: Int32
    switch rule {
    case .extrapolating:
      status = gsl_integration_qags(
        &gslFunction, lower, upper, absoluteTolerance, relativeTolerance, maxIntervals, workspace,
        &value, &error)
    case .gaussKronrod61:
      status = gsl_integration_qag(
        &gslFunction, lower, upper, absoluteTolerance, relativeTolerance, maxIntervals,
        Int32(GSL_INTEG_GAUSS61), workspace, &value, &error)
    }
    if context.sawNonFinite {
      throw GSLError(
        kind: .badFunction, code: status, operation: operation,
        reason: "the integrand is not finite somewhere in [\(lower), \(upper)]")
    }
    try GSLRuntime.check(
      status, rule == .extrapolating ? "gsl_integration_qags" : "gsl_integration_qag")
    return (value, error)
  }
}

private final class IntegrandContext {
  let function: (Double) -> Double
  var sawNonFinite = false
  init(function: @escaping (Double) -> Double) { self.function = function }
}

private let integrandCallback: @convention(c) (Double, UnsafeMutableRawPointer?) -> Double = {
  x, params in
  guard let params else { return .nan }
  let context = Unmanaged<IntegrandContext>.fromOpaque(params).takeUnretainedValue()
  let value = context.function(x)
  if !value.isFinite { context.sawNonFinite = true }
  return value
}
