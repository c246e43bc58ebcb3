// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

extension ProjectionTable {
  /// The projections as aligned text for a terminal (`--format table`): per series a heading,
  /// the fits of every model tried (with the reasons of failed and skipped models below them),
  /// then the same rows as the CSV, with the selected model marked `*`. Values are rounded
  /// (whole numbers with thousands separators when the series' values reach 100, two decimals
  /// otherwise), and the backtest's MAPE and coverages are percentages with two decimals
  /// (``NumberFormatting/percent(_:)``); the CSV has them exactly, as fractions.
  public static func text(_ projections: [SeriesProjection]) -> String {
    projections.map(text).joined(separator: "\n")
  }

  private static func text(_ projection: SeriesProjection) -> String {
    let years = projection.points.map(\.year)
    let digits = (projection.points.map(\.value).max() ?? 0) >= 100 ? 0 : 2
    func number(_ value: Double?) -> String {
      value.map { NumberFormatting.fixed($0, digits: digits, grouped: true) } ?? ""
    }
    func statistic(_ value: Double?, _ digits: Int) -> String {
      value.map { NumberFormatting.fixed($0, digits: digits) } ?? ""
    }
    func marked(_ model: GrowthModel) -> String {
      model == projection.selectedModel ? "\(model)*" : model.rawValue
    }

    var text = "\(projection.key) (\(projection.unit)): \(years.count) points, "
    text += "\(YearList.describe(years))\n"
    text += "\(projection.selectionNote); "
    if projection.hasIntervals {
      text += "\(projection.simulations) simulated paths, seed \(projection.seed), "
    }
    text += "\(projection.errorScale) errors\n"
    text += "\n"

    let backtested = projection.fits.contains { $0.backtest != nil }
    var fits = TextTable(
      header: ["model", "status", "n_obs", "n_params", "sigma", "log_likelihood", "aicc", "bic"]
        + (backtested
          ? ["backtest_mape"] + projection.levels.map { "coverage\(percent($0))" } : [])
        + ["parameters"])
    for fit in projection.fits {
      var cells = [
        marked(fit.model), fit.status.label, String(fit.observationCount),
        String(fit.parameterCount), statistic(fit.sigma, 4), statistic(fit.logLikelihood, 2),
        statistic(fit.aicc, 2), statistic(fit.bic, 2),
      ]
      if backtested {
        // Ratios as percentages with two decimals, as every command shows them.
        cells.append(
          fit.backtest.map { NumberFormatting.percent($0.meanAbsolutePercentageError) } ?? "")
        cells += projection.levels.indices.map { index in
          guard let coverage = fit.backtest?.coverage, index < coverage.count else { return "" }
          return NumberFormatting.percent(coverage[index])
        }
      }
      let parameters = fit.parameters.map { "\($0.name)=\(format($0.value))" }
      fits.appendRow(cells + [parameters.joined(separator: " ")])
    }
    text += fits.rendered
    for fit in projection.fits {
      switch fit.status {
      case .failed(let reason), .skipped(let reason):
        text += "\(fit.model) \(fit.status.label): \(reason)\n"
      case .fitted, .notFitted: break
      }
    }
    text += "\n"

    var rows = TextTable(
      header: ["model", "year", "kind", "value"]
        + projection.levels.flatMap { ["lo\(percent($0))", "hi\(percent($0))"] })
    for model in projection.projections {
      for row in model.rows {
        rows.appendRow(
          [marked(model.model), String(row.year), row.kind.rawValue, number(row.value)]
            + projection.levels.flatMap { level in
              [number(row.interval(level)?.lower), number(row.interval(level)?.upper)]
            })
      }
    }
    return text + rows.rendered
  }

  /// A parameter to six significant digits.
  private static func format(_ value: Double) -> String {
    var text = String(format: "%.6g", value)
    if text.contains("e") { return text }
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }
}
