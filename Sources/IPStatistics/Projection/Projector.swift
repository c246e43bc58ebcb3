// SPDX-License-Identifier: GPL-3.0-or-later

import GSLKit
import IPCommon

/// Projects filing series: fits the requested models, selects one, simulates future paths and
/// applies the scenario adjustments.
///
/// `project` is a pure function of its arguments: deterministic for a seed, and safe to call
/// concurrently from several tasks (every random generator is created inside the call). Model
/// `m` (its position in ``GrowthModel/allCases``) draws from stream `m` of the request's seed,
/// so two requests that differ only in their adjustments use the same random numbers (common
/// random numbers: scenario differences are not Monte Carlo noise).
public enum Projector {
  /// The longest horizon, in years after the last observation.
  public static let longestHorizon = 100

  /// Projects one series.
  ///
  /// 1. The points: the series' points from `since` on, without `approximate` ones if asked,
  ///    then only the latest run of one unit (a warning names the years dropped).
  /// 2. The models: those of the request's ``ModelSelection`` (`auto`: every model but
  ///    `constant-growth`, only `logistic` and `gompertz` under a cap; `all`: every model; or
  ///    the named one). A model is skipped when the series has fewer points than
  ///    ``GrowthModel/minimumPoints(capped:growthGiven:)``; a fit that fails, or that reproduces
  ///    every point (no error variance to estimate), is reported as failed with the reason, and
  ///    the others go on.
  /// 3. The selection: under `auto` the fitted models other than `constant-growth` ranked by
  ///    the rule (``SelectionRule``); `all` projects them all and marks the one `auto` would
  ///    select.
  /// 4. The projection of each projected model to `to`: the point forecast, and intervals from
  ///    `simulations` simulated paths, after the adjustments. Under `auto`, a selected model
  ///    whose simulation fails gives way to the next best (with a warning).
  ///
  /// `progress`, if given, advances by one unit per model projected
  /// (``progressUnits(_:)`` in all).
  ///
  /// - Throws: ``StatisticsError``: `badRequest` for invalid fields, `missingData` for a series
  ///   not in the data set or an analog year missing, `insufficientData` when the series has too
  ///   few points for the named model (or for any model under `auto`), `numericalFailure` when
  ///   no model can be fitted and simulated.
  public static func project(
    _ request: ProjectionRequest, dataset: FilingDataset, progress: ProgressBar? = nil
  ) throws -> SeriesProjection {
    try run(request, dataset: dataset, keepingPaths: false, progress: progress).projection
  }

  /// The number of progress units ``project(_:dataset:progress:)`` advances by for `request`:
  /// one per model it may project.
  public static func progressUnits(_ request: ProjectionRequest) -> Int {
    guard let choice = try? request.validatedChoice() else { return 1 }
    return modelSelection(choice, request: request).projectsEveryModel
      ? GrowthModel.allCases.count : 1
  }

  /// Every check of ``project(_:dataset:progress:)`` that comes before a fit, with the same
  /// errors: the request's fields; the series, and the points left after `since`,
  /// `excludeApproximate` and a change of unit; the horizon (after the last point used and at
  /// most ``longestHorizon`` years later) and the number of simulated values; the analogs'
  /// spans; values that log-scale errors can fit; and enough points for the named model (under
  /// `auto` and `all`, for at least one candidate). What only fitting finds (a fit that fails
  /// or reproduces every point, a simulation beyond the largest double) is left to the
  /// projection. `ipfin scenario check` runs it on every series of a scenario.
  ///
  /// - Throws: ``StatisticsError``, as ``project(_:dataset:progress:)`` for the same cause.
  public static func check(_ request: ProjectionRequest, dataset: FilingDataset) throws {
    _ = try prepare(request, dataset: dataset)
  }

  /// What a projection starts from once ``check(_:dataset:)`` has passed.
  struct Prepared {
    let choice: ModelChoice
    let selection: any ModelSelection
    let series: FilingSeries
    let points: [FilingPoint]
    let warnings: [String]
    let adjustments: [ResolvedAdjustment]
  }

