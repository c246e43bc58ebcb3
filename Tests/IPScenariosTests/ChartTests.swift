// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPScenarios
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses `text` as XML and returns the elements matching an XPath query.
func elements(_ text: String, _ xpath: String) throws -> [XMLNode] {
  let document = try XMLDocument(xmlString: text, options: [])
  return try document.nodes(forXPath: xpath)
}

/// The elements of `svg` of class `cssClass`.
func marks(_ svg: String, _ cssClass: String) throws -> [XMLNode] {
  try elements(svg, "//*[@class='\(cssClass)']")
}

/// The hover text of an element: its `<title>` child's text, or `nil`.
func hoverText(_ node: XMLNode) -> String? {
  (node as? XMLElement)?.elements(forName: "title").first?.stringValue
}

/// The value of the attribute `name` of an element, or `nil`.
func attribute(_ node: XMLNode, _ name: String) -> String? {
  (try? node.nodes(forXPath: "@\(name)"))?.first?.stringValue
}

/// The first text of each legend entry of `svg`.
func legendLabels(_ svg: String) throws -> [String] {
  try elements(svg, "//*[@class='legend-entry']/*[local-name()='text'][1]")
    .map { $0.stringValue ?? "" }
}

@Suite("Charts")
struct ChartTests {
  static func fan() -> FanChart {
    let observed = [(2020, 7695.0), (2021, 8534.0), (2023, 9460.0), (2024, 9904.0)]
      .map { (year: $0.0, value: $0.1) }
    return FanChart(
      title: "VN invention applications filed", observed: observed,
      series: [
        FanChart.Series(
          name: "baseline", colorIndex: 0, points: points(0.05, spread: 0.03),
          model: "exponential (smallest AICc among 5 fitted models)"),
        FanChart.Series(
          name: "resolution-57 & <more>", colorIndex: 1, points: points(0.08, spread: 0.03)),
      ])
  }

  /// Projected points from 2025 to 2035 growing at `growth` from 9,904, the bands widening by
  /// `spread` a year (the 95% band half as wide again).
  static func points(_ growth: Double, spread: Double) -> [FanChart.Point] {
    (2025...2035).map { year in
      let median = 9904 * pow(1 + growth, Double(year - 2024))
      let width = spread * Double(year - 2024)
      return FanChart.Point(
        year: year, median: median, low80: median * (1 - width), high80: median * (1 + width),
        low95: median * max(0.01, 1 - 1.5 * width), high95: median * (1 + 1.5 * width))
    }
  }

