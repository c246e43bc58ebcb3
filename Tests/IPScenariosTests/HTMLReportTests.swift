// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPScenarios
import IPStatistics
import IPValuation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("HTML report")
struct HTMLReportTests {
  /// `index.html` and every chart file are written and parse as XML; the page holds the
  /// summary first, then every chart inline in page order, the table of figures and the
  /// sources, the version that made it, and no script.
  @Test func writesParsableFiles() throws {
    let files = try ScenarioFiles()
    let table = ReportTable(
      scenarios: ["baseline", "stress"],
      sections: [
        .init(
          heading: "Lending",
          rows: [
            .init(
              label: "Lending value (VND bn)", values: [21.6e9, 14e9], cells: ["21.60", "14.00"])
          ]),
        .init(heading: "Empty", rows: []),
      ])
    let report = HTMLReport(
      title: "ipfin scenarios & comparison", generator: "ipfin 9.8.7", notes: ["Seeds: 57."],
      summary: table,
      lendingChart: LendingChart(
        title: "Lending value against the loan",
        rows: [
          .init(name: "baseline", colorIndex: 0, collateralValue: 3, lendingValue: 2, loan: 1)
        ],
        currency: "VND"),
      valueChart: DistributionChart(
        title: "Portfolio value at the 1-year horizon", axisLabel: "P_H",
        axis: .amount(currency: "VND"),
        rows: [.init(name: "baseline", colorIndex: 0, values: [1, 2, 2, 3, 5])]),
      lossChart: nil, fanCharts: [ChartTests.fan()],
      tornado: TornadoChart(
        title: "Sensitivity", base: 10, bars: [.init(label: "royalty", low: 8, high: 12)],
        currency: "VND"),
      table: table,
      sources: [
        DataSource(id: "investip-2024", title: "InvestIP review", address: "https://investip.vn/")
      ])
    let directory = files.directory.appendingPathComponent("report").path
    try report.write(to: directory)
    // Paths are joined as written: a relative folder gives relative paths (confirmed as such).
    #expect(report.files(in: "out/r").allSatisfy { $0.path.hasPrefix("out/r/") })
    #expect(report.files(in: "out/r/").map(\.path).last == "out/r/index.html")

    let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    #expect(
      names == [
        "fan-1-vn-invention-applications-filed.svg", "histogram-1-portfolio-value.svg",
        "index.html", "lending.svg", "tornado.svg",
      ])
    #expect(names.allSatisfy(HTMLReport.mayWrite(fileNamed:)))
    for name in names {
      let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
      #expect(throws: Never.self) { try XMLDocument(xmlString: text, options: []) }
    }
    let html = try String(contentsOfFile: directory + "/index.html", encoding: .utf8)
    #expect(try elements(html, "//*[local-name()='svg']").count == 4)
    // The figures in page order, each with its chart's title and file name in the caption.
    let captions = try elements(html, "//*[local-name()='figcaption']").compactMap(\.stringValue)
    #expect(
      captions == [
        "Lending value against the loan (also in lending.svg)",
        "Portfolio value at the 1-year horizon (also in histogram-1-portfolio-value.svg)",
        "VN invention applications filed (also in fan-1-vn-invention-applications-filed.svg)",
        "Sensitivity (also in tornado.svg)",
      ])
    let sections = try elements(html, "//*[local-name()='section']/@id").compactMap(\.stringValue)
    #expect(
      sections == [
        "summary", "lending", "portfolio-value", "filings", "sensitivity", "figures", "sources",
      ])
    // The summary table comes before any chart; an empty section is left out.
    #expect(
      (html.range(of: "<table class=\"summary\">")?.lowerBound ?? html.endIndex)
        < (html.range(of: "<figure>")?.lowerBound ?? html.startIndex))
    #expect(!html.contains(">Empty<"))
    let headers = try elements(
      html, "//*[local-name()='table'][@class='summary']//*[local-name()='th']"
    )
    .compactMap(\.stringValue)
    #expect(headers == ["figure", "baseline", "stress", "Lending"])
    #expect(!html.contains("<script"))
    #expect(html.contains("ipfin scenarios &amp; comparison"))
    #expect(html.contains("<meta name=\"generator\" content=\"ipfin 9.8.7\"/>"))
    #expect(html.contains("<footer><p>Made by ipfin 9.8.7.</p></footer>"))
    #expect(try elements(html, "//*[local-name()='li']").count == 1)
  }

  /// The report of run scenarios (a base with a loan; one changing the valuation; one changing
  /// a projection): every file parses as XML; the summary's figures are the library's; the value
  /// and loss charts hold the horizon values and the losses at default, identical scenarios in
  /// one row; the fan charts hold the observed points used, one band per distinct projection,
  /// the model and hover text; the table names every figure in words with its unit.
  @Test func reportOfRunScenarios() throws {
    let (files, paths) = try ScenarioRunnerTests.files([
      "b-shifted.yaml":
        "extends: base.yaml\nname: shifted\nvaluation: {discount_rate_shift: 0.02}\n",
      "c-growth.yaml": """
      extends: base.yaml
      name: growth
      projection:
        adjustments: [{right: invention, from: 2026, growth_uplift: 0.02}]
      """,
    ])
    defer { withExtendedLifetime(files) {} }
    let results = try ScenarioRunnerTests.run(paths)
    let report = HTMLReport(
      results: results, sources: try DataSource.bundled(), generator: "ipfin 1.2.3")
    let directory = files.directory.appendingPathComponent("report").path
    try report.write(to: directory)
    // Paths are joined as written: a relative folder gives relative paths (confirmed as such).
    #expect(report.files(in: "out/r").allSatisfy { $0.path.hasPrefix("out/r/") })
    #expect(report.files(in: "out/r/").map(\.path).last == "out/r/index.html")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    #expect(
      names == [
        "fan-1-vn-invention-applications-filed.svg",
        "fan-2-vn-invention-applications-filed-resident.svg",
        "histogram-1-portfolio-value.svg", "histogram-2-loss-given-default.svg", "index.html",
        "lending.svg", "tornado.svg",
      ])
    for name in names {
      let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
      #expect(throws: Never.self) { try XMLDocument(xmlString: text, options: []) }
    }
    let html = try String(contentsOfFile: directory + "/index.html", encoding: .utf8)
    #expect(try elements(html, "//*[local-name()='figure']").count == report.chartFiles.count)
    #expect(html.contains("Made by ipfin 1.2.3."))

    let valuations = try results.map { try #require($0.valuation) }
    let metrics = valuations.map(\.report)
    // The summary: the library's figures, one column per scenario.
    let summary = report.summary
    #expect(summary.scenarios == ["base", "shifted", "growth"])
    func summaryRow(_ prefix: String) throws -> ReportTable.Row {
      try #require(summary.rows.first { $0.label.hasPrefix(prefix) }, "\(prefix)")
    }
    for (prefix, metric) in [
      ("Loan (", "loan_amount"), ("Lending value (", "lending_value"),
      ("Collateral value (", "collateral_value"), ("Forced-sale coverage", "coverage_forced"),
      ("Probability of default within the tenor (%)", "default_probability"),
      ("Collateral at default, mean (", "collateral_at_default_mean"),
      ("Loss given default, mean (%)", "lgd_mean"),
      ("Expected credit loss (", "expected_credit_loss"),
      ("Expected credit loss / loan (%)", "expected_credit_loss_rate"),
      ("Unexpected loss, 99% (", "unexpected_loss99"),
    ] {
      let row = try summaryRow(prefix)
      #expect(row.values == metrics.map { $0.value(named: metric) ?? .nan }, "\(metric)")
    }
    let lendingRatio = try summaryRow("Lending value / loan (%)")
    #expect(
      lendingRatio.values
        == metrics.map {
          ($0.value(named: "lending_value") ?? 0) / ($0.value(named: "loan_amount") ?? 1)
        })
    #expect(lendingRatio.flagged == lendingRatio.values.map { $0 < 1 })
    let pd = try summaryRow("Probability of default within the tenor (%)")
    #expect(pd.cells == pd.values.map { CollateralReport.Metric.Kind.ratio.formatted($0) })
    // The amounts are shown in the row's scale: "Lending value (VND m)" or "(VND bn)".
    let lending = try summaryRow("Lending value (")
    #expect(lending.label == "Lending value (VND bn)" || lending.label == "Lending value (VND m)")
    let divisor = lending.label.hasSuffix("bn)") ? 1e9 : 1e6
    #expect(
      lending.cells[0]
        == NumberFormatting.fixed(lending.values[0] / divisor, digits: 2, grouped: true))
    // The final-year filings with their bands, as the comparison has them.
    let filings = try summaryRow("VN invention applications filed, 2032")
    let point = try #require(
      results[2].summary.series.first { $0.right == "invention" }?.points[2032])
    #expect(filings.values[2] == point.value)
    #expect(
      filings.details[2]
        == "\(NumberFormatting.fixed(point.low95, digits: 0, grouped: true)) to "
        + "\(NumberFormatting.fixed(point.high95, digits: 0, grouped: true))")

    // The value chart: the horizon values (P_H), base and growth in one row (growth changes a
    // projection only), the markers at the library's figures.
    let valueChart = try #require(report.valueChart)
    #expect(valueChart.title == "Portfolio value at the 1-year horizon (P_H), by scenario")
    #expect(valueChart.rows.map(\.name) == ["base (= growth)", "shifted"])
    #expect(valueChart.rows[0].values == valuations[0].result.horizonValues)
    #expect(valueChart.rows[1].values == valuations[1].result.horizonValues)
    #expect(
      valueChart.rows[1].markers.map(\.value)
        == ["horizon_value_mean", "collateral_value", "lending_value", "loan_amount"].map {
          metrics[1].value(named: $0) ?? .nan
        })
    #expect(
      valueChart.rows[1].markers.map(\.label) == [
        "mean", "collateral value*", "lending value*", "loan",
      ])
    #expect(valueChart.notes.contains { $0.contains("quantiles of other quantities") })
    // The loss chart: the losses given default above 0, as shares of all the defaults.
    let lossChart = try #require(report.lossChart)
    #expect(lossChart.rows.map(\.name) == ["base (= growth)", "shifted"])
    let losses = try #require(metrics[1].losses)
    #expect(lossChart.rows[1].values == losses.lossGivenDefault.filter { $0 > 0 })
    #expect(
      lossChart.rows[1].total == losses.lossGivenDefault.count && !losses.lossGivenDefault.isEmpty)
    #expect(
      lossChart.rows[1].markers.map(\.value)
        == [metrics[1].value(named: "lgd_mean"), metrics[1].value(named: "lgd_p90")])
    #expect(lossChart.rows[1].note.contains("ECL VND "))
    let lendingChart = try #require(report.lendingChart)
    #expect(lendingChart.rows.map(\.name) == ["base (= growth)", "shifted"])
    #expect(lendingChart.rows[1].lendingValue == metrics[1].value(named: "lending_value"))

    // The fan charts: observed points, bands of the distinct projections, models and hover
    // text on every projected year.
    let observed = try FilingDataset.bundled()
      .series(SeriesKey(office: "VN", right: "invention")).points.filter { $0.year >= 2005 }
    let fan = try #require(report.fanCharts.first)
    #expect(fan.title == "VN invention applications filed")
    let svg = fan.svg()
    #expect(try marks(svg, "observed").count == observed.count)
    #expect(try marks(svg, "band95").count == 2)
    #expect(try marks(svg, "band80").count == 2)
    #expect(try legendLabels(svg) == ["observed", "base (= shifted)", "growth"])
    #expect(
      fan.series.map(\.model) == Array(repeating: "exponential (named)", count: 2))
    let rows = try #require(results[0].series[0].selectedRows).filter { $0.kind == .projected }
    let dots = try marks(svg, "median-point").compactMap(hoverText)
    #expect(dots.count == 2 * rows.count)
    let last = try #require(rows.last)
    #expect(
      dots.contains {
        $0.hasPrefix(
          "base (= shifted), 2032: median \(NumberFormatting.fixed(last.value.rounded(), digits: 0, grouped: true)); 80% band "
        )
      })
    // The resident series is not adjusted: all three scenarios project it alike.
    let resident = try #require(report.fanCharts.last).svg()
    #expect(try marks(resident, "band95").count == 1)
    #expect(try legendLabels(resident) == ["observed", "base (= shifted, growth)"])
    // A name that itself ends in a parenthesis keeps it.
    let copy = try files.write("copy.yaml", "extends: base.yaml\nname: copy (v2)\n")
    let copied = HTMLReport(
      results: try ScenarioRunnerTests.run([copy, paths[0]]), sources: [:], generator: "ipfin")
    #expect(copied.fanCharts.first?.series.map(\.name) == ["copy (v2) (= base)"])

    // The table: every figure in words, amounts with their scale, ratios in percent.
    let table = report.table
    #expect(table.rows.allSatisfy { !$0.label.contains("_") }, "\(table.rows.map(\.label))")
    #expect(table.row("Expected credit loss / loan (%)") != nil)
    #expect(table.row("Concentration (Herfindahl index)") != nil)
    #expect(table.rows.contains { $0.label.hasPrefix("Expected credit loss (VND ") })
    #expect(
      table.row("VN invention applications filed: model")?.cells.first
        == "exponential (named)")
    #expect(table.row("VN invention applications filed, 2032: 95% band, low") != nil)
    let coverage = try #require(table.row("Forced-sale coverage of the loan (%)"))
    #expect(
      coverage.cells[0].hasSuffix("%")
        && coverage.values[0] == metrics[0].value(named: "coverage_forced"))
    #expect(table.row("Lending value: change against the baseline (%)")?.cells[0] == "0.00%")
    #expect(html.contains("<td class=\"label\">Expected credit loss / loan (%)</td>"))

    #expect(report.tornado?.bars.count == results[0].valuation?.tornado.rows.count)
    #expect(report.sources.map(\.id).contains("investip-2024"))
    // The three scenarios share their seeds: one sentence names all three.
    #expect(
      report.notes.last
        == "Reproducible from the same files: projection seed 1989, 400 paths per model; "
        + "valuation seed 11, 3000 paths at 2025-12-31 (base, shifted, growth).")
  }

  /// Without a loan there is no loss chart and no loan figure; the summary keeps the lending
  /// value, and a scenario without a valuation leaves its cells empty.
  @Test func reportWithoutALoan() throws {
    let files = try ScenarioFiles()
    defer { withExtendedLifetime(files) {} }
    try files.write("portfolio.csv", ScenarioRunnerTests.portfolio)
    let value = try files.write(
      "value.yaml", "name: value\nvaluation:\n  portfolio: portfolio.csv\n  paths: 500\n")
    let project = try files.write(
      "project.yaml",
      "name: project\nprojection:\n  office: VN\n  series: [invention]\n  simulations: 200\n")
    let report = HTMLReport(
      results: try ScenarioRunnerTests.run([value, project]), sources: [:], generator: "ipfin")
    #expect(report.lossChart == nil)
    #expect(report.chartFiles.map(\.name).contains("histogram-1-portfolio-value.svg"))
    #expect(
      report.summary.sections.map(\.heading) == ["Lending", "Projected filings: median (95% band)"])
    let lending = try #require(report.summary.rows.first)
    #expect(lending.label.hasPrefix("Lending value (") && lending.cells[1] == "")
    #expect(report.fanCharts.first?.series.first?.model == "discounted-drift (the default)")
  }
}
