// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPStatistics

/// A self-contained HTML report of compared scenarios that answers a lender first: a summary
/// table, the lending value against the loan, the distributions of the portfolio value and of
/// the loss at default, then the fan charts of the projected filings, the tornado chart, the
/// table of every figure and the data sources. Charts are inline SVG; there is no script and no
/// network reference. Each chart is also written as its own `.svg` file.
public struct HTMLReport: Sendable {
  /// The page title.
  public var title: String
  /// The program and version that made the report ("ipfin 0.1.0").
  public var generator: String
  /// Paragraphs shown under the title (scenarios compared, seeds, caveats).
  public var notes: [String]
  /// The key figures per scenario (``ReportTable/summary(_:)``), first on the page.
  public var summary: ReportTable
  /// The lending value against the loan, when a scenario has a valuation.
  public var lendingChart: LendingChart?
  /// The distributions of the portfolio value the risk figures use, when a scenario has a
  /// valuation.
  public var valueChart: DistributionChart?
  /// The distributions of the loss given default, when a scenario has a probability of default.
  public var lossChart: DistributionChart?
  /// One fan chart per projected series.
  public var fanCharts: [FanChart]
  /// The sensitivity of the first scenario with a valuation, when there is one.
  public var tornado: TornadoChart?
  /// Every figure of the comparison (``ReportTable/figures(_:)``).
  public var table: ReportTable
  /// The sources of the observed data the projections used.
  public var sources: [DataSource]

  /// Creates a report.
  public init(
    title: String, generator: String, notes: [String], summary: ReportTable,
    lendingChart: LendingChart?, valueChart: DistributionChart?, lossChart: DistributionChart?,
    fanCharts: [FanChart], tornado: TornadoChart?, table: ReportTable, sources: [DataSource]
  ) {
    self.title = title
    self.generator = generator
    self.notes = notes
    self.summary = summary
    self.lendingChart = lendingChart
    self.valueChart = valueChart
    self.lossChart = lossChart
    self.fanCharts = fanCharts
    self.tornado = tornado
    self.table = table
    self.sources = sources
  }

  /// The name of the lending chart's file.
  static let lendingFile = "lending.svg"
  /// The name of the tornado chart's file.
  static let tornadoFile = "tornado.svg"

  /// One chart of the page: its file name, SVG text, caption and the section it belongs to.
  public struct ChartFile: Sendable {
    /// The file name.
    public let name: String
    /// The SVG document.
    public let svg: String
    /// The caption under the chart.
    public let caption: String
    /// The section of the page that shows it.
    let section: Section
  }

  /// The sections of the page that hold charts, in page order.
  enum Section: CaseIterable {
    case lending, value, loss, filings, sensitivity

    /// The heading's id, the page's anchor for the section.
    var id: String {
      switch self {
      case .lending: return "lending"
      case .value: return "portfolio-value"
      case .loss: return "loss-at-default"
      case .filings: return "filings"
      case .sensitivity: return "sensitivity"
      }
    }

    /// The heading and the text that says how to read the section's charts.
    var heading: (title: String, text: String) {
      switch self {
      case .lending:
        return (
          "Lending value against the loan",
          "Per scenario, the collateral value (pale bar) and the lending value (solid bar) "
            + "against the loan (dashed mark); on the right, the lending value as a share of the "
            + "loan, in bold red when it falls short."
        )
      case .value:
        return (
          "Portfolio value",
          "The simulated distribution of the value the risk figures are measured on, one row "
            + "per scenario on one shared axis, with the mean, the collateral value, the lending "
            + "value and the loan marked and their figures in the row's heading. Scenarios with "
            + "the same distribution share a row."
        )
      case .loss:
        return (
          "Loss if the borrower defaults",
          "Over the paths on which the borrower defaults within the tenor, the loss given "
            + "default (the share of the exposure the sale of the collateral does not repay), "
            + "one row per scenario, with the mean and the 90% quantile marked; each heading "
            + "gives how often the borrower defaults, how often a default costs nothing, the "
            + "expected credit loss and the 99% unexpected loss."
        )
      case .filings:
        return (
          "Projected filings",
          "Dots are observed counts; each scenario's line is its median projection (hover over "
            + "a dot for the year's figures), the filled band its 80% and the dashed outline its "
            + "95% prediction interval. The value axis is logarithmic, so equal "
            + "steps are equal ratios and a fast-growing scenario does not flatten the others. "
            + "Under each scenario's name, the model projected and how it was chosen."
        )
      case .sensitivity:
        return (
          "Sensitivity",
          "The deterministic portfolio value with one driver at a time at its low and high "
            + "setting."
        )
      }
    }
  }

