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

@Suite("Charts")
struct ChartTests {
  static func fan() -> FanChart {
    let observed = [(2020, 7695.0), (2021, 8534.0), (2023, 9460.0), (2024, 9904.0)]
      .map { (year: $0.0, value: $0.1) }
    func points(_ growth: Double) -> [FanChart.Point] {
      (2025...2035).map { year in
        let median = 9904 * pow(1 + growth, Double(year - 2024))
        let spread = 0.03 * Double(year - 2024)
        return FanChart.Point(
          year: year, median: median, low80: median * (1 - spread), high80: median * (1 + spread),
          low95: median * (1 - 1.5 * spread), high95: median * (1 + 1.5 * spread))
      }
    }
    return FanChart(
      title: "VN invention applications filed", observed: observed,
      series: [
        FanChart.Series(name: "baseline", colorIndex: 0, points: points(0.05)),
        FanChart.Series(name: "resolution-57 & <more>", colorIndex: 1, points: points(0.08)),
      ])
  }

  /// The fan chart is valid XML with one circle per observed point, two band polygons and a
  /// median line per scenario, and each scenario's name (escaped) in the legend.
  @Test func fanChartHoldsItsSeries() throws {
    let svg = Self.fan().svg()
    #expect(try elements(svg, "//*[local-name()='circle'][@class='observed']").count == 4)
    #expect(try elements(svg, "//*[local-name()='polygon'][@class='band95']").count == 2)
    #expect(try elements(svg, "//*[local-name()='polygon'][@class='band80']").count == 2)
    #expect(try elements(svg, "//*[local-name()='polyline'][@class='median']").count == 2)
    let legend = try elements(svg, "//*[local-name()='g'][@class='legend-entry']")
      .map { $0.stringValue ?? "" }
    #expect(legend == ["observed", "baseline", "resolution-57 & <more>"])
    // The y axis is in thousands of applications for values around 10,000.
    #expect(svg.contains("thousands of applications"))
  }

  /// Bins count every value once; the histogram draws one bar per non-empty bin and one
  /// line per marker.
  @Test func histogramCountsAndMarkers() throws {
    let values = (0..<1000).map { 1e9 * (10 + Double($0 % 97) / 10) }
    let chart = HistogramChart(
      title: "Portfolio value", values: values,
      markers: [
        .init(label: "collateral value", value: 1.05e10, color: "#009E73"),
        .init(label: "loan", value: 2e10, color: "#000000", dash: "6 4"),
      ], currency: "VND", binCount: 20)
    let (counts, lower, width, above) = chart.bins()
    #expect(above == 0)
    // Clipped at the 90% quantile of 0...999 (definition 7: 0.9 x 999 = 899.1): the bins end
    // at 899.1 and the 100 values 900...999 are counted above them.
    var clipped = HistogramChart(
      title: "clipped", values: (0..<1000).map(Double.init), markers: [], currency: "VND",
      binCount: 10, upperQuantile: 0.9)
    let (clippedCounts, clippedLower, clippedWidth, clippedAbove) = clipped.bins()
    #expect(clippedAbove == 100 && clippedCounts.reduce(0, +) == 900 && clippedLower == 0)
    #expect(abs(clippedWidth * 10 - 899.1) < 1e-9)
    clipped.upperQuantile = nil
    #expect(clipped.bins().above == 0)
    #expect(counts.reduce(0, +) == 1000)
    #expect(lower == 1e10)
    #expect(abs(width - 9.6e9 / 20) < 1)
    let svg = chart.svg()
    #expect(
      try elements(svg, "//*[local-name()='rect'][@class='bar']").count
        == counts.filter { $0 > 0 }.count)
    #expect(try elements(svg, "//*[local-name()='line'][@class='marker']").count == 2)
    #expect(svg.contains("billions of VND"))
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
    #expect(try elements(svg, "//*[local-name()='rect'][@class='low']").count == 3)
    #expect(try elements(svg, "//*[local-name()='rect'][@class='high']").count == 3)
  }
}
