// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPStatistics
import IPValuation

extension HTMLReport {
  /// The report of run scenarios, the first being the baseline, in the order of the page:
  ///
  /// - the summary (``ReportTable/summary(_:)``);
  /// - the lending value against the loan, per scenario with a valuation (``LendingChart``);
  /// - the distribution of the value the risk figures use (the horizon value `P_H`, or the
  ///   whole-life value `P` with the horizon `life`; ``ValuationResult/riskValues``), one row
  ///   per scenario, with the mean, the collateral value, the lending value and the loan marked;
  /// - the distribution of the loss given default over the defaulting paths, one row per
  ///   scenario with a probability of default, with the at-default figures in its heading;
  /// - one fan chart per projected series (by label, in order of first appearance): the
  ///   observed points the first scenario projecting it used, and each scenario's median with
  ///   its 80% and 95% bands (selected model; a model without intervals draws its median only);
  /// - the tornado chart of the first scenario with a valuation;
  /// - every figure of the comparison (``ReportTable/figures(_:)``) and the sources of every
  ///   observed point used.
  ///
  /// In every chart, scenarios whose figures are the same share one entry, named
  /// `"first (= second, third)"` (``merged(_:same:)``).
  ///
  /// - Parameters:
  ///   - results: the scenarios' results, baseline first.
  ///   - sources: the known sources by id (``DataSource/bundled()``); an id not among them is
  ///     listed as not described. Every source of the observed points and analogs the
  ///     projections used is cited.
  ///   - generator: the program and version that made the report ("ipfin 0.1.0").
  public init(results: [ScenarioResult], sources: [String: DataSource], generator: String) {
    var labels: [String] = []
    for result in results {
      for series in result.series where !labels.contains(series.label) {
        labels.append(series.label)
      }
    }
    let fanCharts = labels.map { label in
      HTMLReport.fanChart(label: label, results: results)
    }
    let valued: Valued = results.enumerated().compactMap { index, result in
      result.valuation.map { (index: index, name: result.scenario.name, valuation: $0) }
    }
    let currency = valued.first?.valuation.result.currency ?? ""
    var tornado: TornadoChart?
    if let baseline = valued.first {
      tornado = TornadoChart(
        title: "\(baseline.name): sensitivity of the deterministic value",
        base: baseline.valuation.tornado.baseValue,
        bars: baseline.valuation.tornado.rows.map {
          TornadoChart.Bar(
            label: "\($0.driver.replacingOccurrences(of: "_", with: " ")): "
              + "\($0.lowSetting) / \($0.highSetting)", low: $0.lowValue,
            high: $0.highValue)
        }, currency: currency)
    }
    let used = Set(results.flatMap { $0.series.flatMap(\.sources) })
    let cited = used.sorted().map { id in
      sources[id] ?? DataSource(id: id, title: "not described in sources.csv", address: "")
    }
    var notes = [
      "Made by \(generator). Scenarios: " + results.map(\.scenario.name).joined(separator: ", ")
        + "; the first is the baseline of every change in percent."
    ]
    // The seeds and settings that reproduce the figures, once per distinct set.
    let settings = ScenarioResult.grouped(
      results.compactMap { result in result.reproduction.map { (result.scenario.name, $0) } })
    if !settings.isEmpty {
      notes.append(
        "Reproducible from the same files: "
          + settings.map { "\($0.text) (\($0.scenarios.joined(separator: ", ")))" }
          .joined(separator: "; ") + ".")
    }
    self.init(
      title: "ipfin scenarios: " + results.map(\.scenario.name).joined(separator: ", "),
      generator: generator, notes: notes, summary: ReportTable.summary(results),
      lendingChart: valued.isEmpty ? nil : HTMLReport.lendingChart(valued),
      valueChart: valued.isEmpty ? nil : HTMLReport.valueChart(valued),
      lossChart: HTMLReport.lossChart(valued),
      fanCharts: fanCharts, tornado: tornado, table: ReportTable.figures(results),
      sources: cited)
  }

  /// The scenarios with a valuation: position among all scenarios, name, valuation.
  typealias Valued = [(index: Int, name: String, valuation: ScenarioResult.Valuation)]

  /// The collateral value, lending value and loan of each valued scenario.
  static func lendingChart(_ valued: Valued) -> LendingChart {
    let rows = valued.map { entry in
      let report = entry.valuation.report
      return LendingChart.Row(
        name: entry.name, colorIndex: entry.index,
        collateralValue: report.value(named: "collateral_value") ?? .nan,
        lendingValue: report.value(named: "lending_value") ?? .nan,
        loan: report.value(named: "loan_amount") ?? .nan)
    }
    return LendingChart(
      title: "Lending value against the loan",
      rows: merged(rows.map { ($0.name, $0) }) { $0.hasSameValues(as: $1) }.map {
        var row = $0.item
        row.name = $0.name
        return row
      }, currency: valued.first?.valuation.result.currency ?? "")
  }

