// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// What `ipfin backtest` evaluates: which series, which methods, how many origins and how far
/// ahead. The defaults are the command's.
public struct BacktestRequest: Sendable {
  /// The default number of forecast origins per series, 8.
  public static let defaultOrigins = 8
  /// The default longest horizon scored, 5 years.
  public static let defaultHorizon = 5
  /// The default fewest points up to an origin, 5 (the fewest any fitted model needs).
  public static let defaultMinimumPoints = 5
  /// The levels scored: 80% and 95%.
  public static let levels = [0.8, 0.95]

  /// The series to evaluate.
  public var series: [SeriesKey]
  /// The methods to compare (default ``ForecastMethod/defaults``).
  public var methods: [ForecastMethod] = ForecastMethod.defaults
  /// The number of origins per series: the last observed years with at least
  /// ``minimumPoints`` points up to them and a later observation within ``horizon`` years.
  public var origins = BacktestRequest.defaultOrigins
  /// The longest horizon scored, in years.
  public var horizon = BacktestRequest.defaultHorizon
  /// The fewest points (those a projection would use) up to an origin.
  public var minimumPoints = BacktestRequest.defaultMinimumPoints
  /// The projection settings every fit shares: `since`, `excludeApproximate`, `errorScale`,
  /// `seed`, `simulations` (and the backtest settings of `--select backtest`). Its series,
  /// model, horizon, levels and adjustments are set per check.
  public var projection: ProjectionRequest
  /// Worker threads; the result does not depend on them.
  public var threads = 1

  /// A request for `series` with every other field at its default.
  public init(series: [SeriesKey]) {
    self.series = series
    self.projection = ProjectionRequest(office: "", right: "")
  }

  /// Checks the fields that do not depend on the data.
  ///
  /// - Throws: ``StatisticsError`` (`badRequest`) naming the field and what is allowed.
  public func validate() throws {
    guard !methods.isEmpty else {
      throw StatisticsError(.badRequest, "give at least one method to compare")
    }
    guard origins >= 1, horizon >= 1, minimumPoints >= 2 else {
      throw StatisticsError(
        .badRequest,
        "the backtest needs at least 1 origin, a horizon of at least 1 year and at least 2 "
          + "points up to an origin; got \(origins) origins, horizon \(horizon), "
          + "\(minimumPoints) points")
    }
    guard threads >= 1 else {
      throw StatisticsError(.badRequest, "the number of threads must be at least 1")
    }
    var check = projection
    check.model = "auto"
    check.levels = Self.levels
    try check.validate()
    try check.checkSimulatedValues(years: horizon, span: "the backtest horizon") {
      "--horizon \($0)"
    }
  }
}

/// One forecast of one method checked against the value that occurred: a row of
/// `ipfin backtest --out`.
public struct BacktestCheck: Sendable, Codable, Equatable {
  /// The series.
  public let key: SeriesKey
  /// The last year fitted.
  public let origin: Int
  /// The year forecast.
  public let year: Int
  /// The method.
  public let method: String
  /// The model that made the forecast (the one selected, for a rule).
  public let model: GrowthModel
  /// The point forecast (the median under log-scale errors).
  public let point: Double
  /// The 80% interval, or `nil` for a model without intervals.
  public let interval80: PredictionInterval?
  /// The 95% interval, or `nil`.
  public let interval95: PredictionInterval?
  /// The value that occurred.
  public let actual: Double
  /// The interval score of the 80% interval on the log scale (`nil` when not scored).
  public let intervalScore80: Double?
  /// The interval score of the 95% interval on the log scale.
  public let intervalScore95: Double?
  /// The CRPS of the simulated paths on the log scale.
  public let crps: Double?
  /// Whether the check cannot be scored on the log scale: a bound at or below 0.
  public let excluded: Bool

  /// Years ahead, `year - origin`.
  public var horizon: Int { year - origin }
  /// Whether the actual value is inside the 80% interval (`nil` without one or when excluded).
  public var inside80: Bool? { inside(interval80) }
  /// Whether the actual value is inside the 95% interval.
  public var inside95: Bool? { inside(interval95) }
  /// `|point - actual| / actual`.
  public var absolutePercentageError: Double { abs(point - actual) / actual }
  /// Whether the check has intervals and can be scored.
  public var isScored: Bool { interval80 != nil && !excluded }

  private func inside(_ interval: PredictionInterval?) -> Bool? {
    guard let interval, !excluded else { return nil }
    return interval.lower <= actual && actual <= interval.upper
  }
}