  /// Runs the checks of ``check(_:dataset:)`` and returns what the fits start from.
  static func prepare(_ request: ProjectionRequest, dataset: FilingDataset) throws -> Prepared {
    let choice = try request.validatedChoice()
    let selection = modelSelection(choice, request: request)
    let series = try dataset.series(request.key)
    var warnings: [String] = []
    let points = try usedPoints(series, request, &warnings)
    let values = points.map(\.value)
    let lastYear = points[points.count - 1].year
    guard request.to > lastYear, request.to - lastYear <= longestHorizon else {
      throw StatisticsError(
        .badRequest,
        "the last projected year must be after the last observed year \(lastYear) and at most "
          + "\(longestHorizon) years later, got \(request.to)")
    }
    try request.checkSimulatedValues(
      years: request.to - lastYear, span: "the projected years \(lastYear + 1)-\(request.to)"
    ) { "--to \(lastYear + $0)" }
    let adjustments = try request.adjustments.map { try ResolvedAdjustment($0, dataset: dataset) }
    if let cap = request.cap, let largest = values.max(), cap <= largest {
      warnings.append(
        "the cap \(NumberFormatting.shown(cap)) is not above the largest observed value "
          + "\(NumberFormatting.shown(largest)); the curve cannot "
          + "pass through the data")
    }
    try checkPositive(series, points, selection.candidates, request)
    try checkPointCount(choice, selection.candidates, series, points, request)
    return Prepared(
      choice: choice, selection: selection, series: series, points: points, warnings: warnings,
      adjustments: adjustments)
  }

  /// Checks that the series has enough points for the named model, or for at least one
  /// candidate under `auto` and `all` (``GrowthModel/minimumPoints(capped:growthGiven:)``),
  /// before any fit.
  ///
  /// - Throws: ``StatisticsError`` (`insufficientData`) naming the series' years and lines and
  ///   the points needed, as the projection reports a model it could not fit.
  static func checkPointCount(
    _ choice: ModelChoice, _ candidates: [GrowthModel], _ series: FilingSeries,
    _ points: [FilingPoint], _ request: ProjectionRequest
  ) throws {
    func needed(_ model: GrowthModel) -> Int {
      model.minimumPoints(
        capped: request.cap != nil && GrowthModel.saturating.contains(model),
        growthGiven: request.growth != nil)
    }
    if case .named(let model) = choice, points.count < needed(model) {
      throw namedFailure(
        model, StatisticsError(.insufficientData, "too few points"), series, points: points,
        request: request)
    }
    if !candidates.isEmpty, candidates.allSatisfy({ points.count < needed($0) }) {
      throw tooFewPoints(series, points, candidates, request)
    }
  }

