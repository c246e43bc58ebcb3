// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A fan chart of one projected filing series under several scenarios: the observed points,
/// and for each scenario its median path with the 80% and 95% prediction bands, one colour
/// per scenario.
public struct FanChart: Sendable {
  /// One year of one scenario's projection.
  public struct Point: Sendable, Equatable {
    /// The year.
    public var year: Int
    /// The median (the point projection).
    public var median: Double
    /// The 80% band.
    public var low80: Double, high80: Double
    /// The 95% band.
    public var low95: Double, high95: Double

    /// Creates a point.
    public init(
      year: Int, median: Double, low80: Double, high80: Double, low95: Double, high95: Double
    ) {
      self.year = year
      self.median = median
      self.low80 = low80
      self.high80 = high80
      self.low95 = low95
      self.high95 = high95
    }
  }

  /// One scenario's projection.
  public struct Series: Sendable {
    /// The scenario's name, shown in the legend.
    public var name: String
    /// The scenario's position among all scenarios (decides its colour).
    public var colorIndex: Int
    /// The projected years in order.
    public var points: [Point]

    /// Creates a series.
    public init(name: String, colorIndex: Int, points: [Point]) {
      self.name = name
      self.colorIndex = colorIndex
      self.points = points
    }
  }

  /// The chart's title.
  public var title: String
  /// The observed (year, value) points.
  public var observed: [(year: Int, value: Double)]
  /// The scenarios' projections.
  public var series: [Series]
  /// The noun of the values' unit, for the axis title ("applications", "classes").
  public var noun: String

  /// Creates a fan chart.
  public init(
    title: String, observed: [(year: Int, value: Double)], series: [Series],
    noun: String = "applications"
  ) {
    self.title = title
    self.observed = observed
    self.series = series
    self.noun = noun
  }

  /// The chart as a standalone SVG document.
  ///
  /// Each scenario draws a 95% band (a polygon, class `band95`), an 80% band (class `band80`)
  /// and a median line (class `median`); observed points are circles (class `observed`); the
  /// legend holds one entry (class `legend-entry`) per scenario and one for the observations.
  /// The chart widens beyond `width` when a long legend would leave the plot under 480 px.
  public func svg(width requestedWidth: Double = 720, height: Double = 420) -> String {
    let legendWidth = ChartText.legendWidth(series.map(\.name) + ["bands: 80% and 95%"])
    let margin = (left: 72.0, right: max(180.0, legendWidth), top: 44.0, bottom: 48.0)
    let width = ChartText.chartWidth(
      requested: requestedWidth, left: margin.left, right: margin.right)
    var canvas = SVGCanvas(width: width, height: height)
    let years = observed.map(\.year) + series.flatMap { $0.points.map(\.year) }
    let values =
      observed.map(\.value)
      + series.flatMap { $0.points.flatMap { [$0.low95, $0.high95, $0.median] } }
    let finite = values.filter(\.isFinite)
    let unit = ChartUnit.scaled(for: finite.max() ?? 1, noun: noun)
    let xScale = ChartScale(
      minimum: Double(years.min() ?? 2000), maximum: Double(years.max() ?? 2035),
      start: margin.left, end: width - margin.right, tickCount: 8)
    let yScale = ChartScale(
      minimum: min(0, finite.min() ?? 0), maximum: finite.max() ?? 1,
      start: height - margin.bottom, end: margin.top, tickCount: 6)
    ChartFrame.draw(
      on: &canvas, title: title, xScale: xScale, yScale: yScale, xLabel: "year",
      yLabel: unit.label, yDivisor: unit.divisor, integerX: true)

    for entry in series {
      let color = ChartPalette.color(entry.colorIndex)
      let points = entry.points.filter {
        $0.low95.isFinite && $0.high95.isFinite && $0.low80.isFinite && $0.high80.isFinite
      }
      // A model without intervals (constant growth) draws its median only.
      for (low, high, opacity, cssClass) in [
        (\Point.low95, \Point.high95, 0.14, "band95"),
        (\Point.low80, \Point.high80, 0.28, "band80"),
      ] where !points.isEmpty {
        let upper = points.map {
          (xScale.position(Double($0.year)), yScale.position($0[keyPath: high]))
        }
        let lower = points.reversed().map {
          (xScale.position(Double($0.year)), yScale.position($0[keyPath: low]))
        }
        canvas.polygon(upper + lower, fill: color, opacity: opacity, cssClass: cssClass)
      }
      canvas.polyline(
        entry.points.filter { $0.median.isFinite }.map {
          (xScale.position(Double($0.year)), yScale.position($0.median))
        }, stroke: color, width: 2, cssClass: "median")
    }
    for point in observed where point.value.isFinite {
      canvas.circle(
        x: xScale.position(Double(point.year)), y: yScale.position(point.value), radius: 3,
        fill: "#222", cssClass: "observed",
        title: "\(point.year): \(ChartText.grouped(point.value))")
    }
    var legend = ChartLegend(x: width - margin.right + 16, y: margin.top + 4)
    legend.addMarker(on: &canvas, label: "observed", color: "#222")
    for entry in series {
      legend.addSwatch(
        on: &canvas, label: entry.name, color: ChartPalette.color(entry.colorIndex))
    }
    legend.addNote(on: &canvas, "lines: median")
    legend.addNote(on: &canvas, "bands: 80% and 95%")
    return canvas.document(title: title)
  }
}
