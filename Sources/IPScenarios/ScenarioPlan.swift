// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPStatistics
import IPValuation

/// A scenario turned into the library requests that run it: one ``ProjectionRequest`` per
/// projected series and the valuation's portfolio, assumptions and collateral policy.
///
/// Building a plan reads the data set and the portfolio and checks every setting, so that a
/// bad scenario fails before any scenario runs: the projection's names are looked up in the
/// data, every projection request passes every check the projection makes before it fits
/// (``Projector/check(_:dataset:)``: its series and analog spans in the data, a horizon after
/// the last point used and at most 100 years later, enough points for the model, values the
/// log scale can fit), and the portfolio is resolved under the valuation's assumptions
/// (``DeterministicValuation``), as the simulation does before it draws. What only fitting
/// finds (a fit that fails or reproduces every point, a path beyond the largest double) is
/// found when the projections run. Errors name the scenario file, the line and column, and the
/// key (a projection's at the series, as a run reports them). `ipfin scenario check` builds the
/// plans and stops there.
public struct ScenarioPlan: Sendable {
  /// One projected series.
  public struct Series: Sendable {
    /// The series' label in comparison columns: the right, followed by `_<scope>` when the
    /// scope is not `all` (for example `invention_resident`); a right or scope the bundled data
    /// does not have is spelled as the `data:` file spells it.
    public let label: String
    /// The request that projects it.
    public let request: ProjectionRequest
    /// The key path of its entry in the scenario file, for example `projection.series[2]`.
    public let keyPath: String
    /// Where the series was written, for error messages.
    public let location: SourceLocation?
  }

  /// The valuation part.
  public struct Valuation: Sendable {
    /// The portfolio.
    public let portfolio: Portfolio
    /// The simulation and the scenario's shifts of the inputs.
    public let assumptions: ValuationAssumptions
    /// Discounts, quantile and loan-to-value limits.
    public let policy: CollateralPolicy
    /// The loan, when the scenario has one.
    public let loan: Loan?
    /// The portfolio's ``Portfolio/staleDefaultDateWarning(today:)`` when the scenario leaves
    /// the valuation date to its default.
    public let dateWarning: String?
  }

  /// The scenario.
  public let scenario: Scenario
  /// The data set of the projection (`nil` without a projection).
  public let dataset: FilingDataset?
  /// The projected series, in the scenario's order.
  public let series: [Series]
  /// The valuation, when the scenario has one.
  public let valuation: Valuation?

  /// The plan of `scenario`, with the data sets read so far (by path) reused.
  ///
  /// - Parameters:
  ///   - datasets: data sets already read, by file path (`""` for the bundled one); a new one
  ///     is added.
  ///   - threads: the worker threads of the valuation.
  /// - Throws: ``ScenarioError`` naming the scenario file and key, with the category of the
  ///   cause (bad data for bad data or settings, missing input for a file that cannot be read,
  ///   an internal failure for a numerical one).
  public init(
    _ scenario: Scenario, datasets: inout [String: FilingDataset], threads: Int
  ) throws {
    self.scenario = scenario
    if let projection = scenario.projection {
      let dataPath = projection.dataFile ?? ""
      let dataset: FilingDataset
      if let known = datasets[dataPath] {
        dataset = known
      } else {
        // At the `data:` line, the data file's own place in the message.
        dataset = try Self.wrap(
          scenario, key: "projection.data", location: projection.locations["data"]
        ) {
          dataPath.isEmpty ? try FilingDataset.bundled() : try FilingDataset.read(path: dataPath)
        }
        datasets[dataPath] = dataset
      }
      self.dataset = dataset
      try Self.checkNames(projection, in: dataset)
      self.series = try projection.series.enumerated().map { index, settings in
        try Self.series(
          settings, index: index, of: projection, dataset: dataset, scenario: scenario)
      }
    } else {
      self.dataset = nil
      self.series = []
    }
    if let settings = scenario.valuation {
      self.valuation = try Self.valuation(settings, scenario: scenario, threads: threads)
    } else {
      self.valuation = nil
    }
  }

  /// Reads the scenario files `files` (``ScenarioLoader``) and plans each, the first being the
  /// baseline; scenarios reading the same data file share it.
  ///
  /// - Throws: ``ScenarioError``: as ``ScenarioLoader/load(_:)`` and ``init(_:datasets:threads:)``,
  ///   when no file is given (a usage error) or two scenarios have the same name (bad
  ///   data).
  public static func plans(for files: [String], threads: Int) throws -> [ScenarioPlan] {
    guard !files.isEmpty else {
      throw ScenarioError(at: nil, "no scenario file was given", category: .usage)
    }
    var datasets: [String: FilingDataset] = [:]
    var plans: [ScenarioPlan] = []
    for file in files {
      let scenario = try ScenarioLoader.load(file)
      if let earlier = plans.first(where: { $0.scenario.name == scenario.name }) {
        throw ScenarioError(
          at: SourceLocation(file: file), key: "name",
          "the scenario name '\(scenario.name)' is also the name of \(earlier.scenario.file); "
            + "compared scenarios need different names")
      }
      plans.append(try ScenarioPlan(scenario, datasets: &datasets, threads: threads))
    }
    return plans
  }

