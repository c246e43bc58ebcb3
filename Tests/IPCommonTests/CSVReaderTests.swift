// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import Testing

/// Hostile CSV: limits, bytes that are not text, rows of the wrong length; every refusal names
/// the file, the line and the column.
@Suite("CSV reader: limits, text checks and positioned refusals")
struct CSVReaderTests {
  /// Small limits, so that each one is met by a short input.
  static let small = InputLimits(fileBytes: 200, lineBytes: 40, fieldBytes: 10)

  /// The error reading `bytes` (header and every row) raises.
  static func error(_ bytes: [UInt8], limits: InputLimits = .csv) -> InputError? {
    do {
      var reader = try CSVReader(bytes: bytes, source: "bad.csv", limits: limits)
      while try reader.next() != nil {}
      return nil
    } catch let error as InputError {
      return error
    } catch {
      Issue.record("not an InputError: \(error)")
      return nil
    }
  }

  static func error(_ text: String, limits: InputLimits = .csv) -> InputError? {
    error(Array(text.utf8), limits: limits)
  }

  /// A NUL byte ends nothing: it is refused where it is (it used to end a number, so that
  /// `5\0000000000` read as 5).
  @Test func aNulByteIsRefusedAtItsLineAndColumn() throws {
    let error = try #require(Self.error("a,b\n1,5\u{0}0000000000\n"))
    #expect(error.location == SourceLocation(file: "bad.csv", line: 2, column: 2, columnName: "b"))
    #expect(error.message.contains("NUL"))
    #expect(error.category == .badData)
    let inQuotes = try #require(Self.error("a,b\n1,\"x\ny\u{0}\"\n"))
    #expect(inQuotes.location?.line == 3 && inQuotes.location?.column == 2)
    let inComment = try #require(Self.error("# note \u{0}\na,b\n"))
    #expect(inComment.location == SourceLocation(file: "bad.csv", line: 1, column: 1))
    // ValueParsing never reads past a NUL either.
    #expect(ValueParsing.number("5\u{0}0000000000") == nil)
  }

  /// A byte that is not UTF-8 names its line, its field and the byte; a valid multi-byte
  /// character does not count as an error, and a field is checked after trimming.
  @Test func invalidUTF8IsRefusedAtItsLineAndColumn() throws {
    let bytes = Array("id,name\n1,ok\n2,caf".utf8) + [0xE9] + Array("\n".utf8)
    let error = try #require(Self.error(bytes))
    #expect(
      error.location == SourceLocation(file: "bad.csv", line: 3, column: 2, columnName: "name"))
    #expect(error.message.contains("0xE9"), "\(error.message)")
    // Inside a quoted field that spans lines: the line of the byte.
    let spanning = Array("id,name\n1,\"a\nb".utf8) + [0xC0, 0x80] + Array("\"\n".utf8)
    #expect(Self.error(spanning)?.location?.line == 3)
    // In the header.
    let header = try #require(Self.error([0x61, 0x2C, 0xFF, 0x0A]))
    #expect(header.location?.line == 1 && header.location?.column == 2)
    // Surrogates, overlong forms and truncated sequences are not UTF-8; real text is.
    for bad: [UInt8] in [
      [0xED, 0xA0, 0x80], [0xC1, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
    ] {
      #expect(Self.error(Array("a\n".utf8) + bad + [0x0A])?.location?.line == 2, "\(bad)")
    }
    #expect(Self.error("a,b\nViệt Nam,한국 €\n") == nil)
  }

