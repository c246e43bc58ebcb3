// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL
import Foundation

/// The result of a nonlinear least-squares fit.
public struct NonlinearFit: Sendable, Equatable {
  /// Why the iteration stopped successfully.
  public enum StoppingRule: String, Sendable, Equatable {
    /// The step became small: `|dx_i| <= xtol (|x_i| + xtol)`.
    case smallStep
    /// The scaled gradient became small: `max_i |g_i| max(x_i, 1) <= gtol max(F, 1)`.
    case smallGradient
    /// The residuals stopped changing (the `ftol` test).
    case smallResidualChange
    /// The start was already an exact solution (all residuals zero).
    case exactSolution
  }

  /// The fitted parameters.
  public let parameters: [Double]
  /// The covariance of the parameters: `s^2 (J^T J)^-1` with `s^2 = RSS / (n - p)` for an
  /// unweighted fit, `(J^T W J)^-1` for a weighted one (weights are inverse variances), with `J`
  /// the Jacobian at the solution.
  public let covariance: Matrix
  /// The residual sum of squares `sum w_i r_i^2` at the solution (`w_i = 1` when unweighted).
  public let residualSumOfSquares: Double
  /// The residuals `r_i = f(x_i; theta) - y_i` at the solution (unweighted).
  public let residuals: [Double]
  /// The residual degrees of freedom `n - p`.
  public let degreesOfFreedom: Int
  /// The number of trust-region iterations.
  public let iterations: Int
  /// The number of residual-function evaluations.
  public let functionEvaluations: Int
  /// Which convergence test was met.
  public let stoppingRule: StoppingRule
  /// Which attempt of the retry rule produced the fit (``NonlinearLeastSquares`` explains the
  /// rule): `.first` when the options as given succeeded.
  public let attempt: NonlinearLeastSquares.Attempt

  /// The standard errors `sqrt(diag(covariance))`.
  public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }

  /// The residual standard deviation `sqrt(RSS / (n - p))` (NaN when `n == p`).
  public var residualStandardDeviation: Double {
    degreesOfFreedom > 0 ? (residualSumOfSquares / Double(degreesOfFreedom)).squareRoot() : .nan
  }
}