  /// The fan chart is valid XML with one circle per observed point, two band polygons, a median
  /// line and a dot per year per scenario, each scenario's name (escaped) and model in the
  /// legend, and hover text on every band, median and dot.
  @Test func fanChartHoldsItsSeries() throws {
    let chart = Self.fan()
    let svg = chart.svg()
    #expect(try marks(svg, "observed").count == 4)
    #expect(try marks(svg, "band95").count == 2)
    #expect(try marks(svg, "band80").count == 2)
    #expect(try marks(svg, "median").count == 2)
    let dots = try marks(svg, "median-point")
    #expect(dots.count == 2 * 11)
    #expect(try legendLabels(svg) == ["observed", "baseline", "resolution-57 & <more>"])
    // The legend gives the model under the scenario's name, cut to its width when too long.
    #expect(svg.contains(">exponential (smallest AICc among 5 fitted"))
    // Hover text: the bands and medians name the scenario; each dot gives the year, the median
    // and both bands, rounded to whole applications.
    for cssClass in ["band95", "band80", "median"] {
      #expect(try marks(svg, cssClass).allSatisfy { hoverText($0) != nil }, "\(cssClass)")
    }
    #expect(
      try marks(svg, "band95").compactMap(hoverText).first
        == "baseline, exponential (smallest AICc among 5 fitted models): 95% prediction band")
    let point = chart.series[0].points[10]
    let expected =
      "baseline, 2035: median \(grouped(point.median)); 80% band \(grouped(point.low80)) to "
      + "\(grouped(point.high80)); 95% band \(grouped(point.low95)) to \(grouped(point.high95)) "
      + "(exponential (smallest AICc among 5 fitted models))"
    #expect(dots.compactMap(hoverText).contains(expected))
    #expect(svg.contains("thousands of applications (log scale)"))
  }

  /// A whole number with grouped thousands, as the charts print counts.
  func grouped(_ value: Double) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.maximumFractionDigits = 0
    formatter.locale = Locale(identifier: "en_US")
    return formatter.string(from: NSNumber(value: value.rounded())) ?? ""
  }

  /// The value axis is logarithmic: ticks at 1, 2 and 5 times powers of ten, where each
  /// doubling takes the same distance (within the 0.01 px the SVG is rounded to).
  @Test func fanChartValueAxisIsLogarithmic() throws {
    var chart = Self.fan()
    chart.observed = [(year: 2000, value: 900), (year: 2024, value: 9904)]
    let svg = chart.svg()
    // The y-axis tick labels are the texts right-aligned left of the plot, at x = 72.
    let labels = try elements(svg, "//*[local-name()='text'][@text-anchor='end'][@x='72']")
    var positions: [String: Double] = [:]
    for label in labels {
      let y = Double(attribute(label, "y") ?? "") ?? .nan
      positions[label.stringValue ?? ""] = y
    }
    #expect(Set(positions.keys).isSuperset(of: ["1", "2", "5", "10", "20"]), "\(positions)")
    let y = { (label: String) in positions[label] ?? .nan }
    let doubling = y("1") - y("2")
    #expect(doubling > 20)
    #expect(abs((y("5") - y("10")) - doubling) < 0.02)
    #expect(abs((y("10") - y("20")) - doubling) < 0.02)
    #expect(!svg.contains("bands cut at the axis"))
  }

  /// A scenario whose 95% band reaches a thousand times its median cannot flatten the chart:
  /// the axis stops at ten times the largest median (and observation), and a note says the
  /// bands are cut.
  @Test func anExtremeBandIsCutWithANote() throws {
    var chart = Self.fan()
    chart.series.append(
      FanChart.Series(name: "wild", colorIndex: 2, points: Self.points(0.05, spread: 20)))
    let svg = chart.svg()
    #expect(svg.contains("bands cut at the axis: they reach"))
    let largestMedian = chart.series.flatMap { $0.points.map(\.median) }.max() ?? 0
    let ticks = try elements(svg, "//*[local-name()='text'][@text-anchor='end'][@x='72']")
      .compactMap { Double(($0.stringValue ?? "").replacingOccurrences(of: ",", with: "")) }
    // Ticks are in thousands of applications.
    #expect(!ticks.isEmpty && (ticks.max() ?? .infinity) * 1000 <= 10 * 1.1 * largestMedian)
    // Every band point stays inside the plot, between its top and bottom.
    for polygon in try marks(svg, "band95") {
      let points = try #require(attribute(polygon, "points")).split(separator: " ")
      #expect(points.count == 2 * 11)
      for pair in points {
        let y = Double(pair.split(separator: ",")[1]) ?? .nan
        #expect(y >= 48 && y <= 480 - 52, "\(pair)")
      }
    }
  }

  /// The rows of a distribution chart share one set of bins; each counts its values once (those
  /// beyond the axis apart); the bars' shares are of the row's total; markers and bars carry
  /// hover text, and the markers' values appear in the row's heading.
  @Test func distributionRowsShareTheirBins() throws {
    let first = (0..<1000).map { 1e9 * (10 + Double($0 % 97) / 10) }
    let second = (0..<500).map { 1e9 * (15 + Double($0 % 50) / 5) }
    let chart = DistributionChart(
      title: "Portfolio value", axisLabel: "value", axis: .amount(currency: "VND"),
      rows: [
        .init(
          name: "baseline", colorIndex: 0, values: first,
          markers: [.init(label: "collateral value", value: 1.05e10, color: "#009E73")]),
        .init(
          name: "stress", colorIndex: 1, values: second,
          markers: [.init(label: "loan", value: 2e10, color: "#000000", dash: "6 4")]),
      ], binCount: 20, upperQuantile: nil)
    let (lower, width, counts, above) = chart.bins()
    #expect(lower == 1e10)
    // The last bin ends at the largest value of either row, 24.8 bn.
    #expect(abs(width * 20 - 1.48e10) < 1)
    #expect(counts.map { $0.reduce(0, +) } == [1000, 500] && above == [0, 0])
    let svg = chart.svg()
    #expect(
      try marks(svg, "bar").count == counts.flatMap { $0 }.filter { $0 > 0 }.count)
    #expect(try marks(svg, "bar").allSatisfy { hoverText($0)?.contains(" paths, ") == true })
    #expect(try elements(svg, "//*[local-name()='g'][*[@class='marker']]").count == 2)
    #expect(svg.contains("<title>stress: loan 20.00 VND bn</title>"))
    #expect(svg.contains(">collateral value 10.50 (VND bn)</text>"))
    #expect(svg.contains("value (billions of VND)"))

    // Clipped at the 90% quantile of the first row (definition 7: 0.9 x 999 = 899.1 ->
    // value 10 + 89.91/10 ... ): values above it are counted per row and named in the heading.
    var clipped = chart
    clipped.rows = [.init(name: "one", colorIndex: 0, values: (0..<1000).map(Double.init))]
    clipped.upperQuantile = 0.9
    clipped.binCount = 10
    let bins = clipped.bins()
    #expect(bins.above == [100] && bins.counts[0].reduce(0, +) == 900 && bins.lower == 0)
    #expect(abs(bins.width * 10 - 899.1) < 1e-9)
    #expect(clipped.svg().contains("100 paths beyond 899 not shown"))

    // Shares of a stated total: 10 values of 40 paths, all in one bin, make a bar of 25%.
    let share = DistributionChart(
      title: "LGD", axisLabel: "LGD", axis: .ratio,
      rows: [
        .init(name: "one", colorIndex: 0, values: Array(repeating: 0.5, count: 10), total: 40)
      ],
      binCount: 4)
    let shareSVG = share.svg()
    #expect(share.bins().counts == [[0, 0, 10, 0]])
    #expect(
      try marks(shareSVG, "bar").compactMap(hoverText) == [
        "one: 10 paths, 25.00%, from 50.00% to 75.00%"
      ])
    #expect(shareSVG.contains("LGD (%)"))
  }

  /// The lending chart draws per row a collateral bar, a lending bar and the loan, each with
  /// hover text, and the lending value as a share of the loan, in bold when it falls short.
  @Test func lendingChartComparesWithTheLoan() throws {
    let chart = LendingChart(
      title: "Lending value against the loan",
      rows: [
        .init(
          name: "baseline", colorIndex: 0, collateralValue: 44e9, lendingValue: 21.6e9, loan: 20e9),
        .init(name: "stress", colorIndex: 1, collateralValue: 29e9, lendingValue: 14e9, loan: 20e9),
        .init(
          name: "no loan", colorIndex: 2, collateralValue: 30e9, lendingValue: 15e9, loan: .nan),
      ], currency: "VND")
    let svg = chart.svg()
    #expect(try marks(svg, "collateral").count == 3)
    #expect(try marks(svg, "lending").count == 3)
    #expect(try marks(svg, "loan").count == 2)
    #expect(
      try marks(svg, "lending").compactMap(hoverText).first
        == "baseline: lending value 21.60 VND bn")
    #expect(svg.contains(">108.00% of the loan</text>"))
    #expect(svg.contains("fill=\"#B00020\" font-weight=\"bold\">70.00% of the loan</text>"))
    #expect(try legendLabels(svg) == ["collateral value (pale)", "lending value (solid)", "loan"])
  }

  /// Units abbreviate for tables.
  @Test func unitsAbbreviate() {
    #expect(ChartUnit.scaled(for: 2.4e9, noun: "VND").abbreviated("VND") == "VND bn")
    #expect(ChartUnit.scaled(for: 5.8e7, noun: "VND").abbreviated("VND") == "VND m")
    #expect(ChartUnit.scaled(for: 5.2e5, noun: "VND").abbreviated("VND") == "VND thousand")
    #expect(ChartUnit.scaled(for: 5e3, noun: "VND").abbreviated("VND") == "VND")
    #expect(ChartUnit.scaled(for: 2.4e9, noun: "").abbreviated("") == "bn")
  }

  /// The tornado sorts by swing, widest first, with a low and a high bar per driver.
  @Test func tornadoSortsBySwing() throws {
    let chart = TornadoChart(
      title: "Sensitivity", base: 100,
      bars: [
        .init(label: "small", low: 99, high: 101),
        .init(label: "large", low: 80, high: 130),
        .init(label: "medium", low: 90, high: 105),
      ], currency: "VND")
    let svg = chart.svg()
    let labels = try elements(svg, "//*[local-name()='text']").compactMap(\.stringValue)
    let order = ["large", "medium", "small"].map { name in labels.firstIndex(of: name) ?? -1 }
    #expect(order == order.sorted() && !order.contains(-1))
    #expect(try marks(svg, "low").count == 3)
    #expect(try marks(svg, "high").count == 3)
  }
}
