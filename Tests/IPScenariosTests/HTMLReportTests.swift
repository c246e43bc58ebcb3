// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPScenarios
import IPStatistics
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("HTML report")
struct HTMLReportTests {
  /// `index.html` and every chart file are written and parse as XML; the page holds every
  /// chart inline, the comparison table with one column per scenario, and the sources; no
  /// script.
  @Test func writesParsableFiles() throws {
    let files = try ScenarioFiles()
    let comparison = Comparison([ComparisonTests.baseline, ComparisonTests.valuationOnly])
    let report = HTMLReport(
      title: "ipfin scenarios & comparison", notes: ["Seeds: 57."],
      fanCharts: [ChartTests.fan()],
      histograms: [
        HistogramChart(
          title: "baseline: portfolio value", values: [1, 2, 2, 3, 5], markers: [],
          currency: "VND")
      ],
      tornado: TornadoChart(
        title: "Sensitivity", base: 10, bars: [.init(label: "royalty", low: 8, high: 12)],
        currency: "VND"),
      comparison: comparison,
      sources: [
        DataSource(id: "investip-2024", title: "InvestIP review", address: "https://investip.vn/")
      ])
    let directory = files.directory.appendingPathComponent("report").path
    try report.write(to: directory)

    let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    #expect(
      names == [
        "fan-1-vn-invention-applications-filed.svg", "histogram-1-baseline-portfolio-value.svg",
        "index.html", "tornado.svg",
      ])
    for name in names {
      let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
      #expect(throws: Never.self) { try XMLDocument(xmlString: text, options: []) }
    }
    let html = try String(contentsOfFile: directory + "/index.html", encoding: .utf8)
    #expect(try elements(html, "//*[local-name()='svg']").count == 3)
    #expect(try elements(html, "//*[local-name()='figure']").count == 3)
    let headers = try elements(html, "//*[local-name()='th']").compactMap(\.stringValue)
    #expect(headers == ["metric", "baseline", "stress"])
    #expect(!html.contains("<script"))
    #expect(html.contains("ipfin scenarios &amp; comparison"))
    #expect(try elements(html, "//*[local-name()='li']").count == 1)
  }
}
