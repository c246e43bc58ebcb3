// SPDX-License-Identifier: GPL-3.0-or-later

import IPStatistics

extension SeriesProjection {
  /// The model projected and how it was chosen, as the report shows it: the projection's own
  /// ``SeriesProjection/selectionNote`` without its leading `selected: ` or `model: `, so that
  /// the report and `ipfin project` say it in the same words ("exponential (smallest AICc among
  /// 5 fitted models)", "discounted-drift (the default)", "constant-growth (named)"); "no model
  /// projected" when none was.
  var modelChoice: String {
    guard selectedModel != nil else { return "no model projected" }
    for prefix in ["selected: ", "model: "] where selectionNote.hasPrefix(prefix) {
      return String(selectionNote.dropFirst(prefix.count))
    }
    return selectionNote
  }
}
