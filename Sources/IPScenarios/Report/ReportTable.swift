// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPValuation

/// A table of the report: one column per scenario, rows of figures in sections, each row named
/// in words with its unit ("Expected credit loss (VND m)"). The summary at the top of the page
/// and the table of all figures are both one.
public struct ReportTable: Sendable, Equatable {
  /// One figure across the scenarios.
  public struct Row: Sendable, Equatable {
    /// The figure's name with its unit.
    public var label: String
    /// The value per scenario, as the library computed it (NaN where there is none, and for a
    /// row of text).
    public var values: [Double]
    /// The text per scenario.
    public var cells: [String]
    /// Per scenario, a second line in smaller type under the cell (a 95% band); may be empty.
    public var details: [String]
    /// Per scenario, whether the cell is a warning (a lending value below the loan).
    public var flagged: [Bool]

    /// Creates a row.
    public init(
      label: String, values: [Double], cells: [String], details: [String]? = nil,
      flagged: [Bool]? = nil
    ) {
      self.label = label
      self.values = values
      self.cells = cells
      self.details = details ?? cells.map { _ in "" }
      self.flagged = flagged ?? cells.map { _ in false }
    }
  }

  /// A titled group of rows.
  public struct Section: Sendable, Equatable {
    /// The heading.
    public var heading: String
    /// The rows.
    public var rows: [Row]

    /// Creates a section.
    public init(heading: String, rows: [Row]) {
      self.heading = heading
      self.rows = rows
    }
  }

  /// The scenarios' names, the columns.
  public var scenarios: [String]
  /// The sections, without the empty ones.
  public var sections: [Section]

  /// Creates a table; sections without rows are left out.
  public init(scenarios: [String], sections: [Section]) {
    self.scenarios = scenarios
    self.sections = sections.filter { !$0.rows.isEmpty }
  }

  /// Every row, in order.
  public var rows: [Row] { sections.flatMap(\.rows) }

  /// The row labelled `label`, or `nil`.
  public func row(_ label: String) -> Row? { rows.first { $0.label == label } }

  // MARK: - Rows of figures

  /// A row of amounts of money in `currency`, in the one scale that suits its largest value
  /// (billions, millions or thousands, ``ChartUnit/scaled(for:noun:)``), written in the label
  /// ("Lending value (VND bn)"), with two decimals (none without a scale).
  static func amountRow(_ name: String, _ values: [Double], currency: String) -> Row {
    let largest = values.filter(\.isFinite).map(abs).max() ?? 0
    let unit = ChartUnit.scaled(for: largest, noun: currency)
    let cells = values.map { value in
      NumberFormatting.fixed(value / unit.divisor, digits: unit.divisor > 1 ? 2 : 0, grouped: true)
    }
    let scale = unit.abbreviated(currency)
    return Row(label: scale.isEmpty ? name : "\(name) (\(scale))", values: values, cells: cells)
  }

  /// A row of a metric of ``CollateralReport`` by its kind: amounts as ``amountRow(_:_:currency:)``,
  /// ratios as percentages with two decimals, the index with four decimals, years whole
  /// (``CollateralReport/Metric/Kind/formatted(_:)``, as every command prints them).
  static func metricRow(_ name: String, metric: String, _ values: [Double], currency: String)
    -> Row
  {
    let kind = CollateralReport.kind(ofMetric: metric)
    let cells = values.map { kind.formatted($0) }
    switch kind {
    case .amount: return amountRow(name, values, currency: currency)
    case .ratio: return Row(label: "\(name) (%)", values: values, cells: cells)
    case .years: return Row(label: "\(name) (years)", values: values, cells: cells)
    case .index: return Row(label: name, values: values, cells: cells)
    }
  }

  /// A row of texts.
  static func textRow(_ name: String, _ texts: [String]) -> Row {
    Row(label: name, values: texts.map { _ in .nan }, cells: texts)
  }

  // MARK: - HTML

  /// The table as XHTML: a header of scenario names, a heading row per section, and one row per
  /// figure (its label of class `label`), cells of class `number` or `text`, flagged cells also
  /// of class `short`, details under the cell in a `span` of class `detail`.
  func html(cssClass: String) -> String {
    let e = SVGCanvas.escape
    var html = "<table class=\"\(cssClass)\">\n<thead><tr><th>figure</th>"
    for name in scenarios { html += "<th class=\"scenario\">\(e(name))</th>" }
    html += "</tr></thead>\n<tbody>\n"
    for section in sections {
      html +=
        "<tr class=\"section\"><th colspan=\"\(scenarios.count + 1)\">\(e(section.heading))</th></tr>\n"
      for row in section.rows {
        html += "<tr><td class=\"label\">\(e(row.label))</td>"
        for (index, cell) in row.cells.enumerated() {
          var classes = row.values[index].isNaN && !cell.isEmpty ? ["text"] : ["number"]
          if row.flagged[index] { classes.append("short") }
          let detail = row.details[index]
          html +=
            "<td class=\"\(classes.joined(separator: " "))\">\(e(cell))"
            + (detail.isEmpty ? "" : "<br/><span class=\"detail\">\(e(detail))</span>")
            + "</td>"
        }
        html += "</tr>\n"
      }
    }
    return html + "</tbody>\n</table>\n"
  }
}
