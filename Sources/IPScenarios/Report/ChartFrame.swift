// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// The parts every chart shares: title, grid, axes with tick labels and axis titles.
enum ChartFrame {
  static func draw(
    on canvas: inout SVGCanvas, title: String, xScale: ChartScale, yScale: ChartScale,
    xLabel: String, yLabel: String, xDivisor: Double = 1, yDivisor: Double = 1,
    integerX: Bool = false
  ) {
    canvas.text(title, x: xScale.start, y: 24, size: 16, weight: "bold")
    for tick in yScale.ticks {
      let y = yScale.position(tick)
      canvas.line(x1: xScale.start, y1: y, x2: xScale.end, y2: y, stroke: "#e4e4e4")
      canvas.text(
        yScale.label(tick, divisor: yDivisor), x: xScale.start - 8, y: y + 4, anchor: .end,
        size: 11, fill: "#444")
    }
    for tick in xScale.ticks {
      if integerX && tick != tick.rounded() { continue }
      let x = xScale.position(tick)
      canvas.line(
        x1: x, y1: yScale.start, x2: x, y2: yScale.start + 5, stroke: "#444")
      let label = integerX ? String(Int(tick)) : xScale.label(tick, divisor: xDivisor)
      canvas.text(label, x: x, y: yScale.start + 18, anchor: .middle, size: 11, fill: "#444")
    }
    canvas.line(
      x1: xScale.start, y1: yScale.start, x2: xScale.end, y2: yScale.start, stroke: "#444")
    canvas.line(
      x1: xScale.start, y1: yScale.start, x2: xScale.start, y2: yScale.end, stroke: "#444")
    canvas.text(
      xLabel, x: (xScale.start + xScale.end) / 2, y: yScale.start + 38, anchor: .middle,
      size: 12, fill: "#444")
    canvas.text(
      yLabel, x: 16, y: (yScale.start + yScale.end) / 2, anchor: .middle, size: 12,
      fill: "#444", rotate: -90)
  }
}

/// A legend drawn down the right-hand side of a chart.
struct ChartLegend {
  let x: Double
  var y: Double

  mutating func addSwatch(on canvas: inout SVGCanvas, label: String, color: String) {
    canvas.raw("<g class=\"legend-entry\">")
    canvas.rect(x: x, y: y - 9, width: 14, height: 10, fill: color, opacity: 0.8)
    canvas.text(label, x: x + 20, y: y, size: 12)
    canvas.raw("</g>")
    y += 18
  }

  mutating func addMarker(on canvas: inout SVGCanvas, label: String, color: String) {
    canvas.raw("<g class=\"legend-entry\">")
    canvas.circle(x: x + 7, y: y - 4, radius: 3, fill: color)
    canvas.text(label, x: x + 20, y: y, size: 12)
    canvas.raw("</g>")
    y += 18
  }

  mutating func addLine(on canvas: inout SVGCanvas, label: String, color: String, dash: String?) {
    canvas.raw("<g class=\"legend-entry\">")
    canvas.line(x1: x, y1: y - 4, x2: x + 14, y2: y - 4, stroke: color, width: 2, dash: dash)
    canvas.text(label, x: x + 20, y: y, size: 12)
    canvas.raw("</g>")
    y += 18
  }

  mutating func addNote(on canvas: inout SVGCanvas, _ text: String) {
    canvas.text(text, x: x, y: y + 4, size: 11, fill: "#666")
    y += 16
  }
}

/// Numbers as tooltips and labels show them.
enum ChartText {
  /// Grouped thousands; two decimals unless the value is whole.
  static func grouped(_ value: Double) -> String {
    NumberFormatting.fixed(value, digits: value == value.rounded() ? 0 : 2, grouped: true)
  }

  /// `value` in `unit`, with two decimals when the unit is scaled ("12.34" billions).
  static func amount(_ value: Double, in unit: ChartUnit) -> String {
    NumberFormatting.fixed(value / unit.divisor, digits: unit.divisor > 1 ? 2 : 0, grouped: true)
  }

  /// The width of a character of 12 px text, about 7 px (an estimate: SVG has no text metrics).
  static let characterWidth = 7.0

  /// The width in pixels a legend needs for `labels` at 12 px.
  static func legendWidth(_ labels: [String]) -> Double {
    Double(labels.map(\.count).max() ?? 0) * characterWidth + 40
  }

  /// The chart width: `requested`, widened so that the plot between the margins is at least
  /// 480 px when a long legend takes room.
  static func chartWidth(requested: Double, left: Double, right: Double) -> Double {
    max(requested, left + 480 + right)
  }
}