/// Nonlinear least squares on GSL's `gsl_multifit_nlinear`: a trust-region method with the
/// Levenberg-Marquardt subproblem, by default with geodesic acceleration, More's scaling and a QR
/// solver.
///
/// Geodesic acceleration is the default because plain Levenberg-Marquardt stalls at a point
/// where the Jacobian is singular from NIST BoxBOD's first start (1, 1).
///
/// **Retries.** A fit that fails is retried before the failure is reported (unless
/// ``Options/retriesOnFailure`` is `false`):
///
/// 1. A run that reaches its iteration limit goes on from where it stopped, up to
///    ``retryIterationFactor`` times the limit (5,000 iterations by default), as long as every
///    ``retryStagnationWindow`` iterations lower the residual sum of squares by at least
///    ``retryStagnationTolerance`` of itself (``Attempt/moreIterations``). NIST MGH10 from its
///    first start converges after about 1,600 iterations; a saturating curve whose cap runs off
///    to infinity along a flat valley soon stops.
/// 2. If the run with geodesic acceleration still fails (at its limit, without a first step that
///    lowers the cost, or where the Jacobian at the solution has rank below `p`), plain
///    Levenberg-Marquardt runs from the start, with the same continuation
///    (``Attempt/withoutAcceleration``, ``Attempt/withoutAccelerationMoreIterations``): the
///    accelerated step can stall on a flat region where the Jacobian is rank-deficient (NIST
///    Rat43 from its first start), where plain Levenberg-Marquardt reaches the certified values
///    in 20 iterations.
///
/// An error in the caller's functions is reported at once. When every attempt fails, the error
/// is the first stop's, in the words of a fit without retries. The retries only follow a
/// failure: a fit that succeeds within its first run's limit is, bit for bit, the fit of GSL's
/// own driver (`gsl_multifit_nlinear_driver`, whose loop `TrustRegionDriver` repeats).
///
/// **Finite differences.** Without an analytic Jacobian, `J` comes from fourth-order central
/// differences with a step refined per column
/// (``finiteDifferenceJacobian(at:residualCount:residuals:into:)``), accurate to about 10
/// digits or better, instead of GSL's own central differences (about 8 digits with its step
/// `sqrt(eps) |theta_j|`, and fits to as few as 4.7 significant digits on NIST Lanczos3).
///
/// It minimises `F(theta) = 1/2 sum_i w_i r_i(theta)^2`, where `r(theta)` is the residual vector a
/// caller computes. For curve fitting, ``fitCurve(x:y:start:weights:options:model:gradient:)``
/// builds `r_i = f(x_i; theta) - y_i` from a model function.
public enum NonlinearLeastSquares {
  /// Stopping rules and method choices. The defaults are strict enough to reproduce NIST's
  /// certified values to 6 or more significant digits.
  public struct Options: Sendable, Equatable {
    /// The most trust-region iterations before giving up (``GSLError`` `didNotConverge`).
    public var maxIterations: Int = 500
    /// `xtol`: stop when every step component satisfies `|dx_i| <= xtol (|x_i| + xtol)`.
    public var stepTolerance: Double = 1e-12
    /// `gtol`: stop when `max_i |g_i| max(x_i, 1) <= gtol max(F, 1)` with `F = RSS / 2` (GSL's
    /// rule, absolute when `F < 1`; `0` leaves stopping to the step rule).
    public var gradientTolerance: Double = 1e-12
    /// `ftol`: stop when the residuals stop changing (GSL's relative test).
    public var functionTolerance: Double = 0
    /// Use Levenberg-Marquardt with geodesic acceleration (`gsl_multifit_nlinear_trs_lmaccel`,
    /// the second directional derivative by finite differences); `false` uses plain
    /// Levenberg-Marquardt (`gsl_multifit_nlinear_trs_lm`).
    public var geodesicAcceleration: Bool = true
    /// Retry a failed fit before reporting the failure: a run at its iteration limit goes on
    /// while it makes progress, and a failed accelerated run is repeated without acceleration
    /// (see ``NonlinearLeastSquares``).
    public var retriesOnFailure: Bool = true
    /// The scaling of the trust region: More's (invariant to the scale of each parameter, GSL's
    /// default) or Marquardt's.
    public var scaling: Scaling = .more

    /// Trust-region scalings (`gsl_multifit_nlinear_scale_*`).
    public enum Scaling: String, Sendable, Equatable {
      /// More's scaling: the largest column norms of `J` seen so far.
      case more
      /// Marquardt's scaling: the column norms of the current `J`.
      case marquardt
    }

    /// The defaults above.
    public init() {}
  }

  /// Which attempt of the retry rule (``NonlinearLeastSquares``) produced a fit.
  public enum Attempt: String, Sendable, Equatable {
    /// The options as given, within their iteration limit.
    case first
    /// The first run, continued past its iteration limit.
    case moreIterations
    /// Plain Levenberg-Marquardt (no geodesic acceleration) from the start, within the limit.
    case withoutAcceleration
    /// Plain Levenberg-Marquardt, continued past its iteration limit.
    case withoutAccelerationMoreIterations
  }

  /// How many times its iteration limit a run that reaches the limit may go on to: 10.
  public static let retryIterationFactor = 10
  /// The window, in iterations, over which a run continued past its limit must make progress:
  /// 100.
  public static let retryStagnationWindow = 100
  /// The least relative decrease of the residual sum of squares over
  /// ``retryStagnationWindow`` iterations for a run continued past its limit to go on: 1e-3.
  /// NIST MGH10 gains about 2% every 100 iterations; a saturating curve whose cap drifts to
  /// infinity along a flat valley soon gains less (the projection's do within 900 iterations).
  public static let retryStagnationTolerance = 1e-3

  /// A residual function: fill `residuals` (length `n`) for parameters `theta` (length `p`).
  public typealias ResidualFunction = (_ theta: [Double], _ residuals: inout [Double]) throws ->
    Void
  /// A Jacobian function: fill the `n` x `p` matrix `J_ij = d r_i / d theta_j` at `theta`.
  public typealias JacobianFunction = (_ theta: [Double], _ jacobian: inout Matrix) throws -> Void