  /// Checks the office, the measure and every series' scope and right against the data set, in
  /// any letter case (as ``FilingDataset/resolve(_:)`` finds them), each at the line and column
  /// of the scenario file that wrote it: a `data:` file of one's own may name offices, rights,
  /// measures and scopes the bundled data does not have, so the loader leaves them to this
  /// check.
  ///
  /// - Throws: ``ScenarioError`` (bad data) naming the value, the data file and the values it
  ///   has there; a right it does not have with the nearest ("did you mean ...?").
  static func checkNames(_ projection: ProjectionSettings, in dataset: FilingDataset) throws {
    let keys = dataset.series.map(\.key)
    let locations = projection.locations
    func same(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }
    func listed(_ names: [String]) -> String { Array(Set(names)).sorted().joined(separator: ", ") }
    let offices = keys.filter { same($0.office, projection.office) }
    guard !offices.isEmpty else {
      throw ScenarioError(
        at: locations["office"] ?? locations.section, key: "projection.office",
        "\(InputError.quoted(projection.office)) is not an office of \(dataset.file); its "
          + "offices: \(listed(keys.map(\.office)))")
    }
    let measures = offices.filter { same($0.measure, projection.measure) }
    guard !measures.isEmpty else {
      throw ScenarioError(
        at: locations["measure"] ?? locations.section, key: "projection.measure",
        "\(InputError.quoted(projection.measure))"
          + (locations["measure"] == nil ? " (the default)" : "") + " is not a measure of "
          + "\(projection.office) in \(dataset.file); its measures there: "
          + listed(offices.map(\.measure)))
    }
    for (index, series) in projection.series.enumerated() {
      let scope = series.scope ?? projection.scope
      let scoped = measures.filter { same($0.scope, scope) }
      guard !scoped.isEmpty else {
        let written = series.scope != nil ? series.location : locations["scope"]
        throw ScenarioError(
          at: written ?? locations.section,
          key: series.scope != nil ? "projection.series[\(index)].scope" : "projection.scope",
          "\(InputError.quoted(scope))" + (written == nil ? " (the default)" : "")
            + " is not a scope of \(projection.office) \(projection.measure) in "
            + "\(dataset.file); its scopes there: \(listed(measures.map(\.scope)))")
      }
      let key = SeriesKey(
        office: projection.office, right: series.right, measure: projection.measure,
        scope: scope)
      if (try? dataset.resolve(key)) == nil {
        let rights = scoped.map(\.right)
        let nearest = SeriesNames.nearest(to: series.right, among: Array(Set(rights)).sorted())
        throw ScenarioError(
          at: series.location ?? locations.section, key: "projection.series[\(index)]",
          "\(InputError.quoted(series.right)) is not a right of \(projection.office) "
            + "\(projection.measure) \(scope) in \(dataset.file); "
            + (nearest.map { "did you mean \($0)? " } ?? "") + "its rights there: "
            + listed(rights))
      }
    }
  }

  /// The request of one projected series, with the adjustments that name it.
  static func series(
    _ settings: SeriesSettings, index: Int, of projection: ProjectionSettings,
    dataset: FilingDataset, scenario: Scenario
  ) throws -> Series {
    let scope = settings.scope ?? projection.scope
    var request = ProjectionRequest(
      office: projection.office, right: settings.right, measure: projection.measure,
      scope: scope)
    request.model = settings.model ?? projection.model
    request.selection = projection.selection
    request.errorScale = projection.errorScale
    request.to = projection.to
    request.since = projection.since
    request.excludeApproximate = projection.excludeApproximate
    request.seed = projection.seed ?? ProjectionRequest.defaultSeed
    request.simulations = projection.simulations ?? ProjectionRequest.defaultSimulations
    request.growth = settings.growth
    // In any letter case, as the loader matched them (a data file of one's own may name its
    // series so).
    for adjustment in projection.adjustments
    where adjustment.right.lowercased() == settings.right.lowercased()
      && (adjustment.scope ?? projection.scope).lowercased() == scope.lowercased()
    {
      switch adjustment.kind {
      case let .projection(projectionAdjustment): request.adjustments.append(projectionAdjustment)
      case let .cap(cap): request.cap = cap
      }
    }
    let resolved = try wrap(scenario, key: "projection", location: settings.location) {
      try request.validate()
      // The series and every analog's span must be in the data.
      let resolved = try dataset.resolve(request.key)
      for case let .analog(analog) in request.adjustments {
        _ = try analog.growthRate(in: dataset)
      }
      return resolved
    }
    // A right of the bundled data keeps its canonical name (utility_model stays utility_model
    // for Viet Nam's utility_solution); any other takes the data file's spelling, as the scope.
    let right = SeriesNames.canonicalRight(settings.right) != nil ? settings.right : resolved.right
    let label =
      resolved.scope == SeriesNames.defaultScope ? right : "\(right)_\(resolved.scope)"
    // Everything the projection checks before it fits (the horizon after the last point used,
    // enough points for the model, values the log scale can fit), with the key and the place a
    // run reports them at.
    try wrap(scenario, key: "projection.series[\(index)]", location: settings.location) {
      try Projector.check(request, dataset: dataset)
    }
    return Series(
      label: label, request: request, keyPath: "projection.series[\(index)]",
      location: settings.location)
  }

