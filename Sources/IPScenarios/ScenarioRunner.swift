// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPStatistics
import IPValuation

/// What running one scenario produced: each projected series and the valuation.
public struct ScenarioResult: Sendable {
  /// One projected series.
  public struct Series: Sendable {
    /// The label of its comparison columns (see ``ScenarioPlan/Series/label``).
    public let label: String
    /// The projection, with every model tried and the selected model's rows.
    public let projection: SeriesProjection
    /// The source ids of every data point the projection used: the observed points it was
    /// fitted on and the end points of its analogs, sorted.
    public let sources: [String]
  }

  /// The valuation's outcome.
  public struct Valuation: Sendable {
    /// The simulation: per-path portfolio values and per-asset figures.
    public let result: ValuationResult
    /// The collateral figures under the scenario's policy.
    public let report: CollateralReport
    /// The one-at-a-time sensitivity of the deterministic value.
    public let tornado: Tornado
    /// A stale default valuation date (``ScenarioPlan/Valuation/dateWarning``).
    public let dateWarning: String?
  }

  /// The scenario.
  public let scenario: Scenario
  /// The projected series, in the scenario's order.
  public let series: [Series]
  /// The valuation, when the scenario has one.
  public let valuation: Valuation?

  /// The warnings of the data, the fits and the valuation; those of a projection are prefixed
  /// with the series they concern.
  public var warnings: [String] {
    let projection = series.flatMap { entry in
      entry.projection.warnings.map { "\(entry.projection.key): \($0)" }
    }
    guard let valuation else { return projection }
    return projection + [valuation.dateWarning].compactMap { $0 }
      + valuation.result.warnings.map(\.description)
  }
}

/// Runs scenarios: projects every series and values every portfolio, in parallel where that
/// helps, with results that do not depend on the number of threads.
///
/// Every projection is a pure function of its request (seeded), and every valuation lands its
/// paths by block index (see IPValuation), so the output is identical for any thread count.
/// The projections of all scenarios run side by side on `threads` workers; the valuations then
/// run one after the other, each on `threads` workers.
public enum ScenarioRunner {
  /// Runs `plans`, in order.
  ///
  /// - Parameters:
  ///   - plans: the scenarios, already read and checked (``ScenarioPlan``).
  ///   - threads: the worker threads (at least 1).
  ///   - progress: advanced by one unit per projected series and one per simulated path; see
  ///     ``progressUnits(_:)``.
  /// - Throws: ``ScenarioError`` naming the scenario file, the key of the series or the
  ///   valuation, and the cause.
  public static func run(
    _ plans: [ScenarioPlan], threads: Int, progress: ProgressBar? = nil
  ) throws -> [ScenarioResult] {
    let jobs = plans.indices.flatMap { plan in plans[plan].series.indices.map { (plan, $0) } }
    let outcomes = ParallelBlocks.map(count: jobs.count, threads: threads) { job in
      let (planIndex, seriesIndex) = jobs[job]
      let plan = plans[planIndex]
      let series = plan.series[seriesIndex]
      defer { progress?.advance() }
      return Result<SeriesProjection, any Error> {
        guard let dataset = plan.dataset else {
          throw ScenarioError(at: nil, "the scenario has no data set")
        }
        return try Projector.project(series.request, dataset: dataset)
      }.mapError {
        ScenarioPlan.failure(
          $0, scenario: plan.scenario, key: series.keyPath, location: series.location)
      }
    }
    var results: [ScenarioResult] = []
    var job = 0
    for plan in plans {
      var series: [ScenarioResult.Series] = []
      for entry in plan.series {
        let projection = try outcomes[job].get()
        var sources = Set(projection.points.map(\.source))
        // The projection used each analog's end points, so they are there.
        for case let .analog(analog) in entry.request.adjustments {
          guard let dataset = plan.dataset else { continue }
          let ends = try analog.endPoints(in: dataset)
          sources.formUnion([ends.start.source, ends.end.source])
        }
        series.append(
          ScenarioResult.Series(
            label: entry.label, projection: projection, sources: sources.sorted()))
        job += 1
      }
      var valuation: ScenarioResult.Valuation?
      if let settings = plan.valuation {
        valuation = try ScenarioPlan.wrap(plan.scenario, key: "valuation", location: nil) {
          try value(settings, progress: progress)
        }
      }
      results.append(ScenarioResult(scenario: plan.scenario, series: series, valuation: valuation))
    }
    return results
  }

  /// The progress units of running `plans`: one per projected series, one per simulated path.
  public static func progressUnits(_ plans: [ScenarioPlan]) -> Int {
    plans.reduce(0) { total, plan in
      let paths = plan.valuation.map {
        MonteCarloValuation.progressUnits(paths: $0.assumptions.paths, perAssetQuantiles: false)
      }
      return total + plan.series.count + (paths ?? 0)
    }
  }

  /// Values one portfolio: the simulation, the collateral report and the tornado (without
  /// per-asset quantiles, which neither the comparison nor the report shows).
  static func value(
    _ settings: ScenarioPlan.Valuation, progress: ProgressBar?
  ) throws -> ScenarioResult.Valuation {
    let result = try MonteCarloValuation.run(
      portfolio: settings.portfolio, assumptions: settings.assumptions, loan: settings.loan,
      perAssetQuantiles: false, progress: progress)
    return ScenarioResult.Valuation(
      result: result, report: try CollateralReport(result: result, policy: settings.policy),
      tornado: try Sensitivity.tornado(
        portfolio: settings.portfolio, assumptions: settings.assumptions),
      dateWarning: settings.dateWarning)
  }
}