/// The pooled scores of one method over the checks every method scored.
public struct BacktestSummary: Sendable, Codable, Equatable {
  /// The method.
  public let method: String
  /// The checks pooled.
  public let checks: Int
  /// The share of actual values inside the 80% intervals (`nil` without intervals).
  public let coverage80: Double?
  /// The share inside the 95% intervals.
  public let coverage95: Double?
  /// The mean absolute percentage error of the point forecasts, a fraction.
  public let meanAbsolutePercentageError: Double?
  /// The mean interval score of the 80% intervals, log scale.
  public let meanIntervalScore80: Double?
  /// The mean interval score of the 95% intervals, log scale.
  public let meanIntervalScore95: Double?
  /// The mean CRPS, log scale.
  public let meanCRPS: Double?

  /// `meanCRPS` is coded as `meanCrps`, so that ipfin's snake_case JSON (``JSONOutput``,
  /// `mean_crps`) reads back with a decoder's `convertFromSnakeCase`.
  enum CodingKeys: String, CodingKey {
    case method, checks, coverage80, coverage95, meanAbsolutePercentageError
    case meanIntervalScore80, meanIntervalScore95
    case meanCRPS = "meanCrps"
  }
}

/// The result of a backtest: every check, and the summary pooled per method.
public struct BacktestReport: Sendable, Codable {
  /// The series evaluated (those with at least one origin).
  public let series: [SeriesKey]
  /// The number of (series, origin) pairs.
  public let origins: Int
  /// Every check, by series, origin, method (in the request's order) and year.
  public let checks: [BacktestCheck]
  /// One row per method, in the request's order, pooled over ``commonChecks``.
  public let summary: [BacktestSummary]
  /// The number of (series, origin, year) checks that every method with intervals scored.
  public let commonChecks: Int
  /// The number of (series, origin, year) checks left out because some method had a bound at
  /// or below 0 there (not scorable on the log scale).
  public let excludedChecks: Int
  /// The number of (series, origin, year) checks left out because some method could not
  /// forecast there (too few points for it, or a failed fit).
  public let unavailableChecks: Int
  /// Why methods could not forecast, one line per method and cause, with how often:
  /// `damped-trend (too few points, or values it cannot take) at 12 origins`.
  public let failures: [String]
  /// The root seed.
  public let seed: UInt64
  /// The simulated paths per projection.
  public let simulations: Int
}

/// The rolling-origin evaluation behind `ipfin backtest`: every method projects each series
/// from each origin with only the points up to it, and is scored against what followed.
///
/// For a series, the origins are the last ``BacktestRequest/origins`` observed years that have
/// at least ``BacktestRequest/minimumPoints`` points up to them (counting those a projection
/// uses: after `since`, `excludeApproximate` and the latest run of one unit) and a later
/// observation within ``BacktestRequest/horizon`` years. At each origin each method runs
/// ``Projector`` exactly as `ipfin project --data FILE --to ORIGIN+HORIZON` would on a file
/// holding the points up to the origin (same seed, same simulated paths), and every observed
/// year up to the horizon is a check. Scores are on the log scale (`l`, `u`, `y` and the paths
/// are logarithms): the interval score (``ForecastScore/intervalScore(lower:upper:actual:level:)``)
/// at 80% and 95% and the CRPS of the simulated paths (``ForecastScore/crps(sorted:actual:)``).
/// A check with a bound at or below 0 cannot be scored on the log scale: it is excluded and
/// counted.
///
/// The summary pools, per method, the checks that every method with intervals scored, so that
/// methods are compared on the same forecasts. Origins run in parallel; every projection draws
/// from the request's seed, so the result is identical for any number of threads.
public enum BacktestEvaluation {
  /// The (series, origin) pairs of a request, in series order then origin order.
  struct Origin: Sendable {
    let series: FilingSeries
    /// The points from `since` on, without approximate ones if asked.
    let points: [FilingPoint]
    let index: Int
  }

  /// The number of progress units of ``run(_:dataset:progress:)``: one per (series, origin).
  public static func progressUnits(_ request: BacktestRequest, dataset: FilingDataset) throws
    -> Int
  {
    try origins(request, dataset: dataset).count
  }

