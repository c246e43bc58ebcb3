// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// The rows of `ipfin project --fits FILE`, one per model tried.
///
/// Columns (with the default levels): `office,right,measure,scope,model,status,n_obs,n_params,
/// parameters,sigma,log_likelihood,aicc,bic,backtest_mape,backtest_coverage80,
/// backtest_coverage95,selected`. `parameters` is `name=value;...` (fixed values such as `t0`
/// included); `status` is `ok`, `failed: <reason>`, `skipped: <reason>` or `not fitted`;
/// `selected` is `true` or `false`; statistics a model does not have are empty.
public enum FitTable {
  /// The header with the default levels.
  public static let header = header(levels: ProjectionRequest.defaultLevels)

  /// The header for `levels`.
  public static func header(levels: [Double]) -> [String] {
    [
      "office", "right", "measure", "scope", "model", "status", "n_obs", "n_params", "parameters",
      "sigma", "log_likelihood", "aicc", "bic", "backtest_mape",
    ] + levels.map { "backtest_coverage\(ProjectionTable.percent($0))" } + ["selected"]
  }

  /// The rows of every model tried for `projection`.
  public static func rows(_ projection: SeriesProjection) -> [[String]] {
    let key = projection.key
    return projection.fits.map { fit in
      let coverage = projection.levels.indices.map { index -> String in
        guard let values = fit.backtest?.coverage, index < values.count else { return "" }
        return NumberFormatting.exact(values[index])
      }
      return [
        key.office, key.right, key.measure, key.scope, fit.model.rawValue, fit.status.description,
        String(fit.observationCount), String(fit.parameterCount), parameterText(fit.parameters),
        optional(fit.sigma), optional(fit.logLikelihood), optional(fit.aicc), optional(fit.bic),
        optional(fit.backtest?.meanAbsolutePercentageError),
      ] + coverage + [fit.selected ? "true" : "false"]
    }
  }

  /// The CSV text of the fits of several projections made with the same levels.
  public static func csv(_ projections: [SeriesProjection]) -> String {
    ProjectionTable.csvText(projections, header: header(levels:), rows: rows)
  }

  /// `name=value;...`.
  public static func parameterText(_ parameters: [ModelParameter]) -> String {
    parameters.map { "\($0.name)=\(NumberFormatting.exact($0.value))" }.joined(separator: ";")
  }

  private static func optional(_ value: Double?) -> String {
    value.map(NumberFormatting.exact) ?? ""
  }
}
