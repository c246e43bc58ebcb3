// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import IPCommon
import IPStatistics

/// `ipfin backtest`: the rolling-origin evaluation of the projection methods on filing series.
struct BacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Score the projection methods on the past: refit at earlier origins, compare with "
      + "what followed.",
    discussion: """
      For each series, the origins are its last --origins observed years with at least \
      \(BacktestRequest.defaultMinimumPoints) points up to them and a later observation within \
      --horizon years. At each origin every method projects the series from the points up to \
      it, exactly as 'ipfin project --data FILE' would (same --seed), and every observed year \
      up to --horizon years later is a check. Scores are on the log scale: the interval score \
      of the 80% and 95% intervals (Gneiting and Raftery 2007; width plus 2/a times the miss) \
      and the CRPS of the simulated paths; lower is better. A check with a bound at or below 0 \
      cannot be scored on the log scale and is left out and counted.

      Standard output: one row per method, pooled over the checks every method scored: n, \
      coverage80, coverage95, mape, interval_score80, interval_score95, crps (in the table the \
      coverages and MAPE in percent, in CSV and JSON fractions). --out FILE writes one row per \
      check: office,right,measure,scope,origin,horizon,year,method,model,point,lo80,hi80,lo95,\
      hi95,actual,in80,in95,interval_score80,interval_score95,crps; in the format --format \
      names, or else the one FILE's extension names (.csv, .json, .txt for the table), or else \
      the table. The summary stays on standard output.
      """)

  @OptionGroup var source: DataSourceOptions

  @OptionGroup var keyOptions: SeriesOptions

  @Option(
    help: ArgumentHelp(
      "A right to evaluate, for example invention (or an alias such as patent, in any letter "
        + "case; repeatable; 'all' for every right of the office, measure and scope).",
      valueName: "right"),
    completion: SeriesOptions.rightCompletion(orAll: true))
  var right: [String] = []

  @Flag(help: "Evaluate every series of the data with at least --min-points points.")
  var all = false

  @Option(parsing: .unconditional, help: "With --all, the fewest points a series needs.")
  var minPoints: Int = BacktestCommand.defaultSeriesPoints

  @Option(
    name: .customLong("method"),
    help: ArgumentHelp(
      "A method to compare (repeatable; default: all but "
        + "\(HelpText.alternatives(BacktestCommand.excludedByDefault))).",
      valueName: "method"))
  var methods: [ForecastMethod] = []

  @Option(parsing: .unconditional, help: "The number of forecast origins per series.")
  var origins: Int = BacktestRequest.defaultOrigins

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("The longest horizon scored.", valueName: "YEARS"))
  var horizon: Int = BacktestRequest.defaultHorizon

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Use only the points from YEAR on.", valueName: "YEAR"))
  var since: Int?

  @Flag(help: "Leave out the points whose status is approximate.")
  var excludeApproximate = false

  @Option(help: "Where the Gaussian errors are additive: log (ln y) or level (y).")
  var errorScale: ErrorScale = ProjectionRequest.defaultErrorScale

  @Option(
    parsing: .unconditional,
    help: "The root seed of the simulated paths (every origin and method uses it).")
  var seed: UInt64 = ProjectionRequest.defaultSeed

  @Option(parsing: .unconditional, help: "The number of simulated paths per projection.")
  var simulations: Int = ProjectionRequest.defaultSimulations

  @Option(
    parsing: .unconditional,
    help: "Worker threads; the output does not depend on them. (default: all cores)")
  var threads: Int?

  @Option(
    name: .customLong("format"),
    help: ArgumentHelp(
      "The format of the summary on standard output and of --out: "
        + "\(HelpText.alternatives(OutputFormat.allCases.map(\.rawValue))). (default: table for "
        + "the summary; for --out the one its extension names, .csv, .json or .txt for the "
        + "table, otherwise table)", valueName: "format"))
  var requestedFormat: OutputFormat?

  @Option(
    help: ArgumentHelp(
      "Write one row per check to FILE: a file is replaced atomically, a FIFO or device is "
        + "written straight through.", valueName: "FILE"),
    completion: .file(extensions: OutputFormat.allCases.map(\.fileExtension)))
  var out: String?

  /// The default of `--min-points`: 12 points, enough for every model at the last origins.
  static let defaultSeriesPoints = 12

  /// The methods `--method` leaves out by default, for its help.
  static var excludedByDefault: [String] {
    ForecastMethod.all.filter { !ForecastMethod.defaults.contains($0) }.map(\.description)
  }

  func validate() throws {
    guard (threads ?? 1) >= 1 else { throw ValidationError("--threads must be at least 1") }
    guard minPoints >= 1 else {
      throw ValidationError("--min-points must be at least 1, got \(minPoints)")
    }
    if all && !right.isEmpty { throw ValidationError("--all cannot be combined with --right") }
    try Output.checkPaths(out: nil, files: [out], inputs: [source.data])
  }

  func run() throws {
    let dataset = try source.load()
    var template = ProjectionRequest(office: "", right: "")
    template.since = since
    template.excludeApproximate = excludeApproximate
    template.errorScale = errorScale
    template.seed = seed
    template.simulations = simulations
    let keys = try seriesKeys(dataset: dataset, template: template)
    var request = BacktestRequest(series: keys)
    request.methods = methods.isEmpty ? ForecastMethod.defaults : methods
    request.origins = origins
    request.horizon = horizon
    request.projection = template
    request.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
    try request.validate()
    Output.note(
      "seed \(seed), \(simulations) simulated paths per projection, \(request.threads) "
        + (request.threads == 1 ? "thread" : "threads"))
    let progress = ProgressBar(
      label: "backtest", total: try BacktestEvaluation.progressUnits(request, dataset: dataset))
    let report = try {
      defer { progress.finish() }
      return try BacktestEvaluation.run(request, dataset: dataset, progress: progress)
    }()
    for failure in report.failures { Output.note("could not forecast: \(failure)") }
    let text: String
    switch requestedFormat ?? .table {
    case .table: text = BacktestTable.text(report)
    case .csv: text = BacktestTable.summaryCSV(report)
    case .json: text = try Output.json(["summary": report.summary])
    }
    var files: [(path: String, text: String)] = []
    if let out {
      let checks: String
      switch OutputOptions.format(requested: requestedFormat, out: out) {
      case .table: checks = BacktestTable.checksText(report)
      case .csv: checks = BacktestTable.checksCSV(report)
      case .json: checks = try Output.json(["checks": report.checks])
      }
      files.append((out, checks))
    }
    // The checks file first, confirmed on standard error; the summary on standard output last.
    try Output.emit(text, to: nil, alongside: files)
  }

  /// The series to evaluate: every series with `--min-points` points under `--all`, the
  /// `--right` values of the office (each series once; every right for `all`), or the single
  /// series of a one-series file.
  func seriesKeys(dataset: FilingDataset, template: ProjectionRequest) throws -> [SeriesKey] {
    if all {
      let keys = BacktestEvaluation.series(
        withAtLeast: minPoints, in: dataset, projection: template)
      guard !keys.isEmpty else {
        throw StatisticsError(
          .insufficientData, "\(dataset.file): no series has at least \(minPoints) points")
      }
      return keys
    }
    if right == [SeriesOptions.allRights] {
      let key = try keyOptions.key(in: dataset, right: SeriesOptions.allRights)
      return dataset.rights(office: key.office, measure: key.measure, scope: key.scope).map {
        SeriesKey(office: key.office, right: $0, measure: key.measure, scope: key.scope)
      }
    }
    if right.isEmpty {
      return [try dataset.resolve(try keyOptions.key(in: dataset, right: nil))]
    }
    // A series named twice (also by an alias or in another letter case) is evaluated once.
    var seen: Set<SeriesKey> = []
    return try right.map { try dataset.resolve(try keyOptions.key(in: dataset, right: $0)) }
      .filter { seen.insert($0).inserted }
  }
}
