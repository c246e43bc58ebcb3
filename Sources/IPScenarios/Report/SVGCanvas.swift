// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A minimal SVG writer: elements appended in drawing order, text escaped for XML, numbers
/// rounded to 0.01 px. The result is a standalone document (`<svg xmlns=...>`), valid XML, with
/// no scripts and no external references.
struct SVGCanvas {
  let width: Double
  let height: Double
  private(set) var body: [String] = []

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// `value` with at most two decimals and no trailing zeros.
  static func number(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(format: "%.2f", rounded).replacingOccurrences(
      of: "0+$", with: "", options: .regularExpression)
  }

  /// `text` escaped for XML character data and attribute values.
  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      default: result.append(character)
      }
    }
    return result
  }

  mutating func raw(_ element: String) {
    body.append(element)
  }

  /// A line; with a `title`, hover text on a band 8 px wide around it (SVG's `<title>`).
  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
    dash: String? = nil, cssClass: String? = nil, title: String? = nil
  ) {
    var extra = ""
    if let dash { extra += " stroke-dasharray=\"\(dash)\"" }
    if let cssClass { extra += " class=\"\(cssClass)\"" }
    let ends =
      "x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" "
      + "y2=\"\(Self.number(y2))\""
    let line = "<line \(ends) stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"\(extra)/>"
    guard let title else {
      body.append(line)
      return
    }
    body.append(
      "<g><title>\(Self.escape(title))</title>\(line)<line \(ends) stroke=\"\(stroke)\" "
        + "stroke-width=\"8\" stroke-opacity=\"0\"/></g>")
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double = 1,
    stroke: String? = nil, dash: String? = nil, cssClass: String? = nil, title: String? = nil
  ) {
    var extra = ""
    if opacity < 1 { extra += " fill-opacity=\"\(Self.number(opacity))\"" }
    if let stroke { extra += " stroke=\"\(stroke)\"" }
    if let dash { extra += " stroke-dasharray=\"\(dash)\"" }
    if let cssClass { extra += " class=\"\(cssClass)\"" }
    let open =
      "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(width, 0)))\" "
      + "height=\"\(Self.number(max(height, 0)))\" fill=\"\(fill)\"\(extra)"
    body.append(open + Self.close("rect", title: title))
  }

  mutating func circle(
    x: Double, y: Double, radius: Double, fill: String, cssClass: String? = nil,
    title: String? = nil
  ) {
    let classAttribute = cssClass.map { " class=\"\($0)\"" } ?? ""
    let open =
      "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" "
      + "fill=\"\(fill)\"\(classAttribute)"
    body.append(open + Self.close("circle", title: title))
  }

  mutating func polyline(
    _ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil,
    cssClass: String? = nil, title: String? = nil
  ) {
    guard points.count >= 2 else { return }
    let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
    var extra = ""
    if let dash { extra += " stroke-dasharray=\"\(dash)\"" }
    if let cssClass { extra += " class=\"\(cssClass)\"" }
    body.append(
      "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" "
        + "stroke-width=\"\(Self.number(width))\" stroke-linejoin=\"round\"\(extra)"
        + Self.close("polyline", title: title))
  }

  /// A filled polygon; `stroke` and `dash` draw its outline.
  mutating func polygon(
    _ points: [(Double, Double)], fill: String, opacity: Double, stroke: String? = nil,
    dash: String? = nil, cssClass: String? = nil, title: String? = nil
  ) {
    guard points.count >= 3 else { return }
    let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
    var extra = ""
    if let stroke {
      extra += " stroke=\"\(stroke)\" stroke-width=\"1\""
    } else {
      extra += " stroke=\"none\""
    }
    if let dash { extra += " stroke-dasharray=\"\(dash)\"" }
    if let cssClass { extra += " class=\"\(cssClass)\"" }
    body.append(
      "<polygon points=\"\(list)\" fill=\"\(fill)\" fill-opacity=\"\(Self.number(opacity))\""
        + extra + Self.close("polygon", title: title))
  }

  /// The end of an element's start tag: `/>`, or `>` with a `<title>` and the end tag.
  private static func close(_ element: String, title: String?) -> String {
    guard let title else { return "/>" }
    return "><title>\(escape(title))</title></\(element)>"
  }

  enum Anchor: String {
    case start, middle, end
  }

  mutating func text(
    _ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12,
    weight: String? = nil, fill: String = "#222", rotate: Double? = nil, cssClass: String? = nil
  ) {
    var extra = ""
    if let weight { extra += " font-weight=\"\(weight)\"" }
    if let rotate {
      extra += " transform=\"rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))\""
    }
    if let cssClass { extra += " class=\"\(cssClass)\"" }
    body.append(
      "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" text-anchor=\"\(anchor.rawValue)\" "
        + "font-size=\"\(Self.number(size))\" fill=\"\(fill)\"\(extra)>\(Self.escape(content))</text>"
    )
  }

  /// The complete SVG document, titled `title` for screen readers.
  func document(title: String) -> String {
    var text =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" "
      + "height=\"\(Self.number(height))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
      + "font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">\n"
    text += "<title>\(Self.escape(title))</title>\n"
    text +=
      "<rect x=\"0\" y=\"0\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"#ffffff\"/>\n"
    for element in body { text += element + "\n" }
    text += "</svg>\n"
    return text
  }
}
