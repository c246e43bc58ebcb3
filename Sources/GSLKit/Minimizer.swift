// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

/// The result of a derivative-free minimisation.
public struct Minimum: Sendable, Equatable {
  /// The point with the smallest function value found.
  public let point: [Double]
  /// The function value there.
  public let value: Double
  /// The number of simplex iterations.
  public let iterations: Int
  /// The characteristic size of the final simplex (GSL's `gsl_multimin_fminimizer_size`).
  public let simplexSize: Double
  /// Whether the search stopped on the size test (`true`) or because the best value stopped
  /// decreasing at the limit of floating-point resolution (`false`).
  public let reachedSizeTolerance: Bool
}

/// Minimisation without derivatives by GSL's Nelder-Mead simplex
/// (`gsl_multimin_fminimizer_nmsimplex`), for likelihoods and other smooth objectives.
///
/// The original `nmsimplex` is used rather than `nmsimplex2`: the latter updates its simplex
/// size incrementally, and in testing that size drifted and stalled above small tolerances
/// (Rosenbrock's function at 1e-9), while `nmsimplex` recomputes it every iteration.
public enum Minimizer {
  /// Iterations without any decrease of the best value after which the search counts as
  /// converged at floating-point resolution.
  public static let stallIterations = 200

  /// Minimises `objective` from `start`.
  ///
  /// The iteration stops when the simplex size (the mean distance of its vertices from their
  /// centre) falls below `sizeTolerance`, or when the best value has not decreased in
  /// ``stallIterations`` iterations: near a minimum whose value is far from zero, differences
  /// of the objective fall below its rounding error once the simplex is about
  /// `sqrt(machine epsilon)` times the coordinates' scale, and the simplex cannot shrink further
  /// in a meaningful way. Constrained problems should be reparameterised (log,
  /// logit) so that the objective is finite everywhere; GSL stops on a non-finite value, and this
  /// function reports that as a `badFunction` error.
  ///
  /// - Parameters:
  ///   - start: the starting point (length `p >= 1`).
  ///   - stepSizes: the initial simplex step in each coordinate (default 0.1 for every
  ///     coordinate, or 10% of a coordinate's magnitude when that is larger than 1).
  ///   - sizeTolerance: the simplex size that counts as converged (default 1e-8).
  ///   - maxIterations: the iteration limit (default 10,000).
  ///   - objective: the function to minimise.
  /// - Throws: ``GSLError``: `invalidInput` for an empty or non-finite start or non-positive
  ///   steps, `badFunction` when the objective is not finite at a vertex, `didNotConverge` at the
  ///   iteration limit.
  public static func nelderMead(
    start: [Double], stepSizes: [Double]? = nil, sizeTolerance: Double = 1e-8,
    maxIterations: Int = 10_000, objective: @escaping ([Double]) -> Double
  ) throws -> Minimum {
    let p = start.count
    let operation = "Nelder-Mead"
    guard p >= 1, start.allSatisfy(\.isFinite) else {
      throw GSLError.invalidInput(operation, "the start must be a non-empty finite point")
    }
    var steps = stepSizes ?? start.map { Swift.max(0.1, 0.1 * abs($0)) }
    guard steps.count == p, steps.allSatisfy({ $0.isFinite && $0 > 0 }) else {
      throw GSLError.invalidInput(operation, "need \(p) positive step sizes")
    }
    guard sizeTolerance > 0, maxIterations >= 1 else {
      throw GSLError.invalidInput(operation, "the tolerance and iteration limit must be positive")
    }
    let startValue = objective(start)
    guard startValue.isFinite else {
      throw GSLError(
        kind: .badFunction, operation: operation,
        reason: "the objective is not finite at the start \(start)")
    }

    GSLRuntime.prepare()
    guard let minimizer = gsl_multimin_fminimizer_alloc(cgsl_multimin_nmsimplex(), p) else {
      fatalError("gsl_multimin_fminimizer_alloc: out of memory")
    }
    defer { gsl_multimin_fminimizer_free(minimizer) }

    let context = MinimizerContext(p: p, objective: objective)
    let unmanaged = Unmanaged.passRetained(context)
    defer { unmanaged.release() }
    var function = gsl_multimin_function()
    function.f = minimizerCallback
    function.n = p
    function.params = unmanaged.toOpaque()

    var x0 = start
    let setStatus = withGSLVector(&x0) { xv in
      withGSLVector(&steps) { sv in gsl_multimin_fminimizer_set(minimizer, &function, xv, sv) }
    }
    try GSLRuntime.check(setStatus, "gsl_multimin_fminimizer_set")

    var iterations = 0
    var size = Double.infinity
    // The best value so far: the start's (a vertex of the first simplex). GSL's `fval` is not
    // set until the first iteration, so it cannot serve here (it would be uninitialised memory,
    // and the stall count, and so the result, would vary from run to run).
    var best = startValue
    var sinceImprovement = 0
    var stalled = false
    while iterations < maxIterations {
      iterations += 1
      let status = gsl_multimin_fminimizer_iterate(minimizer)
      if status == GSLStatus.badFunction {
        throw GSLError(
          kind: .badFunction, code: status, operation: operation,
          reason: "the objective returned a non-finite value during the search")
      }
      // GSLStatus.noProgress: the simplex cannot shrink further; it is as converged as it can be.
      if status == GSLStatus.noProgress { break }
      try GSLRuntime.check(status, "gsl_multimin_fminimizer_iterate")
      size = gsl_multimin_fminimizer_size(minimizer)
      if gsl_multimin_test_size(size, sizeTolerance) == GSLStatus.success { break }
      if minimizer.pointee.fval < best {
        best = minimizer.pointee.fval
        sinceImprovement = 0
      } else {
        sinceImprovement += 1
        if sinceImprovement >= stallIterations {
          stalled = true
          break
        }
      }
    }
    size = gsl_multimin_fminimizer_size(minimizer)
    guard size <= sizeTolerance || stalled || iterations < maxIterations else {
      throw GSLError(
        kind: .didNotConverge, code: GSLStatus.maxIterations, operation: operation,
        reason: "simplex size \(size) still above \(sizeTolerance) after \(iterations) iterations")
    }
    let point = array(of: minimizer.pointee.x)
    return Minimum(
      point: point, value: minimizer.pointee.fval, iterations: iterations, simplexSize: size,
      reachedSizeTolerance: size <= sizeTolerance)
  }
}

private final class MinimizerContext {
  let p: Int
  let objective: ([Double]) -> Double
  var point: [Double]

  init(p: Int, objective: @escaping ([Double]) -> Double) {
    self.p = p
    self.objective = objective
    self.point = [Double](repeating: 0, count: p)
  }
}

private let minimizerCallback:
  @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?) -> Double = { x, params in
    guard let x, let params else { return .nan }
    let context = Unmanaged<MinimizerContext>.fromOpaque(params).takeUnretainedValue()
    for k in 0..<context.p { context.point[k] = gsl_vector_get(x, k) }
    return context.objective(context.point)
  }
