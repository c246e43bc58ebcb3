// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// How `--model auto` chooses a model.
public enum SelectionRule: String, Sendable, Codable, CaseIterable {
  /// The smallest AICc among the models with `n >= k + 2` (the default).
  case aicc
  /// The smallest mean absolute percentage error of a rolling-origin backtest.
  case backtest
}

/// What to project: one series, the model choice, the horizon, the simulation and the scenario
/// adjustments. The defaults are those of `ipfin project`.
public struct ProjectionRequest: Sendable, Equatable {
  /// The default root seed of the simulated paths, 1989 (the first year of Viet Nam's invention
  /// series): any fixed value makes runs reproducible; this one is documented.
  public static let defaultSeed: UInt64 = 1989
  /// The default number of simulated paths, 2000: the Monte Carlo standard error of a 95% bound
  /// is then about 1.5% of the band's width. For a normal predictive distribution with standard
  /// deviation `s` (Student-t: about 1.6% with 31 degrees of freedom):
  ///
  /// ```
  /// se(bound) = sqrt(0.975 * 0.025 / 2000) / phi(1.96) s = 0.060 s,   width = 3.92 s
  /// ```
  public static let defaultSimulations = 2000
  /// The most simulated paths per model, 1,000,000: the Monte Carlo error of a 95% bound is
  /// then far below any figure's precision, and the working memory per path (a damped-trend
  /// parameter draw, 48 bytes, and the quantiles' column and its sorted copy, 16 bytes) stays
  /// under 64 MB.
  public static let mostSimulations = 1_000_000
  /// The most simulated values a model's projection holds at once, simulations × projected
  /// years: 50,000,000 doubles, 400 MB. Each year's quantiles need every path's value for that
  /// year, and a path is simulated year after year, so the paths of one model are kept in
  /// memory until its intervals are read (models are projected one after the other).
  public static let mostSimulatedValues = 50_000_000
  /// The default interval levels, 80% and 95%.
  public static let defaultLevels = [0.8, 0.95]
  /// The default last projected year, 2035.
  public static let defaultTo = 2035
  /// The default rule of `auto`: the smallest AICc.
  public static let defaultSelection = SelectionRule.aicc
  /// The default scale of the Gaussian errors: the log scale.
  public static let defaultErrorScale = ErrorScale.log
  /// The default number of forecast origins of the backtest that `--select backtest` ranks by,
  /// 5.
  public static let defaultBacktestOrigins = 5
  /// The default longest horizon that backtest scores, 5 years.
  public static let defaultBacktestHorizon = 5
  /// The values of ``model``: `auto`, `all` and the name of each ``GrowthModel``.
  public static let modelNames = ["auto", "all"] + GrowthModel.allCases.map(\.rawValue)
  /// The largest growth rate of `constant-growth` and of a growth uplift: 10 (1000% a year).
  /// Over the longest horizon (100 years) a count of at most ``FilingDataset/largestValue``
  /// then stays below 10^117, far from the largest `Double`; a larger rate is refused rather
  /// than projected into a capped, flat band.
  public static let largestGrowth = 10.0
  /// The largest level shift: 100 (+10000%).
  public static let largestLevelShift = 100.0

  /// The office, for example `VN`.
  public var office: String
  /// The right, for example `invention`.
  public var right: String
  /// The measure, `filed` by default.
  public var measure: String
  /// The scope, `all` by default.
  public var scope: String
  /// A model name (``GrowthModel``; default ``GrowthModel/defaultModel``, `discounted-drift`),
  /// `auto` (chosen by ``selection``) or `all` (every model).
  public var model: String = GrowthModel.defaultModel.rawValue
  /// How `auto` chooses: AICc (default) or backtest.
  public var selection: SelectionRule = ProjectionRequest.defaultSelection
  /// The last projected year (default 2035).
  public var to: Int = ProjectionRequest.defaultTo
  /// Use only points from this year on.
  public var since: Int?
  /// Leave out points whose status is `approximate`.
  public var excludeApproximate: Bool = false
  /// The scale of the Gaussian errors (log by default).
  public var errorScale: ErrorScale = ProjectionRequest.defaultErrorScale
  /// The root seed of the simulated paths (default ``defaultSeed``).
  public var seed: UInt64 = ProjectionRequest.defaultSeed
  /// The number of simulated paths (default 2000), from 100 to ``mostSimulations``, and at most
  /// ``mostSimulatedValues`` divided by the projected years (and by the backtest horizon).
  public var simulations: Int = ProjectionRequest.defaultSimulations
  /// The central prediction-interval levels, each in (0, 1) (default 0.8 and 0.95).
  public var levels: [Double] = ProjectionRequest.defaultLevels
  /// The rate of `constant-growth`; `nil` uses the last observed growth.
  public var growth: Double?
  /// A fixed saturation level `K` for `logistic` and `gompertz`; with `auto` the choice is
  /// then between those two.
  public var cap: Double?
  /// Scenario adjustments, applied in order to every simulated path and the point forecast.
  public var adjustments: [ProjectionAdjustment] = []
  /// The number of forecast origins of the backtest (default 5).
  public var backtestOrigins: Int = ProjectionRequest.defaultBacktestOrigins
  /// The longest forecast horizon the backtest scores, in years (default 5).
  public var backtestHorizon: Int = ProjectionRequest.defaultBacktestHorizon

  /// A request for the series (office, right, measure, scope) with every other field at its
  /// default.
  public init(
    office: String, right: String, measure: String = SeriesNames.defaultMeasure,
    scope: String = SeriesNames.defaultScope
  ) {
    self.office = office
    self.right = right
    self.measure = measure
    self.scope = scope
  }