  /// A projection and, with `keepingPaths`, the simulated paths of each projected model before
  /// the quantiles were taken (on the level scale, after the adjustments), for scores that need
  /// the whole predictive distribution (``BacktestEvaluation``).
  static func run(
    _ request: ProjectionRequest, dataset: FilingDataset, keepingPaths: Bool,
    progress: ProgressBar? = nil
  ) throws -> (projection: SeriesProjection, paths: [GrowthModel: SimulatedBand]) {
    let prepared = try prepare(request, dataset: dataset)
    let (choice, selection, series, points) = (
      prepared.choice, prepared.selection, prepared.series, prepared.points
    )
    var warnings = prepared.warnings
    let adjustments = prepared.adjustments
    let years = points.map(\.year)
    let values = points.map(\.value)
    let lastYear = years[years.count - 1]

    var attempts = selection.candidates.map { model in
      attempt(model, years: years, values: values, request: request)
    }
    if case .named(let model) = choice, let error = attempts[0].error {
      throw namedFailure(model, error, series, points: points, request: request)
    }
    if choice == .auto && attempts.allSatisfy({ $0.fit == nil }) {
      throw noModelError(series, points, attempts, request)
    }
    if selection.needsBacktest {
      Backtest.scoreAll(&attempts, years: years, values: values, request: request)
    }
    let ranking = selection.ranking(attempts)
    if choice == .auto && ranking.isEmpty {
      throw StatisticsError(
        .insufficientData,
        "\(series.file): \(series.key): no model has a backtest over the last "
          + "\(request.backtestOrigins) origins (\(describe(points))); use --select aicc")
    }

    let horizon = request.to - lastYear
    var projections: [ModelProjection] = []
    var paths: [GrowthModel: SimulatedBand] = [:]
    var projected: [GrowthModel] = []
    for model in ranking {
      guard let index = attempts.firstIndex(where: { $0.model == model }),
        let fit = attempts[index].fit
      else { continue }
      do {
        let (rows, band) = try projectedRows(
          fit, horizon: horizon, request: request, adjustments: adjustments)
        progress?.advance()
        if let warning = zeroWarning(model, rows, scale: request.errorScale) {
          warnings.append(warning)
        }
        projections.append(ModelProjection(model: model, rows: historyRows(points, fit) + rows))
        if keepingPaths, let band { paths[model] = band }
        projected.append(model)
        if !selection.projectsEveryModel { break }
      } catch {
        attempts[index].fit = nil
        attempts[index].error = error
        attempts[index].failedInSimulation = true
        if case .named = choice {
          throw namedFailure(model, error, series, points: points, request: request)
        }
        if !selection.projectsEveryModel {
          warnings.append("\(model) was selected but its simulation failed; trying the next best")
        }
      }
    }
    guard !projections.isEmpty else {
      throw noModelError(series, points, attempts, request)
    }
    let selected = selection.selected(projected: projected, attempts: attempts)
    projections.sort { order($0.model) < order($1.model) }
    let projection = SeriesProjection(
      key: series.key, unit: points[points.count - 1].unit, points: points, warnings: warnings,
      levels: request.levels.sorted(), errorScale: request.errorScale,
      selection: request.selection, seed: request.seed, simulations: request.simulations,
      fits: attempts.map { $0.summary(selected: $0.model == selected) },
      selectedModel: selected,
      selectionNote: selection.note(selected: selected, attempts: attempts),
      projections: projections)
    return (projection, paths)
  }

  /// The position of `model` in ``GrowthModel/allCases``: its random stream and its order.
  static func order(_ model: GrowthModel) -> Int {
    GrowthModel.allCases.firstIndex(of: model) ?? 0
  }

  /// The points used: from `since` on, without approximate points if asked, and only the
  /// latest run of one unit.
  static func usedPoints(
    _ series: FilingSeries, _ request: ProjectionRequest, _ warnings: inout [String]
  ) throws -> [FilingPoint] {
    var points = series.points
    if let since = request.since { points = points.filter { $0.year >= since } }
    if request.excludeApproximate {
      let approximate = points.filter { $0.status == .approximate }.map(\.year)
      if !approximate.isEmpty {
        warnings.append("left out the approximate points of \(YearList.describe(approximate))")
      }
      points = points.filter { $0.status != .approximate }
    }
    guard let last = points.last else {
      throw StatisticsError(
        .insufficientData,
        "\(series.file): \(series.key) has no points left after --since and "
          + "--exclude-approximate (\(series.lineRange))")
    }
    var start = points.count - 1
    while start > 0 && points[start - 1].unit == last.unit { start -= 1 }
    if start > 0 {
      let dropped = points[..<start].map(\.year)
      warnings.append(
        "the unit changes from \(points[start - 1].unit) to \(last.unit) in "
          + "\(points[start].year); fitting only the \(last.unit) of "
          + "\(points[start].year)-\(last.year) and dropping \(YearList.describe(dropped))")
    }
    return Array(points[start...])
  }

  /// `years 1989-1991, 1995, lines a-b` for messages (without the lines when the points have
  /// none).
  static func describe(_ points: [FilingPoint]) -> String {
    let years = "years \(YearList.describe(points.map(\.year)))"
    return FilingSeries.lineRange(of: points).map { "\(years), \($0)" } ?? years
  }

