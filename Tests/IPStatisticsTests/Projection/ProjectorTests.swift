// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPStatistics
import Testing

/// Projections of the bundled data: which models are fitted and selected, the rows, the data
/// rules (unit changes, gaps, filters) and reproducibility.
@Suite("Projector")
struct ProjectorTests {
  static let dataset = try? FilingDataset.bundled()

  static func project(_ configure: (inout ProjectionRequest) throws -> Void) throws
    -> SeriesProjection
  {
    var request = ProjectionRequest(office: "VN", right: "invention")
    request.model = "auto"  // these tests are about the selection; the default is tested apart
    try configure(&request)
    return try Projector.project(request, dataset: try #require(dataset))
  }

  static func fit(_ projection: SeriesProjection, _ model: GrowthModel) throws -> ModelFitSummary {
    try #require(projection.fits.first { $0.model == model })
  }

  @Test func everyModelFitsVietNamsInventionsWithTheirGaps() throws {
    let projection = try Self.project { $0.model = "all" }
    #expect(projection.points.count == 33)
    for model in GrowthModel.allCases {
      let fit = try Self.fit(projection, model)
      #expect(fit.status == (model.isFitted ? .fitted : .notFitted), "\(model): \(fit.status)")
      let rows = try #require(projection.projection(model)).rows
      #expect(rows.filter { $0.kind == .projected }.map(\.year) == Array(2025...2035))
      #expect(rows.filter { $0.kind == .observed }.count == 33)
    }
    #expect(projection.projections.count == GrowthModel.allCases.count)
  }

  @Test func autoSelectsTheSmallestAICc() throws {
    let all = try Self.project { $0.model = "all" }
    let best = all.fits.filter { $0.model.isFitted }.min {
      ($0.aicc ?? .infinity) < ($1.aicc ?? .infinity)
    }
    let auto = try Self.project { _ in }
    #expect(auto.selectedModel == best?.model)
    #expect(auto.projections.map(\.model) == [best?.model])
    #expect(auto.fits.map(\.model) == GrowthModel.autoCandidates)
    #expect(auto.fits.filter(\.selected).map(\.model) == [best?.model])
    // The same model gives the same rows whether projected alone or with the others.
    let alone = try #require(auto.projections.first?.rows)
    let selected = try #require(auto.selectedModel)
    let together = try #require(all.projection(selected)?.rows)
    #expect(alone == together)
  }

  @Test(arguments: ["industrial_design", "trademark"])
  func shortSeriesChooseOnlyModelsTheyCanSupport(right: String) throws {
    let projection = try Self.project { $0.right = right }
    let n = projection.points.count
    #expect(n == (right == "trademark" ? 5 : 7))
    for fit in projection.fits {
      let needed = fit.model.minimumPoints()
      if n < needed {
        #expect(fit.status == .skipped("needs at least \(needed) points, has \(n)"))
      }
    }
    let selected = try #require(projection.selectedModel)
    #expect(n >= selected.minimumPoints())
    #expect(Self.dataset != nil)
  }

  @Test func aSeriesTooShortForAnyModelIsInsufficientData() throws {
    do {
      _ = try Self.project { $0.right = "utility_solution" }
      Issue.record("expected an error")
    } catch let error as StatisticsError {
      #expect(error.kind == .insufficientData && error.category == .badData)
      #expect(error.message.contains("3 points") && error.message.contains("lines"))
    }
    // The headline-rate rule needs only two points.
    let rule = try Self.project {
      $0.right = "utility_solution"
      $0.model = "constant-growth"
    }
    let projected = try #require(rule.projections.first?.rows.filter { $0.kind == .projected })
    let growth = pow(892.0 / 599, 1.0 / 5) - 1
    #expect(relativelyClose(projected[0].value, 892 * (1 + growth), 1e-12))
    #expect(projected.allSatisfy { $0.intervals.isEmpty })
  }

  /// A plain `year,value` file named `own.csv` with `values` from 2010 on (lines 2, 3, ...).
  static func ownFile(_ values: [Int]) throws -> FilingDataset {
    let rows = values.enumerated().map { "\(2010 + $0.offset),\($0.element)" }
    return try FilingDataset.parse(
      text: "year,value\n" + rows.joined(separator: "\n") + "\n", source: "own.csv")
  }

  static func project(_ dataset: FilingDataset, _ configure: (inout ProjectionRequest) -> Void)
    throws -> SeriesProjection
  {
    var request = ProjectionRequest(office: "user", right: "series")
    request.model = "auto"
    request.to = 2025
    configure(&request)
    return try Projector.project(request, dataset: dataset)
  }

  @Test(arguments: ["auto", "all", "linear", "drift"])
  func aZeroOnTheLogScaleIsBadDataNamingItsLineOnce(model: String) throws {
    let dataset = try Self.ownFile([0, 10, 12, 15, 18, 21])
    do {
      _ = try Self.project(dataset) { $0.model = model }
      Issue.record("expected an error")
    } catch let error as StatisticsError {
      #expect(error.kind == .insufficientData && error.category == .badData)
      #expect(
        error.message.hasPrefix("own.csv:2: user series filed all: the value in 2010 is 0,"),
        "\(error.message)")
      #expect(error.message.contains("use --error-scale level, or --since 2011"))
      #expect(error.message.components(separatedBy: "log-scale").count == 2, "\(error.message)")
    }
    // Every zero is named; the latest by its line.
    do {
      _ = try Self.project(try Self.ownFile([0, 10, 0, 15, 18, 21])) { $0.model = model }
      Issue.record("expected an error")
    } catch let error as StatisticsError {
      #expect(error.message.hasPrefix("own.csv:4: user series filed all: the value in 2012 is 0"))
      #expect(error.message.contains("those of 2010 are not either"))
    }
    // The level scale takes zeros.
    let level = try Self.project(dataset) {
      $0.model = model
      $0.errorScale = .level
    }
    #expect(!level.projections.isEmpty)
  }

