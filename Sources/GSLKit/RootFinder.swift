// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

/// Root finding in one dimension by Brent's method on GSL (`gsl_root_fsolver_brent`).
public enum RootFinder {
  /// Finds `x` in `[lower, upper]` with `f(x) = 0`, given that `f(lower)` and `f(upper)` have
  /// opposite signs (or one is zero).
  ///
  /// Stops when the bracket satisfies `|b - a| < absoluteTolerance + relativeTolerance min(|a|, |b|)`
  /// (`gsl_root_test_interval`).
  ///
  /// - Parameters:
  ///   - lower: the lower end of the bracket.
  ///   - upper: the upper end, above `lower`.
  ///   - absoluteTolerance: default 1e-12.
  ///   - relativeTolerance: default 1e-12.
  ///   - maxIterations: default 200.
  ///   - function: `f`, finite on the bracket.
  /// - Throws: ``GSLError``: `invalidInput` when the bracket is empty, not finite or does not
  ///   change sign; `badFunction` for a non-finite value; `didNotConverge` at the limit.
  public static func brent(
    lower: Double, upper: Double, absoluteTolerance: Double = 1e-12,
    relativeTolerance: Double = 1e-12, maxIterations: Int = 200,
    function: @escaping (Double) -> Double
  ) throws -> Double {
    let operation = "Brent root finding"
    guard lower.isFinite, upper.isFinite, lower < upper else {
      throw GSLError.invalidInput(operation, "need finite lower < upper, got [\(lower), \(upper)]")
    }
    guard absoluteTolerance >= 0, relativeTolerance >= 0,
      absoluteTolerance + relativeTolerance > 0, maxIterations >= 1
    else {
      throw GSLError.invalidInput(operation, "tolerances must not be negative, nor both zero")
    }
    let fLower = function(lower)
    let fUpper = function(upper)
    guard fLower.isFinite, fUpper.isFinite else {
      throw GSLError(
        kind: .badFunction, operation: operation, reason: "f is not finite at the bracket's ends")
    }
    if fLower == 0 { return lower }
    if fUpper == 0 { return upper }
    guard (fLower < 0) != (fUpper < 0) else {
      throw GSLError.invalidInput(
        operation,
        "f(\(lower)) = \(fLower) and f(\(upper)) = \(fUpper) have the same sign: no root is bracketed"
      )
    }

    GSLRuntime.prepare()
    guard let solver = gsl_root_fsolver_alloc(cgsl_root_brent()) else {
      fatalError("gsl_root_fsolver_alloc: out of memory")
    }
    defer { gsl_root_fsolver_free(solver) }
    let context = RootContext(function: function)
    let unmanaged = Unmanaged.passRetained(context)
    defer { unmanaged.release() }
    var gslFunction = gsl_function(function: rootCallback, params: unmanaged.toOpaque())
    try GSLRuntime.check(
      gsl_root_fsolver_set(solver, &gslFunction, lower, upper), "gsl_root_fsolver_set")

    for _ in 0..<maxIterations {
      let status = gsl_root_fsolver_iterate(solver)
      if status == GSLStatus.badFunction {
        throw GSLError(
          kind: .badFunction, code: status, operation: operation,
          reason: "f returned a non-finite value inside the bracket")
      }
      try GSLRuntime.check(status, "gsl_root_fsolver_iterate")
      let a = gsl_root_fsolver_x_lower(solver)
      let b = gsl_root_fsolver_x_upper(solver)
      if gsl_root_test_interval(a, b, absoluteTolerance, relativeTolerance) == GSLStatus.success {
        return gsl_root_fsolver_root(solver)
      }
    }
    throw GSLError(
      kind: .didNotConverge, code: GSLStatus.maxIterations, operation: operation,
      reason: "the bracket did not shrink to the tolerance in \(maxIterations) iterations")
  }
}

private final class RootContext {
  let function: (Double) -> Double
  init(function: @escaping (Double) -> Double) { self.function = function }
}

private let rootCallback: @convention(c) (Double, UnsafeMutableRawPointer?) -> Double = {
  x, params in
  guard let params else { return .nan }
  return Unmanaged<RootContext>.fromOpaque(params).takeUnretainedValue().function(x)
}