  /// The series requested.
  public var key: SeriesKey {
    SeriesKey(office: office, right: right, measure: measure, scope: scope)
  }
}

/// The parsed `model` field of a request.
enum ModelChoice: Equatable {
  case auto
  case all
  case named(GrowthModel)

  init(_ text: String) throws {
    switch text {
    case "auto": self = .auto
    case "all": self = .all
    default:
      guard let model = GrowthModel(rawValue: text) else {
        let names = GrowthModel.allCases.map(\.rawValue).joined(separator: ", ")
        throw StatisticsError(
          .badRequest, "unknown model '\(text)'; use auto, all or one of \(names)")
      }
      self = .named(model)
    }
  }
}

extension ProjectionRequest {
  /// Checks the fields that do not depend on the data: the model name, the number of
  /// simulations, the levels, the cap (at most ``FilingDataset/largestValue``), the growth rate
  /// and the uplifts (above -100%, at most ``largestGrowth``), the level shifts (above -100%,
  /// at most ``largestLevelShift``) and the backtest settings.
  /// ``Projector/project(_:dataset:)`` calls it first; call it yourself to check a request
  /// before reading data or announcing work. The checks that need the series (the horizon after
  /// its last year) are made by ``Projector/project(_:dataset:)``.
  ///
  /// - Throws: ``StatisticsError`` (`badRequest`) naming the field and what is allowed.
  public func validate() throws {
    _ = try validatedChoice()
  }

  /// ``validate()``, returning the parsed model choice.
  func validatedChoice() throws -> ModelChoice {
    let choice = try ModelChoice(model)
    guard (100...Self.mostSimulations).contains(simulations) else {
      throw StatisticsError(
        .badRequest,
        "the number of simulations must be from 100 to "
          + "\(Self.grouped(Self.mostSimulations)), got \(simulations)")
    }
    guard !levels.isEmpty, levels.count <= 5, levels.allSatisfy({ $0 > 0 && $0 < 1 }),
      Set(levels).count == levels.count
    else {
      let given = levels.map(NumberFormatting.shown).joined(separator: ",")
      let percents = levels.filter { $0 > 1 && $0 < 100 }
      let hint =
        percents.isEmpty || percents.count != levels.count
        ? ""
        : "; did you mean "
          + percents.map { NumberFormatting.shown($0 / 100) }.joined(separator: ",") + "?"
      throw StatisticsError(
        .badRequest,
        "the interval levels must be 1 to 5 distinct fractions between 0 and 1 (0.8 for an 80% "
          + "interval, or 80%), got \(given)\(hint)")
    }
    if let cap {
      guard cap > 0, cap <= FilingDataset.largestValue else {
        throw StatisticsError(
          .badRequest,
          "the cap must be a positive number of at most 1e12, got \(NumberFormatting.shown(cap))")
      }
      if case .named(let model) = choice, !GrowthModel.saturating.contains(model) {
        throw StatisticsError(
          .badRequest, "a cap applies to the logistic and gompertz models only, not to \(model)")
      }
    }
    if let growth {
      guard growth > -1, growth <= Self.largestGrowth else {
        throw outOfRange("growth rate", growth, largest: "1000%")
      }
      if choice != .all && choice != .named(.constantGrowth) {
        throw StatisticsError(
          .badRequest,
          "a growth rate applies to the constant-growth model only (--model "
            + "constant-growth or all)")
      }
    }
    for adjustment in adjustments {
      switch adjustment {
      case .growthUplift(let rate, _) where !(rate > -1 && rate <= Self.largestGrowth):
        throw outOfRange("growth uplift", rate, largest: "1000%")
      case .levelShift(let shift, _) where !(shift > -1 && shift <= Self.largestLevelShift):
        throw outOfRange("level shift", shift, largest: "10000%")
      default: break
      }
    }
    guard backtestOrigins >= 1, backtestHorizon >= 1 else {
      throw StatisticsError(
        .badRequest, "the backtest needs at least 1 origin and a horizon of at least 1 year")
    }
    if selection == .backtest {
      try checkSimulatedValues(years: backtestHorizon, span: "the backtest horizon") {
        "--backtest-horizon \($0)"
      }
    }
    return choice
  }

  /// The error of a rate `value` outside (-100%, `largest`].
  private func outOfRange(_ what: String, _ value: Double, largest: String) -> StatisticsError {
    StatisticsError(
      .badRequest,
      "the \(what) must be above -100% and at most \(largest), got "
        + NumberFormatting.shown(value))
  }

  /// Checks that `simulations` paths of `years` years (`span`, for the message) stay within
  /// ``mostSimulatedValues``; `shorter` names the option that would project `$0` years.
  ///
  /// - Throws: ``StatisticsError`` (`badRequest`) saying the limit and how to stay under it.
  func checkSimulatedValues(years: Int, span: String, shorter: (Int) -> String) throws {
    guard simulations * years > Self.mostSimulatedValues else { return }
    throw StatisticsError(
      .badRequest,
      "\(Self.grouped(simulations)) simulations × \(years) years (\(span)) = "
        + "\(Self.grouped(simulations * years)) simulated values, over the limit of "
        + "\(Self.grouped(Self.mostSimulatedValues)) (about 400 MB: a model's paths are kept in "
        + "memory for the quantiles); use at most "
        + "\(Self.grouped(Self.mostSimulatedValues / years)) simulations, or "
        + "\(shorter(Self.mostSimulatedValues / simulations))")
  }

  /// `1234567` as `1,234,567`.
  static func grouped(_ count: Int) -> String {
    NumberFormatting.fixed(Double(count), digits: 0, grouped: true)
  }
}
