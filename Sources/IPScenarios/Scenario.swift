// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon
import IPValuation
import IPStatistics

/// A named scenario: growth assumptions for IP filings and valuation assumptions for a
/// portfolio, read from a YAML file (see ``ScenarioLoader``). Either part may be absent.
public struct Scenario: Sendable, Equatable {
  /// The scenario's name (the file's `name`, or the file name without `.yaml`).
  public var name: String
  /// A one-line description (may be empty).
  public var description: String
  /// The scenario file, as given.
  public var file: String
  /// The files `file` extends, nearest first (empty without `extends`).
  public var extendedFiles: [String] = []
  /// The projection settings, when the scenario projects filings.
  public var projection: ProjectionSettings?
  /// The valuation settings, when the scenario values a portfolio.
  public var valuation: ValuationSettings?

  /// Creates a scenario.
  public init(
    name: String, description: String = "", file: String = "",
    projection: ProjectionSettings? = nil, valuation: ValuationSettings? = nil
  ) {
    self.name = name
    self.description = description
    self.file = file
    self.projection = projection
    self.valuation = valuation
  }

  /// Every file the scenario reads: its own, those it extends, its data file and its portfolio
  /// (so that an output can be refused before it overwrites one of them).
  public var inputFiles: [String] {
    [file] + extendedFiles + [projection?.dataFile, valuation?.portfolio].compactMap { $0 }
  }
}

/// What to project: one office, measure and scope, several rights, a model choice, a horizon
/// and scenario adjustments. Defaults are those of `ipfin project`.
public struct ProjectionSettings: Sendable, Equatable {
  /// The data file (long format or `year,value`); `nil` uses the bundled data set.
  public var dataFile: String?
  /// The office: `VN` or `KR` in the bundled data, or any office of the `data:` file.
  public var office: String
  /// The measure: `filed` (default), `examined` or `granted`.
  public var measure: String = SeriesNames.defaultMeasure
  /// The scope: `all` (default), `resident`, `nonresident`, `national`, `madrid`, `hague`.
  public var scope: String = SeriesNames.defaultScope
  /// The series to project, one per right, each optionally with its own model.
  public var series: [SeriesSettings]
  /// The model for series that do not name one: a model name (default
  /// ``GrowthModel/defaultModel``, `discounted-drift`), `auto` (chosen by AICc) or `all`.
  public var model: String = GrowthModel.defaultModel.rawValue
  /// How `auto` chooses: by AICc (default) or by backtest.
  public var selection: SelectionRule = ProjectionRequest.defaultSelection
  /// The last projected year (default ``ProjectionRequest/defaultTo``, 2035).
  public var to: Int = ProjectionRequest.defaultTo
  /// Use only observations from this year on.
  public var since: Int?
  /// Leave out points whose status is `approximate`.
  public var excludeApproximate: Bool = false
  /// The error scale: log (default) or level.
  public var errorScale: ErrorScale = ProjectionRequest.defaultErrorScale
  /// The seed of the simulated paths; `nil` uses `ipfin project`'s default.
  public var seed: UInt64?
  /// The number of simulated paths; `nil` uses the default (2000).
  public var simulations: Int?
  /// Scenario adjustments, applied in order.
  public var adjustments: [AdjustmentSettings] = []
  /// Where the section and its keys were written, for error messages (not part of equality).
  public var locations = KeyLocations()

  /// Creates settings with the defaults above.
  public init(office: String, series: [SeriesSettings]) {
    self.office = office
    self.series = series
  }

  /// A series as messages name it, `right (scope)`: `invention (resident)`.
  static func seriesName(right: String, scope: String) -> String { "\(right) (\(scope))" }
}

/// One projected series: a right, and optionally a scope, a model and a growth rate of its own.
public struct SeriesSettings: Sendable, Equatable {
  /// The right, for example `invention`.
  public var right: String
  /// The scope of this series; `nil` uses ``ProjectionSettings/scope``.
  public var scope: String?
  /// The model for this series; `nil` uses ``ProjectionSettings/model``.
  public var model: String?
  /// The growth rate of the `constant-growth` model; `nil` uses the last observed growth.
  public var growth: Double?
  /// Where it was written, for error messages (not part of equality).
  public var location: SourceLocation?

