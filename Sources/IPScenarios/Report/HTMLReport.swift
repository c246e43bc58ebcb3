// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPStatistics

/// A self-contained HTML report of compared scenarios: fan charts of the projected series,
/// histograms of simulated portfolio values, the tornado chart, the comparison table and the
/// data sources. Charts are inline SVG; there is no script and no network reference. Each chart
/// is also written as its own `.svg` file.
public struct HTMLReport: Sendable {
  /// The page title.
  public var title: String
  /// Paragraphs shown under the title (scenarios compared, seeds, caveats).
  public var notes: [String]
  /// One fan chart per projected series.
  public var fanCharts: [FanChart]
  /// One histogram per scenario with a valuation.
  public var histograms: [HistogramChart]
  /// The sensitivity of the first scenario with a valuation, when there is one.
  public var tornado: TornadoChart?
  /// The comparison.
  public var comparison: Comparison
  /// The sources of the observed data the projections used.
  public var sources: [DataSource]

  /// Creates a report.
  public init(
    title: String, notes: [String], fanCharts: [FanChart], histograms: [HistogramChart],
    tornado: TornadoChart?, comparison: Comparison, sources: [DataSource]
  ) {
    self.title = title
    self.notes = notes
    self.fanCharts = fanCharts
    self.histograms = histograms
    self.tornado = tornado
    self.comparison = comparison
    self.sources = sources
  }

  /// The chart files: name (`fan-<n>-<slug>.svg`, `histogram-<n>-<slug>.svg`, `tornado.svg`,
  /// where the slug is the chart's title in at most ``longestSlug`` lower-case letters, digits
  /// and dashes, so that a name has at most 64 bytes whatever the title), SVG text and caption,
  /// in page order.
  public var chartFiles: [(name: String, svg: String, caption: String)] {
    var files: [(String, String, String)] = []
    for (index, chart) in fanCharts.enumerated() {
      files.append(
        ("fan-\(index + 1)-\(HTMLReport.slug(chart.title)).svg", chart.svg(), chart.title))
    }
    for (index, chart) in histograms.enumerated() {
      files.append(
        ("histogram-\(index + 1)-\(HTMLReport.slug(chart.title)).svg", chart.svg(), chart.title))
    }
    if let tornado { files.append(("tornado.svg", tornado.svg(), tornado.title)) }
    return files
  }

  /// The page, with every chart inline. It is well-formed XML (XHTML syntax) as well as HTML5.
  public var html: String { html(charts: chartFiles) }

  /// The page with `charts` (``chartFiles``) inline.
  private func html(charts: [(name: String, svg: String, caption: String)]) -> String {
    let e = SVGCanvas.escape
    var page = """
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
      <head>
      <meta charset="utf-8"/>
      <title>\(e(title))</title>
      <style>
      body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1000px;
             color: #222; line-height: 1.45; padding: 0 1em; }
      h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
      figure { margin: 1.5em 0; } svg { max-width: 100%; height: auto; }
      table { border-collapse: collapse; font-size: 0.85em; }
      th, td { padding: 0.25em 0.6em; border-bottom: 1px solid #eee; }
      td.number { text-align: right; font-variant-numeric: tabular-nums; }
      th { text-align: left; background: #f6f6f6; }
      .note { color: #555; }
      </style>
      </head>
      <body>
      <h1>\(e(title))</h1>

      """
    for note in notes { page += "<p class=\"note\">\(e(note))</p>\n" }
    let sections: [(heading: String, text: String, count: Int)] = [
      (
        "Projected filings",
        "Dots are observed counts; lines are each scenario's median projection; the darker and "
          + "lighter bands are its 80% and 95% prediction intervals.", fanCharts.count
      ),
      (
        "Portfolio value as collateral",
        "The distribution of the simulated portfolio value, with the collateral value, the "
          + "lending value and the loan marked.", histograms.count
      ),
      (
        "Sensitivity",
        "The deterministic portfolio value with one driver at a time at its low and high setting.",
        tornado == nil ? 0 : 1
      ),
    ]
    var files = charts[...]
    for section in sections where section.count > 0 {
      page += "<h2>\(e(section.heading))</h2>\n<p>\(e(section.text))</p>\n"
      for file in files.prefix(section.count) {
        page +=
          "<figure>\n\(file.svg)<figcaption class=\"note\">\(e(file.caption)) "
          + "(also in \(e(file.name)))</figcaption>\n</figure>\n"
      }
      files = files.dropFirst(section.count)
    }
    page += "<h2>Comparison</h2>\n<table>\n<tr><th>metric</th>"
    for row in comparison.rows { page += "<th>\(e(row[0].csv))</th>" }
    page += "</tr>\n"
    for index in comparison.columns.indices.dropFirst() {
      let name = comparison.columns[index]
      page += "<tr><td>\(e(name))</td>"
      for row in comparison.rows {
        if case let .text(value) = row[index] {
          page += "<td>\(e(value))</td>"
        } else {
          let text = Comparison.display(row[index].number, column: name)
          page += "<td class=\"number\">\(e(text))</td>"
        }
      }
      page += "</tr>\n"
    }
    page += "</table>\n"
    if !sources.isEmpty {
      page += "<h2>Data sources</h2>\n<ul>\n"
      for source in sources {
        page += "<li><code>\(e(source.id))</code>: \(e(source.title))"
        if !source.address.isEmpty {
          page += ", <a href=\"\(e(source.address))\">\(e(source.address))</a>"
        }
        page += "</li>\n"
      }
      page += "</ul>\n"
    }
    page += "</body>\n</html>\n"
    return page
  }

  /// The files of the report in `directory`: every chart's `.svg` (``chartFiles``), then
  /// `index.html`, as paths and texts.
  public func files(in directory: String) -> [(path: String, text: String)] {
    let base = URL(fileURLWithPath: directory)
    let charts = chartFiles
    return charts.map { (base.appendingPathComponent($0.name).path, $0.svg) }
      + [(base.appendingPathComponent("index.html").path, html(charts: charts))]
  }

  /// Writes ``files(in:)`` as one (``OutputFile/write(_:)``): all of them, or none when one
  /// cannot be written.
  ///
  /// - Returns: the paths written.
  /// - Throws: ``InputError`` (`cannotWrite`, exit code 73) when a file cannot be written.
  @discardableResult
  public func write(to directory: String) throws -> [String] {
    let files = files(in: directory)
    try OutputFile.write(files)
    return files.map(\.path)
  }

  /// Whether a report may write a file named `name` into its folder: `index.html`,
  /// `tornado.svg`, `fan-*.svg` or `histogram-*.svg`. A command checks its inputs against this
  /// before it runs anything, and against ``files(in:)`` before it writes.
  public static func mayWrite(fileNamed name: String) -> Bool {
    name == "index.html" || name == "tornado.svg"
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