  @Test func constantGrowthNeedsOnlyItsLastTwoPointsPositive() throws {
    let projection = try Self.project(try Self.ownFile([0, 10, 12, 15, 18, 21])) {
      $0.model = "constant-growth"
    }
    let rows = try #require(projection.projections.first?.rows)
    let projected = rows.filter { $0.kind == .projected }
    #expect(projected.map(\.year) == Array(2016...2025))
    #expect(relativelyClose(projected[4].value, 21 * pow(21.0 / 18, 5), 1e-12))
    do {
      _ = try Self.project(try Self.ownFile([4, 10, 12, 15, 0, 21])) {
        $0.model = "constant-growth"
      }
      Issue.record("expected an error")
    } catch let error as StatisticsError {
      #expect(error.category == .badData)
      #expect(error.message.hasPrefix("own.csv:6: user series filed all: the value in 2014 is 0"))
    }
    // With a given rate only the last point is used.
    let given = try Self.project(try Self.ownFile([4, 10, 12, 15, 0, 21])) {
      $0.model = "constant-growth"
      $0.growth = 0.1
    }
    #expect(given.projections.count == 1)
  }

  /// `GrowthModel.fit` and the projector refuse a zero on the log scale for the same models and
  /// the same positions of the zero: the used points are decided in one place.
  @Test func theFitAndTheProjectorAgreeOnWhichPointsMustBePositive() throws {
    let years = Array(2010...2015)
    for zeroAt in years.indices {
      var counts = [4, 10, 12, 15, 18, 21]
      counts[zeroAt] = 0
      let values = counts.map(Double.init)
      let dataset = try Self.ownFile(counts)
      for model in GrowthModel.allCases {
        // A given growth rate is for constant-growth only.
        for growth in model == .constantGrowth ? [nil, 0.1] : [nil] {
          var fitRefuses = false
          do {
            _ = try model.fit(years: years, values: values, growth: growth)
          } catch let error as StatisticsError {
            fitRefuses = error.message.contains("log-scale errors cannot fit")
          }
          var projectorRefuses = false
          do {
            _ = try Self.project(dataset) {
              $0.model = model.rawValue
              $0.growth = growth
              $0.simulations = 100
            }
          } catch let error as StatisticsError {
            projectorRefuses = error.message.contains("log-scale errors cannot fit")
          }
          // Fitted models use every point, but damped-trend needs 8 and is skipped by both;
          // constant-growth uses its last two points, its last one with a given rate.
          let expected: Bool
          switch model {
          case .dampedTrend: expected = false
          case .constantGrowth: expected = zeroAt >= (growth == nil ? 4 : 5)
          default: expected = true
          }
          let label = "\(model), growth \(growth ?? .nan), zero in \(years[zeroAt])"
          #expect(fitRefuses == expected, "fit: \(label)")
          #expect(projectorRefuses == expected, "project: \(label)")
        }
      }
    }
  }

