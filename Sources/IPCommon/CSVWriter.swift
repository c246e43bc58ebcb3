// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Writes RFC 4180 CSV: comma-separated fields, CRLF line ends, a field quoted when it holds a
/// comma, a quote, a line break or leading or trailing spaces, with quotes inside doubled.
public struct CSVWriter: Sendable {
  /// The text written so far.
  public private(set) var text: String = ""

  /// An empty writer.
  public init() {}

  /// A writer that starts with the header row `columns`.
  public init(header columns: [String]) {
    appendRow(columns)
  }

  /// Appends one row.
  public mutating func appendRow(_ fields: [String]) {
    text += fields.map(CSVWriter.escape).joined(separator: ",")
    text += "\r\n"
  }

  /// `field`, quoted if RFC 4180 requires it.
  public static func escape(_ field: String) -> String {
    let needsQuotes =
      field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      || field.first == " " || field.last == " "
    guard needsQuotes else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// Formats numbers for CSV and tables so that they read back exactly.
public enum NumberFormatting {
  /// The shortest decimal text that reads back as exactly `value` (Swift's `description`), with
  /// whole numbers below 10^15 written without a decimal point (`9904`, not `9904.0`), and NaN
  /// (a missing value) written as the empty string.
  public static func exact(_ value: Double) -> String {
    if value.isNaN { return "" }
    if value == value.rounded(), abs(value) < 1e15 {
      return String(Int64(value))
    }
    return value.description
  }

  /// `value` rounded to `digits` decimals, with thousands separators when `grouped`, for tables.
  public static func fixed(_ value: Double, digits: Int, grouped: Bool = false) -> String {
    if value.isNaN { return "" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    let text = String(format: "%.\(max(digits, 0))f", value)
    guard grouped else { return text }
    var integerPart = text
    var fraction = ""
    if let dot = text.firstIndex(of: ".") {
      integerPart = String(text[..<dot])
      fraction = String(text[dot...])
    }
    var sign = ""
    if integerPart.hasPrefix("-") {
      sign = "-"
      integerPart.removeFirst()
    }
    var groups: [String] = []
    while integerPart.count > 3 {
      groups.insert(String(integerPart.suffix(3)), at: 0)
      integerPart.removeLast(3)
    }
    groups.insert(integerPart, at: 0)
    return sign + groups.joined(separator: ",") + fraction
  }
}
