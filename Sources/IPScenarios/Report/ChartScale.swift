// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// A linear axis scale from data values to pixels, with "nice" ticks (1, 2 or 5 times a power
/// of ten, Heckbert's method) that cover the data range.
struct ChartScale {
  /// The data range after rounding out to ticks.
  let lower: Double
  let upper: Double
  /// The pixel range `lower` and `upper` map to.
  let start: Double
  let end: Double
  /// The tick values, from `lower` to `upper`.
  let ticks: [Double]

  /// A scale covering `minimum...maximum` with about `tickCount` ticks, mapped to
  /// `start...end` pixels, the range widened to whole ticks.
  init(minimum: Double, maximum: Double, start: Double, end: Double, tickCount: Int = 6) {
    var low = minimum.isFinite ? minimum : 0
    var high = maximum.isFinite ? maximum : 1
    if high <= low {
      let pad = low == 0 ? 1 : abs(low) * 0.1
      low -= pad
      high += pad
    }
    let step = ChartScale.niceStep((high - low) / Double(max(tickCount - 1, 1)))
    low = (low / step).rounded(.down) * step
    high = (high / step).rounded(.up) * step
    var ticks: [Double] = []
    var tick = (low / step).rounded(.up) * step
    while tick <= high + step * 1e-9 {
      ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
      tick += step
    }
    self.lower = low
    self.upper = high
    self.start = start
    self.end = end
    self.ticks = ticks
  }

  /// The pixel position of `value`.
  func position(_ value: Double) -> Double {
    start + (value - lower) / (upper - lower) * (end - start)
  }

  /// The tick spacing.
  var step: Double { ticks.count >= 2 ? ticks[1] - ticks[0] : upper - lower }

  /// 1, 2 or 5 times a power of ten, at least `rough`.
  static func niceStep(_ rough: Double) -> Double {
    guard rough > 0, rough.isFinite else { return 1 }
    let power = pow(10, (log10(rough)).rounded(.down))
    let fraction = rough / power
    let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    return nice * power
  }

  /// A tick label: `value` divided by `divisor`, with as many decimals as the step needs and
  /// thousands separators.
  func label(_ value: Double, divisor: Double = 1) -> String {
    let scaledStep = step / divisor
    let decimals = scaledStep >= 1 ? 0 : Int(min(6, (-log10(scaledStep)).rounded(.up)))
    return NumberFormatting.fixed(value / divisor, digits: decimals, grouped: true)
  }
}

/// Colours for scenarios: Okabe and Ito's palette, distinguishable with colour-vision
/// deficiencies, in a fixed order so a scenario keeps its colour across charts.
enum ChartPalette {
  static let colors = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F", "#000000",
  ]

  /// The colour of the scenario at `index`.
  static func color(_ index: Int) -> String { colors[index % colors.count] }
}