  /// Minimises the weighted sum of squared residuals from `start`.
  ///
  /// - Parameters:
  ///   - start: the starting parameters `theta_0` (length `p >= 1`).
  ///   - observationCount: the number of residuals `n >= p`.
  ///   - weights: optional non-negative weights `w_i` (inverse variances), one per residual.
  ///   - options: stopping rules and method.
  ///   - residuals: computes `r(theta)`. Non-finite residuals at a trial point reject that step
  ///     (they count as a very large cost); at the start they are an error.
  ///   - jacobian: computes `J(theta)` analytically; `nil` uses fourth-order central
  ///     differences.
  /// - Returns: the fit, with the covariance described in ``NonlinearFit/covariance``.
  /// - Throws: ``GSLError``: `invalidInput` for bad sizes or values, `badFunction` when the
  ///   model is not finite at the start, a callback throws or a Jacobian is not finite;
  ///   when every attempt of the retry rule fails, the first attempt's error: `didNotConverge`
  ///   when the iteration limit is reached or no step reduces the cost, `singularMatrix` when the
  ///   Jacobian at the solution has rank below `p` (the parameters are not identified).
  public static func fit(
    start: [Double],
    observationCount: Int,
    weights: [Double]? = nil,
    options: Options = Options(),
    residuals: @escaping ResidualFunction,
    jacobian: JacobianFunction? = nil
  ) throws -> NonlinearFit {
    let p = start.count
    let n = observationCount
    let operation = "nonlinear least squares"
    guard p >= 1 else { throw GSLError.invalidInput(operation, "there are no parameters") }
    guard n >= p else {
      throw GSLError.invalidInput(operation, "\(n) observations cannot fit \(p) parameters")
    }
    guard start.allSatisfy(\.isFinite) else {
      throw GSLError.invalidInput(operation, "the starting values must be finite, got \(start)")
    }
    guard options.maxIterations >= 1, options.stepTolerance >= 0,
      options.gradientTolerance >= 0, options.functionTolerance >= 0
    else {
      throw GSLError.invalidInput(
        operation, "iterations must be at least 1 and tolerances not negative")
    }
    if let weights {
      guard weights.count == n, weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
        throw GSLError.invalidInput(operation, "need \(n) finite, non-negative weights")
      }
    }

    let context = NonlinearContext(n: n, p: p, residuals: residuals, jacobian: jacobian)
    // The start must be finite: a penalty there would hide a broken model.
    do {
      try context.residuals(start, &context.residualBuffer)
    } catch {
      throw GSLError(kind: .badFunction, operation: operation, reason: "\(error)")
    }
    guard context.residualBuffer.allSatisfy(\.isFinite) else {
      throw GSLError(
        kind: .badFunction, operation: operation,
        reason: "the residuals are not finite at the starting values \(start)")
    }
    if context.residualBuffer.allSatisfy({ $0 == 0 }) {
      return try exactSolution(start: start, context: context, weights: weights)
    }

