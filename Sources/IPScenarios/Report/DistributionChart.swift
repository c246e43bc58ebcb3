// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// The simulated distributions of several scenarios on one shared axis: a row per scenario
/// (scenarios with the same values share a row), each a histogram over the same bins with the
/// scenario's markers (vertical lines at named values), so that the rows compare at a glance.
public struct DistributionChart: Sendable {
  /// A vertical line at a value, labelled.
  public struct Marker: Sendable, Equatable {
    /// The label, shown in the legend and with the value in the row's heading ("loan").
    public var label: String
    /// Where the line is drawn.
    public var value: Double
    /// The line's colour.
    public var color: String
    /// An SVG dash pattern, or `nil` for a solid line.
    public var dash: String?

    /// Creates a marker.
    public init(label: String, value: Double, color: String, dash: String? = nil) {
      self.label = label
      self.value = value
      self.color = color
      self.dash = dash
    }
  }

  /// One scenario's distribution (or several scenarios' identical ones).
  public struct Row: Sendable, Equatable {
    /// The scenario's name (`"baseline (= korea-analog)"` for merged scenarios).
    public var name: String
    /// The scenario's position among all scenarios (decides its colour).
    public var colorIndex: Int
    /// The values binned.
    public var values: [Double]
    /// What the bars' shares are of: the number of values by default; more when values were
    /// left out on purpose (the defaults without a loss, which the ``note`` counts instead).
    public var total: Int
    /// The markers.
    public var markers: [Marker]
    /// Text shown in the row's heading before the markers' values; may be empty.
    public var note: String

    /// Creates a row.
    public init(
      name: String, colorIndex: Int, values: [Double], total: Int? = nil,
      markers: [Marker] = [], note: String = ""
    ) {
      self.name = name
      self.colorIndex = colorIndex
      self.values = values
      self.total = total ?? values.count
      self.markers = markers
      self.note = note
    }
  }

  /// What the values measure, which decides the axis's unit.
  public enum Axis: Sendable, Equatable {
    /// Amounts of money in the currency (empty when not stated), shown in billions or the
    /// scale that suits.
    case amount(currency: String)
    /// Ratios in [0, 1], shown as percentages on an axis from 0% to 100%.
    case ratio
  }

  /// The chart's title.
  public var title: String
  /// What the axis shows, before its unit ("horizon value P_H").
  public var axisLabel: String
  /// The axis's kind.
  public var axis: Axis
  /// The rows, top to bottom.
  public var rows: [Row]
  /// Sentences printed under the axis (wrapped to the chart's width).
  public var notes: [String]
  /// The number of bins over the axis (default 60).
  public var binCount: Int
  /// For amounts, the axis ends at the largest of the rows' quantiles at this level (Hyndman
  /// and Fan's definition 7), so that a long right tail does not squeeze the bulk; the values
  /// above are counted in their row's heading. `nil` bins every value. Default 0.995.
  public var upperQuantile: Double?

  /// Creates a chart.
  public init(
    title: String, axisLabel: String, axis: Axis, rows: [Row], notes: [String] = [],
    binCount: Int = 60, upperQuantile: Double? = 0.995
  ) {
    self.title = title
    self.axisLabel = axisLabel
    self.axis = axis
    self.rows = rows
    self.notes = notes
    self.binCount = binCount
    self.upperQuantile = upperQuantile
  }