  /// Checks, once for all models and before any fit, that the points the candidate models use
  /// are positive on the log scale, where `ln 0` is minus infinity
  /// (``GrowthModel/usedPointCount(available:capped:growthGiven:)``: every point for a fitted
  /// model, only the last two for `constant-growth`, the last one with a given growth rate).
  /// Models with too few points are left out: they are skipped anyway.
  ///
  /// - Throws: ``StatisticsError`` (`insufficientData`) naming the file and line of the latest
  ///   value that is not positive, and what is allowed.
  static func checkPositive(
    _ series: FilingSeries, _ points: [FilingPoint], _ candidates: [GrowthModel],
    _ request: ProjectionRequest
  ) throws {
    guard request.errorScale == .log else { return }
    let used =
      candidates.map {
        $0.usedPointCount(
          available: points.count, capped: request.cap != nil, growthGiven: request.growth != nil)
      }.max() ?? 0
    let offending = points.suffix(used).filter { !($0.value > 0) }
    guard let latest = offending.last else { return }
    let location = latest.line.map { "\(series.file):\($0)" } ?? series.file
    let others = offending.dropLast().map(\.year)
    throw StatisticsError(
      .insufficientData,
      "\(location): \(series.key): the value in \(latest.year) is "
        + "\(NumberFormatting.shown(latest.value)), which log-scale errors cannot fit (every value "
        + "fitted must be positive"
        + (others.isEmpty ? "" : "; those of \(YearList.describe(others)) are not either")
        + "); use --error-scale level, or --since \(latest.year + 1) to fit only the later points")
  }

  /// The error of a named model that could not be fitted or simulated: too few points for it
  /// (naming the series' lines), or its own error (and kind) with the file and series in
  /// front.
  static func namedFailure(
    _ model: GrowthModel, _ error: any Error, _ series: FilingSeries, points: [FilingPoint],
    request: ProjectionRequest
  ) -> StatisticsError {
    let needed = model.minimumPoints(capped: request.cap != nil, growthGiven: request.growth != nil)
    if points.count < needed {
      return StatisticsError(
        .insufficientData,
        "\(series.file): \(series.key) has \(points.count) points to fit (\(describe(points))); "
          + "\(model) needs at least \(needed)")
    }
    let original =
      error as? StatisticsError ?? StatisticsError(.numericalFailure, "\(error)")
    let message =
      original.message.hasPrefix(model.rawValue)
      ? original.message : "\(model): \(original.message)"
    return StatisticsError(original.kind, "\(series.file): \(series.key): \(message)")
  }

  /// Fits one model, or records why it was not fitted.
  static func attempt(
    _ model: GrowthModel, years: [Int], values: [Double], request: ProjectionRequest
  ) -> ModelAttempt {
    let capped = request.cap != nil && GrowthModel.saturating.contains(model)
    var result = ModelAttempt(
      model: model, observationCount: model.observationCount(points: years.count),
      parameterCount: model.parameterCount(capped: capped))
    let needed = model.minimumPoints(capped: capped, growthGiven: request.growth != nil)
    guard years.count >= needed else {
      result.skipped = true
      result.error = StatisticsError(
        .insufficientData, "needs at least \(needed) points, has \(years.count)")
      return result
    }
    do {
      result.fit = try fit(model, years: years, values: values, request: request)
    } catch {
      result.error = error
    }
    return result
  }

  /// Fits `model` with the request's error scale, cap and growth rate, rejecting a fit that
  /// reproduces every point: the fit of both the projection and ``Backtest``.
  ///
  /// - Throws: what ``GrowthModel/fit(years:values:errorScale:cap:growth:)`` throws, and
  ///   ``StatisticsError`` (`insufficientData`) when the fit is exact (see
  ///   ``exactFitTolerance``).
  static func fit(
    _ model: GrowthModel, years: [Int], values: [Double], request: ProjectionRequest
  ) throws -> FittedGrowthModel {
    let fit = try model.fit(
      years: years, values: values, errorScale: request.errorScale, cap: request.cap,
      growth: request.growth)
    let largest = values.map { abs(request.errorScale.transform($0)) }.max() ?? 0
    if let sigma = fit.sigma, !(sigma > exactFitTolerance * largest) {
      throw StatisticsError(
        .insufficientData,
        "the residuals are all zero: no error variance to estimate")
    }
    return fit
  }

