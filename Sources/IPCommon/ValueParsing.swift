// SPDX-License-Identifier: GPL-3.0-or-later

/// Parsing of numbers as they appear in users' files.
public enum ValueParsing {
  /// A finite decimal number such as `12`, `-3.5` or `1e6`: an optional sign, digits, a point
  /// and an exponent, without thousands separators. `nil` for anything else, including `nan`,
  /// `inf`, hexadecimal floats and text holding a NUL byte (which would end the number early).
  public static func number(_ text: String) -> Double? {
    guard !text.utf8.contains(0), let value = Double(text), value.isFinite else { return nil }
    // Reject Swift's hexadecimal float syntax: users mean decimals.
    if text.lowercased().contains("x") { return nil }
    return value
  }

  /// A rate written as a fraction (`0.05`) or a percentage (`5%`, `5 %`), as a fraction.
  /// `nil` when the text is neither.
  public static func rate(_ text: String) -> Double? {
    var body = Substring(text)
    var percent = false
    if body.hasSuffix("%") {
      percent = true
      body = body.dropLast()
      while body.last == " " { body = body.dropLast() }
    }
    guard let value = number(String(body)) else { return nil }
    return percent ? value / 100 : value
  }

  /// A whole number such as `2024`; `nil` for `2024.5`, `2,024` or text.
  public static func integer(_ text: String) -> Int? {
    Int(text)
  }
}
