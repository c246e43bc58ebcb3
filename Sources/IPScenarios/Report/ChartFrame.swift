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

extension ChartFrame {
  /// A horizontal value axis whose line lies at `bottom`: a grid line per tick from `top` down to
  /// it, the tick labels (divided by `divisor`) under it, and `label` centred below them.
  static func drawValueAxis(
    on canvas: inout SVGCanvas, scale: ChartScale, top: Double, bottom: Double,
    divisor: Double, label: String
  ) {
    for tick in scale.ticks {
      let x = scale.position(tick)
      canvas.line(x1: x, y1: top, x2: x, y2: bottom, stroke: "#e4e4e4")
      canvas.text(
        scale.label(tick, divisor: divisor), x: x, y: bottom + 18, anchor: .middle, size: 11,
        fill: "#444")
    }
    canvas.line(x1: scale.start, y1: bottom, x2: scale.end, y2: bottom, stroke: "#444")
    canvas.text(
      label, x: (scale.start + scale.end) / 2, y: bottom + 40, anchor: .middle, size: 12,
      fill: "#444")
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

  /// A fan chart's entry: a swatch of the median line, with `bands` the 80% band (filled) and
  /// the 95% band (dashed outline); the label, and `detail` (the model) under it in smaller
  /// grey text when not empty.
  mutating func addFan(
    on canvas: inout SVGCanvas, label: String, detail: String, color: String, bands: Bool
  ) {
    canvas.raw("<g class=\"legend-entry\">")
    if bands {
      canvas.rect(
        x: x, y: y - 11, width: 24, height: 14, fill: color, opacity: 0, stroke: color,
        dash: "4 3")
      canvas.rect(x: x, y: y - 8, width: 24, height: 8, fill: color, opacity: 0.25)
    }
    canvas.line(x1: x, y1: y - 4, x2: x + 24, y2: y - 4, stroke: color, width: 2)
    canvas.text(label, x: x + 32, y: y, size: 12)
    if !detail.isEmpty {
      canvas.text(detail, x: x + 32, y: y + 14, size: 11, fill: "#555")
      y += 14
    }
    canvas.raw("</g>")
    y += 22
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

  /// An amount with its currency, in the scale that suits it: "VND 58.19 m", "VND 2.44 bn".
  static func money(_ value: Double, currency: String) -> String {
    let unit = ChartUnit.scaled(for: value, noun: currency)
    let scale = unit.abbreviated("")
    return [currency, amount(value, in: unit), scale].filter { !$0.isEmpty }
      .joined(separator: " ")
  }

  /// A share as a percentage with two decimals ("2.06%").
  static func percent(_ share: Double) -> String {
    NumberFormatting.fixed(100 * share, digits: 2) + "%"
  }

  /// `text` cut to at most `characters` characters, the last one an ellipsis when it is cut, so
  /// that a long scenario name cannot run out of its chart (hover text keeps the whole name).
  static func fitted(_ text: String, _ characters: Int) -> String {
    text.count <= characters ? text : String(text.prefix(max(characters - 1, 0))) + "…"
  }

  /// The width of a character of 12 px text, about 7 px (an estimate: SVG has no text metrics).
  static let characterWidth = 7.0

  /// The estimated width in pixels of `text` at `size` px (``characterWidth`` scaled).
  static func width(_ text: String, size: Double) -> Double {
    Double(text.count) * characterWidth * size / 12
  }

  /// `text` broken at spaces into lines no wider than `width` pixels at `size` px, counting
  /// 0.48 em a character, about the mean width of Helvetica's and Arial's characters in
  /// running text (a word longer than a line gets a line of its own).
  static func wrap(_ text: String, width: Double, size: Double) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      let candidate = line.isEmpty ? String(word) : line + " " + word
      if !line.isEmpty && Double(candidate.count) * 0.48 * size > width {
        lines.append(line)
        line = String(word)
      } else {
        line = candidate
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

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