  /// The chart files, in page order: ``lendingFile``, `histogram-1-portfolio-value.svg` and
  /// `histogram-2-loss-given-default.svg` (numbered in turn when one is absent),
  /// `fan-<n>-<slug>.svg`, where the slug is the fan chart's title in at most ``longestSlug``
  /// lower-case letters, digits and dashes (so that a name has at most 64 bytes whatever the
  /// title), and ``tornadoFile``.
  public var chartFiles: [ChartFile] {
    var files: [ChartFile] = []
    if let lendingChart {
      files.append(
        ChartFile(
          name: Self.lendingFile, svg: lendingChart.svg(), caption: lendingChart.title,
          section: .lending))
    }
    let distributions = [
      (valueChart, "portfolio-value", Section.value), (lossChart, "loss-given-default", .loss),
    ]
    for (index, (chart, stem, section)) in distributions.compactMap({ chart, stem, section in
      chart.map { ($0, stem, section) }
    }).enumerated() {
      files.append(
        ChartFile(
          name: "histogram-\(index + 1)-\(stem).svg", svg: chart.svg(), caption: chart.title,
          section: section))
    }
    for (index, chart) in fanCharts.enumerated() {
      files.append(
        ChartFile(
          name: "fan-\(index + 1)-\(Self.slug(chart.title)).svg", svg: chart.svg(),
          caption: chart.title, section: .filings))
    }
    if let tornado {
      files.append(
        ChartFile(
          name: Self.tornadoFile, svg: tornado.svg(), caption: tornado.title,
          section: .sensitivity))
    }
    return files
  }

  /// The page, with every chart inline. It is well-formed XML (XHTML syntax) as well as HTML5.
  public var html: String { html(charts: chartFiles) }

