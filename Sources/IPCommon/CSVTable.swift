// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A CSV file read into memory with the position of every field, so that every later complaint
/// about a value can name its file, line and column.
///
/// The reader follows RFC 4180: fields separated by commas, optionally enclosed in double quotes,
/// a doubled quote inside a quoted field standing for one quote, quoted fields may hold commas and
/// line breaks, lines end with LF or CRLF. Also: a UTF-8 byte order mark is skipped, unquoted
/// fields are trimmed of surrounding spaces and tabs, blank lines and lines starting with `#` are
/// skipped (outside quotes).
public struct CSVTable: Sendable {
  /// One data row.
  public struct Record: Sendable {
    /// The 1-based line on which the row starts.
    public let line: Int
    /// The fields, one per header column.
    public let fields: [String]
  }

  /// The name the file is reported by in errors (its path as given).
  public let source: String
  /// The header row's column names, trimmed.
  public let header: [String]
  /// The 1-based line of the header row (after any blank or comment lines).
  public let headerLine: Int
  /// The data rows, each with as many fields as the header.
  public let records: [Record]

  /// Reads and parses the file at `path`.
  ///
  /// - Throws: ``InputError``: `missingInput` when the file cannot be read, `badData` when it is
  ///   not UTF-8 or not valid CSV.
  public static func read(path: String) throws -> CSVTable {
    let url = URL(fileURLWithPath: path)
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw InputError(
        .missingInput, at: SourceLocation(file: path),
        "cannot read the file: it does not exist "
          + "or is not readable")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw InputError.badData(SourceLocation(file: path), "the file is not UTF-8 text")
    }
    return try CSVTable(text: text, source: path)
  }

  /// Parses CSV `text`, naming it `source` in errors.
  ///
  /// - Throws: ``InputError`` (`badData`) for an empty file, an unterminated quote, a stray quote,
  ///   an empty or repeated column name, or a row whose field count differs from the header's.
  public init(text: String, source: String) throws {
    self.source = source
    let rows = try CSVTable.parseRows(text, source: source)
    guard let first = rows.first else {
      throw InputError.badData(
        SourceLocation(file: source), "the file is empty: a header row is expected")
    }
    let header = first.fields
    for (index, name) in header.enumerated() {
      let location = SourceLocation(file: source, line: first.line, column: index + 1)
      if name.isEmpty { throw InputError.badData(location, "the header has an empty column name") }
      if header[..<index].contains(name) {
        throw InputError.badData(location, "the column name '\(name)' appears twice in the header")
      }
    }
    var records: [Record] = []
    records.reserveCapacity(rows.count - 1)
    for row in rows.dropFirst() {
      guard row.fields.count == header.count else {
        throw InputError.badData(
          SourceLocation(file: source, line: row.line),
          "this row has \(row.fields.count) fields but the header has \(header.count)")
      }
      records.append(row)
    }
    self.header = header
    self.headerLine = first.line
    self.records = records
  }

  /// The 0-based index of the column named `name`, or `nil`.
  public func columnIndex(_ name: String) -> Int? {
    header.firstIndex(of: name)
  }

  /// The 0-based index of the column named `name`.
  ///
  /// - Throws: ``InputError`` (`badData`) naming the missing column and the header that is there.
  public func requireColumn(_ name: String) throws -> Int {
    guard let index = columnIndex(name) else {
      throw InputError.badData(
        SourceLocation(file: source, line: headerLine),
        "the required column '\(name)' is missing; the header has: \(header.joined(separator: ","))"
      )
    }
    return index
  }

  /// The location of field `column` (0-based) of `record`, for error messages.
  public func location(_ record: Record, column: Int) -> SourceLocation {
    SourceLocation(
      file: source, line: record.line, column: column + 1,
      columnName: column < header.count ? header[column] : nil)
  }

  // MARK: - Parsing

  /// Splits `text` into rows of fields, each row with the line it starts on.
  private static func parseRows(_ text: String, source: String) throws -> [Record] {
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
    let carriageReturn = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    var bytes = Array(text.utf8)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }

    var rows: [Record] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var quoted = false  // the current field was enclosed in quotes
    var inQuotes = false  // inside an open quoted field
    var line = 1
    var rowLine = 1
    var rowHadQuote = false  // a field of this row was quoted: never a blank or comment line

    func location() -> SourceLocation {
      SourceLocation(file: source, line: line, column: fields.count + 1)
    }
    func finishField() {
      var value = String(decoding: field, as: UTF8.self)
      if !quoted { value = value.trimmingCharacters(in: CharacterSet(charactersIn: " \t")) }
      fields.append(value)
      field.removeAll(keepingCapacity: true)
      quoted = false
    }
    func finishRow() {
      finishField()
      let blank = fields.count == 1 && fields[0].isEmpty
      let comment = fields[0].hasPrefix("#")
      if !(blank || comment) || rowHadQuote { rows.append(Record(line: rowLine, fields: fields)) }
      fields.removeAll(keepingCapacity: true)
      rowHadQuote = false
    }

    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if inQuotes {
        if byte == quote {
          if index < bytes.count && bytes[index] == quote {
            field.append(quote)
            index += 1
          } else {
            inQuotes = false
          }
        } else {
          if byte == newline { line += 1 }
          field.append(byte)
        }
        continue
      }
      switch byte {
      case comma:
        finishField()
      case newline:
        finishRow()
        line += 1
        rowLine = line
      case carriageReturn where index < bytes.count && bytes[index] == newline:
        continue
      case quote:
        guard !quoted, field.allSatisfy({ $0 == space || $0 == tab }) else {
          throw InputError.badData(
            location(),
            "a double quote inside an unquoted field; enclose the field in quotes and write a "
              + "quote inside it as two (\"\")")
        }
        field.removeAll()
        inQuotes = true
        quoted = true
        rowHadQuote = true
      default:
        if quoted && byte != space && byte != tab {
          throw InputError.badData(location(), "text after the closing quote of a quoted field")
        }
        if !quoted { field.append(byte) }
      }
    }
    if inQuotes {
      throw InputError.badData(
        SourceLocation(file: source, line: rowLine, column: fields.count + 1),
        "a quoted field is not closed before the end of the file")
    }
    if !fields.isEmpty || !field.isEmpty || quoted { finishRow() }
    return rows
  }
}
