// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPValuation

extension ReportTable {
  /// The names in words of the valuation's metrics (``CollateralReport``); the table adds the
  /// unit. A metric not listed is named by its snake_case name with spaces.
  static let metricNames = [
    "deterministic_value": "Deterministic value",
    "market_value_mean": "Market value, mean",
    "market_value_mean_se": "Market value, standard error of the mean",
    "market_value_sd": "Market value, standard deviation",
    "market_value_p05": "Market value, 5% quantile",
    "market_value_p50": "Market value, median",
    "market_value_p95": "Market value, 95% quantile",
    "orderly_liquidation_value": "Orderly liquidation value",
    "forced_liquidation_value": "Forced liquidation value",
    "horizon_years": "Risk horizon",
    "horizon_value_mean": "Horizon value, mean",
    "collateral_value": "Collateral value",
    "lending_value": "Lending value",
    "var95": "Value at risk, 95%",
    "es95": "Expected shortfall, 95%",
    "var99": "Value at risk, 99%",
    "es99": "Expected shortfall, 99%",
    "hhi": "Concentration (Herfindahl index)",
    "loan_amount": "Loan",
    "tenor_years": "Tenor",
    "coverage_orderly": "Orderly-sale coverage of the loan",
    "coverage_forced": "Forced-sale coverage of the loan",
    "default_probability": "Probability of default within the tenor",
    "collateral_at_default_mean": "Collateral at default, mean",
    "collateral_at_default_p10": "Collateral at default, 10% quantile",
    "lgd_mean": "Loss given default, mean",
    "lgd_p90": "Loss given default, 90% quantile",
    "expected_credit_loss": "Expected credit loss",
    "expected_credit_loss_rate": "Expected credit loss / loan",
    "expected_credit_loss_12m": "Expected credit loss, 12 months",
    "unexpected_loss99": "Unexpected loss, 99%",
  ]

  /// The name in words of the metric `name`.
  static func metricName(_ name: String) -> String {
    metricNames[name] ?? name.replacingOccurrences(of: "_", with: " ")
  }

  /// Every figure of the comparison of `results` (``Comparison``, the first result being the
  /// baseline), named in words with units: the scenarios' descriptions; per projected series the
  /// model of each scenario and its projection (medians, 95% bands and growth); the valuation's
  /// figures; the loan's; and the changes against the baseline.
  public static func figures(_ results: [ScenarioResult]) -> ReportTable {
    let comparison = Comparison(results.map(\.summary))
    let currency = results.compactMap { $0.valuation?.result.currency }.first ?? ""
    // The series' labels, longest first so that `invention_resident` wins over `invention`.
    var titles: [String: String] = [:]
    for entry in results.flatMap(\.series) where titles[entry.label] == nil {
      titles[entry.label] = HTMLReport.seriesTitle(entry.projection)
    }
    let labels = titles.keys.sorted { $0.count > $1.count }

    /// The series label and the rest of a series column's name (`2035_lo95`, `cagr`).
    func seriesPart(_ column: String) -> (label: String, rest: String)? {
      for label in labels where column.hasPrefix(label + "_") {
        return (label, String(column.dropFirst(label.count + 1)))
      }
      return nil
    }
    /// The name in words of a series column (without a unit: the title names the unit).
    func seriesName(_ label: String, _ rest: String) -> String {
      let title = titles[label] ?? label
      if rest == "cagr" { return "\(title): annual growth of the median" }
      let parts = rest.split(separator: "_")
      let year = parts.first.map(String.init) ?? rest
      switch parts.count > 1 ? String(parts[1]) : "" {
      case "lo95": return "\(title), \(year): 95% band, low"
      case "hi95": return "\(title), \(year): 95% band, high"
      default: return "\(title), \(year): median"
      }
    }

    var sections: [Section] = [
      Section(
        heading: "Scenarios",
        rows: [textRow("Description", comparison.rows.map { $0[1].csv })])
    ]
    var filings: [Row] = []
    var modelsShown: Set<String> = []
    var valuation: [Row] = []
    var loan: [Row] = []
    var changes: [Row] = []
    for (index, column) in comparison.columns.enumerated().dropFirst(2) {
      let values = comparison.rows.map { $0[index].number }
      if column.hasSuffix("_vs_baseline_pct") {
        let base = String(column.dropLast("_vs_baseline_pct".count))
        let name = seriesPart(base).map { seriesName($0.label, $0.rest) } ?? metricName(base)
        changes.append(
          Row(
            label: "\(name): change against the baseline (%)", values: values,
            cells: values.map { Comparison.display($0, column: column) }))
      } else if let (label, rest) = seriesPart(column) {
        if !modelsShown.contains(label) {
          modelsShown.insert(label)
          filings.append(
            textRow(
              "\(titles[label] ?? label): model",
              results.map { result in
                result.series.first { $0.label == label }?.projection.modelChoice ?? ""
              }))
        }
        let name = seriesName(label, rest)
        filings.append(
          rest == "cagr"
            ? Row(
              label: "\(name) (%)", values: values,
              cells: values.map { CollateralReport.Metric.Kind.ratio.formatted($0) })
            : Row(
              label: name, values: values,
              cells: values.map { NumberFormatting.fixed($0, digits: 0, grouped: true) }))
      } else {
        let row = metricRow(metricName(column), metric: column, values, currency: currency)
        if column == "loan_amount" || !loan.isEmpty {
          loan.append(row)
        } else {
          valuation.append(row)
        }
      }
    }
    sections += [
      Section(heading: "Projected filings", rows: filings),
      Section(heading: "Portfolio value", rows: valuation),
      Section(heading: "Loan and losses at default", rows: loan),
      Section(
        heading: "Change against the baseline (\(comparison.rows.first?[0].csv ?? ""))",
        rows: changes),
    ]
    return ReportTable(scenarios: comparison.rows.map { $0[0].csv }, sections: sections)
  }
}