  /// The shared bins: `binCount` equal bins from `lower` (the smallest value of any row, or 0
  /// for ratios) to the axis's end (the largest row quantile ``upperQuantile``, every value
  /// without one, or 1 for ratios; a value at the end falls in the last bin), and per row the
  /// counts and the number of values beyond the last bin.
  public func bins() -> (lower: Double, width: Double, counts: [[Int]], above: [Int]) {
    let finite = rows.map { $0.values.filter(\.isFinite) }
    var low = 0.0
    var high = 1.0
    if case .amount = axis {
      low = finite.compactMap { $0.min() }.min() ?? 0
      high =
        finite.compactMap { values -> Double? in
          guard let level = upperQuantile, let sample = try? SortedSample(values) else {
            return values.max()
          }
          return try? sample.quantile(min(max(level, 0), 1))
        }.max() ?? 1
    }
    let count = max(binCount, 1)
    let width = high > low ? (high - low) / Double(count) : 1
    var counts: [[Int]] = []
    var above: [Int] = []
    for values in finite {
      var row = [Int](repeating: 0, count: count)
      var beyond = 0
      for value in values {
        guard value <= high else {
          beyond += 1
          continue
        }
        row[min(count - 1, max(0, Int((value - low) / width)))] += 1
      }
      counts.append(row)
      above.append(beyond)
    }
    return (low, width, counts, above)
  }