    // The options as given, then, if that run fails with acceleration, plain
    // Levenberg-Marquardt.
    let first = try run(options, isRetry: false, start: start, context: context, weights: weights)
    switch first {
    case .fitted(let fit):
      return fit
    case .failed(let firstError):
      if options.geodesicAcceleration && options.retriesOnFailure {
        var plain = options
        plain.geodesicAcceleration = false
        let retry = try run(plain, isRetry: true, start: start, context: context, weights: weights)
        if case .fitted(let fit) = retry { return fit }
      }
      throw firstError
    }
  }

  /// How one run ended: a fit, or a failure that a retry may mend.
  private enum Outcome {
    case fitted(NonlinearFit)
    case failed(GSLError)
  }

  /// One run of GSL's trust-region method from `start`: up to `options.maxIterations`
  /// iterations, then, if that limit is reached and retries are on, on to
  /// ``retryIterationFactor`` times the limit while every ``retryStagnationWindow`` iterations
  /// reduce the residual sum of squares by ``retryStagnationTolerance`` (relative).
  ///
  /// - Returns: the fit, or a failure a retry may mend (the iteration limit reached, no step that
  ///   reduces the cost, or a Jacobian of rank below `p` at the solution), with the error of the
  ///   run's first stop.
  /// - Throws: ``GSLError`` for a failure no retry can mend (a callback that throws or returns a
  ///   non-finite Jacobian, or GSL refusing the set-up).
  private static func run(
    _ options: Options, isRetry: Bool, start: [Double], context: NonlinearContext,
    weights: [Double]?
  ) throws -> Outcome {
    let n = context.n
    let p = context.p
    GSLRuntime.prepare()
    var parameters = gsl_multifit_nlinear_default_parameters()
    parameters.trs =
      options.geodesicAcceleration ? cgsl_nlinear_trs_lmaccel() : cgsl_nlinear_trs_lm()
    parameters.scale =
      options.scaling == .more ? cgsl_nlinear_scale_more() : cgsl_nlinear_scale_marquardt()
    parameters.solver = cgsl_nlinear_solver_qr()
    guard let workspace = gsl_multifit_nlinear_alloc(cgsl_nlinear_trust(), &parameters, n, p) else {
      fatalError("gsl_multifit_nlinear_alloc: out of memory")
    }
    defer { gsl_multifit_nlinear_free(workspace) }

    context.callbackError = nil
    context.finiteDifferenceEvaluations = 0
    let unmanaged = Unmanaged.passRetained(context)
    defer { unmanaged.release() }
    var fdf = gsl_multifit_nlinear_fdf()
    fdf.f = nonlinearResidualCallback
    fdf.df = nonlinearJacobianCallback
    fdf.fvv = nil
    fdf.n = n
    fdf.p = p
    fdf.params = unmanaged.toOpaque()

    var x0 = start
    var w = weights ?? []
    let initStatus: Int32 = withGSLVector(&x0) { xv in
      if weights != nil {
        return withGSLVector(&w) { wv in gsl_multifit_nlinear_winit(xv, wv, &fdf, workspace) }
      }
      return gsl_multifit_nlinear_init(xv, &fdf, workspace)
    }
    if let error = context.callbackError { throw error }
    try GSLRuntime.check(initStatus, "gsl_multifit_nlinear_init")

    var driver = TrustRegionDriver(workspace: workspace, options: options)
    driver.iterate(until: options.maxIterations) { context.callbackError != nil }
    if let error = context.callbackError { throw error }
    var attempt: Attempt = isRetry ? .withoutAcceleration : .first
    let firstStop = driver
    if driver.reachedIterationLimit && options.retriesOnFailure {
      driver.iterate(
        until: moreIterations(than: options.maxIterations),
        stagnation: (retryStagnationWindow, retryStagnationTolerance)
      ) { context.callbackError != nil }
      if let error = context.callbackError { throw error }
      attempt = isRetry ? .withoutAccelerationMoreIterations : .moreIterations
    }
    guard driver.status == GSLStatus.success else { return .failed(firstStop.error) }

    let solution = array(of: gsl_multifit_nlinear_position(workspace))
    // Final residuals and RSS recomputed in Swift, unweighted residuals reported.
    do {
      try context.residuals(solution, &context.residualBuffer)
    } catch {
      throw GSLError(kind: .badFunction, operation: "nonlinear least squares", reason: "\(error)")
    }
    let finalResiduals = context.residualBuffer
    var rss = 0.0
    for (i, r) in finalResiduals.enumerated() { rss += (weights?[i] ?? 1) * r * r }

    var covariance = Matrix(rows: p, columns: p)
    let covarianceStatus = covariance.withGSLMatrix { cm in
      gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(workspace), 1e-12, cm)
    }
    try GSLRuntime.check(covarianceStatus, "gsl_multifit_nlinear_covar")
    do {
      try finishCovariance(&covariance, rss: rss, n: n, weighted: weights != nil)
    } catch let error as GSLError {
      return .failed(error)
    }

    let info = driver.info
    return .fitted(
      NonlinearFit(
        parameters: solution, covariance: covariance, residualSumOfSquares: rss,
        residuals: finalResiduals, degreesOfFreedom: n - p, iterations: driver.iterations,
        functionEvaluations: fdf.nevalf + context.finiteDifferenceEvaluations,
        stoppingRule: info == 2 ? .smallGradient : (info == 3 ? .smallResidualChange : .smallStep),
        attempt: attempt))
  }

  /// `retryIterationFactor` times `limit`, or `Int.max` if that overflows.
  private static func moreIterations(than limit: Int) -> Int {
    let (product, overflow) = limit.multipliedReportingOverflow(by: retryIterationFactor)
    return overflow ? Int.max : product
  }

  /// Fits the curve `y = f(x; theta)` by least squares, with residuals `f(x_i; theta) - y_i`.
  ///
  /// - Parameters:
  ///   - x: the predictor values.
  ///   - y: the responses, as many as `x`.
  ///   - start: the starting parameters.
  ///   - weights: optional inverse-variance weights.
  ///   - options: stopping rules and method.
  ///   - model: `f(x; theta)`.
  ///   - gradient: optional analytic `d f(x; theta) / d theta` written into its third argument;
  ///     `nil` uses finite differences.
  /// - Throws: as ``fit(start:observationCount:weights:options:residuals:jacobian:)``, and
  ///   `invalidInput` when `x` and `y` differ in length or hold non-finite values.
  public static func fitCurve(
    x: [Double], y: [Double], start: [Double], weights: [Double]? = nil,
    options: Options = Options(),
    model: @escaping @Sendable (Double, [Double]) -> Double,
    gradient: (@Sendable (Double, [Double], inout [Double]) -> Void)? = nil
  ) throws -> NonlinearFit {
    guard x.count == y.count else {
      throw GSLError.invalidInput("curve fit", "\(x.count) x values but \(y.count) y values")
    }
    guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
      throw GSLError.invalidInput("curve fit", "x and y must be finite")
    }
    let residuals: ResidualFunction = { theta, r in
      for i in x.indices { r[i] = model(x[i], theta) - y[i] }
    }
    var jacobian: JacobianFunction? = nil
    if let gradient {
      jacobian = { theta, j in
        var row = [Double](repeating: 0, count: theta.count)
        for i in x.indices {
          gradient(x[i], theta, &row)
          for k in row.indices { j[i, k] = row[k] }
        }
      }
    }
    return try fit(
      start: start, observationCount: x.count, weights: weights, options: options,
      residuals: residuals, jacobian: jacobian)
  }

  /// The covariance scaling and identification check shared by both exits.
  private static func finishCovariance(
    _ covariance: inout Matrix, rss: Double, n: Int, weighted: Bool
  ) throws {
    let p = covariance.rows
    if covariance.diagonal.contains(where: { !($0 > 0) || !$0.isFinite }) {
      throw GSLError(
        kind: .singularMatrix, operation: "nonlinear least squares",
        reason: "the Jacobian at the solution has rank below \(p): some parameters are not "
          + "identified by the data")
    }
    if !weighted {
      let s2 = n > p ? rss / Double(n - p) : Double.nan
      for i in covariance.elements.indices { covariance.elements[i] *= s2 }
    }
  }

  /// The fit when every residual is already zero at the start: GSL's driver would report no
  /// progress, but the start is the solution.
  private static func exactSolution(
    start: [Double], context: NonlinearContext, weights: [Double]?
  ) throws -> NonlinearFit {
    let n = context.n
    let p = context.p
    var jacobian = Matrix(rows: n, columns: p)
    try context.evaluateJacobian(at: start, into: &jacobian)
    if let weights {
      for i in 0..<n {
        let root = weights[i].squareRoot()
        for k in 0..<p { jacobian[i, k] *= root }
      }
    }
    var covariance = Matrix(rows: p, columns: p)
    GSLRuntime.prepare()
    let status = jacobian.withGSLMatrix { jm in
      covariance.withGSLMatrix { cm in gsl_multifit_nlinear_covar(jm, 1e-12, cm) }
    }
    try GSLRuntime.check(status, "gsl_multifit_nlinear_covar")
    try finishCovariance(&covariance, rss: 0, n: n, weighted: weights != nil)
    return NonlinearFit(
      parameters: start, covariance: covariance, residualSumOfSquares: 0,
      residuals: [Double](repeating: 0, count: n), degreesOfFreedom: n - p, iterations: 0,
      functionEvaluations: 1 + context.finiteDifferenceEvaluations,
      stoppingRule: .exactSolution, attempt: .first)
  }
}

