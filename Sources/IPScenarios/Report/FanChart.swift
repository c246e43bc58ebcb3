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
    /// The model projected and how it was chosen, shown under the name in the legend and in
    /// the hover text ("damped-trend (smallest AICc among 6 fitted models)"); empty to show none.
    public var model: String

    /// Creates a series.
    public init(name: String, colorIndex: Int, points: [Point], model: String = "") {
      self.name = name
      self.colorIndex = colorIndex
      self.points = points
      self.model = model
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

  /// The longest legend text, in characters; longer names are cut with an ellipsis (the hover
  /// text of the scenario's bands and median keeps them whole).
  static let legendCharacters = 48

  /// How far the axis may reach beyond the observed values and the medians: a factor of 10
  /// either way. A band reaching further is cut at the axis and a note says so, so that no
  /// extreme band flattens the rest.
  public static let bandReach = 10.0

  /// The value axis: logarithmic from the smallest to the largest positive value drawn, but no
  /// further than ``bandReach`` times beyond the observed values and medians, widened by 10%
  /// either way; and whether some drawn value lies outside it (or is not positive).
  func valueRange() -> (low: Double, high: Double, clipped: Bool) {
    let core = (observed.map(\.value) + series.flatMap { $0.points.map(\.median) })
      .filter { $0.isFinite && $0 > 0 }
    let bands = series.flatMap { $0.points.flatMap { [$0.low95, $0.high95, $0.low80, $0.high80] } }
      .filter(\.isFinite)
    guard let coreLow = core.min(), let coreHigh = core.max() else { return (1, 10, false) }
    let positive = bands.filter { $0 > 0 }
    let low = max(min(coreLow, positive.min() ?? coreLow), coreLow / Self.bandReach)
    let high = min(max(coreHigh, positive.max() ?? coreHigh), coreHigh * Self.bandReach)
    let clipped = bands.contains { $0 < low || $0 > high }
    return (low / 1.1, high * 1.1, clipped)
  }

  /// The chart as a standalone SVG document, on a logarithmic value axis (equal distances are
  /// equal ratios, so a scenario growing fast does not flatten the history or the others).
  ///
  /// Each scenario draws its 95% band (a polygon, class `band95`, a dashed outline), its 80%
  /// band (class `band80`, filled), its median line (class `median`) and a dot per projected
  /// year (class `median-point`), the bands of every scenario before the medians; observed
  /// points are circles (class `observed`).
  /// Bands, medians and points carry hover text (`<title>`): the scenario, the model, the year,
  /// the median and both bands. The legend holds one entry (class `legend-entry`) for the
  /// observations and one per scenario, whose swatch shows both bands and the median, with the
  /// model under the name. The chart widens beyond `width` when a long legend would leave the
  /// plot under 480 px.
  public func svg(width requestedWidth: Double = 1100, height: Double = 480) -> String {
    let legendLabels =
      series.flatMap { [$0.name, $0.model] }.map { ChartText.fitted($0, Self.legendCharacters) }
      + ["dashed outline: 95% interval"]
    let margin = (
      left: 80.0, right: max(240.0, ChartText.legendWidth(legendLabels) + 10), top: 48.0,
      bottom: 52.0
    )
    let width = ChartText.chartWidth(
      requested: requestedWidth, left: margin.left, right: margin.right)
    var canvas = SVGCanvas(width: width, height: height)
    let years = observed.map(\.year) + series.flatMap { $0.points.map(\.year) }
    let range = valueRange()
    let unit = ChartUnit.scaled(for: range.high, noun: noun)
    let xScale = ChartScale(
      minimum: Double(years.min() ?? 2000), maximum: Double(years.max() ?? 2035),
      start: margin.left, end: width - margin.right, tickCount: 10)
    let yScale = ChartScale(
      logarithmicFrom: range.low, to: range.high, start: height - margin.bottom,
      end: margin.top)
    ChartFrame.draw(
      on: &canvas, title: title, xScale: xScale, yScale: yScale, xLabel: "year",
      yLabel: "\(unit.label) (log scale)", yDivisor: unit.divisor, integerX: true)
    func position(_ year: Int, _ value: Double) -> (Double, Double) {
      (xScale.position(Double(year)), yScale.position(yScale.clamped(value)))
    }
    func number(_ value: Double) -> String { ChartText.grouped(value.rounded()) }
    func describe(_ entry: Series) -> String {
      entry.model.isEmpty ? entry.name : "\(entry.name), \(entry.model)"
    }

    // Every band first, then every median, so that no band hides a median's hover text.
    for entry in series {
      let color = ChartPalette.color(entry.colorIndex)
      let points = entry.points.filter {
        $0.low95.isFinite && $0.high95.isFinite && $0.low80.isFinite && $0.high80.isFinite
      }
      // A model without intervals (constant growth) draws its median only. The 95% band is an
      // outline (its inside painted with opacity 0 to carry the hover text), the 80% band a
      // fill, so that where two scenarios' bands overlap at most two fills blend.
      for (low, high, level) in [
        (\Point.low95, \Point.high95, 95), (\Point.low80, \Point.high80, 80),
      ]
      where !points.isEmpty {
        let upper = points.map { position($0.year, $0[keyPath: high]) }
        let lower = points.reversed().map { position($0.year, $0[keyPath: low]) }
        canvas.polygon(
          upper + lower, fill: color, opacity: level == 95 ? 0 : 0.25,
          stroke: level == 95 ? color : nil, dash: level == 95 ? "4 3" : nil,
          cssClass: "band\(level)", title: "\(describe(entry)): \(level)% prediction band")
      }
    }
    for entry in series {
      let color = ChartPalette.color(entry.colorIndex)
      let medians = entry.points.filter { $0.median.isFinite }
      canvas.polyline(
        medians.map { position($0.year, $0.median) }, stroke: color, width: 2,
        cssClass: "median", title: "\(describe(entry)): median")
      for point in medians {
        var text = "\(entry.name), \(point.year): median \(number(point.median))"
        if point.low80.isFinite && point.high95.isFinite {
          text +=
            "; 80% band \(number(point.low80)) to \(number(point.high80))"
            + "; 95% band \(number(point.low95)) to \(number(point.high95))"
        }
        if !entry.model.isEmpty { text += " (\(entry.model))" }
        let (x, y) = position(point.year, point.median)
        canvas.circle(x: x, y: y, radius: 2.5, fill: color, cssClass: "median-point", title: text)
      }
    }
    for point in observed where point.value.isFinite {
      let (x, y) = position(point.year, point.value)
      canvas.circle(
        x: x, y: y, radius: 3.5, fill: "#222", cssClass: "observed",
        title: "\(point.year): \(ChartText.grouped(point.value)) observed")
    }
    var legend = ChartLegend(x: width - margin.right + 20, y: margin.top + 4)
    legend.addMarker(on: &canvas, label: "observed", color: "#222")
    for entry in series {
      legend.addFan(
        on: &canvas, label: ChartText.fitted(entry.name, Self.legendCharacters),
        detail: ChartText.fitted(entry.model, Self.legendCharacters),
        color: ChartPalette.color(entry.colorIndex),
        bands: entry.points.contains { $0.low95.isFinite && $0.high95.isFinite })
    }
    legend.y += 6
    legend.addNote(on: &canvas, "line and dots: median")
    legend.addNote(on: &canvas, "filled band: 80% interval")
    legend.addNote(on: &canvas, "dashed outline: 95% interval")
    legend.addNote(on: &canvas, "log scale: equal steps, equal ratios")
    if range.clipped {
      legend.addNote(on: &canvas, "bands cut at the axis: they reach")
      legend.addNote(on: &canvas, "beyond 10x the medians' range")
    }
    return canvas.document(title: title)
  }
}
