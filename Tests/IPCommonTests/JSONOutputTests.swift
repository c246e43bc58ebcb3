// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import Testing

/// JSON output: numbers that are not finite are `null`; every string, including ones that look
/// like the placeholder's text, comes through unchanged.
@Suite("JSONOutput")
struct JSONOutputTests {
  struct Figures: Encodable {
    var hhi = Double.nan
    var coverage = Double.infinity
    var loss = -Double.infinity
    var mean = 1.5
    var labels = ["nan", "non-finite", "say \"nan\"", "back\\slash", "\u{0}x"]
    var series = [1, Double.nan, 3]
  }

  @Test func nonFiniteNumbersAreNull() throws {
    let text = try JSONOutput.text(Figures())
    #expect(text.hasSuffix("}\n"))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["hhi"] is NSNull)
    #expect(object["coverage"] is NSNull)
    #expect(object["loss"] is NSNull)
    #expect(object["mean"] as? Double == 1.5)
    #expect(object["labels"] as? [String] == Figures().labels)
    let series = try #require(object["series"] as? [Any])
    #expect(series[0] as? Double == 1 && series[1] is NSNull && series[2] as? Double == 3)
    #expect(text.contains("\"hhi\" : null"))
  }

  struct Keys: Encodable {
    var firstYear = 1989
    var meanCRPS = 0.5
    var interval80 = 1
    var byName = ["VN": 1, "fooBar": 2]
  }

  /// Keys are snake_case, as CSV columns are; a dictionary's keys (names from the data) are
  /// kept as they are.
  @Test func keysAreSnakeCase() throws {
    let text = try JSONOutput.text(Keys())
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["first_year", "mean_crps", "interval80", "by_name"])
    #expect(Set((object["by_name"] as? [String: Int])?.keys ?? [:].keys) == ["VN", "fooBar"])
  }
}