/// The Swift side of a GSL nonlinear fit: the user's closures, scratch buffers and the first
/// error a callback raised (GSL callbacks cannot throw).
private final class NonlinearContext {
  let n: Int
  let p: Int
  let residuals: NonlinearLeastSquares.ResidualFunction
  let jacobian: NonlinearLeastSquares.JacobianFunction?
  var residualBuffer: [Double]
  var thetaBuffer: [Double]
  var jacobianBuffer: Matrix
  var callbackError: GSLError?
  /// The residual evaluations spent on finite-difference Jacobians in the current attempt.
  var finiteDifferenceEvaluations = 0
  /// The residual that stands in for a non-finite one at a trial point: large enough that the
  /// step is rejected, small enough that the sum of squares stays finite.
  let penaltyResidual: Double

  init(
    n: Int, p: Int, residuals: @escaping NonlinearLeastSquares.ResidualFunction,
    jacobian: NonlinearLeastSquares.JacobianFunction?
  ) {
    self.n = n
    self.p = p
    self.residuals = residuals
    self.jacobian = jacobian
    self.residualBuffer = [Double](repeating: 0, count: n)
    self.thetaBuffer = [Double](repeating: 0, count: p)
    self.jacobianBuffer = Matrix(rows: n, columns: p)
    self.penaltyResidual = 1e100 / Double(n).squareRoot()
  }

