// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// A histogram of simulated portfolio values with vertical markers (collateral value, lending
/// value, loan).
public struct HistogramChart: Sendable {
  /// A vertical line at a value, labelled.
  public struct Marker: Sendable, Equatable {
    /// The label, for example "collateral value".
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

  /// The chart's title.
  public var title: String
  /// The simulated values.
  public var values: [Double]
  /// The markers.
  public var markers: [Marker]
  /// The currency, for the axis title ("billions of VND").
  public var currency: String
  /// The number of bins (default 40).
  public var binCount: Int
  /// The bars' colour.
  public var color: String
  /// When set, the bins end at this quantile of the values (Hyndman and Fan's definition 7),
  /// so that a long right tail does not squeeze the bulk of the distribution; the paths above
  /// it are counted in a note. `nil` (the default) bins every value.
  public var upperQuantile: Double?

  /// Creates a histogram.
  public init(
    title: String, values: [Double], markers: [Marker], currency: String, binCount: Int = 40,
    color: String = "#0072B2", upperQuantile: Double? = nil
  ) {
    self.title = title
    self.values = values
    self.markers = markers
    self.currency = currency
    self.binCount = binCount
    self.color = color
    self.upperQuantile = upperQuantile
  }

  /// The bin counts over `binCount` equal bins from the smallest value to the largest (or to
  /// the ``upperQuantile``; that value falls in the last bin), with the bins' lower edge and
  /// width, and the number of values above the last bin.
  public func bins() -> (counts: [Int], lower: Double, width: Double, above: Int) {
    guard let sample = try? SortedSample(values.filter(\.isFinite)), binCount >= 1,
      let low = sample.values.first,
      let high = try? sample.quantile(min(max(upperQuantile ?? 1, 0), 1))
    else {
      return ([], 0, 1, 0)
    }
    let width = high > low ? (high - low) / Double(binCount) : 1
    var counts = [Int](repeating: 0, count: binCount)
    var above = 0
    for value in sample.values {
      if value > high {
        above += 1
        continue
      }
      let index = min(binCount - 1, Int((value - low) / width))
      counts[index] += 1
    }
    return (counts, low, width, above)
  }

  /// The chart as a standalone SVG document: one `rect` of class `bar` per bin, one line of
  /// class `marker` per marker, and a legend. The chart widens beyond `width` when a long
  /// legend would leave the plot under 480 px.
  public func svg(width requestedWidth: Double = 720, height: Double = 380) -> String {
    let legendWidth = ChartText.legendWidth(markers.map { "\($0.label): 000,000.00" })
    let margin = (left: 72.0, right: max(200.0, legendWidth), top: 44.0, bottom: 48.0)
    let width = ChartText.chartWidth(
      requested: requestedWidth, left: margin.left, right: margin.right)
    var canvas = SVGCanvas(width: width, height: height)
    let (counts, lower, binWidth, above) = bins()
    let markerValues = markers.map(\.value).filter(\.isFinite)
    let upperEdge = lower + binWidth * Double(counts.count)
    let low = min(lower, markerValues.min() ?? lower)
    let high = max(upperEdge, markerValues.max() ?? upperEdge)
    let unit = ChartUnit.scaled(for: max(abs(low), abs(high)), noun: currency)
    let xScale = ChartScale(
      minimum: low, maximum: high, start: margin.left, end: width - margin.right, tickCount: 7)
    let total = Double(max(values.count, 1))
    let maxShare = Double(counts.max() ?? 1) / total
    let yScale = ChartScale(
      minimum: 0, maximum: maxShare * 100, start: height - margin.bottom, end: margin.top,
      tickCount: 5)
    ChartFrame.draw(
      on: &canvas, title: title, xScale: xScale, yScale: yScale,
      xLabel: "portfolio value (\(unit.label))", yLabel: "share of paths (%)",
      xDivisor: unit.divisor)
    for (index, count) in counts.enumerated() where count > 0 {
      let left = xScale.position(lower + Double(index) * binWidth)
      let right = xScale.position(lower + Double(index + 1) * binWidth)
      let top = yScale.position(Double(count) / total * 100)
      canvas.rect(
        x: left, y: top, width: max(right - left - 1, 0.5), height: yScale.start - top,
        fill: color, opacity: 0.75, cssClass: "bar",
        title: "\(count) paths from \(ChartText.grouped(lower + Double(index) * binWidth))")
    }
    var legend = ChartLegend(x: width - margin.right + 16, y: margin.top + 4)
    for marker in markers where marker.value.isFinite {
      let x = xScale.position(marker.value)
      canvas.line(
        x1: x, y1: yScale.start, x2: x, y2: yScale.end, stroke: marker.color, width: 2,
        dash: marker.dash, cssClass: "marker")
      legend.addLine(
        on: &canvas,
        label: "\(marker.label): \(ChartText.amount(marker.value, in: unit))",
        color: marker.color, dash: marker.dash)
    }
    legend.addNote(on: &canvas, "\(values.count) simulated paths")
    if above > 0 {
      legend.addNote(
        on: &canvas, "\(above) above \(ChartText.amount(upperEdge, in: unit)) not shown")
    }
    return canvas.document(title: title)
  }
}