  /// The page with `charts` (``chartFiles``) inline.
  private func html(charts: [ChartFile]) -> String {
    let e = SVGCanvas.escape
    var page = """
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
      <head>
      <meta charset="utf-8"/>
      <meta name="generator" content="\(e(generator))"/>
      <title>\(e(title))</title>
      <style>
      body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1180px;
             color: #222; line-height: 1.45; padding: 0 1em; }
      h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
      figure { margin: 1.5em 0; } svg { width: 100%; height: auto; }
      table { border-collapse: collapse; font-size: 0.9em; margin: 1em 0; }
      th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #eee; vertical-align: top; }
      td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      table.summary td.label { white-space: nowrap; } td.text { font-size: 0.9em; }
      table.figures td.label { min-width: 20em; }
      span.detail { color: #666; font-size: 0.85em; }
      th { text-align: left; background: #f6f6f6; }
      th.scenario { text-align: right; }
      tr.section th { background: #fff; border-bottom: 2px solid #ccc; padding-top: 1em; }
      td.short { color: #B00020; font-weight: bold; }
      table.summary { font-size: 1em; }
      .note { color: #555; }
      h1, p.note, th.scenario, td.text { overflow-wrap: anywhere; }
      footer { margin-top: 3em; border-top: 1px solid #ddd; color: #555; }
      </style>
      </head>
      <body>
      <h1>\(e(title))</h1>

      """
    for note in notes { page += "<p class=\"note\">\(e(note))</p>\n" }
    // The sections shown, as anchors and headings, for the contents line.
    var contents = [("summary", "Summary")]
    for section in Section.allCases where charts.contains(where: { $0.section == section }) {
      contents.append((section.id, section.heading.title))
    }
    contents.append(("figures", "All figures"))
    if !sources.isEmpty { contents.append(("sources", "Data sources")) }
    page +=
      "<p class=\"contents\">On this page: "
      + contents.map { "<a href=\"#\($0.0)\">\(e($0.1))</a>" }.joined(separator: " · ")
      + "</p>\n"
    page += "<section id=\"summary\">\n<h2>Summary</h2>\n"
    page +=
      "<p>The figures a lender asks for first, per scenario; every figure is defined in the "
      + "valuation guide, and the table at the end of the page holds all of them. A lending "
      + "value below the loan is in bold red.</p>\n"
    page += summary.html(cssClass: "summary") + "</section>\n"
    for section in Section.allCases {
      let shown = charts.filter { $0.section == section }
      guard !shown.isEmpty else { continue }
      let heading = section.heading
      page +=
        "<section id=\"\(section.id)\">\n<h2>\(e(heading.title))</h2>\n"
        + "<p>\(e(heading.text))</p>\n"
      for file in shown {
        page +=
          "<figure>\n\(file.svg)<figcaption class=\"note\">\(e(file.caption)) "
          + "(also in \(e(file.name)))</figcaption>\n</figure>\n"
      }
      page += "</section>\n"
    }
    page += "<section id=\"figures\">\n<h2>All figures</h2>\n"
    page +=
      "<p>The figures of <code>ipfin compare</code> in words and units; amounts are in the "
      + "scale each row names, ratios in percent.</p>\n"
    page += table.html(cssClass: "figures") + "</section>\n"
    if !sources.isEmpty {
      page += "<section id=\"sources\">\n<h2>Data sources</h2>\n<ul>\n"
      for source in sources {
        page += "<li><code>\(e(source.id))</code>: \(e(source.title))"
        if !source.address.isEmpty {
          page += ", <a href=\"\(e(source.address))\">\(e(source.address))</a>"
        }
        page += "</li>\n"
      }
      page += "</ul>\n</section>\n"
    }
    page += "<footer><p>Made by \(e(generator)).</p></footer>\n"
    page += "</body>\n</html>\n"
    return page
  }

  /// The files of the report in `directory`: every chart's `.svg` (``chartFiles``), then
  /// `index.html`, as paths and texts.
  public func files(in directory: String) -> [(path: String, text: String)] {
    // Joined as written (relative stays relative), as the other commands confirm their files.
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
    let charts = chartFiles
    return charts.map { (path($0.name), $0.svg) } + [(path("index.html"), html(charts: charts))]
  }

  /// Writes ``files(in:)`` as one (``OutputFile/write(_:)``): all of them, or none when one
  /// cannot be written.
  ///
  /// - Returns: the paths written.
  /// - Throws: ``InputError`` (`cannotWrite`) when a file cannot be written.
  @discardableResult
  public func write(to directory: String) throws -> [String] {
    let files = files(in: directory)
    try OutputFile.write(files)
    return files.map(\.path)
  }

  /// The names a report may write into its folder, as messages list them.
  public static let writableNames =
    "index.html, \(lendingFile), \(tornadoFile), fan-*.svg, histogram-*.svg"

  /// Whether a report may write a file named `name` into its folder (``writableNames``). A
  /// command checks its inputs against this before it runs anything, and against
  /// ``files(in:)`` before it writes.
  public static func mayWrite(fileNamed name: String) -> Bool {
    name == "index.html" || name == lendingFile || name == tornadoFile
      || (name.hasSuffix(".svg") && (name.hasPrefix("fan-") || name.hasPrefix("histogram-")))
  }

  /// The longest slug in a chart's file name.
  static let longestSlug = 40

  /// Lower-case letters, digits and single dashes, at most ``longestSlug`` of them (cut at a
  /// dash where there is one).
  static func slug(_ text: String) -> String {
    var slug = ""
    for character in text.lowercased() {
      if character.isASCII && (character.isLetter || character.isNumber) {
        slug.append(character)
      } else if slug.last != "-" {
        slug.append("-")
      }
    }
    slug = slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    guard slug.count > longestSlug else { return slug }
    var cut = slug.prefix(longestSlug)
    if let dash = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: dash) >= 20 {
      cut = cut[..<dash]
    }
    return String(cut).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
  }
}