  /// `J(theta)`: the caller's analytic Jacobian, or fourth-order central differences.
  func evaluateJacobian(at theta: [Double], into jacobian: inout Matrix) throws {
    if let analytic = self.jacobian {
      try analytic(theta, &jacobian)
    } else {
      finiteDifferenceEvaluations += try NonlinearLeastSquares.finiteDifferenceJacobian(
        at: theta, residualCount: n, residuals: residuals, into: &jacobian)
    }
  }
}

private let nonlinearResidualCallback:
  @convention(c) (
    UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<gsl_vector>?
  ) -> Int32 = { x, params, f in
    guard let x, let params, let f else { return GSLStatus.badPointer }
    let context = Unmanaged<NonlinearContext>.fromOpaque(params).takeUnretainedValue()
    for k in 0..<context.p { context.thetaBuffer[k] = gsl_vector_get(x, k) }
    do {
      try context.residuals(context.thetaBuffer, &context.residualBuffer)
    } catch {
      context.callbackError = GSLError(
        kind: .badFunction, operation: "nonlinear least squares", reason: "\(error)")
      return GSLStatus.badFunction
    }
    for i in 0..<context.n {
      let r = context.residualBuffer[i]
      gsl_vector_set(f, i, r.isFinite ? r : context.penaltyResidual)
    }
    return GSLStatus.success
  }

private let nonlinearJacobianCallback:
  @convention(c) (
    UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<gsl_matrix>?
  ) -> Int32 = { x, params, j in
    guard let x, let params, let j else { return GSLStatus.badPointer }
    let context = Unmanaged<NonlinearContext>.fromOpaque(params).takeUnretainedValue()
    for k in 0..<context.p { context.thetaBuffer[k] = gsl_vector_get(x, k) }
    do {
      try context.evaluateJacobian(at: context.thetaBuffer, into: &context.jacobianBuffer)
    } catch {
      context.callbackError = GSLError(
        kind: .badFunction, operation: "nonlinear least squares", reason: "\(error)")
      return GSLStatus.badFunction
    }
    for i in 0..<context.n {
      for k in 0..<context.p {
        let value = context.jacobianBuffer[i, k]
        guard value.isFinite else {
          context.callbackError = GSLError(
            kind: .badFunction, operation: "nonlinear least squares",
            reason: "the Jacobian is not finite at \(context.thetaBuffer)")
          return GSLStatus.badFunction
        }
        gsl_matrix_set(j, i, k, value)
      }
    }
    return GSLStatus.success
  }
