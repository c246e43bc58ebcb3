// SPDX-License-Identifier: GPL-3.0-or-later

/// The projection of one series: the points used, every model tried, the selected model, and
/// the projected rows of each projected model.
public struct SeriesProjection: Sendable, Codable {
  /// The series.
  public let key: SeriesKey
  /// The unit of the points used.
  public let unit: String
  /// The observed points the models were fitted on (after `since`, `excludeApproximate` and
  /// the latest run of one unit), with status and source.
  public let points: [FilingPoint]
  /// Warnings about the data and the fits (dropped years, left-out points, a cap below the
  /// data).
  public let warnings: [String]
  /// The prediction-interval levels, ascending.
  public let levels: [Double]
  /// The scale of the errors.
  public let errorScale: ErrorScale
  /// How the model was chosen.
  public let selection: SelectionRule
  /// The root seed of the simulated paths.
  public let seed: UInt64
  /// The number of simulated paths per model.
  public let simulations: Int
  /// Every model tried, in ``GrowthModel`` order.
  public let fits: [ModelFitSummary]
  /// The selected model: by the selection rule for `auto` and `all`, the named model otherwise.
  public let selectedModel: GrowthModel?
  /// How the projected models were chosen, for a heading: `selected: drift (smallest AICc among
  /// 4 fitted models)`, `model: linear (named)`, or `every fitted model (6); * marks ...`.
  public let selectionNote: String
  /// The projected models (one for `auto` or a named model, every model that fitted for
  /// `all`), in ``GrowthModel`` order.
  public let projections: [ModelProjection]

  /// Whether some projected row has simulated intervals (not so for `constant-growth` alone).
  public var hasIntervals: Bool {
    projections.contains { $0.rows.contains { !$0.intervals.isEmpty } }
  }

  /// The projection of `model`, or `nil`.
  public func projection(_ model: GrowthModel) -> ModelProjection? {
    projections.first { $0.model == model }
  }
}

/// What became of one model.
public enum FitStatus: Sendable, Equatable, Codable, CustomStringConvertible {
  /// Fitted (and, if projected, simulated).
  case fitted
  /// The fit or its simulation failed, for the reason given.
  case failed(String)
  /// Not tried: the series has too few points for it.
  case skipped(String)
  /// `constant-growth`: a rule, not fitted.
  case notFitted

  /// `ok`, `failed: <reason>`, `skipped: <reason>` or `not fitted`.
  public var description: String {
    switch self {
    case .fitted: return "ok"
    case .failed(let reason): return "failed: \(reason)"
    case .skipped(let reason): return "skipped: \(reason)"
    case .notFitted: return "not fitted"
    }
  }

  /// `ok`, `failed`, `skipped` or `not fitted`, without the reason.
  public var label: String {
    switch self {
    case .fitted: return "ok"
    case .failed: return "failed"
    case .skipped: return "skipped"
    case .notFitted: return "not fitted"
    }
  }

  /// Encoded as its ``description``.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }

  /// Decoded from its ``description``.
  ///
  /// - Throws: `DecodingError.dataCorrupted` for text that is none of the four forms.
  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    let failed = "failed: "
    let skipped = "skipped: "
    if text == "ok" {
      self = .fitted
    } else if text == "not fitted" {
      self = .notFitted
    } else if text.hasPrefix(failed) {
      self = .failed(String(text.dropFirst(failed.count)))
    } else if text.hasPrefix(skipped) {
      self = .skipped(String(text.dropFirst(skipped.count)))
    } else {
      throw DecodingError.dataCorruptedError(
        in: container,
        debugDescription: "the fit status '\(text)' is not 'ok', 'failed: <reason>', "
          + "'skipped: <reason>' or 'not fitted'")
    }
  }
}

/// The scores of a model's rolling-origin backtest.
public struct BacktestScore: Sendable, Equatable, Codable {
  /// The forecast origins (the last observed year of each refit window).
  public let origins: [Int]
  /// The number of (origin, target year) forecasts scored.
  public let forecasts: Int
  /// The mean absolute percentage error of the point forecasts on the level, as a fraction
  /// (`0.08` = 8%).
  public let meanAbsolutePercentageError: Double
  /// The share of observed values inside each level's interval (same order as the levels);
  /// empty for `constant-growth`, which has no intervals.
  public let coverage: [Double]
}

/// The fit summary of one model: the `--fits` row.
public struct ModelFitSummary: Sendable, Codable {
  /// The model.
  public let model: GrowthModel
  /// What became of it.
  public let status: FitStatus
  /// The number of likelihood terms `n` (the points, one fewer for `drift`).
  public let observationCount: Int
  /// The number of estimated parameters `k`, the error variance included.
  public let parameterCount: Int
  /// The estimates (empty unless fitted).
  public let parameters: [ModelParameter]
  /// The residual standard deviation on the error scale.
  public let sigma: Double?
  /// The maximised log-likelihood.
  public let logLikelihood: Double?
  /// AICc (`nil` where undefined).
  public let aicc: Double?
  /// BIC.
  public let bic: Double?
  /// The backtest scores, with `--select backtest`.
  public let backtest: BacktestScore?
  /// Whether this is the selected model.
  public let selected: Bool
}

/// The rows of one projected model.
public struct ModelProjection: Sendable, Codable {
  /// The model.
  public let model: GrowthModel
  /// Observed rows, then fitted rows, then projected rows, each in ascending years.
  public let rows: [ProjectionRow]
}

/// What a projection row holds.
public enum RowKind: String, Sendable, Codable {
  /// An observed point used by the fit.
  case observed
  /// The model's in-sample value at an observed year.
  case fitted
  /// A projected year, with its intervals.
  case projected
}

/// A central prediction interval.
public struct PredictionInterval: Sendable, Equatable, Codable {
  /// The level, for example 0.95.
  public let level: Double
  /// The `(1 - level) / 2` quantile of the simulated paths.
  public let lower: Double
  /// The `(1 + level) / 2` quantile of the simulated paths.
  public let upper: Double
}

/// One year of a model's projection.
public struct ProjectionRow: Sendable, Equatable, Codable {
  /// The calendar year.
  public let year: Int
  /// Observed, fitted or projected.
  public let kind: RowKind
  /// The observed value, the fitted value, or the point forecast (the median under log-scale
  /// errors), after adjustments.
  public let value: Double
  /// The intervals of a projected row, one per level (empty otherwise, and for
  /// `constant-growth`).
  public let intervals: [PredictionInterval]

  /// The interval at `level`, or `nil`.
  public func interval(_ level: Double) -> PredictionInterval? {
    intervals.first { abs($0.level - level) < 1e-12 }
  }

  /// The lower 80% bound, or `nil`.
  public var lo80: Double? { interval(0.8)?.lower }
  /// The upper 80% bound, or `nil`.
  public var hi80: Double? { interval(0.8)?.upper }
  /// The lower 95% bound, or `nil`.
  public var lo95: Double? { interval(0.95)?.lower }
  /// The upper 95% bound, or `nil`.
  public var hi95: Double? { interval(0.95)?.upper }
}
