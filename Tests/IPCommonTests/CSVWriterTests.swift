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

  /// Whatever the reader treats specially is quoted, so that every row reads back as written:
  /// a first field starting with `#` (after spaces or tabs) would make the row a comment, a
  /// row of one empty field would be a blank line, leading or trailing tabs would be trimmed
  /// like spaces, and a byte order mark at the start of the file would be skipped. A `#`
  /// after the first field is data, and stays unquoted.
  @Test func fieldsTheReaderWouldMisreadAreQuoted() throws {
    let rows = [
      ["#1", "#2"], ["", ""], [" # padded", "x"], ["\t#tab", "tab\t"], ["\u{FEFF}bom", "y"],
      ["a#", "b"],
    ]
    var writer = CSVWriter(header: ["one", "two"])
    for row in rows { writer.appendRow(row) }
    #expect(
      writer.text
        == "one,two\n\"#1\",#2\n,\n\" # padded\",x\n\"\t#tab\",\"tab\t\"\n\"\u{FEFF}bom\",y\n"
        + "a#,b\n")
    #expect(try CSVTable(text: writer.text, source: "round").records.map(\.fields) == rows)

    var single = CSVWriter(header: ["scenario"])
    let names = ["#1", "", "  ", "\t", "# note", "ok"]
    for name in names { single.appendRow([name]) }
    #expect(single.text == "scenario\n\"#1\"\n\"\"\n\"  \"\n\"\t\"\n\"# note\"\nok\n")
    #expect(try CSVTable(text: single.text, source: "round").records.map(\.fields[0]) == names)

    // A file whose first field starts with a byte order mark reads it back.
    var bom = CSVWriter(header: ["\u{FEFF}id"])
    bom.appendRow(["1"])
    #expect(try CSVTable(text: bom.text, source: "round").header == ["\u{FEFF}id"])
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

  /// A message shows a number as it was written, not in Swift's default form: the digits of a
  /// decimal of at most 15 significant digits, whole numbers without a point, e-notation
  /// without `+` or leading zeros.
  @Test(arguments: [
    (0.1 + 0.2, "0.3"), (120.1 / 100, "1.201"), (1.1 / 100, "0.011"), (1e9, "1000000000"),
    (9904, "9904"), (-0.02, "-0.02"), (1e300, "1e300"), (2.5e-8, "2.5e-8"), (-1.5e20, "-1.5e20"),
    (1e15, "1e15"),
  ])
  func messagesShowNumbersAsWritten(_ value: Double, _ shown: String) {
    #expect(NumberFormatting.shown(value) == shown)
  }
}
