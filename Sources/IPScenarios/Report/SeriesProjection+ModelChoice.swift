// SPDX-License-Identifier: GPL-3.0-or-later

import IPStatistics

extension SeriesProjection {
  /// The model projected and how it was chosen, as the report shows it: "damped-trend, smallest
  /// AICc of 6 fitted", "drift, smallest backtest MAPE of 5 fitted", "constant-growth, named in
  /// the scenario" (the only model tried), or "no model projected".
  var modelChoice: String {
    guard let model = selectedModel else { return "no model projected" }
    guard fits.count > 1 else { return "\(model), named in the scenario" }
    let fitted = fits.filter { $0.status == .fitted }.count
    let rule = selection == .aicc ? "smallest AICc" : "smallest backtest MAPE"
    return "\(model), \(rule) of \(fitted) fitted"
  }
}
