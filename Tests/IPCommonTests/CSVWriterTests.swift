// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon
import Testing

/// The CSV writer's line ends and quoting, and how figures that are not finite are written.
@Suite("CSVWriter and NumberFormatting")
struct CSVWriterTests {
  /// Rows end with LF alone; a field holding a CR, an LF or a CRLF (one Swift Character) is
  /// quoted, and reads back as it was.
  @Test func rowsEndWithLineFeedsAndLineBreaksAreQuoted() throws {
    var writer = CSVWriter(header: ["a", "b"])
    writer.appendRow(["one\r\ntwo", "cr\ronly"])
    writer.appendRow(["lf\nonly", "plain"])
    #expect(
      writer.text == "a,b\n\"one\r\ntwo\",\"cr\ronly\"\n\"lf\nonly\",plain\n")
    let back = try CSVTable(text: writer.text, source: "round")
    #expect(back.records.map(\.fields) == [["one\r\ntwo", "cr\ronly"], ["lf\nonly", "plain"]])
  }

  /// A figure that is not finite is empty in CSV and tables; a message shows it by name.
  @Test func nonFiniteFiguresAreEmpty() {
    for value in [Double.nan, .infinity, -.infinity] {
      #expect(NumberFormatting.exact(value) == "")
      #expect(NumberFormatting.fixed(value, digits: 2, grouped: true) == "")
    }
    #expect(NumberFormatting.shown(.nan) == "nan")
    #expect(NumberFormatting.shown(-.infinity) == "-inf")
    #expect(NumberFormatting.shown(0.25) == "0.25")
  }
}