  /// The series of `dataset` with at least `points` points after the request's `since` and
  /// `excludeApproximate`, in key order (`ipfin backtest --all --min-points N`).
  public static func series(
    withAtLeast points: Int, in dataset: FilingDataset, projection: ProjectionRequest
  ) -> [SeriesKey] {
    dataset.series.filter { filtered($0, projection).count >= points }.map(\.key)
  }

  /// Runs the evaluation.
  ///
  /// - Throws: ``StatisticsError``: `badRequest` for an invalid request, `missingData` for a
  ///   series not in the data set, `insufficientData` when no series has an origin.
  public static func run(
    _ request: BacktestRequest, dataset: FilingDataset, progress: ProgressBar? = nil
  ) throws -> BacktestReport {
    try request.validate()
    let origins = try origins(request, dataset: dataset)
    guard !origins.isEmpty else {
      throw StatisticsError(
        .insufficientData,
        "no series has an origin with at least \(request.minimumPoints) points up to it and a "
          + "later observation within \(request.horizon) years")
    }
    let perOrigin = ParallelBlocks.map(count: origins.count, threads: request.threads) { block in
      let result = evaluate(origins[block], request: request, file: dataset.file)
      progress?.advance()
      return result
    }
    let checks = perOrigin.flatMap(\.checks)
    var failureCounts: [String: Int] = [:]
    var failureOrder: [String] = []
    for failure in perOrigin.flatMap(\.failures) {
      if failureCounts[failure] == nil { failureOrder.append(failure) }
      failureCounts[failure, default: 0] += 1
    }
    let pooled = pool(checks, methods: request.methods)
    var seen: [SeriesKey] = []
    for origin in origins where seen.last != origin.series.key { seen.append(origin.series.key) }
    return BacktestReport(
      series: seen, origins: origins.count, checks: checks, summary: pooled.summary,
      commonChecks: pooled.common, excludedChecks: pooled.excluded,
      unavailableChecks: pooled.unavailable,
      failures: failureOrder.map { "\($0) at \(failureCounts[$0] ?? 0) origins" },
      seed: request.projection.seed, simulations: request.projection.simulations)
  }

  /// The points of `series` from `since` on, without approximate ones if asked.
  static func filtered(_ series: FilingSeries, _ projection: ProjectionRequest) -> [FilingPoint] {
    series.points.filter {
      $0.year >= (projection.since ?? Int.min)
        && !(projection.excludeApproximate && $0.status == .approximate)
    }
  }

  /// Every (series, origin) of the request.
  static func origins(_ request: BacktestRequest, dataset: FilingDataset) throws -> [Origin] {
    try request.series.flatMap { key -> [Origin] in
      let series = try dataset.series(key)
      let points = filtered(series, request.projection)
      let candidates = points.indices.dropLast().filter { index in
        guard points[index + 1].year - points[index].year <= request.horizon else { return false }
        // The points a projection from this origin uses: the latest run of one unit.
        var start = index
        while start > 0 && points[start - 1].unit == points[index].unit { start -= 1 }
        return index - start + 1 >= request.minimumPoints
      }
      return candidates.suffix(request.origins).map {
        Origin(series: series, points: points, index: $0)
      }
    }
  }

  /// The checks of every method at one origin, and why methods could not forecast there.
  static func evaluate(_ origin: Origin, request: BacktestRequest, file: String)
    -> (checks: [BacktestCheck], failures: [String])
  {
    let points = origin.points
    let originYear = points[origin.index].year
    let truncated = FilingDataset(
      series: [
        FilingSeries(
          key: origin.series.key, points: Array(points[...origin.index]), file: origin.series.file)
      ], file: file)
    let targets = points[(origin.index + 1)...].filter {
      $0.year - originYear <= request.horizon
    }
    var checks: [BacktestCheck] = []
    var failures: [String] = []
    for method in request.methods {
      var projection = request.projection
      projection.office = origin.series.key.office
      projection.right = origin.series.key.right
      projection.measure = origin.series.key.measure
      projection.scope = origin.series.key.scope
      projection.since = nil
      projection.excludeApproximate = false
      projection.to = originYear + request.horizon
      projection.levels = BacktestRequest.levels
      projection.adjustments = []
      method.configure(&projection)
      let result: (projection: SeriesProjection, paths: [GrowthModel: SimulatedBand])
      do {
        result = try Projector.run(projection, dataset: truncated, keepingPaths: true)
      } catch {
        failures.append("\(method) (\(Self.reason(error)))")
        continue
      }
      guard
        let model = result.projection.selectedModel ?? result.projection.projections.first?.model,
        let rows = result.projection.projection(model)?.rows.filter({ $0.kind == .projected })
      else { continue }
      let band = result.paths[model]
      for target in targets {
        let h = target.year - originYear
        let row = rows[h - 1]
        checks.append(
          check(
            key: origin.series.key, origin: originYear, target: target, method: method,
            model: model, row: row, paths: band.map { $0.values(at: h - 1) }))
      }
    }
    return (checks, failures)
  }

