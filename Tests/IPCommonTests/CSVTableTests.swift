// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import Testing

@Suite("CSV reading and writing")
struct CSVTableTests {
  /// Quoted fields with commas, doubled quotes and line breaks; CRLF; a BOM; comments and blank
  /// lines skipped; unquoted fields trimmed; every record knows its starting line.
  @Test func parsesRFC4180() throws {
    let text =
      "\u{FEFF}id,name,note\r\n# a comment\r\n1, plain ,\"has, comma\"\r\n\r\n"
      + "2,\"say \"\"hi\"\"\",\"two\nlines\"\n3,x,\"\"\n"
    let table = try CSVTable(text: text, source: "t.csv")
    #expect(table.header == ["id", "name", "note"])
    #expect(table.records.count == 3)
    #expect(table.records[0].fields == ["1", "plain", "has, comma"])
    #expect(table.records[0].line == 3)
    #expect(table.records[1].fields == ["2", "say \"hi\"", "two\nlines"])
    #expect(table.records[1].line == 5)
    #expect(table.records[2].line == 7)
    #expect(table.records[2].fields == ["3", "x", ""])
    #expect(table.location(table.records[1], column: 2).description == "t.csv:5:3 (column 'note')")
  }

  /// Malformed CSV is a bad-data error naming file, line and column.
  @Test func reportsErrorsWithPositions() {
    func error(_ text: String) -> InputError? {
      do {
        _ = try CSVTable(text: text, source: "bad.csv")
        return nil
      } catch let error as InputError {
        return error
      } catch {
        return nil
      }
    }
    #expect(error("")?.description == "bad.csv: the file is empty: a header row is expected")
    #expect(error("a,b\n1,2,3\n")?.location?.line == 2)
    #expect(error("a,b\n1,\"open\n")?.message.contains("not closed") == true)
    let stray = error("a,b\n1,x\"y\n")
    #expect(
      stray?.location == SourceLocation(file: "bad.csv", line: 2, column: 2, columnName: "b"))
    #expect(error("a,a\n1,2\n")?.message.contains("appears twice") == true)
    #expect(error("a,b\n\"q\"x,2\n")?.kind == .badData)
    #expect(error("a,b\n1,2\n") == nil)
    #expect(error("a,\n1,2\n")?.category == .badData)
  }

  /// A missing column names the columns that are there; a missing file is `missingInput` (66).
  @Test func missingColumnAndFile() throws {
    let table = try CSVTable(text: "a,b\n1,2\n", source: "x.csv")
    #expect(throws: InputError.self) { try table.requireColumn("c") }
    #expect(try table.requireColumn("b") == 1)
    do {
      _ = try CSVTable.read(path: "/nonexistent/ipfin.csv")
      Issue.record("a missing file was read")
    } catch let error as InputError {
      #expect(error.kind == .missingInput && error.category == .missingInput)
    }
  }

  /// The writer quotes what needs quoting and what it writes reads back identically.
  @Test func writerRoundTrips() throws {
    let rows = [["a", "b,c", "say \"x\""], ["line\nbreak", " padded", "plain"]]
    var writer = CSVWriter(header: ["one", "two", "three"])
    for row in rows { writer.appendRow(row) }
    #expect(writer.text.hasPrefix("one,two,three\na,\"b,c\",\"say \"\"x\"\"\"\n"))
    let back = try CSVTable(text: writer.text, source: "round")
    #expect(back.records.map(\.fields) == rows)
  }

  /// Numbers print so that they read back exactly; whole numbers without a decimal point.
  @Test func numberFormatting() {
    #expect(NumberFormatting.exact(9904) == "9904")
    #expect(NumberFormatting.exact(0.1 + 0.2) == "0.30000000000000004")
    #expect(Double(NumberFormatting.exact(1.0 / 3)) == 1.0 / 3)
    #expect(NumberFormatting.exact(.nan) == "")
    #expect(NumberFormatting.exact(-2.5e20) == "-2.5e+20")
    #expect(NumberFormatting.fixed(1234567.891, digits: 2, grouped: true) == "1,234,567.89")
    #expect(NumberFormatting.fixed(-999.5, digits: 0, grouped: true) == "-1,000")
  }
}
