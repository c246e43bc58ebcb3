// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Writes CSV as RFC 4180 describes it, except for the line ends: comma-separated fields, a field
/// quoted when it holds a comma, a quote or a line break, with quotes inside doubled, and every
/// row ended by LF (`\n`) alone. LF rather than RFC 4180's CRLF because `cut`, `awk`, `sort`
/// and `join` leave a CR on the last field; spreadsheets, Python's `csv` and R read LF files as
/// they read CRLF ones (and so does ``CSVReader``).
///
/// A field is also quoted where ``CSVReader`` would otherwise read it differently, so that every
/// row reads back as written: a field with leading or trailing spaces or tabs (trimmed when
/// unquoted), a field starting with a byte order mark (skipped at the start of a file), a first
/// field starting with `#` (a comment line), and the empty field of a one-column row (a blank
/// line).
public struct CSVWriter: Sendable {
  /// The text written so far.
  public private(set) var text: String = ""

  /// An empty writer.
  public init() {}

  /// A writer that starts with the header row `columns`.
  public init(header columns: [String]) {
    appendRow(columns)
  }

  /// Appends one row of at least one field.
  public mutating func appendRow(_ fields: [String]) {
    text += fields.enumerated().map { index, field in
      CSVWriter.escape(field, first: index == 0, alone: fields.count == 1)
    }.joined(separator: ",")
    text += "\n"
  }

  /// `field`, quoted when RFC 4180 requires it or ``CSVReader`` would otherwise misread it (see
  /// the type's summary); `first` says the field starts its row, `alone` that it is the row's
  /// only field.
  public static func escape(_ field: String, first: Bool = false, alone: Bool = false) -> String {
    let scalars = field.unicodeScalars
    let needsQuotes =
      // Scalars, not characters: "\r\n" is one Character, equal neither to "\r" nor to "\n".
      scalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      || [" ", "\t", "\u{FEFF}"].contains(scalars.first) || [" ", "\t"].contains(scalars.last)
      || (first && scalars.first == "#") || (alone && field.isEmpty)
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

  /// `value` for a message, as it was written: to 15 significant digits, so that a decimal
  /// written with at most 15 (which a double keeps) is shown with the digits it was written
  /// with, not the double's longer shortest form (`0.3` for `0.1 + 0.2`, `1.201` for `120.1%`,
  /// not `0.30000000000000004` and `1.2009999999999998`); whole numbers below 10^15 without a
  /// decimal point; a larger or smaller one in e-notation without `+` or leading zeros (`1e300`,
  /// `2.5e-8`, not `1e+300`); and a value that is not finite as `nan`, `inf` or `-inf`, so that
  /// a message never shows a blank where the value was. CSV keeps ``exact(_:)``.
  public static func shown(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    let text = String(format: "%.15g", value)
    guard let mark = text.firstIndex(of: "e") else { return text }
    var exponent = text[text.index(after: mark)...]
    var sign = ""
    if exponent.first == "+" || exponent.first == "-" {
      sign = exponent.first == "-" ? "-" : ""
      exponent = exponent.dropFirst()
    }
    while exponent.count > 1 && exponent.first == "0" { exponent = exponent.dropFirst() }
    return text[..<mark] + "e" + sign + exponent
  }

  /// A ratio (a share, a probability, a coverage, a growth rate, an error relative to a value)
  /// as every command's table shows it: a percentage with two decimals, `100 share` followed by
  /// `%` (`0.82946` is `82.95%`); the empty string for a value that is not finite. CSV and JSON
  /// keep ratios as plain fractions.
  public static func percent(_ share: Double) -> String {
    guard share.isFinite else { return "" }
    return fixed(100 * share, digits: 2) + "%"
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
