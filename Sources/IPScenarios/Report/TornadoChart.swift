// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A tornado chart: for each driver, the portfolio value with the driver at its low and at its
/// high setting, as bars from the base value, the widest swing on top.
public struct TornadoChart: Sendable {
  /// One driver's two values.
  public struct Bar: Sendable, Equatable {
    /// The driver, with its settings, for example "discount rate -/+ 2 points".
    public var label: String
    /// The portfolio value with the driver at its low setting.
    public var low: Double
    /// The portfolio value with the driver at its high setting.
    public var high: Double

    /// Creates a bar.
    public init(label: String, low: Double, high: Double) {
      self.label = label
      self.low = low
      self.high = high
    }

    /// `|high - low|`.
    public var swing: Double { abs(high - low) }
  }

  /// The chart's title.
  public var title: String
  /// The value with every driver at its base setting.
  public var base: Double
  /// The drivers.
  public var bars: [Bar]
  /// The currency, for the axis title.
  public var currency: String

  /// Creates a tornado chart.
  public init(title: String, base: Double, bars: [Bar], currency: String) {
    self.title = title
    self.base = base
    self.bars = bars
    self.currency = currency
  }

  /// The chart as a standalone SVG document: two `rect`s of class `low` and `high` per driver,
  /// sorted by swing, widest first, and a line at the base value.
  public func svg(width: Double = 1100) -> String {
    let sorted = bars.sorted { $0.swing > $1.swing }
    let rowHeight = 28.0
    // Room on the left for the longest label, at 12 px.
    let labelWidth = Double(sorted.map(\.label.count).max() ?? 0) * ChartText.characterWidth + 24
    let margin = (left: max(120.0, labelWidth), right: 40.0, top: 64.0, bottom: 56.0)
    let height = margin.top + margin.bottom + rowHeight * Double(max(sorted.count, 1))
    var canvas = SVGCanvas(width: width, height: height)
    let values = sorted.flatMap { [$0.low, $0.high] } + [base]
    let finite = values.filter(\.isFinite)
    let unit = ChartUnit.scaled(for: finite.map(abs).max() ?? 1, noun: currency)
    let xScale = ChartScale(
      minimum: finite.min() ?? 0, maximum: finite.max() ?? 1, start: margin.left,
      end: width - margin.right, tickCount: 6)
    canvas.text(ChartText.fitted(title, 100), x: 16, y: 24, size: 16, weight: "bold")
    let bottom = height - margin.bottom
    ChartFrame.drawValueAxis(
      on: &canvas, scale: xScale, top: margin.top - 6, bottom: bottom, divisor: unit.divisor,
      label: "deterministic portfolio value (\(unit.label))")
    let baseX = xScale.position(base)
    for (row, bar) in sorted.enumerated() {
      let y = margin.top + Double(row) * rowHeight
      canvas.text(bar.label, x: margin.left - 10, y: y + rowHeight / 2 + 4, anchor: .end, size: 12)
      for (value, cssClass, color) in [(bar.low, "low", "#D55E00"), (bar.high, "high", "#0072B2")] {
        let x = xScale.position(value)
        canvas.rect(
          x: min(x, baseX), y: y + 4, width: abs(x - baseX), height: rowHeight - 8, fill: color,
          opacity: 0.8, cssClass: cssClass,
          title: "\(bar.label) at its \(cssClass) setting: \(ChartText.grouped(value))")
      }
    }
    canvas.line(x1: baseX, y1: margin.top - 6, x2: baseX, y2: bottom, stroke: "#222", width: 1.5)
    canvas.text(
      "base \(ChartText.amount(base, in: unit))", x: baseX + 4, y: margin.top - 10,
      size: 11, fill: "#222")
    canvas.rect(x: 16, y: 34, width: 12, height: 10, fill: "#D55E00", opacity: 0.8)
    canvas.text("low setting", x: 32, y: 43, size: 11)
    canvas.rect(x: 112, y: 34, width: 12, height: 10, fill: "#0072B2", opacity: 0.8)
    canvas.text("high setting", x: 128, y: 43, size: 11)
    return canvas.document(title: title)
  }
}
