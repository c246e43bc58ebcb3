// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Writes CSV as RFC 4180 describes it, except for the line ends: comma-separated fields, a field
/// quoted when it holds a comma, a quote, a line break or leading or trailing spaces, with
/// quotes inside doubled, and every row ended by LF (`\n`) alone. LF rather than RFC 4180's CRLF
/// because `cut`, `awk`, `sort` and `join` leave a CR on the last field; spreadsheets, Python's
/// `csv` and R read LF files as they read CRLF ones (and so does ``CSVTable``).
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
    text += "\n"
  }

  /// `field`, quoted if RFC 4180 requires it.
  public static func escape(_ field: String) -> String {
    let needsQuotes =
      // Scalars, not characters: "\r\n" is one Character, equal neither to "\r" nor to "\n".
      field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      || field.first == " " || field.last == " "
    guard needsQuotes else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// Formats numbers for CSV and tables so that they read back exactly.
public enum NumberFormatting {
  /// The shortest decimal text that reads back as exactly `value` (Swift's `description`), with
  /// whole numbers below 10^15 written without a decimal point (`9904`, not `9904.0`), and a
  /// value that is not finite (NaN or an infinity: a figure that does not exist) written as the
  /// empty string.
  public static func exact(_ value: Double) -> String {
    guard value.isFinite else { return "" }
    if value == value.rounded(), abs(value) < 1e15 {
      return String(Int64(value))
    }
    return value.description
  }

  /// `value` for a message: ``exact(_:)`` for a finite value, otherwise `nan`, `inf` or `-inf`,
  /// so that a message never shows a blank where the value was.
  public static func shown(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    return exact(value)
  }

  /// `value` rounded to `digits` decimals, with thousands separators when `grouped`, for tables;
  /// the empty string for a value that is not finite, as in ``exact(_:)``.
  public static func fixed(_ value: Double, digits: Int, grouped: Bool = false) -> String {
    guard value.isFinite else { return "" }
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