  @Test func aNamedModelKeepsTheKindOfItsOwnFailure() throws {
    // On the level scale the growth from a zero is undefined: data that the model cannot take
    // (exit 65), not a numerical failure (exit 70).
    do {
      _ = try Self.project(try Self.ownFile([4, 10, 12, 15, 0, 21])) {
        $0.model = "constant-growth"
        $0.errorScale = .level
      }
      Issue.record("expected an error")
    } catch let error as StatisticsError {
      #expect(error.kind == .insufficientData && error.category == .badData)
      #expect(
        error.message
          == "own.csv: user series filed all: constant-growth: the growth from 2014 to 2015 is "
          + "undefined (a zero); give the rate with --growth")
    }
  }

  static let exactFitReason = "the residuals are all zero: no error variance to estimate"

  @Test func aFitThatReproducesEveryPointIsReportedAsFailed() throws {
    // A constant series: a line, a constant exponential, a driftless walk and a flat damped
    // trend reproduce it exactly, so their likelihood is unbounded.
    let constant = try Self.project(try Self.ownFile(Array(repeating: 500, count: 11))) {
      $0.model = "all"
    }
    for model in [GrowthModel.linear, .exponential, .drift, .dampedTrend] {
      let fit = try Self.fit(constant, model)
      #expect(fit.status == .failed(Self.exactFitReason), "\(model): \(fit.status)")
      #expect(fit.logLikelihood == nil && fit.aicc == nil && fit.bic == nil)
    }
    #expect(constant.selectedModel == nil)
    // No infinite score is left: JSONEncoder's default strategy throws on one.
    _ = try JSONEncoder().encode(constant)
    // An exactly linear series on the level scale: only the line fits it exactly, and the
    // others are fitted and compared.
    let line = try Self.project(try Self.ownFile((0...10).map { 100 + 10 * $0 })) {
      $0.model = "all"
      $0.errorScale = .level
    }
    #expect(try Self.fit(line, .linear).status == .failed(Self.exactFitReason))
    #expect(try Self.fit(line, .exponential).status == .fitted)
    #expect(line.selectedModel != nil && line.selectedModel != .linear)
    _ = try JSONEncoder().encode(line)
    // A named model that fits so is data it cannot take (exit 65).
    do {
      _ = try Self.project(try Self.ownFile(Array(repeating: 500, count: 11))) {
        $0.model = "linear"
      }
      Issue.record("expected an error")
    } catch let error as StatisticsError {
      #expect(error.category == .badData)
      #expect(error.message == "own.csv: user series filed all: linear: \(Self.exactFitReason)")
    }
  }

  @Test func theBacktestRejectsAnExactFitAtAnOrigin() throws {
    // Exactly exponential (exactly linear in ln y) in 2000-2009, off that curve in 2010-2011.
    // The exponential fits the whole series with residuals, but at the backtest origins
    // 2006-2009 it reproduces every point, so it has no backtest; a line on the log scale, which
    // does not fit there exactly, is scored. A little noise gives the exponential its backtest.
    let years = Array(2000...2011)
    let exact = (0..<10).map { 100 * exp(0.1 * Double($0)) }
    let offCurve = [100 * exp(1.0) * 1.05, 100 * exp(1.1) * 0.97]
    var request = syntheticRequest(model: "all", to: 2015)
    request.selection = .backtest
    let projection = try Projector.project(
      request, dataset: syntheticDataset(years: years, values: exact + offCurve))
    #expect(try Self.fit(projection, .exponential).status == .fitted)
    #expect(try Self.fit(projection, .exponential).backtest == nil)
    #expect(try Self.fit(projection, .linear).backtest?.origins == [2006, 2007, 2008, 2009, 2010])
    let noisy = exact.enumerated().map { $0.element * (1 + 0.01 * Double($0.offset % 3 - 1)) }
    let scored = try Projector.project(
      request, dataset: syntheticDataset(years: years, values: noisy + offCurve))
    #expect(try Self.fit(scored, .exponential).backtest != nil)
  }

  @Test func aProjectionThatReachesZeroIsWarnedAbout() throws {
    // Korea's utility models fall from 40,804 (2001) to 6,232 (2018): the line fitted on the log
    // scale reaches zero within three years, where ln f ends and the figures are read as 0.
    let projection = try Self.project {
      $0.office = "KR"
      $0.right = "utility_model"
      $0.model = "linear"
    }
    let a = try #require(try Self.fit(projection, .linear).parameters.first { $0.name == "a" })
    let b = try #require(try Self.fit(projection, .linear).parameters.first { $0.name == "b" })
    let rows = try #require(projection.projections.first?.rows.filter { $0.kind == .projected })
    // The first year whose line a + b (year - 2018) is not positive, by hand.
    let zeroYear = try #require((2019...2035).first { a.value + b.value * Double($0 - 2018) <= 0 })
    for row in rows { #expect((row.value == 0) == (row.year >= zeroYear), "\(row.year)") }
    let warning = try #require(projection.warnings.first { $0.hasPrefix("linear: ") })
    #expect(warning.contains("the projected value is 0 from \(zeroYear)"), "\(warning)")
    #expect(warning.contains("the line a + b t (or some of its bootstrap refits) reaches zero"))
    // A projection that stays positive has no such warning.
    let drift = try Self.project {
      $0.office = "KR"
      $0.right = "utility_model"
      $0.model = "drift"
    }
    #expect(!drift.warnings.contains { $0.contains(" is 0 from ") })
  }

  @Test func aLevelThatUnderflowsOrIsCutOffAtZeroIsWarnedAbout() throws {
    // Falling by a factor exp(-70) a year from 1e300: the exponential's median passes below the
    // smallest normal double (ln 2.2e-308 = -708.4) some 11 years after the last point.
    let years = Array(2000..<2010)
    let wiggle: [Double] = years.map { $0 % 2 == 0 ? 0.01 : -0.01 }
    let values: [Double] = years.indices.map { 1e300 * exp(-70 * Double($0) + wiggle[$0]) }
    var request = syntheticRequest(model: "exponential", to: 2029)
    let steep = try Projector.project(
      request, dataset: syntheticDataset(years: years, values: values))
    let projected = try #require(steep.projections.first?.rows)
    let rows = projected.filter { $0.kind == RowKind.projected }
    // By hand: the first year with ln a + b (year - 2009) < ln(2.2e-308).
    let fit = try Self.fit(steep, .exponential)
    let logA = log(try #require(fit.parameters.first { $0.name == "a" }?.value))
    let b = try #require(fit.parameters.first { $0.name == "b" }?.value)
    let first = try #require(
      (2010...2029).first { logA + b * Double($0 - 2009) < log(Double.leastNormalMagnitude) })
    #expect(rows.filter { $0.value < Double.leastNormalMagnitude }.first?.year == first)
    let warning = try #require(steep.warnings.first { $0.hasPrefix("exponential: ") })
    #expect(warning.contains("the projected value is 0 from \(first)"), "\(warning)")
    #expect(warning.contains("the level falls to zero or below the smallest positive number"))
    // On the level scale a falling line's paths are cut off at 0.
    request.model = "linear"
    request.errorScale = .level
    let falling: [Double] = years.indices.map { 1050 - 110 * Double($0) + 500 * wiggle[$0] }
    let level = try Projector.project(
      request, dataset: syntheticDataset(years: years, values: falling))
    let cut = try #require(level.warnings.first { $0.hasPrefix("linear: ") })
    #expect(cut.contains("the projected value is 0 from 2010"), "\(cut)")
    #expect(cut.contains("cut off at 0"))
  }

  @Test func aNamedModelWithTooFewPointsNamesTheLines() throws {
    do {
      _ = try Self.project {
        $0.right = "trademark"
        $0.model = "logistic"
      }
      Issue.record("expected an error")
    } catch let error as StatisticsError {
      #expect(error.kind == .insufficientData)
      #expect(error.message.contains("ip-filings.csv") && error.message.contains("lines"))
      #expect(error.message.contains("logistic needs at least 6"))
    }
  }

  @Test func aFailedFitIsReportedWhileTheOthersGoOn() throws {
    // Viet Nam's all-industrial-property filings grow steadily: the logistic's K runs away.
    let projection = try Self.project { $0.right = "all_industrial_property" }
    let logistic = try Self.fit(projection, .logistic)
    guard case .failed(let reason) = logistic.status else {
      Issue.record("logistic: \(logistic.status)")
      return
    }
    #expect(!reason.isEmpty)
    #expect(projection.selectedModel != nil && projection.selectedModel != .logistic)
  }

  @Test func constantGrowthUsesTheLastGrowthAnnualisedOrTheGivenRate() throws {
    let last = try Self.project { $0.model = "constant-growth" }
    let rows = try #require(last.projections.first?.rows.filter { $0.kind == .projected })
    let growth = 9904.0 / 9460 - 1
    #expect(relativelyClose(rows[10].value, 9904 * pow(1 + growth, 11), 1e-12))
    let given = try Self.project {
      $0.model = "constant-growth"
      $0.growth = 0.171
    }
    let projected = try #require(given.projections.first?.rows.filter { $0.kind == .projected })
    #expect(relativelyClose(projected[1].value, 9904 * 1.171 * 1.171, 1e-12))
    #expect(try Self.fit(given, .constantGrowth).status == .notFitted)
  }

  @Test func theUnitChangeKeepsTheLatestRunAndNamesTheDroppedYears() throws {
    let projection = try Self.project {
      $0.office = "KR"
      $0.right = "trademark"
    }
    #expect(projection.unit == "classes")
    #expect(projection.points.first?.year == 2009)
    let warning = try #require(projection.warnings.first { $0.contains("unit changes") })
    #expect(warning.contains("2002-2003, 2005-2007"))
  }

  @Test func sinceAndExcludeApproximateNarrowThePoints() throws {
    let projection = try Self.project {
      $0.office = "KR"
      $0.since = 2010
      $0.excludeApproximate = true
    }
    #expect(projection.points.map(\.year) == [2010, 2012, 2013, 2015, 2016, 2017, 2018, 2021])
    #expect(projection.warnings.contains { $0.contains("approximate points of 2014, 2022-2023") })
  }

  @Test func theSameSeedGivesTheSameProjectionAndAnotherSeedAnother() async throws {
    let first = try Self.project { $0.model = "all" }
    // Concurrent calls give the same numbers as a lone call.
    let concurrent = try await withThrowingTaskGroup(of: [ProjectionRow].self) { group in
      for _ in 0..<4 {
        group.addTask { try Self.project { $0.model = "all" }.projections.flatMap(\.rows) }
      }
      var all: [[ProjectionRow]] = []
      for try await rows in group { all.append(rows) }
      return all
    }
    for rows in concurrent { #expect(rows == first.projections.flatMap(\.rows)) }
    let other = try Self.project {
      $0.model = "all"
      $0.seed = 7
    }
    #expect(other.projections.flatMap(\.rows) != first.projections.flatMap(\.rows))
  }

  @Test func aLevelShiftScalesTheWholeBandFromItsYear() throws {
    let plain = try #require(try Self.project { $0.model = "drift" }.projections.first?.rows)
    let shifted = try #require(
      try Self.project {
        $0.model = "drift"
        $0.adjustments = [.levelShift(shift: 0.10, from: 2030)]
      }.projections.first?.rows)
    for (before, after) in zip(plain, shifted) {
      let factor = after.year >= 2030 && after.kind == .projected ? 1.1 : 1.0
      #expect(relativelyClose(after.value, before.value * factor, 1e-12))
      for (a, b) in zip(before.intervals, after.intervals) {
        #expect(relativelyClose(b.lower, a.lower * factor, 1e-12))
        #expect(relativelyClose(b.upper, a.upper * factor, 1e-12))
      }
    }
  }

  @Test func anUpliftAddsToEveryLaterYearsGrowth() throws {
    let plain = try Self.project { $0.model = "drift" }
    let mu = try #require(try Self.fit(plain, .drift).parameters.first { $0.name == "mu" }?.value)
    let uplifted = try Self.project {
      $0.model = "drift"
      $0.adjustments = [.growthUplift(rate: 0.03, from: 2026)]
    }
    let before = try #require(plain.projections.first?.rows.filter { $0.kind == .projected })
    let after = try #require(uplifted.projections.first?.rows.filter { $0.kind == .projected })
    // The drift's point path grows by exp(mu) a year; from 2026 by exp(mu) + 0.03.
    #expect(after[0] == before[0])
    for h in 1..<11 {
      let expected = 9904 * exp(mu) * pow(exp(mu) + 0.03, Double(h))
      #expect(relativelyClose(after[h].value, expected, 1e-12))
      #expect(after[h].lo95! > before[h].lo95! && after[h].hi95! > before[h].hi95!)
    }
  }

  @Test func anAnalogFollowsTheOtherSeriesGrowthAndMovesTheBand() throws {
    let spec = try AnalogSpec(parsing: "KR:invention:filed:resident:1990-2000")
    let growth = pow(72831.0 / 9082, 0.1) - 1
    #expect(relativelyClose(try spec.growthRate(in: try #require(Self.dataset)), growth, 1e-14))
    let plain = try Self.project { $0.scope = "resident" }
    let analog = try Self.project {
      $0.scope = "resident"
      $0.adjustments = [.analog(spec)]
    }
    let before = try #require(plain.projections.first?.rows.filter { $0.kind == .projected })
    let after = try #require(analog.projections.first?.rows.filter { $0.kind == .projected })
    for h in 0..<11 {
      let target = 1226 * pow(1 + growth, Double(h + 1))
      #expect(relativelyClose(after[h].value, target, 1e-12))
      let factor = target / before[h].value
      #expect(relativelyClose(after[h].lo80!, before[h].lo80! * factor, 1e-12))
      #expect(relativelyClose(after[h].hi95!, before[h].hi95! * factor, 1e-12))
    }
  }

  @Test func anAnalogYearThatIsMissingIsAnError() throws {
    #expect(throws: StatisticsError.self) {
      _ = try Self.project {
        $0.adjustments = [.analog(try AnalogSpec(parsing: "KR:invention:filed:resident:1991-2000"))]
      }
    }
    #expect(throws: StatisticsError.self) { try AnalogSpec(parsing: "KR:invention:1990-2000") }
    #expect(throws: StatisticsError.self) {
      try AnalogSpec(parsing: "KR:invention:filed:all:2000-1990")
    }
  }

  @Test func aCapFixesKAndRestrictsAutoToTheSaturatingModels() throws {
    let projection = try Self.project { $0.cap = 30000 }
    #expect(projection.fits.map(\.model) == [.logistic, .gompertz])
    for fit in projection.fits {
      #expect(fit.parameterCount == 3)
      #expect(fit.parameters.first { $0.name == "K" }?.value == 30000)
    }
    #expect(throws: StatisticsError.self) {
      _ = try Self.project {
        $0.cap = 30000
        $0.model = "drift"
      }
    }
  }

  @Test func backtestSelectionScoresTheLastOriginsAndPicksTheSmallestError() throws {
    let projection = try Self.project {
      $0.model = "all"
      $0.selection = .backtest
      $0.simulations = 500
    }
    let scored = projection.fits.filter { $0.backtest != nil && $0.model.isFitted }
    let best = scored.min {
      ($0.backtest?.meanAbsolutePercentageError ?? 1)
        < ($1.backtest?.meanAbsolutePercentageError ?? 1)
    }
    #expect(projection.selectedModel == best?.model)
    let rule = try #require(try Self.fit(projection, .constantGrowth).backtest)
    #expect(rule.origins == [2018, 2019, 2020, 2021, 2023])
    #expect(rule.coverage.isEmpty)
    // By hand: the rule's forecast from origin o is y_o g_o^h, g_o the growth into o.
    let y: [Int: Double] = [
      2017: 5382, 2018: 6071, 2019: 7520, 2020: 7695, 2021: 8534, 2023: 9460, 2024: 9904,
    ]
    var errors: [Double] = []
    for (origin, previous) in [
      (2018, 2017), (2019, 2018), (2020, 2019), (2021, 2020), (2023, 2021),
    ] {
      let annual = pow(y[origin]! / y[previous]!, 1 / Double(origin - previous))
      for target in y.keys.sorted() where target > origin && target <= origin + 5 {
        let forecast = y[origin]! * pow(annual, Double(target - origin))
        errors.append(abs(forecast - y[target]!) / y[target]!)
      }
    }
    #expect(rule.forecasts == errors.count)
    #expect(
      relativelyClose(
        rule.meanAbsolutePercentageError, errors.reduce(0, +) / Double(errors.count), 1e-12))
    let drift = try #require(try Self.fit(projection, .drift).backtest)
    #expect(drift.coverage.count == 2 && drift.coverage.allSatisfy { (0...1).contains($0) })
  }

  /// Counts near 1e161 on the level scale: squared residuals overflow, so the line's and the
  /// drift's simulated paths are infinite or NaN at the backtest origins as in the projection.
  /// Both fail the model: the projection reports the failed simulation, and the backtest leaves
  /// the model unscored (rather than scoring its point forecasts without intervals), while the
  /// constant-growth rule, which has no paths, is still scored.
  @Test func aSimulatedPathThatIsNotFiniteFailsTheModelInTheBacktestToo() throws {
    let noise = [1.3, 0.8, 1.1, 0.7, 1.4, 0.9, 1.2, 0.75, 1.25, 0.85, 1.15]
    // Built in memory: a data file refuses counts above FilingDataset.largestValue.
    let points = noise.enumerated().map {
      FilingPoint(year: 2010 + $0.offset, value: Double($0.offset + 1) * $0.element * 1e160)
    }
    let dataset = FilingDataset(
      series: [FilingSeries(key: FilingDataset.plainSeriesKey, points: points, file: "big.csv")],
      file: "big.csv")
    let projection = try Self.project(dataset) {
      $0.model = "all"
      $0.errorScale = .level
      $0.selection = .backtest
      $0.simulations = 100
      $0.to = 2021
    }
    for model in [GrowthModel.linear, .drift] {
      let fit = try Self.fit(projection, model)
      #expect(fit.status.description.contains("a simulated path is not finite"), "\(fit.status)")
      #expect(fit.backtest == nil, "\(model): \(String(describing: fit.backtest))")
    }
    let rule = try #require(try Self.fit(projection, .constantGrowth).backtest)
    #expect(rule.coverage.isEmpty && rule.forecasts > 0)
  }

  /// Counts that a data file accepts (at most 1e12) growing about a thousandfold a year, from a
  /// file read as a user's would be. Projected 96 years on, the drift's point forecast is about
  /// 1e300 (`ln y` = 690.7), but its simulated paths pass the largest `Double` (`ln y` above
  /// `ln(Double.greatestFiniteMagnitude)` = 709.78); 100 years on, so does the point forecast.
  /// Neither is capped (the log scale's levels used to be capped at `exp(700)` = 1.01e304, a
  /// 95% bound that was the cap itself): each is a numerical failure of the model, as a
  /// simulation that is not finite is, and under `all` the other models are still projected.
  @Test func aValueBeyondTheLargestDoubleFailsTheModelAndIsNeverCapped() throws {
    let values = [1.0, 1.2e3, 0.9e6, 1.1e9, 1e12]
    let dataset = try FilingDataset.parse(
      text: "year,value\n"
        + values.enumerated().map { "\(2020 + $0.offset),\($0.element)\n" }.joined(),
      source: "fast.csv")
    let fit = try GrowthModel.drift.fit(years: Array(2020...2024), values: values)
    let point = try fit.forecast(horizon: 96)
    #expect(point.allSatisfy { $0.isFinite })
    let last = try #require(point.last)
    #expect(relativelyClose(last, 1e300, 1e-6))
    #expect(throws: StatisticsError.self) {
      _ = try fit.simulate(horizon: 96, count: 2000, generator: RandomGenerator(seed: 1))
    }
    #expect(throws: StatisticsError.self) { _ = try fit.forecast(horizon: 100) }

    for to in [2120, 2124] {
      do {
        _ = try Self.project(dataset) {
          $0.model = "drift"
          $0.to = to
        }
        Issue.record("\(to): drift was projected")
      } catch let error as StatisticsError {
        #expect(error.kind == .numericalFailure, "\(error)")
        #expect(
          error.message.hasPrefix("fast.csv: user series filed all: drift: "), "\(error.message)")
        #expect(error.message.contains("beyond the largest number"), "\(error.message)")
      }
    }

    let all = try Self.project(dataset) {
      $0.model = "all"
      $0.to = 2120
    }
    for model in [GrowthModel.drift, .discountedDrift] {
      let status = try Self.fit(all, model).status.description
      #expect(status.contains("beyond the largest number"), "\(model): \(status)")
      #expect(all.projection(model) == nil, "\(model)")
    }
    let projected = all.projections.flatMap(\.rows).filter { $0.kind == .projected }
    let figures = projected.flatMap { [$0.value] + $0.intervals.flatMap { [$0.lower, $0.upper] } }
    #expect(!projected.isEmpty && figures.allSatisfy { $0.isFinite })
    #expect(figures.filter { $0 == exp(700) }.isEmpty)

    // Adjustments can pass the largest double too (160 level shifts of +10000% multiply the
    // level by 101^160 = 1e320): constant-growth, which has no paths, fails rather than print
    // an empty value.
    do {
      _ = try Self.project(dataset) {
        $0.model = "constant-growth"
        $0.to = 2026
        $0.adjustments = Array(repeating: .levelShift(shift: 100, from: 2026), count: 160)
      }
      Issue.record("the shifted projection passed")
    } catch let error as StatisticsError {
      #expect(error.kind == .numericalFailure, "\(error)")
      #expect(
        error.message.contains("the point forecast after the adjustments is not a finite number "
          + "in 2026"), "\(error.message)")
    }
  }

  @Test func levelScaleErrorsFitEveryModel() throws {
    let projection = try Self.project {
      $0.model = "all"
      $0.errorScale = .level
    }
    for fit in projection.fits where fit.model.isFitted {
      #expect(fit.status == .fitted, "\(fit.model): \(fit.status)")
    }
    // Drift on the level: mu = (y_T - y_1) / (T - first year).
    let mu = try #require(try Self.fit(projection, .drift).parameters.first?.value)
    #expect(relativelyClose(mu, (9904.0 - 71) / 35, 1e-12))
  }

  @Test func badRequestsAreUsageErrors() throws {
    for configure: (inout ProjectionRequest) throws -> Void in [
      { $0.model = "quadratic" }, { $0.to = 2024 }, { $0.simulations = 10 }, { $0.levels = [1.2] },
      { $0.growth = 0.05 },
    ] {
      do {
        _ = try Self.project(configure)
        Issue.record("expected an error")
      } catch let error as StatisticsError {
        #expect(error.kind == .badRequest && error.category == .usage)
      }
    }
  }

  @Test func theSimulatedValuesHeldInMemoryAreBounded() throws {
    // 1,000,000 paths of 100 years would hold 10^8 doubles (800 MB).
    do {
      _ = try Self.project {
        $0.simulations = 1_000_000
        $0.to = 2124
      }
      Issue.record("expected an error")
    } catch let error as StatisticsError {
      #expect(error.kind == .badRequest && error.category == .usage)
      #expect(
        error.message
          == "1,000,000 simulations × 100 years (the projected years 2025-2124) = 100,000,000 "
          + "simulated values, over the limit of 50,000,000 (about 400 MB: a model's paths are "
          + "kept in memory for the quantiles); use at most 500,000 simulations, or --to 2074")
    }
    // Exactly at the limit is allowed (constant-growth: checked, but nothing to simulate).
    let atLimit = try Self.project {
      $0.model = "constant-growth"
      $0.simulations = 500_000
      $0.to = 2124
    }
    #expect(atLimit.simulations * 100 == ProjectionRequest.mostSimulatedValues)
    // The backtest's paths too, before any data is read.
    var backtest = ProjectionRequest(office: "VN", right: "invention")
    backtest.selection = .backtest
    backtest.simulations = 100_000
    backtest.backtestHorizon = 501
    #expect(throws: StatisticsError.self) { try backtest.validate() }
    backtest.backtestHorizon = 500
    try backtest.validate()
  }

  @Test func validateChecksTheRequestWithoutData() throws {
    var request = ProjectionRequest(office: "VN", right: "invention")
    try request.validate()
    for configure: (inout ProjectionRequest) -> Void in [
      { $0.model = "quadratic" }, { $0.simulations = 99 }, { $0.simulations = 1_000_001 },
      { $0.levels = [0.8, 0.8] }, { $0.cap = -5 }, { $0.growth = 0.05 }, { $0.backtestOrigins = 0 },
    ] {
      request = ProjectionRequest(office: "VN", right: "invention")
      configure(&request)
      do {
        try request.validate()
        Issue.record("expected an error")
      } catch let error as StatisticsError {
        #expect(error.kind == .badRequest && error.category == .usage)
      }
    }
  }

  @Test func tablesHaveTheDocumentedColumns() throws {
    let projection = try Self.project { _ in }
    #expect(
      ProjectionTable.header == [
        "office", "right", "measure", "scope", "unit", "model", "year", "kind", "value", "lo80",
        "hi80", "lo95", "hi95",
      ])
    #expect(
      FitTable.header == [
        "office", "right", "measure", "scope", "model", "status", "n_obs", "n_params",
        "parameters", "sigma", "log_likelihood", "aicc", "bic", "backtest_mape",
        "backtest_coverage80", "backtest_coverage95", "selected",
      ])
    let rows = ProjectionTable.rows(projection)
    #expect(rows.allSatisfy { $0.count == 13 })
    // auto projects only the selected model: the last row is its last projected year.
    let selected = try #require(projection.selectedModel)
    let projected = try #require(rows.last)
    #expect(
      projected[0...7] == [
        "VN", "invention", "filed", "all", "applications", selected.rawValue, "2035", "projected",
      ])
    let observed = try #require(rows.first)
    #expect(observed[6...12] == ["1989", "observed", "71", "", "", "", ""])
    let fits = FitTable.rows(projection)
    #expect(fits.count == 6 && fits.allSatisfy { $0.count == 17 })
    #expect(fits.map { $0[16] } == fits.map { $0[4] == selected.rawValue ? "true" : "false" })
    let drift = try #require(fits.first { $0[4] == "drift" })
    let points = projection.points
    // drift: one likelihood term per change between consecutive observed years, k = 2.
    #expect(drift[5] == "ok" && drift[6] == String(points.count - 1) && drift[7] == "2")
    // Its mu^ = sum d_j / sum g_j telescopes, gaps included, to the closed form
    // ln(y_last / y_first) / (last year - first year).
    let first = try #require(points.first)
    let last = try #require(points.last)
    let closedForm = log(last.value / first.value) / Double(last.year - first.year)
    #expect(drift[8].hasPrefix("mu="))
    let mu = try #require(Double(drift[8].dropFirst(3)))
    #expect(relativelyClose(mu, closedForm, 1e-12))
  }
}
