// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// An axis scale from data values to pixels: linear with "nice" ticks (1, 2 or 5 times a power
/// of ten, Heckbert's method) that cover the data range, or logarithmic.
struct ChartScale {
  /// The data range (for a linear scale, after rounding out to ticks).
  let lower: Double
  let upper: Double
  /// The pixel range `lower` and `upper` map to.
  let start: Double
  let end: Double
  /// The tick values, from `lower` to `upper`.
  let ticks: [Double]
  /// Whether positions follow `log10` of the value.
  let isLogarithmic: Bool
  /// The spacing of a logarithmic scale's ticks when they are evenly spaced (a range within a
  /// decade), which decides their labels' decimals.
  private let tickStep: Double?

  /// A linear scale covering `minimum...maximum` with about `tickCount` ticks, mapped to
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
    self.isLogarithmic = false
    self.tickStep = nil
  }

  /// A logarithmic scale from `minimum` to `maximum` (both above 0; the range is kept as given,
  /// not rounded out), mapped to `start...end` pixels, so that equal ratios take equal
  /// distances: `position(v) = start + (log v - log lower) / (log upper - log lower) (end -
  /// start)`. Ticks are the values `m 10^k` inside the range, `m` in {1, 2, 5}, or only
  /// `m = 1` beyond three decades, or, within one decade, evenly spaced nice values (as a linear
  /// scale's); a range without two ticks inside gets its two ends as ticks.
  init(logarithmicFrom minimum: Double, to maximum: Double, start: Double, end: Double) {
    var low = minimum.isFinite && minimum > 0 ? minimum : 1
    var high = maximum.isFinite && maximum > low ? maximum : low * 10
    if high / low < 1.5 {
      low /= 1.25
      high *= 1.25
    }
    var ticks: [Double] = []
    var tickStep: Double?
    if log10(high / low) < 1 {
      // Within a decade, 1-2-5 ticks are too sparse: evenly spaced nice values instead.
      let step = ChartScale.niceStep((high - low) / 5)
      var tick = (low / step).rounded(.up) * step
      while tick <= high {
        ticks.append(tick)
        tick += step
      }
      tickStep = step
    } else {
      let multiples: [Double] = log10(high / low) > 3 ? [1] : [1, 2, 5]
      var power = pow(10, log10(low).rounded(.down))
      while power <= high {
        for multiple in multiples where (low...high).contains(multiple * power) {
          ticks.append(multiple * power)
        }
        power *= 10
      }
    }
    if ticks.count < 2 {
      ticks = [low, high]
      tickStep = nil
    }
    self.lower = low
    self.upper = high
    self.start = start
    self.end = end
    self.ticks = ticks
    self.isLogarithmic = true
    self.tickStep = tickStep
  }

  /// The pixel position of `value` (for a logarithmic scale, `value` at most 0 goes to the
  /// lower end).
  func position(_ value: Double) -> Double {
    guard isLogarithmic else {
      return start + (value - lower) / (upper - lower) * (end - start)
    }
    let clamped = max(value, lower * 1e-6)
    return start + log10(clamped / lower) / log10(upper / lower) * (end - start)
  }

  /// `value` moved into the scale's range.
  func clamped(_ value: Double) -> Double { min(max(value, lower), upper) }

  /// The tick spacing of a linear scale.
  var step: Double { ticks.count >= 2 ? ticks[1] - ticks[0] : upper - lower }

  /// 1, 2 or 5 times a power of ten, at least `rough`.
  static func niceStep(_ rough: Double) -> Double {
    guard rough > 0, rough.isFinite else { return 1 }
    let power = pow(10, (log10(rough)).rounded(.down))
    let fraction = rough / power
    let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    return nice * power
  }

  /// A tick label: `value` divided by `divisor`, with thousands separators and as many
  /// decimals as the step needs (on a logarithmic scale, as the tick itself needs).
  func label(_ value: Double, divisor: Double = 1) -> String {
    let resolution = (isLogarithmic ? tickStep ?? value : step) / divisor
    let decimals =
      resolution >= 1 || resolution <= 0
      ? 0 : Int(min(6, (-log10(resolution) - 1e-9).rounded(.up)))
    return NumberFormatting.fixed(value / divisor, digits: decimals, grouped: true)
  }
}

/// Colours for scenarios: Okabe and Ito's palette, distinguishable with colour-vision
/// deficiencies, in a fixed order so a scenario keeps its colour across charts. The order puts
/// the most different colours first: blue, vermillion, green, reddish purple, then black
/// (orange beside vermillion and sky blue beside blue come only from the sixth scenario on).
enum ChartPalette {
  /// The colours, in the order scenarios take them.
  static let colors = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9", "#7F7F7F",
  ]

  /// The colour of the scenario at `index`.
  static func color(_ index: Int) -> String { colors[index % colors.count] }
}
