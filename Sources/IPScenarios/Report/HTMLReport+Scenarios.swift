// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPStatistics

extension HTMLReport {
  /// The report of run scenarios, the first being the baseline:
  ///
  /// - one fan chart per projected series (by label, in order of first appearance): the
  ///   observed points the first scenario projecting it used, and each scenario's median with
  ///   its 80% and 95% bands (selected model; a model without intervals draws its median only);
  /// - one histogram of the simulated portfolio value per scenario with a valuation, marking
  ///   the collateral value, the lending value and the loan;
  /// - the tornado chart of the first scenario with a valuation;
  /// - the comparison table, and the sources of every observed point used.
  ///
  /// - Parameters:
  ///   - results: the scenarios' results, baseline first.
  ///   - sources: the known sources by id (``DataSource/bundled()``); an id not among them is
  ///     listed as not described. Every source of the observed points and analogs the
  ///     projections used is cited.
  public init(results: [ScenarioResult], sources: [String: DataSource]) {
    var labels: [String] = []
    for result in results {
      for series in result.series where !labels.contains(series.label) {
        labels.append(series.label)
      }
    }
    let fanCharts = labels.map { label in
      HTMLReport.fanChart(label: label, results: results)
    }
    var histograms: [HistogramChart] = []
    for result in results {
      guard let valuation = result.valuation else { continue }
      let report = valuation.report
      var markers: [HistogramChart.Marker] = []
      for (name, label, color, dash) in [
        ("market_value_mean", "mean market value", "#555555", "2 3"),
        ("collateral_value", "collateral value", "#009E73", nil),
        ("lending_value", "lending value", "#D55E00", nil),
        ("loan_amount", "loan", "#000000", "6 4"),
      ] {
        if let value = report.value(named: name) {
          markers.append(.init(label: label, value: value, color: color, dash: dash))
        }
      }
      histograms.append(
        HistogramChart(
          title: "\(result.scenario.name): simulated portfolio value",
          values: valuation.result.portfolioValues, markers: markers,
          currency: valuation.result.currency, upperQuantile: 0.995))
    }
    var tornado: TornadoChart?
    if let baseline = results.first(where: { $0.valuation != nil }),
      let valuation = baseline.valuation
    {
      tornado = TornadoChart(
        title: "\(baseline.scenario.name): sensitivity of the deterministic value",
        base: valuation.tornado.baseValue,
        bars: valuation.tornado.rows.map {
          TornadoChart.Bar(
            label: "\($0.driver.replacingOccurrences(of: "_", with: " ")): "
              + "\($0.lowSetting) / \($0.highSetting)", low: $0.lowValue,
            high: $0.highValue)
        }, currency: valuation.result.currency)
    }
    let used = Set(results.flatMap { $0.series.flatMap(\.sources) })
    let cited = used.sorted().map { id in
      sources[id] ?? DataSource(id: id, title: "not described in sources.csv", address: "")
    }
    var notes = [
      "Scenarios: " + results.map(\.scenario.name).joined(separator: ", ")
        + ". The first is the baseline of every change in percent."
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
      notes: notes, fanCharts: fanCharts, histograms: histograms, tornado: tornado,
      comparison: Comparison(results.map(\.summary)), sources: cited)
  }

  /// The fan chart of the series labelled `label` across `results`.
  static func fanChart(label: String, results: [ScenarioResult]) -> FanChart {
    var observed: [(year: Int, value: Double)] = []
    var title = label
    var noun = "applications"
    var series: [FanChart.Series] = []
    // Per series, the scenarios that project it exactly alike and share its legend entry.
    var sharers: [[String]] = []
    for (index, result) in results.enumerated() {
      guard let entry = result.series.first(where: { $0.label == label }) else { continue }
      let projection = entry.projection
      if series.isEmpty {
        observed = projection.points.map { (year: $0.year, value: $0.value) }
        let key = projection.key
        noun = projection.unit
        title =
          "\(key.office) \(key.right.replacingOccurrences(of: "_", with: " ")) "
          + "\(projection.unit) \(key.measure)" + (key.scope == "all" ? "" : " (\(key.scope))")
      }
      let points = (entry.selectedRows ?? []).filter { $0.kind == .projected }.map {
        FanChart.Point(
          year: $0.year, median: $0.value, low80: $0.lo80 ?? .nan, high80: $0.hi80 ?? .nan,
          low95: $0.lo95 ?? .nan, high95: $0.hi95 ?? .nan)
      }
      // A scenario that projects this series exactly as an earlier one (it changes other
      // things) joins that one's legend entry instead of drawing the same band again.
      if let same = series.firstIndex(where: { samePoints($0.points, points) }) {
        sharers[same].append(result.scenario.name)
        continue
      }
      series.append(FanChart.Series(name: result.scenario.name, colorIndex: index, points: points))
      sharers.append([])
    }
    for index in series.indices where !sharers[index].isEmpty {
      series[index].name += " (= \(sharers[index].joined(separator: ", ")))"
    }
    return FanChart(title: title, observed: observed, series: series, noun: noun)
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