  /// The distribution of each valued scenario's risk values, with its mean, collateral value,
  /// lending value and loan marked.
  static func valueChart(_ valued: Valued) -> DistributionChart {
    let horizons = Set(valued.map { $0.valuation.result.assumptions.horizonYears })
    let oneHorizon = horizons.count == 1 ? horizons.first : nil
    var rows: [DistributionChart.Row] = []
    for entry in valued {
      let report = entry.valuation.report
      let result = entry.valuation.result
      var markers: [DistributionChart.Marker] = []
      for (name, label, color, dash) in [
        (
          result.horizonValues == nil ? "market_value_mean" : "horizon_value_mean", "mean",
          "#555555", "2 3"
        ),
        ("collateral_value", "collateral value*", "#009E73", nil),
        ("lending_value", "lending value*", "#D55E00", nil),
        ("loan_amount", "loan", "#000000", "6 4"),
      ] {
        if let value = report.value(named: name) {
          markers.append(.init(label: label, value: value, color: color, dash: dash))
        }
      }
      var name = entry.name
      if oneHorizon == nil { name += " (\(horizonText(result.assumptions.horizonYears)))" }
      rows.append(
        DistributionChart.Row(
          name: name, colorIndex: entry.index, values: result.riskValues, markers: markers))
    }
    let title: String
    let axisLabel: String
    switch oneHorizon {
    case .some(.some(let years)):
      title = "Portfolio value at the \(years)-year horizon (P_H), by scenario"
      axisLabel = "horizon value P_H, discounted to the valuation date"
    case .some(.none):
      title = "Whole-life portfolio value (P), by scenario"
      axisLabel = "whole-life portfolio value P"
    case .none:
      title = "Portfolio value at each scenario's risk horizon, by scenario"
      axisLabel = "portfolio value at the risk horizon, discounted to the valuation date"
    }
    return DistributionChart(
      title: title, axisLabel: axisLabel,
      axis: .amount(currency: valued.first?.valuation.result.currency ?? ""),
      rows: mergedRows(rows),
      notes: [
        "P_H, the horizon value of a path, is what a holder of the portfolio has at the end of "
          + "the horizon: the royalties to then and the value of the rights still held, "
          + "discounted to the valuation date. The risk figures (value at risk, collateral "
          + "value, lending value) are measured on it; with the horizon 'life' on the "
          + "whole-life value P.",
        "* The collateral value is the collateral quantile of the value drawn times (1 - orderly "
          + "discount); the lending value is that quantile of the loan-to-value-weighted, "
          + "orderly value of the rights eligible for the loan. Both are quantiles of other "
          + "quantities than the one drawn: they are marked here on the same scale, not read "
          + "off these bars.",
      ])
  }

  /// The distribution of the loss given default over each scenario's defaulting paths, the
  /// defaults without a loss counted in the heading; `nil` when no scenario has a probability
  /// of default.
  static func lossChart(_ valued: Valued) -> DistributionChart? {
    var rows: [DistributionChart.Row] = []
    for entry in valued {
      guard let losses = entry.valuation.report.losses else { continue }
      let report = entry.valuation.report
      let currency = entry.valuation.result.currency
      func figure(_ name: String) -> Double { report.value(named: name) ?? .nan }
      let lgd = losses.lossGivenDefault
      let withLoss = lgd.filter { $0 > 0 }
      var note = "defaults: \(ChartText.percent(figure("default_probability"))) of paths"
      if !lgd.isEmpty {
        note +=
          ", \(ChartText.percent(Double(lgd.count - withLoss.count) / Double(lgd.count))) "
          + "of them without loss"
      }
      note +=
        " · ECL \(ChartText.money(figure("expected_credit_loss"), currency: currency)) "
        + "(\(ChartText.percent(figure("expected_credit_loss_rate"))) of the loan)"
        + " · 99% UL \(ChartText.money(figure("unexpected_loss99"), currency: currency))"
      rows.append(
        DistributionChart.Row(
          name: entry.name, colorIndex: entry.index, values: withLoss, total: lgd.count,
          markers: [
            .init(label: "mean LGD", value: figure("lgd_mean"), color: "#000000"),
            .init(
              label: "LGD 90% quantile", value: figure("lgd_p90"), color: "#000000", dash: "5 3"),
          ], note: note))
    }
    guard !rows.isEmpty else { return nil }
    return DistributionChart(
      title: "Loss given default over the paths on which the borrower defaults, by scenario",
      axisLabel: "loss given default: loss / exposure at default", axis: .ratio,
      rows: mergedRows(rows),
      notes: [
        "On a path whose borrower defaults within the tenor, the collateral is sold over the "
          + "time to sell; the loss is what the proceeds, net of the orderly discount and the "
          + "sale cost, leave unpaid of the exposure at default. The bars show the defaults "
          + "with a loss, as a share of all defaults; those without loss are counted in the "
          + "heading.",
        "ECL, the expected credit loss, is the mean over all paths of the loss discounted at the "
          + "loan rate (0 without default); the 99% UL, unexpected loss, is the 99% quantile of "
          + "that discounted loss minus the ECL.",
      ], binCount: 40)
  }

