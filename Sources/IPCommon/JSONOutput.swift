// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// JSON text for programs: pretty-printed, keys sorted, slashes unescaped, with a final
/// newline; a number that is not finite (NaN or an infinity: a figure that does not exist,
/// such as the Herfindahl index of assets worth nothing) is `null`, as it is empty in CSV and
/// in tables. Keys are snake_case in every command's JSON, as the CSV columns are: a Swift
/// property `firstYear` is the key `first_year` (`meanCRPS` is `mean_crps`); the keys of a
/// dictionary (names taken from the data, such as scenario names) are kept as they are. A
/// `JSONDecoder` with `keyDecodingStrategy = .convertFromSnakeCase` reads the JSON back into
/// the types that wrote it, where every figure is finite.
public enum JSONOutput {
  /// `value` as JSON text.
  ///
  /// - Throws: the encoder's `EncodingError` when `value` cannot be encoded.
  public static func text<Value: Encodable>(_ value: Value) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: placeholder, negativeInfinity: placeholder, nan: placeholder)
    return String(decoding: replacingPlaceholders(in: try encoder.encode(value)), as: UTF8.self)
      + "\n"
  }

  /// The string the encoder writes for a number that is not finite; its NUL characters cannot
  /// come from any input ipfin reads.
  private static let placeholder = "\u{0}non-finite\u{0}"

  /// `placeholder` as the encoder writes it, quotes and escapes included.
  private static let encodedPlaceholder: [UInt8] = {
    let encoded = try? JSONEncoder().encode([placeholder])
    // `["..."]`: the string token between the brackets.
    return Array((encoded ?? Data()).dropFirst().dropLast())
  }()

  /// `json` with every string token equal to the placeholder replaced by `null`. Strings are
  /// scanned whole (a quote inside one is escaped), so no other text can match.
  private static func replacingPlaceholders(in json: Data) -> [UInt8] {
    let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    let bytes = [UInt8](json)
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      guard bytes[index] == quote else {
        result.append(bytes[index])
        index += 1
        continue
      }
      var end = index + 1
      while end < bytes.count && bytes[end] != quote { end += bytes[end] == backslash ? 2 : 1 }
      let token = bytes[index..<min(end + 1, bytes.count)]
      if token.elementsEqual(encodedPlaceholder) {
        result += Array("null".utf8)
      } else {
        result += token
      }
      index = end + 1
    }
    return result
  }
}