  /// A row with too many fields is refused at its first extra field, at once (a 10 MB row of
  /// commas is not split into ten million fields first); one with too few at its first missing
  /// field, which has a name.
  @Test func aWrongFieldCountNamesTheColumn() throws {
    let extra = try #require(Self.error("a,b\n1,2,3\n"))
    #expect(extra.location == SourceLocation(file: "bad.csv", line: 2, column: 3))
    #expect(extra.message.contains("more fields than the header's 2"))
    let missing = try #require(Self.error("a,b,c\n1\n"))
    #expect(
      missing.location == SourceLocation(file: "bad.csv", line: 2, column: 2, columnName: "b"))
    #expect(missing.message.contains("has 1 fields but the header has 3"))
    let commas = "id,name\nA" + String(repeating: ",", count: 10_000_000) + "\n"
    let huge = try #require(Self.error(commas))
    #expect(huge.location == SourceLocation(file: "bad.csv", line: 2, column: 3))
    // A comment may hold any number of commas and quotes.
    #expect(Self.error("a,b\n  # \"quoted\", and, commas, ,,,\n1,2\n") == nil)
  }

  /// Each limit has its own error, naming the limit; the file's has no line.
  @Test func limitsOfFileLineAndFieldAreNamed() throws {
    let file = try #require(
      Self.error(String(repeating: "a,b\n", count: 60), limits: Self.small))
    #expect(file.location == SourceLocation(file: "bad.csv"))
    #expect(file.message.contains("the limit of 200 bytes"), "\(file.message)")
    let wideFields = InputLimits(fileBytes: 200, lineBytes: 40, fieldBytes: 100)
    let line = try #require(
      Self.error("a,b\n1," + String(repeating: "2", count: 45) + "\n", limits: wideFields))
    #expect(line.location?.line == 2 && line.location?.column != nil)
    #expect(line.message.contains("line is longer than the limit of 40 bytes"), "\(line.message)")
    let field = try #require(Self.error("a,b\n1,\"12345678901\"\n", limits: Self.small))
    #expect(field.location == SourceLocation(file: "bad.csv", line: 2, column: 2, columnName: "b"))
    #expect(field.message.contains("field is longer than the limit of 10 bytes"))
    #expect(Self.error("a,b\n1,1234567890\n", limits: Self.small) == nil)
    // The defaults, for the guides.
    #expect(InputLimits.describe(bytes: InputLimits.csv.fileBytes) == "67,108,864 bytes (64 MiB)")
    #expect(InputLimits.csv.lineBytes == 65_536 && InputLimits.csv.fieldBytes == 4_096)
  }

  /// A repeated column name names both columns, quickly even for a long header.
  @Test func aRepeatedColumnNameNamesBoth() throws {
    let names = (1...5_000).map { "c\($0)" } + ["c17"]
    let error = try #require(Self.error(names.joined(separator: ",") + "\n"))
    #expect(error.location?.column == 5_001)
    #expect(error.message.contains("also column 17"))
  }

  /// Rows are read one at a time: an error in row 3 comes after rows 1 and 2 were returned.
  @Test func rowsAreReadOneAtATime() throws {
    var reader = try CSVReader(text: "a,b\r\n1,2\r\n\r\n3,4\r\n5\r\n", source: "r.csv")
    #expect(reader.header == ["a", "b"] && reader.headerLine == 1)
    #expect(try reader.next()?.fields == ["1", "2"])
    let second = try reader.next()
    #expect(second?.fields == ["3", "4"] && second?.line == 4)
    #expect(throws: InputError.self) { try reader.next() }
  }

  /// A bad value is repeated in part: its first 40 characters and its length, with control
  /// characters escaped.
  @Test func messagesRepeatLongValuesInPart() {
    #expect(InputError.quoted("short") == "'short'")
    let long = String(repeating: "7", count: 10_485_760)
    let excerpt = String(repeating: "7", count: 40)
    #expect(InputError.quoted(long) == "'\(excerpt)…' (10,485,760 characters)")
    #expect(InputError.quoted("a\tb\u{7F}") == "'a\\u{9}b\\u{7f}'")
    // Escapes count towards the 40 characters (found by fuzzing: a header of control
    // characters made a message of over 1,000 characters).
    let controls = String(repeating: "\u{19}", count: 200)
    let escapes = String(repeating: "\\u{19}", count: 6)
    #expect(InputError.quoted(controls) == "'\(escapes)…' (200 characters)")
  }
}