  /// The residual standard deviation at or below which a fit counts as exact: `1e-10` of the
  /// largest `|z|`, rounding rather than noise. The likelihood of such a fit is unbounded
  /// (`+infinity` for residuals exactly 0) and its intervals have no width, so
  /// ``fit(_:years:values:request:)`` reports it as failed: the projection does not rank it by
  /// an infinite score, and the backtest does not score a model that is exact at an origin.
  /// ``GrowthModel/fit(years:values:errorScale:cap:growth:)`` itself accepts exact fits (noise-free
  /// data give back their parameters).
  static let exactFitTolerance = 1e-10

  /// The error when no model could be projected.
  static func noModelError(
    _ series: FilingSeries, _ points: [FilingPoint], _ attempts: [ModelAttempt],
    _ request: ProjectionRequest
  ) -> StatisticsError {
    if attempts.allSatisfy(\.skipped) {
      return tooFewPoints(series, points, attempts.map(\.model), request)
    }
    let reasons = attempts.map { "\($0.model): \($0.failure ?? "ok")" }.joined(separator: "; ")
    // Data that no model can take is a data error, whatever failed numerically is a numerical
    // failure.
    let dataErrors = attempts.allSatisfy { ($0.error as? StatisticsError)?.category == .badData }
    return StatisticsError(
      dataErrors ? .insufficientData : .numericalFailure,
      "\(series.file): \(series.key): no model could be fitted and simulated (\(reasons))")
  }

  /// The error when the series has too few points for every model of `models`.
  static func tooFewPoints(
    _ series: FilingSeries, _ points: [FilingPoint], _ models: [GrowthModel],
    _ request: ProjectionRequest
  ) -> StatisticsError {
    let fewest =
      models.map {
        $0.minimumPoints(capped: request.cap != nil, growthGiven: request.growth != nil)
      }.min() ?? 0
    return StatisticsError(
      .insufficientData,
      "\(series.file): \(series.key) has \(points.count) points to fit (\(describe(points))); "
        + "the models tried need at least \(fewest) (use --model constant-growth for a "
        + "headline-rate extrapolation)")
  }

  /// The observed rows and the fitted rows of a model.
  static func historyRows(_ points: [FilingPoint], _ fit: FittedGrowthModel) -> [ProjectionRow] {
    points.map { ProjectionRow(year: $0.year, kind: .observed, value: $0.value, intervals: []) }
      + fit.fitted.map {
        ProjectionRow(year: $0.year, kind: .fitted, value: $0.value, intervals: [])
      }
  }

  /// The projected rows of a fitted model: the point forecast and the simulated intervals,
  /// both adjusted, and the adjusted paths (`nil` for a model without simulated paths).
  ///
  /// - Throws: ``StatisticsError`` (`numericalFailure`) when the forecast or a simulated path
  ///   is beyond the largest finite `Double`, before or after the adjustments.
  static func projectedRows(
    _ fit: FittedGrowthModel, horizon: Int, request: ProjectionRequest,
    adjustments: [ResolvedAdjustment]
  ) throws -> (rows: [ProjectionRow], band: SimulatedBand?) {
    var point = try fit.forecast(horizon: horizon)
    let generator = RandomGenerator(seed: request.seed, stream: UInt64(order(fit.model)))
    var band = try fit.simulate(horizon: horizon, count: request.simulations, generator: generator)
      .map { SimulatedBand(paths: $0, count: request.simulations, horizon: horizon) }
    for adjustment in adjustments {
      band?.apply(adjustment, lastYear: fit.lastYear, lastValue: fit.lastValue, point: point)
      let before = point
      point.withUnsafeMutableBufferPointer {
        adjustment.apply(to: $0, lastYear: fit.lastYear, lastValue: fit.lastValue, point: before)
      }
    }
    if let h = point.firstIndex(where: { !$0.isFinite }) {
      throw StatisticsError(
        .numericalFailure,
        "the point forecast after the adjustments is not a finite number in "
          + "\(fit.lastYear + 1 + h) (beyond the largest number a double holds, about 1.8e308)")
    }
    let intervals = try band?.intervals(levels: request.levels.sorted())
    let rows = (0..<horizon).map { h in
      ProjectionRow(
        year: fit.lastYear + 1 + h, kind: .projected, value: point[h],
        intervals: intervals?[h] ?? [])
    }
    return (rows, band)
  }
}

