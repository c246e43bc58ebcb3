// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPValuation

extension ReportTable {
  /// The figures a lender asks for first, per scenario, as the library computed them:
  ///
  /// 1. **Lending**: the loan and its tenor, the lending value, the lending value as a share of
  ///    the loan (flagged below 100%), the collateral value, and the forced-sale coverage (the
  ///    share of paths on which a forced sale of the portfolio repays the loan);
  /// 2. **If the borrower defaults** (with a probability of default): the probability of default
  ///    within the tenor, the mean collateral at default, the mean loss given default, the
  ///    expected credit loss, alone and as a share of the loan, and the 99% unexpected loss;
  /// 3. **Filings**: each projected series' median in its final year with the 95% band.
  ///
  /// A section the scenarios give no figure for is left out.
  public static func summary(_ results: [ScenarioResult]) -> ReportTable {
    let currency = results.compactMap { $0.valuation?.result.currency }.first ?? ""
    func values(_ metric: String) -> [Double] {
      results.map { $0.valuation?.report.value(named: metric) ?? .nan }
    }
    func row(_ metric: String) -> Row {
      metricRow(metricName(metric), metric: metric, values(metric), currency: currency)
    }
    func present(_ metric: String) -> Bool { values(metric).contains { !$0.isNaN } }

    var lending: [Row] = []
    if results.contains(where: { $0.valuation != nil }) {
      let hasLoan = present("loan_amount")
      if hasLoan { lending += [row("loan_amount"), row("tenor_years")] }
      lending.append(row("lending_value"))
      if hasLoan {
        let shares = zip(values("lending_value"), values("loan_amount")).map { $0 / $1 }
        lending.append(
          Row(
            label: "Lending value / loan (%)", values: shares,
            cells: shares.map { CollateralReport.Metric.Kind.ratio.formatted($0) },
            flagged: shares.map { $0 < 1 }))
      }
      lending.append(row("collateral_value"))
      if hasLoan { lending.append(row("coverage_forced")) }
    }
    var atDefault: [Row] = []
    if present("default_probability") {
      atDefault = [
        "default_probability", "collateral_at_default_mean", "lgd_mean",
        "expected_credit_loss", "expected_credit_loss_rate", "unexpected_loss99",
      ].map(row)
    }
    return ReportTable(
      scenarios: results.map(\.scenario.name),
      sections: [
        Section(heading: "Lending", rows: lending),
        Section(heading: "If the borrower defaults", rows: atDefault),
        Section(heading: "Projected filings: median (95% band)", rows: filings(results)),
      ])
  }

  /// Per projected series (in order of first appearance), its median in its final year in each
  /// scenario ("26,171"), with the 95% band under it ("22,272 to 31,427", or "no band").
  private static func filings(_ results: [ScenarioResult]) -> [Row] {
    var labels: [String] = []
    var titles: [String: String] = [:]
    for entry in results.flatMap(\.series) where titles[entry.label] == nil {
      labels.append(entry.label)
      titles[entry.label] = HTMLReport.seriesTitle(entry.projection)
    }
    let summaries = results.map(\.summary)
    func number(_ value: Double) -> String {
      NumberFormatting.fixed(value, digits: 0, grouped: true)
    }
    return labels.map { label in
      let series = summaries.map { $0.series.first { $0.right == label } }
      let years = series.compactMap { $0?.finalYear }
      // The year most scenarios end in names the row; a scenario ending elsewhere says so.
      let year = years.max { a, b in
        years.filter { $0 == a }.count < years.filter { $0 == b }.count
      }
      var medians: [Double] = []
      var cells: [String] = []
      var bands: [String] = []
      for entry in series {
        guard let entry, let point = entry.points[entry.finalYear] else {
          medians.append(.nan)
          cells.append("")
          bands.append("")
          continue
        }
        medians.append(point.value)
        cells.append(
          number(point.value) + (entry.finalYear == year ? "" : " in \(entry.finalYear)"))
        bands.append(
          point.low95.isFinite && point.high95.isFinite
            ? "\(number(point.low95)) to \(number(point.high95))" : "no band")
      }
      let title = titles[label] ?? label
      return Row(
        label: year.map { "\(title), \($0)" } ?? title, values: medians, cells: cells,
        details: bands)
    }
  }
}