  /// The portfolio, assumptions and policy of a valuation, read and checked.
  static func valuation(
    _ settings: ValuationSettings, scenario: Scenario, threads: Int
  ) throws -> Valuation {
    // At the `portfolio:` line, the portfolio's own place (file, line, column) in the message.
    let portfolio = try wrap(
      scenario, key: "valuation.portfolio", location: settings.locations["portfolio"]
    ) {
      try Portfolio.read(path: settings.portfolio)
    }
    var assumptions = ValuationAssumptions(
      valuationDate: settings.valuationDate ?? portfolio.defaultValuationDate)
    assumptions.paths = settings.paths ?? assumptions.paths
    assumptions.seed = settings.seed ?? assumptions.seed
    assumptions.correlation = settings.correlation ?? assumptions.correlation
    assumptions.defaultDiscountRate = settings.discountRate ?? assumptions.defaultDiscountRate
    assumptions.discountRateShift = settings.discountRateShift
    assumptions.revenueGrowthShift = settings.revenueGrowthShift
    assumptions.royaltyMultiplier = settings.royaltyMultiplier
    assumptions.volatilityMultiplier = settings.volatilityMultiplier
    assumptions.horizon = settings.horizon ?? assumptions.horizon
    assumptions.threads = max(1, threads)
    var policy = CollateralPolicy()
    policy.quantile = settings.collateralQuantile ?? policy.quantile
    policy.orderlyDiscount = settings.orderlyDiscount ?? policy.orderlyDiscount
    policy.forcedDiscount = settings.forcedDiscount ?? policy.forcedDiscount
    try wrapValuation(scenario, settings) {
      for (right, value) in settings.loanToValue.sorted(by: { $0.key < $1.key }) {
        try policy.setLoanToValue(value, forRightNamed: right)
      }
      try assumptions.validate()
      try policy.validate()
      try settings.loan?.validate()
    }
    // Every asset resolved under the assumptions, as the simulation does first: a date after
    // the valuation date, a shifted input out of range or a value that overflows is found here.
    try wrapValuation(scenario, settings) {
      _ = try DeterministicValuation.run(portfolio: portfolio, assumptions: assumptions)
    }
    return Valuation(
      portfolio: portfolio, assumptions: assumptions, policy: policy, loan: settings.loan,
      dateWarning: settings.valuationDate == nil
        ? portfolio.staleDefaultDateWarning().map { "\($0); set valuation_date" } : nil)
  }

  /// ``wrap(_:key:location:_:)`` for the `valuation:` section: a ``ValuationError`` about a
  /// setting the section wrote (`royalty_multiplier`, ...) is placed at that key's line and
  /// column, any other error at the section.
  static func wrapValuation(
    _ scenario: Scenario, _ settings: ValuationSettings, _ body: () throws -> Void
  ) throws {
    do {
      try body()
    } catch let error as ValuationError {
      guard let setting = error.setting, let location = settings.locations[setting] else {
        throw failure(
          error, scenario: scenario, key: "valuation", location: settings.locations.section)
      }
      throw failure(error, scenario: scenario, key: "valuation.\(setting)", location: location)
    } catch {
      try wrap(scenario, key: "valuation", location: settings.locations.section) { throw error }
    }
  }

  /// Runs `body`, turning an error into a ``ScenarioError`` that names the scenario file and
  /// `key`, keeps the cause's message and its category (a usage error of a library request
  /// becomes bad data: the request came from the file).
  @discardableResult
  static func wrap<Value>(
    _ scenario: Scenario, key: String, location: SourceLocation?, _ body: () throws -> Value
  ) throws -> Value {
    do {
      return try body()
    } catch let error as ScenarioError where error.location != nil {
      throw error
    } catch {
      throw failure(error, scenario: scenario, key: key, location: location)
    }
  }

  /// `error` as a ``ScenarioError`` of `scenario` at `key`.
  static func failure(
    _ error: Error, scenario: Scenario, key: String, location: SourceLocation?
  ) -> ScenarioError {
    let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
    var category = (error as? CategorizedError)?.category ?? .internalFailure
    if category == .usage { category = .badData }
    return ScenarioError(
      at: location ?? SourceLocation(file: scenario.file), key: key,
      "scenario '\(scenario.name)': \(message)", category: category)
  }
}