  /// `rows` with rows of the same values, total, markers and note merged.
  private static func mergedRows(_ rows: [DistributionChart.Row]) -> [DistributionChart.Row] {
    let same = { (first: DistributionChart.Row, second: DistributionChart.Row) -> Bool in
      var renamed = second
      renamed.name = first.name
      renamed.colorIndex = first.colorIndex
      return renamed == first
    }
    return merged(rows.map { ($0.name, $0) }, same: same).map {
      var row = $0.item
      row.name = $0.name
      return row
    }
  }

  /// "1-year horizon" or "whole life".
  private static func horizonText(_ years: Int?) -> String {
    years.map { "\($0)-year horizon" } ?? "whole life"
  }

  /// The fan chart of the series labelled `label` across `results`.
  static func fanChart(label: String, results: [ScenarioResult]) -> FanChart {
    var observed: [(year: Int, value: Double)] = []
    var title = label
    var noun = "applications"
    var series: [FanChart.Series] = []
    for (index, result) in results.enumerated() {
      guard let entry = result.series.first(where: { $0.label == label }) else { continue }
      let projection = entry.projection
      if series.isEmpty {
        observed = projection.points.map { (year: $0.year, value: $0.value) }
        noun = projection.unit
        title = seriesTitle(projection)
      }
      let points = (entry.selectedRows ?? []).filter { $0.kind == .projected }.map {
        FanChart.Point(
          year: $0.year, median: $0.value, low80: $0.lo80 ?? .nan, high80: $0.hi80 ?? .nan,
          low95: $0.lo95 ?? .nan, high95: $0.hi95 ?? .nan)
      }
      series.append(
        FanChart.Series(
          name: result.scenario.name, colorIndex: index, points: points,
          model: projection.modelChoice))
    }
    // A scenario that projects this series exactly as an earlier one (it changes other
    // things) joins that one's legend entry instead of drawing the same band again.
    let distinct = merged(series.map { ($0.name, $0) }) { first, second in
      first.model == second.model && samePoints(first.points, second.points)
    }.map {
      var entry = $0.item
      entry.name = $0.name
      return entry
    }
    return FanChart(title: title, observed: observed, series: distinct, noun: noun)
  }

  /// The title of a projected series: "VN invention applications filed (resident)".
  static func seriesTitle(_ projection: SeriesProjection) -> String {
    let key = projection.key
    return "\(key.office) \(key.right.replacingOccurrences(of: "_", with: " ")) "
      + "\(projection.unit) \(key.measure)" + (key.scope == "all" ? "" : " (\(key.scope))")
  }

  /// Named items with those that are the `same` as an earlier one folded into it: each kept
  /// item named `"first (= second, third)"` when others joined it, in order of first
  /// appearance.
  static func merged<Item>(
    _ items: [(name: String, item: Item)], same: (Item, Item) -> Bool
  ) -> [(name: String, item: Item)] {
    var kept: [(name: String, item: Item, sharers: [String])] = []
    for (name, item) in items {
      if let index = kept.firstIndex(where: { same($0.item, item) }) {
        kept[index].sharers.append(name)
      } else {
        kept.append((name, item, []))
      }
    }
    return kept.map { entry in
      (
        entry.sharers.isEmpty
          ? entry.name : "\(entry.name) (= \(entry.sharers.joined(separator: ", ")))",
        entry.item
      )
    }
  }

  /// Whether two projections are the same year by year (an empty band equals an empty band).
  static func samePoints(_ first: [FanChart.Point], _ second: [FanChart.Point]) -> Bool {
    func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
    return first.count == second.count
      && zip(first, second).allSatisfy { a, b in
        a.year == b.year && same(a.median, b.median) && same(a.low80, b.low80)
          && same(a.high80, b.high80) && same(a.low95, b.low95) && same(a.high95, b.high95)
      }
  }
}
