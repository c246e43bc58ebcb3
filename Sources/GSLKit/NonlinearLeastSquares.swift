// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL
import Foundation

/// The result of a nonlinear least-squares fit.
public struct NonlinearFit: Sendable, Equatable {
  /// Why the iteration stopped successfully.
  public enum StoppingRule: String, Sendable, Equatable {
    /// The step became small: `|dx_i| <= xtol (|x_i| + xtol)`.
    case smallStep
    /// The scaled gradient became small: `max_i |g_i| max(|x_i|, 1) <= gtol max(F, 1)`.
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
/// where the Jacobian is singular from NIST BoxBOD's first start (1, 1); with acceleration all
/// ten NIST starts in the tests reach the certified values.
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
    /// `gtol`: stop when `max_i |g_i| max(|x_i|, 1) <= gtol max(F, 1)`.
    public var gradientTolerance: Double = 1e-12
    /// `ftol`: stop when the residuals stop changing (GSL's relative test).
    public var functionTolerance: Double = 0
    /// Use Levenberg-Marquardt with geodesic acceleration (`gsl_multifit_nlinear_trs_lmaccel`,
    /// the second directional derivative by finite differences); `false` uses plain
    /// Levenberg-Marquardt (`gsl_multifit_nlinear_trs_lm`).
    public var geodesicAcceleration: Bool = true
    /// Use central rather than forward differences when no Jacobian is given.
    public var centralDifferences: Bool = true
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
  ///   - jacobian: computes `J(theta)` analytically; `nil` uses GSL's finite differences.
  /// - Returns: the fit, with the covariance described in ``NonlinearFit/covariance``.
  /// - Throws: ``GSLError``: `invalidInput` for bad sizes or values, `badFunction` when the
  ///   model is not finite at the start or a callback throws, `didNotConverge` when the
  ///   iteration limit is reached or no step reduces the cost, `singularMatrix` when the
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

    GSLRuntime.prepare()
    var parameters = gsl_multifit_nlinear_default_parameters()
    parameters.trs =
      options.geodesicAcceleration ? cgsl_nlinear_trs_lmaccel() : cgsl_nlinear_trs_lm()
    parameters.scale =
      options.scaling == .more ? cgsl_nlinear_scale_more() : cgsl_nlinear_scale_marquardt()
    parameters.solver = cgsl_nlinear_solver_qr()
    parameters.fdtype =
      options.centralDifferences ? GSL_MULTIFIT_NLINEAR_CTRDIFF : GSL_MULTIFIT_NLINEAR_FWDIFF
    guard let workspace = gsl_multifit_nlinear_alloc(cgsl_nlinear_trust(), &parameters, n, p) else {
      fatalError("gsl_multifit_nlinear_alloc: out of memory")
    }
    defer { gsl_multifit_nlinear_free(workspace) }

    let unmanaged = Unmanaged.passRetained(context)
    defer { unmanaged.release() }
    var fdf = gsl_multifit_nlinear_fdf()
    fdf.f = nonlinearResidualCallback
    fdf.df = jacobian == nil ? nil : nonlinearJacobianCallback
    fdf.fvv = nil
    fdf.n = n
    fdf.p = p
    fdf.params = unmanaged.toOpaque()

    var x0 = start
    var w = weights ?? []
    var info: Int32 = 0
    let initStatus: Int32 = withGSLVector(&x0) { xv in
      if weights != nil {
        return withGSLVector(&w) { wv in gsl_multifit_nlinear_winit(xv, wv, &fdf, workspace) }
      }
      return gsl_multifit_nlinear_init(xv, &fdf, workspace)
    }
    if let error = context.callbackError { throw error }
    try GSLRuntime.check(initStatus, "gsl_multifit_nlinear_init")

    let status = gsl_multifit_nlinear_driver(
      options.maxIterations, options.stepTolerance, options.gradientTolerance,
      options.functionTolerance, nil, nil, &info, workspace)
    if let error = context.callbackError { throw error }
    let iterations = gsl_multifit_nlinear_niter(workspace)
    guard status == GSLStatus.success else {
      let why: String
      if status == GSLStatus.maxIterations && info == GSLStatus.noProgress {
        why = "no step from the starting values reduced the residual sum of squares"
      } else if status == GSLStatus.maxIterations {
        why = "no convergence after \(iterations) iterations"
      } else {
        why = GSLRuntime.reason(for: status)
      }
      throw GSLError(
        kind: .didNotConverge, code: status, operation: "gsl_multifit_nlinear", reason: why)
    }

    let solution = array(of: gsl_multifit_nlinear_position(workspace))
    // Final residuals and RSS recomputed in Swift, unweighted residuals reported.
    do {
      try context.residuals(solution, &context.residualBuffer)
    } catch {
      throw GSLError(kind: .badFunction, operation: operation, reason: "\(error)")
    }
    let finalResiduals = context.residualBuffer
    var rss = 0.0
    for (i, r) in finalResiduals.enumerated() { rss += (weights?[i] ?? 1) * r * r }

    var covariance = Matrix(rows: p, columns: p)
    let covarianceStatus = covariance.withGSLMatrix { cm in
      gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(workspace), 1e-12, cm)
    }
    try GSLRuntime.check(covarianceStatus, "gsl_multifit_nlinear_covar")
    try finishCovariance(&covariance, rss: rss, n: n, weighted: weights != nil)

    return NonlinearFit(
      parameters: solution, covariance: covariance, residualSumOfSquares: rss,
      residuals: finalResiduals, degreesOfFreedom: n - p, iterations: iterations,
      functionEvaluations: fdf.nevalf,
      stoppingRule: info == 2 ? .smallGradient : (info == 3 ? .smallResidualChange : .smallStep))
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
    if let analytic = context.jacobian {
      try analytic(start, &jacobian)
    } else {
      var plus = [Double](repeating: 0, count: n)
      var minus = plus
      for k in 0..<p {
        let h = 1e-6 * Swift.max(abs(start[k]), 1)
        var thetaPlus = start
        var thetaMinus = start
        thetaPlus[k] += h
        thetaMinus[k] -= h
        try context.residuals(thetaPlus, &plus)
        try context.residuals(thetaMinus, &minus)
        for i in 0..<n { jacobian[i, k] = (plus[i] - minus[i]) / (2 * h) }
      }
    }
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
      functionEvaluations: 1, stoppingRule: .exactSolution)
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
    guard let jacobian = context.jacobian else { return GSLStatus.badPointer }
    for k in 0..<context.p { context.thetaBuffer[k] = gsl_vector_get(x, k) }
    do {
      try jacobian(context.thetaBuffer, &context.jacobianBuffer)
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