  /// What kept a method from forecasting, in a few words, so that equal causes group.
  static func reason(_ error: any Error) -> String {
    switch (error as? StatisticsError)?.kind {
    case .insufficientData: return "too few points, or values it cannot take"
    case .numericalFailure: return "the fit or its simulation failed"
    default: return "\(error)"
    }
  }

  /// One check, scored on the log scale unless a bound is at or below 0.
  static func check(
    key: SeriesKey, origin: Int, target: FilingPoint, method: ForecastMethod,
    model: GrowthModel, row: ProjectionRow, paths: [Double]?
  ) -> BacktestCheck {
    let interval80 = row.interval(0.8)
    let interval95 = row.interval(0.95)
    let bounds = [interval80, interval95].compactMap { $0 }.flatMap { [$0.lower, $0.upper] }
    let excluded = bounds.contains { !($0 > 0) } || !(target.value > 0)
    var score80: Double?
    var score95: Double?
    var crps: Double?
    if !excluded, let interval80, let interval95 {
      let y = log(target.value)
      score80 = ForecastScore.intervalScore(
        lower: log(interval80.lower), upper: log(interval80.upper), actual: y, level: 0.8)
      score95 = ForecastScore.intervalScore(
        lower: log(interval95.lower), upper: log(interval95.upper), actual: y, level: 0.95)
      if let paths, paths.allSatisfy({ $0 > 0 }) {
        crps = ForecastScore.crps(sorted: paths.map { log($0) }.sorted(), actual: y)
      }
    }
    return BacktestCheck(
      key: key, origin: origin, year: target.year, method: method.description, model: model,
      point: row.value, interval80: interval80, interval95: interval95, actual: target.value,
      intervalScore80: score80, intervalScore95: score95, crps: crps, excluded: excluded)
  }

  /// The summary per method over the checks every method with intervals scored, and the counts
  /// of the (series, origin, year) checks left out.
  static func pool(_ checks: [BacktestCheck], methods: [ForecastMethod])
    -> (summary: [BacktestSummary], common: Int, excluded: Int, unavailable: Int)
  {
    struct Place: Hashable {
      let key: SeriesKey
      let origin: Int
      let year: Int
    }
    func place(_ check: BacktestCheck) -> Place {
      Place(key: check.key, origin: check.origin, year: check.year)
    }
    let names = methods.map(\.description)
    let interval = Set(
      methods.filter { $0 != .model(.constantGrowth) }.map(\.description))
    var byPlace: [Place: [String: BacktestCheck]] = [:]
    var order: [Place] = []
    for check in checks {
      let key = place(check)
      if byPlace[key] == nil { order.append(key) }
      byPlace[key, default: [:]][check.method] = check
    }
    var common: [Place] = []
    var excluded = 0
    var unavailable = 0
    for key in order {
      let found = byPlace[key] ?? [:]
      if interval.contains(where: { found[$0] == nil }) || found.count < names.count {
        unavailable += 1
      } else if interval.contains(where: { found[$0]?.isScored != true }) {
        excluded += 1
      } else {
        common.append(key)
      }
    }
    let summary = names.map { name -> BacktestSummary in
      let pooled = common.compactMap { byPlace[$0]?[name] }
      func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
      }
      func share(_ flags: [Bool?]) -> Double? {
        let known = flags.compactMap { $0 }
        return known.isEmpty ? nil : Double(known.filter { $0 }.count) / Double(known.count)
      }
      return BacktestSummary(
        method: name, checks: pooled.count, coverage80: share(pooled.map(\.inside80)),
        coverage95: share(pooled.map(\.inside95)),
        meanAbsolutePercentageError: mean(pooled.map(\.absolutePercentageError)),
        meanIntervalScore80: mean(pooled.compactMap(\.intervalScore80)),
        meanIntervalScore95: mean(pooled.compactMap(\.intervalScore95)),
        meanCRPS: mean(pooled.compactMap(\.crps)))
    }
    return (summary, common.count, excluded, unavailable)
  }
}