  /// The chart as a standalone SVG document: per row a heading (the name, the note and each
  /// marker's value), one `rect` of class `bar` per non-empty bin with hover text (the count,
  /// the share and the bin's range), and one line of class `marker` per marker with hover text;
  /// the legend of the markers above the rows, the shared axis and the notes below them.
  public func svg(width: Double = 1100) -> String {
    let margin = (left: 64.0, right: 24.0, top: 70.0)
    // A row: its heading (two lines), its bars, a gap.
    let (headingHeight, rowHeight) = (36.0, 64.0)
    let rowStride = headingHeight + rowHeight + 18
    let (lower, binWidth, counts, above) = bins()
    let upperEdge = lower + binWidth * Double(max(binCount, 1))
    let markerValues = rows.flatMap { $0.markers.map(\.value) }.filter(\.isFinite)
    var low = lower
    var high = upperEdge
    if case .amount = axis {
      low = min(lower, markerValues.min() ?? lower)
      high = max(upperEdge, markerValues.max() ?? upperEdge)
      // A margin of 2% so that no marker lies on the axis's end (not below 0 for values that
      // are not negative).
      let margin = 0.02 * (high - low)
      (low, high) = (low >= 0 ? max(0, low - margin) : low - margin, high + margin)
    }
    let (divisor, unitLabel, unitShort): (Double, String, String)
    switch axis {
    case .amount(let currency):
      let unit = ChartUnit.scaled(for: max(abs(low), abs(high)), noun: currency)
      (divisor, unitLabel, unitShort) = (unit.divisor, unit.label, unit.abbreviated(currency))
    case .ratio:
      (divisor, unitLabel, unitShort) = (0.01, "%", "%")
    }
    func shown(_ value: Double) -> String {
      axis == .ratio
        ? ChartText.percent(value)
        : ChartText.amount(value, in: ChartUnit(divisor: divisor, label: unitLabel))
    }
    let noteLines = notes.flatMap {
      ChartText.wrap($0, width: width - margin.left - margin.right, size: 11)
    }
    // The axis lies on the last row's baseline.
    let axisTop =
      margin.top + rowStride * Double(max(rows.count, 1) - 1) + headingHeight + rowHeight
    let height = axisTop + 52 + 15 * Double(noteLines.count) + 8
    var canvas = SVGCanvas(width: width, height: height)
    let xScale = ChartScale(
      minimum: low, maximum: high, start: margin.left, end: width - margin.right,
      tickCount: 10)
    canvas.text(title, x: margin.left, y: 24, size: 16, weight: "bold")

    // The legend of the markers, in a line under the title.
    var legendX = margin.left
    var seen: [String] = []
    for marker in rows.flatMap(\.markers) where !seen.contains(marker.label) {
      seen.append(marker.label)
      canvas.raw("<g class=\"legend-entry\">")
      canvas.line(
        x1: legendX, y1: 42, x2: legendX + 18, y2: 42, stroke: marker.color, width: 2,
        dash: marker.dash)
      canvas.text(marker.label, x: legendX + 24, y: 46, size: 12)
      canvas.raw("</g>")
      legendX += 24 + ChartText.width(marker.label, size: 12) + 22
    }
    canvas.text(
      "bars: share of the row's paths in each bin, on the same scale in every row",
      x: legendX, y: 46, size: 11, fill: "#555")

    ChartFrame.drawValueAxis(
      on: &canvas, scale: xScale, top: margin.top - 6, bottom: axisTop, divisor: divisor,
      label: "\(axisLabel) (\(unitLabel))")
    for (index, line) in noteLines.enumerated() {
      canvas.text(
        line, x: margin.left, y: axisTop + 60 + 15 * Double(index), size: 11, fill: "#555")
    }

    let shares = zip(rows, counts).map { row, counts in
      counts.map { Double($0) / Double(max(row.total, 1)) }
    }
    let largestShare = shares.flatMap { $0 }.max() ?? 0
    let shareScale = ChartScale(
      minimum: 0, maximum: largestShare * 100, start: 0, end: rowHeight, tickCount: 2)
    for (index, row) in rows.enumerated() {
      let top = margin.top + rowStride * Double(index)
      let base = top + headingHeight + rowHeight
      let color = ChartPalette.color(row.colorIndex)
      var heading = row.note.isEmpty ? [] : [row.note]
      let marked = row.markers.filter { $0.value.isFinite }.map {
        "\($0.label) \(shown($0.value))"
      }
      if !marked.isEmpty {
        heading.append(
          marked.joined(separator: " · ") + (axis == .ratio ? "" : " (\(unitShort))"))
      }
      if above[index] > 0 {
        heading.append("\(above[index]) paths beyond \(shown(upperEdge)) not shown")
      }
      // Cut to the plot's width (hover text keeps the name whole).
      canvas.text(
        ChartText.fitted(row.name, 110), x: margin.left, y: top + 12, size: 13, weight: "bold",
        fill: color)
      canvas.text(
        ChartText.fitted(heading.joined(separator: " · "), 170), x: margin.left, y: top + 28,
        size: 11, fill: "#444")
      // The share scale: the row's baseline and its top tick.
      let topTick = shareScale.ticks.last ?? shareScale.upper
      let tickY = base - topTick / max(shareScale.upper, 1e-12) * rowHeight
      canvas.line(
        x1: margin.left, y1: tickY, x2: width - margin.right, y2: tickY, stroke: "#f0f0f0")
      canvas.text(
        shareScale.label(topTick) + "%", x: margin.left - 6, y: tickY + 4, anchor: .end,
        size: 10, fill: "#666")
      canvas.line(
        x1: margin.left, y1: base, x2: width - margin.right, y2: base, stroke: "#999")
      for (bin, count) in counts[index].enumerated() where count > 0 {
        let from = lower + Double(bin) * binWidth
        let left = xScale.position(from)
        let right = xScale.position(from + binWidth)
        let share = shares[index][bin]
        let barTop = base - share * 100 / max(shareScale.upper, 1e-12) * rowHeight
        canvas.rect(
          x: left, y: barTop, width: max(right - left - 0.5, 0.5), height: base - barTop,
          fill: color, opacity: 0.7, cssClass: "bar",
          title: "\(row.name): \(count) paths, \(ChartText.percent(share)), from "
            + "\(shown(from)) to \(shown(from + binWidth))"
            + (axis == .ratio ? "" : " \(unitShort)"))
      }
      for marker in row.markers where marker.value.isFinite {
        let x = xScale.position(marker.value)
        canvas.line(
          x1: x, y1: top + headingHeight - 2, x2: x, y2: base, stroke: marker.color, width: 2,
          dash: marker.dash, cssClass: "marker",
          title: "\(row.name): \(marker.label) \(shown(marker.value))"
            + (axis == .ratio ? "" : " \(unitShort)"))
      }
    }
    return canvas.document(title: title)
  }
}