  /// Creates series settings.
  public init(
    right: String, scope: String? = nil, model: String? = nil, growth: Double? = nil,
    location: SourceLocation? = nil
  ) {
    self.right = right
    self.scope = scope
    self.model = model
    self.growth = growth
    self.location = location
  }

  /// Equal when they project the same series the same way, wherever they were written.
  public static func == (lhs: SeriesSettings, rhs: SeriesSettings) -> Bool {
    lhs.right == rhs.right && lhs.scope == rhs.scope && lhs.model == rhs.model
      && lhs.growth == rhs.growth
  }
}

/// A scenario adjustment of one right's projection.
public struct AdjustmentSettings: Sendable, Equatable {
  /// The kind of adjustment.
  public enum Kind: Sendable, Equatable {
    /// A growth uplift, a level shift or an analog, as `ipfin project` applies them.
    case projection(ProjectionAdjustment)
    /// Fixes the saturation level of the logistic and Gompertz curves.
    case cap(Double)
  }

  /// The right it applies to.
  public var right: String
  /// The scope of the series it applies to; `nil` means the projection's scope.
  public var scope: String?
  /// What it does.
  public var kind: Kind
  /// Where it was written, for error messages (not part of equality).
  public var location: SourceLocation?

  /// Creates an adjustment.
  public init(right: String, scope: String? = nil, kind: Kind, location: SourceLocation? = nil) {
    self.right = right
    self.scope = scope
    self.kind = kind
    self.location = location
  }

  /// Equal when they adjust the same series the same way, wherever they were written.
  public static func == (lhs: AdjustmentSettings, rhs: AdjustmentSettings) -> Bool {
    lhs.right == rhs.right && lhs.scope == rhs.scope && lhs.kind == rhs.kind
  }
}

/// What to value and how: the portfolio, the simulation, portfolio-wide shifts of the inputs,
/// the collateral policy and the loan. `nil` fields use `ipfin value`'s defaults.
public struct ValuationSettings: Sendable, Equatable {
  /// The portfolio CSV file.
  public var portfolio: String
  /// The valuation date; `nil` uses `ipfin value`'s default.
  public var valuationDate: CalendarDate?
  /// The number of simulated paths.
  public var paths: Int?
  /// The root seed.
  public var seed: UInt64?
  /// The one-factor correlation rho in [0, 1].
  public var correlation: Double?
  /// The discount rate of assets that do not give one.
  public var discountRate: Double?
  /// Added to every asset's discount rate.
  public var discountRateShift: Double = 0
  /// Added to every asset's revenue growth.
  public var revenueGrowthShift: Double = 0
  /// Multiplies every asset's royalty rate (low, mode and high).
  public var royaltyMultiplier: Double = 1
  /// Multiplies every asset's revenue volatility.
  public var volatilityMultiplier: Double = 1
  /// The collateral quantile q.
  public var collateralQuantile: Double?
  /// The orderly-liquidation discount.
  public var orderlyDiscount: Double?
  /// The forced-liquidation discount.
  public var forcedDiscount: Double?
  /// Loan-to-value ratios by right, overriding the defaults for the rights named.
  public var loanToValue: [String: Double] = [:]
  /// The risk horizon; `nil` uses `ipfin value`'s default.
  public var horizon: RiskHorizon?
  /// The loan, with the terms the file gives and the others at their defaults.
  public var loan: Loan?
  /// Where the section and its keys were written, for error messages (not part of equality).
  public var locations = KeyLocations()

  /// Creates settings for `portfolio` with every other field at its default.
  public init(portfolio: String) {
    self.portfolio = portfolio
  }
}

/// Where a section of a scenario file and its keys were written, for the errors found when the
/// settings meet the files they name (``ScenarioPlan``). Not part of equality: two settings are
/// equal when they do the same, wherever they were written.
public struct KeyLocations: Sendable, Equatable {
  /// The section's mapping.
  public var section: SourceLocation?
  /// The value of each key written in the section, by key (`office`, `portfolio`, ...).
  public var keys: [String: SourceLocation]

  /// Creates locations.
  public init(section: SourceLocation? = nil, keys: [String: SourceLocation] = [:]) {
    self.section = section
    self.keys = keys
  }

  /// The value of `key` when it was written, else `nil`.
  public subscript(key: String) -> SourceLocation? { keys[key] }

  /// Always equal: where a setting was written does not change what it does.
  public static func == (lhs: KeyLocations, rhs: KeyLocations) -> Bool { true }
}