extension Projector {
  /// A warning when a projected value or interval bound is 0 (or below the smallest normal
  /// positive double, `2.2e-308`), naming the first year and why: on the log scale a line
  /// `a + b t` that reaches zero (or a level that underflows) has no logarithm, and its figures
  /// are read as 0; on the level scale paths below zero are cut off at 0. Either way the
  /// figures from then on are not forecasts the model supports.
  static func zeroWarning(_ model: GrowthModel, _ rows: [ProjectionRow], scale: ErrorScale)
    -> String?
  {
    func isZero(_ value: Double) -> Bool { !(value >= Double.leastNormalMagnitude) }
    let valueYear = rows.first { isZero($0.value) }?.year
    let boundYear = rows.first { $0.intervals.contains { isZero($0.lower) || isZero($0.upper) } }?
      .year
    var parts: [String] = []
    if let boundYear, boundYear < valueYear ?? Int.max {
      parts.append("an interval bound is 0 from \(boundYear)")
    }
    if let valueYear { parts.append("the projected value is 0 from \(valueYear)") }
    guard !parts.isEmpty else { return nil }
    let what = "\(model): " + parts.joined(separator: ", ")
    switch scale {
    case .log:
      let cause =
        model == .linear
        ? "the line a + b t (or some of its bootstrap refits) reaches zero, where the log scale "
          + "ends" : "the level falls to zero or below the smallest positive number"
      return "\(what): \(cause); those figures are not forecasts: prefer a model whose level "
        + "stays positive (exponential, drift or damped-trend)"
    case .level:
      return "\(what): the level-scale errors put values below zero, which are cut off at 0 (a "
        + "count is never negative), so the band is truncated there; log-scale errors keep every "
        + "value positive"
    }
  }
}

/// One model's fit as the projector tracks it.
struct ModelAttempt {
  let model: GrowthModel
  let observationCount: Int
  let parameterCount: Int
  var fit: FittedGrowthModel?
  /// Why the model was not fitted, skipped or simulated, as thrown (its kind kept).
  var error: (any Error)?
  var skipped = false
  var failedInSimulation = false
  var backtest: BacktestScore?

  /// The reason shown in the fits table, or `nil`.
  var failure: String? {
    error.map { failedInSimulation ? "the simulation failed: \($0)" : "\($0)" }
  }

  init(model: GrowthModel, observationCount: Int, parameterCount: Int) {
    self.model = model
    self.observationCount = observationCount
    self.parameterCount = parameterCount
  }

  /// The `--fits` summary.
  func summary(selected: Bool) -> ModelFitSummary {
    let status: FitStatus
    if let failure {
      status = skipped ? .skipped(failure) : .failed(failure)
    } else {
      status = model.isFitted ? .fitted : .notFitted
    }
    return ModelFitSummary(
      model: model, status: status, observationCount: fit?.observationCount ?? observationCount,
      parameterCount: fit?.parameterCount ?? parameterCount, parameters: fit?.parameters ?? [],
      sigma: fit?.sigma, logLikelihood: fit?.logLikelihood, aicc: fit?.aicc, bic: fit?.bic,
      backtest: backtest, selected: selected)
  }
}

/// Lists of years written compactly.
enum YearList {
  /// Consecutive years as ranges: `[1989, 1990, 1991, 1995]` -> `1989-1991, 1995`.
  static func describe(_ years: [Int]) -> String {
    var parts: [String] = []
    var index = 0
    while index < years.count {
      var end = index
      while end + 1 < years.count && years[end + 1] == years[end] + 1 { end += 1 }
      parts.append(end == index ? "\(years[index])" : "\(years[index])-\(years[end])")
      index = end + 1
    }
    return parts.joined(separator: ", ")
  }
}
