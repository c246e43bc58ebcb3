// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

/// GSL's `gsl_multifit_nlinear_driver` written out in Swift, so that a run that reaches its
/// iteration limit can go on from where it stopped.
///
/// Up to its limit it is the same loop as GSL 2.7's driver, so a run that converges within the
/// limit gives bit for bit the same result: iterate; stop with "no progress" if the very first
/// iteration finds no step that reduces the cost; test the step, gradient and residual-change
/// rules (``NonlinearLeastSquares/Options``); stop at the limit. The end states `GSL_ETOLF`,
/// `GSL_ETOLX` and `GSL_ETOLG` (converged to machine precision) count as success, as in GSL.
struct TrustRegionDriver {
  private let workspace: UnsafeMutablePointer<gsl_multifit_nlinear_workspace>
  private let options: NonlinearLeastSquares.Options
  /// The iterations run when the last call stopped (GSL's count, `gsl_multifit_nlinear_niter`).
  private(set) var iterations = 0
  /// `GSL_SUCCESS`, `GSL_EMAXITER` or `GSL_CONTINUE` (not run yet).
  private(set) var status = GSLStatus.continueIterating
  /// GSL's reason for stopping: 1 small step, 2 small gradient, 3 small residual change,
  /// `GSL_ENOPROG` no progress on the first iteration, 0 otherwise.
  private(set) var info: Int32 = 0
  /// The iterations counted by the loop (GSL's driver counts them apart from `niter`).
  private var loopIterations = 0

  init(
    workspace: UnsafeMutablePointer<gsl_multifit_nlinear_workspace>,
    options: NonlinearLeastSquares.Options
  ) {
    self.workspace = workspace
    self.options = options
  }

  /// Whether the run stopped at its iteration limit (not for lack of a first step).
  var reachedIterationLimit: Bool {
    status == GSLStatus.maxIterations && info != GSLStatus.noProgress
  }

  /// The error of a run that did not succeed, in the words GSLKit has always used.
  var error: GSLError {
    let why: String
    if status == GSLStatus.maxIterations && info == GSLStatus.noProgress {
      why = "no step from the starting values reduced the residual sum of squares"
    } else if status == GSLStatus.maxIterations {
      why = "no convergence after \(iterations) iterations"
    } else {
      why = GSLRuntime.reason(for: status)
    }
    return GSLError(
      kind: .didNotConverge, code: status, operation: "gsl_multifit_nlinear", reason: why)
  }

  /// Iterates until a convergence rule is met or `limit` iterations have run in all.
  ///
  /// - Parameters:
  ///   - limit: the iteration limit, counting the iterations of earlier calls.
  ///   - stagnation: when given, also stops (as at the limit) after a window of that many
  ///     iterations that reduces the residual sum of squares by less than the tolerance,
  ///     relative.
  ///   - failed: stops at once when it returns `true` (a callback failed).
  mutating func iterate(
    until limit: Int, stagnation: (window: Int, tolerance: Double)? = nil,
    failed: () -> Bool
  ) {
    defer { iterations = gsl_multifit_nlinear_niter(workspace) }
    var windowCost = residualSumOfSquares
    var windowEnd = loopIterations + (stagnation?.window ?? 0)
    repeat {
      let iterateStatus = gsl_multifit_nlinear_iterate(workspace)
      if iterateStatus == GSLStatus.noProgress && loopIterations == 0 {
        info = GSLStatus.noProgress
        status = GSLStatus.maxIterations
        return
      }
      loopIterations += 1
      status = gsl_multifit_nlinear_test(
        options.stepTolerance, options.gradientTolerance, options.functionTolerance, &info,
        workspace)
      if failed() { return }
      if let stagnation, status == GSLStatus.continueIterating, loopIterations == windowEnd {
        let cost = residualSumOfSquares
        if !(windowCost - cost >= stagnation.tolerance * windowCost) { break }
        windowCost = cost
        windowEnd += stagnation.window
      }
    } while status == GSLStatus.continueIterating && loopIterations < limit
    if status == GSLStatus.toleranceTooSmallInF || status == GSLStatus.toleranceTooSmallInX
      || status == GSLStatus.toleranceTooSmallInGradient
    {
      info = status
      status = GSLStatus.success
    }
    if status != GSLStatus.success { status = GSLStatus.maxIterations }
  }

  /// `sum_i w_i r_i^2` at the current position (GSL holds the weighted residuals).
  private var residualSumOfSquares: Double {
    let residuals = gsl_multifit_nlinear_residual(workspace)
    var sum = 0.0
    for i in 0..<(residuals?.pointee.size ?? 0) {
      let r = gsl_vector_get(residuals, i)
      sum += r * r
    }
    return sum
  }
}
