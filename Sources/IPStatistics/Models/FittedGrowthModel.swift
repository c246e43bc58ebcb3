// SPDX-License-Identifier: GPL-3.0-or-later

import GSLKit
import IPCommon

/// One named parameter of a fitted model.
public struct ModelParameter: Sendable, Equatable, Codable {
  /// The parameter's name (`a`, `b`, `K`, `r`, `tm`, `mu`, `alpha`, ...).
  public let name: String
  /// Its estimate (or its fixed value).
  public let value: Double
  /// Its asymptotic standard error, when estimated and available.
  public let standardError: Double?
  /// Whether the value was fixed rather than estimated (`t0`, or `K` under a cap).
  public let fixed: Bool

  /// Creates a parameter.
  public init(name: String, value: Double, standardError: Double? = nil, fixed: Bool = false) {
    self.name = name
    self.value = value
    self.standardError = standardError.flatMap { $0.isFinite ? $0 : nil }
    self.fixed = fixed
  }
}

/// A year and a value on the original (level) scale.
public struct YearValue: Sendable, Equatable, Codable {
  /// The calendar year.
  public let year: Int
  /// The value.
  public let value: Double

  /// Creates a pair.
  public init(year: Int, value: Double) {
    self.year = year
    self.value = value
  }
}

/// A model fitted to a series: its estimates, its fit statistics, and what it needs to
/// forecast and simulate future paths.
public struct FittedGrowthModel: Sendable {
  /// The model.
  public let model: GrowthModel
  /// The scale of the errors.
  public let errorScale: ErrorScale
  /// The estimates, with standard errors where available, in the model's order.
  public let parameters: [ModelParameter]
  /// The number of likelihood terms `n` (the points fitted; one fewer for `drift`).
  public let observationCount: Int
  /// The number of estimated parameters `k`, the error variance included.
  public let parameterCount: Int
  /// The residual standard deviation on the error scale, `sqrt(RSS / (n - p))` with `p = k - 1`
  /// the parameters of the curve or recursion; `nil` for `constant-growth`.
  public let sigma: Double?
  /// The maximised log-likelihood of `z` (``InformationCriteria/gaussianLogLikelihood(rss:n:)``);
  /// `nil` for `constant-growth`. On the log scale it is the likelihood of `ln y`. It is
  /// `+infinity` when the residuals are all zero; ``Projector`` reports such a fit as failed.
  public let logLikelihood: Double?
  /// In-sample fitted values on the original scale: the curve, or the one-step-ahead
  /// prediction of a recursion (none for the first point of `drift`).
  public let fitted: [YearValue]
  /// The last year fitted, `T`.
  public let lastYear: Int
  /// The observed value in year `T`.
  public let lastValue: Double
  /// The forecasting and simulation engine.
  let engine: any ProjectionEngine

  /// AICc (see ``InformationCriteria/aicc(logLikelihood:k:n:)``), `nil` when undefined.
  public var aicc: Double? {
    logLikelihood.flatMap {
      InformationCriteria.aicc(logLikelihood: $0, k: parameterCount, n: observationCount)
    }
  }

  /// BIC (see ``InformationCriteria/bic(logLikelihood:k:n:)``), `nil` for `constant-growth`.
  public var bic: Double? {
    logLikelihood.map {
      InformationCriteria.bic(logLikelihood: $0, k: parameterCount, n: observationCount)
    }
  }

  /// The value of the parameter named `name`, or `nil`.
  public func parameter(_ name: String) -> Double? {
    parameters.first { $0.name == name }?.value
  }

  /// The point forecasts for the years `T + 1 ... T + horizon` on the original scale: the
  /// curve, or the recursion's forecast without noise (the median under log-scale errors).
  ///
  /// - Throws: ``StatisticsError`` (`numericalFailure`) when a forecast is beyond the largest
  ///   finite `Double` (``ErrorScale/overflows(_:)``), naming its year; it is never capped.
  public func forecast(horizon: Int) throws -> [Double] {
    try levels(engine.forecast(horizon: horizon), horizon: horizon, of: "the point forecast")
  }

  /// Simulated future paths for the years `T + 1 ... T + horizon`, on the original scale, with
  /// parameter uncertainty and future noise, or `nil` for `constant-growth`, which has no error
  /// model. The parameter uncertainty comes from a residual bootstrap with refits (curves), the
  /// exact posterior under `p(mu, sigma) ~ 1 / sigma` (drift), or posterior draws by
  /// Metropolis with the initial state and `sigma` integrated out (damped trend); the future
  /// noise from the Gaussian error model with each draw's `sigma`.
  ///
  /// - Parameters:
  ///   - horizon: the number of years ahead, at least 1.
  ///   - count: the number of paths, at least 1.
  ///   - generator: the random generator (one per task).
  /// - Returns: `count * horizon` values, path after path.
  /// - Throws: ``StatisticsError`` (`numericalFailure`) when the parameter uncertainty cannot be
  ///   simulated (for example, most bootstrap refits fail), or when a simulated value is beyond
  ///   the largest finite `Double` (``ErrorScale/overflows(_:)``), naming the first year where
  ///   a path reaches it; such a value is never capped.
  public func simulate(horizon: Int, count: Int, generator: RandomGenerator) throws -> [Double]? {
    guard let paths = try engine.simulate(horizon: horizon, count: count, generator: generator)
    else { return nil }
    return try levels(paths, horizon: horizon, of: "a simulated path")
  }

  /// `values` (paths of `horizon` values on the error scale, one after the other) on the level
  /// scale.
  ///
  /// - Throws: ``StatisticsError`` (`numericalFailure`) naming `what` and the first year where
  ///   a value overflows (``ErrorScale/overflows(_:)``).
  private func levels(_ values: [Double], horizon: Int, of what: String) throws -> [Double] {
    var levels = values
    var earliest: (step: Int, z: Double)?
    for index in levels.indices {
      let z = levels[index]
      if errorScale.overflows(z), index % horizon < earliest?.step ?? horizon {
        earliest = (index % horizon, z)
      }
      levels[index] = errorScale.level(z)
    }
    guard let earliest else { return levels }
    let exponent = earliest.z.isFinite ? NumberFormatting.fixed(earliest.z, digits: 1) : "inf"
    throw StatisticsError(
      .numericalFailure,
      "\(what) reaches exp(\(exponent)) in "
        + "\(lastYear + 1 + earliest.step), beyond the largest number a double holds (about "
        + "1.8e308, exp(709.78)); the model's growth cannot be represented that far: project "
        + "fewer years, or choose a model whose growth slows")
  }
}

/// What a fitted model needs to forecast and simulate, on the error scale `z`.
protocol ProjectionEngine: Sendable {
  /// The point forecasts `z_{T+1} ... z_{T+horizon}`.
  func forecast(horizon: Int) -> [Double]
  /// `count` simulated paths of `horizon` values each on the error scale, path after path, or
  /// `nil` when the model has no error model.
  func simulate(horizon: Int, count: Int, generator: RandomGenerator) throws -> [Double]?
}
