// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// What each scenario lets a bank lend against the loan asked for: per scenario its name, a bar
/// of the collateral value, a bar of the lending value, and a mark at the loan, on one axis from
/// 0, with the lending value as a share of the loan at the right.
public struct LendingChart: Sendable {
  /// One scenario (or several with the same figures).
  public struct Row: Sendable, Equatable {
    /// The scenario's name (`"baseline (= korea-analog)"` for merged scenarios).
    public var name: String
    /// The scenario's position among all scenarios (decides its colour).
    public var colorIndex: Int
    /// The collateral value.
    public var collateralValue: Double
    /// The lending value.
    public var lendingValue: Double
    /// The loan; NaN without one.
    public var loan: Double

    /// Creates a row.
    public init(
      name: String, colorIndex: Int, collateralValue: Double, lendingValue: Double,
      loan: Double
    ) {
      self.name = name
      self.colorIndex = colorIndex
      self.collateralValue = collateralValue
      self.lendingValue = lendingValue
      self.loan = loan
    }

    /// Whether `other` has the same three figures (NaN equal to NaN).
    public func hasSameValues(as other: Row) -> Bool {
      func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
      return same(collateralValue, other.collateralValue)
        && same(lendingValue, other.lendingValue) && same(loan, other.loan)
    }
  }

  /// The chart's title.
  public var title: String
  /// The rows, top to bottom.
  public var rows: [Row]
  /// The currency, for the axis title.
  public var currency: String

  /// Creates a chart.
  public init(title: String, rows: [Row], currency: String) {
    self.title = title
    self.rows = rows
    self.currency = currency
  }

  /// The chart as a standalone SVG document: per row a `rect` of class `collateral` (pale), a
  /// `rect` of class `lending` (solid) and, with a loan, a line of class `loan`, each with
  /// hover text, and the lending value as a share of the loan on the right.
  public func svg(width: Double = 1100) -> String {
    // A row: the scenario's name above its two bars.
    let rowHeight = 58.0
    let margin = (left: 40.0, right: 190.0, top: 76.0, bottom: 52.0)
    let height = margin.top + margin.bottom + rowHeight * Double(max(rows.count, 1))
    var canvas = SVGCanvas(width: width, height: height)
    let values = rows.flatMap { [$0.collateralValue, $0.lendingValue, $0.loan] }
      .filter(\.isFinite)
    let unit = ChartUnit.scaled(for: values.map(abs).max() ?? 1, noun: currency)
    let short = unit.abbreviated(currency)
    let xScale = ChartScale(
      minimum: min(0, values.min() ?? 0), maximum: values.max() ?? 1, start: margin.left,
      end: width - margin.right, tickCount: 8)
    func amount(_ value: Double) -> String { "\(ChartText.amount(value, in: unit)) \(short)" }
    canvas.text(title, x: 16, y: 24, size: 16, weight: "bold")
    var legendX = 16.0
    for (label, cssClass) in [
      ("collateral value (pale)", "collateral"), ("lending value (solid)", "lending"),
      ("loan", "loan"),
    ] {
      canvas.raw("<g class=\"legend-entry\">")
      if cssClass == "loan" {
        canvas.line(
          x1: legendX + 7, y1: 38, x2: legendX + 7, y2: 52, stroke: "#000000", width: 2,
          dash: "4 3")
      } else {
        canvas.rect(
          x: legendX, y: 40, width: 14, height: 10, fill: "#0072B2",
          opacity: cssClass == "collateral" ? 0.3 : 0.9)
      }
      canvas.text(label, x: legendX + 20, y: 49, size: 12)
      canvas.raw("</g>")
      legendX += 20 + ChartText.width(label, size: 12) + 24
    }
    let bottom = height - margin.bottom
    ChartFrame.drawValueAxis(
      on: &canvas, scale: xScale, top: margin.top - 6, bottom: bottom, divisor: unit.divisor,
      label: unit.label)
    canvas.text(
      "lending value / loan", x: width - margin.right + 16, y: margin.top - 10, size: 11,
      fill: "#444")
    let zero = xScale.position(0)
    for (index, row) in rows.enumerated() {
      let y = margin.top + rowHeight * Double(index)
      let color = ChartPalette.color(row.colorIndex)
      // Cut to the plot's width (hover text keeps the name whole).
      canvas.text(
        ChartText.fitted(row.name, 110), x: margin.left, y: y + 12, size: 12, weight: "bold",
        fill: color)
      for (value, cssClass, top, barHeight, opacity, what) in [
        (row.collateralValue, "collateral", 18.0, 14.0, 0.3, "collateral value"),
        (row.lendingValue, "lending", 34.0, 16.0, 0.9, "lending value"),
      ] where value.isFinite {
        let x = xScale.position(value)
        canvas.rect(
          x: min(x, zero), y: y + top, width: abs(x - zero), height: barHeight, fill: color,
          opacity: opacity, cssClass: cssClass, title: "\(row.name): \(what) \(amount(value))")
      }
      if row.loan.isFinite {
        let x = xScale.position(row.loan)
        canvas.line(
          x1: x, y1: y + 15, x2: x, y2: y + 54, stroke: "#000000", width: 2, dash: "4 3",
          cssClass: "loan", title: "\(row.name): loan \(amount(row.loan))")
        if row.loan > 0 && row.lendingValue.isFinite {
          let share = row.lendingValue / row.loan
          canvas.text(
            ChartText.percent(share) + " of the loan", x: width - margin.right + 16, y: y + 47,
            size: 12, weight: share < 1 ? "bold" : nil, fill: share < 1 ? "#B00020" : "#222")
        }
      }
    }
    return canvas.document(title: title)
  }
}
