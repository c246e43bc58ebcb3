// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import IPCommon
import IPStatistics

/// `ipfin project`: fit growth models to filing series and project them with intervals.
struct ProjectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "project",
    abstract: "Fit growth models to filing series and project them with prediction intervals.",
    discussion: """
      Models: linear, exponential, logistic, gompertz, drift, damped-trend, discounted-drift \
      (fitted, Gaussian errors on the log scale by default) and constant-growth (the \
      headline-rate extrapolation, for comparison). The default, \
      \(GrowthModel.defaultModel), is the drift with older changes discounted by 0.9 a year, \
      whose intervals held in the backtest of the bundled data ('ipfin backtest'). --model auto \
      picks the smallest AICc among the classical models with n >= k + 2 (or the smallest \
      backtest MAPE with --select backtest); --model all projects every model. Intervals are \
      quantiles of --simulations simulated paths with parameter uncertainty and future noise, \
      reproducible from --seed (default \(ProjectionRequest.defaultSeed)).

      Adjustments move the whole band and apply in this order: --analog, --uplift, \
      --level-shift. A series whose unit changes is fitted on its latest run of one unit.

      CSV columns: office,right,measure,scope,unit,model,year,kind,value,lo80,hi80,lo95,hi95 \
      (kind: observed, fitted or projected). --fits FILE writes one CSV row per model tried: \
      office,right,measure,scope,model,status,n_obs,n_params,parameters,sigma,log_likelihood,\
      aicc,bic,backtest_mape,backtest_coverage80,backtest_coverage95,selected.
      """)

  @OptionGroup var source: DataSourceOptions

  @OptionGroup var keyOptions: SeriesOptions

  @Option(
    help: ArgumentHelp(
      "A right to project, for example invention (or an alias such as patent, in any letter "
        + "case); repeat for several, or 'all' for every right of the office, measure and scope "
        + "with enough data.", valueName: "right"),
    completion: SeriesOptions.rightCompletion(orAll: true))
  var right: [String] = []

  @Option(
    help: ArgumentHelp(
      "A model, auto (the smallest AICc, or the smallest backtest MAPE with --select backtest) "
        + "or all (every model)."))
  var model = ModelName(GrowthModel.defaultModel)

  @Option(name: .customLong("select"), help: "How auto chooses: by AICc or by backtest MAPE.")
  var selection: SelectionRule = ProjectionRequest.defaultSelection

  @Option(parsing: .unconditional, help: "The last projected year.")
  var to: Int = ProjectionRequest.defaultTo

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Use only the points from YEAR on.", valueName: "YEAR"))
  var since: Int?

  @Flag(help: "Leave out the points whose status is approximate.")
  var excludeApproximate = false

  @Option(help: "Where the Gaussian errors are additive: log (ln y) or level (y).")
  var errorScale: ErrorScale = ProjectionRequest.defaultErrorScale

  @Option(parsing: .unconditional, help: "The root seed of the simulated paths.")
  var seed: UInt64 = ProjectionRequest.defaultSeed

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The number of simulated paths per model, 100 to "
        + "\(HelpText.grouped(ProjectionRequest.mostSimulations)); simulations × projected years "
        + "(and × --backtest-horizon with --select backtest) at most "
        + "\(HelpText.grouped(ProjectionRequest.mostSimulatedValues)), since a model's paths are "
        + "held in "
        + "memory (about \(ProjectionRequest.mostSimulatedValues * 8 / 1_000_000) MB)."))
  var simulations: Int = ProjectionRequest.defaultSimulations

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The interval levels, comma-separated, as 0.8 or 80%; the columns are lo<L>,hi<L> with L "
        + "in percent. "
        + HelpText.defaultNote(IntervalLevels(ProjectionRequest.defaultLevels)),
      valueName: "L,L"),
    transform: IntervalLevels.parse)
  var levels = IntervalLevels(ProjectionRequest.defaultLevels)

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The growth rate of constant-growth, as 0.05 or 5%, -0.02 or -2% (default: the last "
        + "observed growth).",
      valueName: "RATE"),
    transform: Rate.parse)
  var growth: Rate?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Fix the saturation level K of logistic and gompertz; auto then chooses between those two.",
      valueName: "K"),
    transform: FiniteNumber.parse)
  var cap: FiniteNumber?

  @Option(
    parsing: .unconditionalSingleValue,
    help: ArgumentHelp(
      "Add RATE to every year's growth from YEAR on (repeatable), for example 0.03@2026 or "
        + "-1%@2026.",
      valueName: "RATE@YEAR"))
  var uplift: [String] = []

  @Option(
    parsing: .unconditionalSingleValue,
    help: ArgumentHelp(
      "Multiply the level by 1 + SHIFT from YEAR on (repeatable), for example 0.10@2027 or "
        + "-0.1@2027.",
      valueName: "SHIFT@YEAR"))
  var levelShift: [String] = []

  @Option(
    help: ArgumentHelp(
      "Follow another series' compound growth over a span from the last observed year on, "
        + "for example KR:invention:filed:resident:1990-2000.",
      valueName: "OFFICE:right:measure:scope:YYYY-YYYY"))
  var analog: [String] = []

  @Option(parsing: .unconditional, help: "The number of forecast origins of --select backtest.")
  var backtestOrigins: Int = ProjectionRequest.defaultBacktestOrigins

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("The longest horizon --select backtest scores.", valueName: "YEARS"))
  var backtestHorizon: Int = ProjectionRequest.defaultBacktestHorizon

  @OptionGroup var output: OutputOptions

  @Option(
    help: ArgumentHelp("Write the fit of every model tried to FILE as CSV.", valueName: "FILE"),
    completion: .file(extensions: ["csv"]))
  var fits: String?

  func validate() throws {
    try output.checkPaths(files: [fits], inputs: [source.data])
  }

  func run() throws {
    let dataset = try source.load()
    let template = try request(dataset: dataset)
    try template.validate()
    let rights = try self.rights(dataset: dataset, template: template)
    var projections: [SeriesProjection] = []
    var notes: [String] = []
    let progress = ProgressBar(
      label: "projecting", total: rights.count * Projector.progressUnits(template))
    do {
      defer { progress.finish() }  // clears the bar before any note, also on an error
      for right in rights {
        var request = template
        request.right = right
        do {
          let projection = try Projector.project(request, dataset: dataset, progress: progress)
          notes += projection.warnings.map { "warning: \(projection.key): \($0)" }
          projections.append(projection)
        } catch let error as StatisticsError
          where self.right == [SeriesOptions.allRights]
          && (error.kind == .insufficientData || error.kind == .numericalFailure)
        {
          notes.append("skipping \(request.key): \(error.message)")
        }
      }
    }
    // Only once the requests have passed every check (some need the series) and run, and only
    // when some projection has simulated intervals (constant-growth has none).
    if projections.contains(where: \.hasIntervals) {
      Output.note(
        "seed \(template.seed), \(template.simulations) simulated paths per model "
          + "(rerun with --seed \(template.seed) for the same intervals)")
    }
    notes.forEach(Output.note)
    guard !projections.isEmpty else {
      throw StatisticsError(
        .insufficientData,
        "no right of \(template.office) \(template.measure) \(template.scope) has enough data")
    }
    let text: String
    switch output.format {
    case .csv: text = ProjectionTable.csv(projections)
    case .table: text = ProjectionTable.text(projections)
    case .json: text = try Output.json(["projections": projections])
    }
    try output.emit(text, alongside: fits.map { [($0, FitTable.csv(projections))] } ?? [])
  }

  /// The request shared by every right, from the options.
  func request(dataset: FilingDataset) throws -> ProjectionRequest {
    let key = try keyOptions.key(
      in: dataset, right: right.count == 1 && right[0] != SeriesOptions.allRights ? right[0] : nil,
      requireRight: false)
    var request = ProjectionRequest(
      office: key.office, right: key.right, measure: key.measure, scope: key.scope)
    request.model = model.name
    request.selection = selection
    request.errorScale = errorScale
    request.to = to
    request.since = since
    request.excludeApproximate = excludeApproximate
    request.seed = seed
    request.simulations = simulations
    request.levels = levels.fractions
    request.growth = growth?.fraction
    request.cap = cap?.value
    request.adjustments =
      try analog.map { .analog(try AnalogSpec(parsing: $0)) }
      + uplift.map(ProjectionAdjustment.growthUplift(parsing:))
      + levelShift.map(ProjectionAdjustment.levelShift(parsing:))
    request.backtestOrigins = backtestOrigins
    request.backtestHorizon = backtestHorizon
    return request
  }

  /// The rights to project: the `--right` values (each series once), every right of the
  /// office, measure and scope for `all`, or the single series of a one-series file.
  ///
  /// - Throws: `ValidationError` for `all` among other rights or no right where one is needed;
  ///   ``StatisticsError`` for a right the data does not have.
  func rights(dataset: FilingDataset, template: ProjectionRequest) throws -> [String] {
    if right == [SeriesOptions.allRights] {
      let rights = dataset.rights(
        office: template.office, measure: template.measure, scope: template.scope)
      guard !rights.isEmpty else {
        throw StatisticsError(
          .missingData,
          "\(dataset.file): no series for \(template.office) \(template.measure) \(template.scope)")
      }
      return rights
    }
    if right.contains(SeriesOptions.allRights) {
      throw ValidationError("--right all cannot be combined with other rights")
    }
    if right.isEmpty && template.right.isEmpty {
      throw ValidationError("--right is required unless the data has one series")
    }
    guard !right.isEmpty else { return [template.right] }
    // A right named twice (also by an alias or in another letter case: --right invention
    // --right patent) is projected once, in the order first named.
    var seen: Set<SeriesKey> = []
    return try right.filter { name in
      var request = template
      request.right = name
      return seen.insert(try dataset.resolve(request.key)).inserted
    }
  }
}
