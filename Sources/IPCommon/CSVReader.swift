// SPDX-License-Identifier: GPL-3.0-or-later

/// A CSV file read row by row, each row checked as it is read, so that a reader can refuse a
/// bad row before it has parsed the rest of the file, and memory stays that of one row beyond
/// the file's bytes and what the caller keeps.
///
/// The format is RFC 4180: fields separated by commas, optionally enclosed in double quotes, a
/// doubled quote inside a quoted field standing for one quote, quoted fields may hold commas and
/// line breaks, lines end with LF or CRLF. Also: a UTF-8 byte order mark is skipped, unquoted
/// fields are trimmed of surrounding spaces and tabs, and blank lines and lines whose first
/// character other than a space or tab is `#` (outside quotes) are skipped.
///
/// Every refusal is an ``InputError`` (`badData`) naming the file, the line and the column (the
/// field's position in its row, 1-based, with the header's name for it when there is one):
/// - the file, a line or a field over ``InputLimits`` (the file without a line);
/// - a NUL byte, or a byte that is not UTF-8;
/// - a double quote inside an unquoted field, text after a closing quote, a quoted field not
///   closed before the end of the file;
/// - an empty file (no header, without a line), an empty or repeated column name;
/// - a row with more fields than the header (at the first extra field) or fewer (at the first
///   missing one).
public struct CSVReader: CSVColumnLookup {
  /// The name the file is reported by in errors (its path as given).
  public let source: String
  /// The header row's column names, trimmed.
  public private(set) var header: [String] = []
  /// The 1-based line of the header row (after any blank or comment lines).
  public private(set) var headerLine = 0

  private let bytes: [UInt8]
  private let limits: InputLimits
  /// The next byte to read.
  private var index = 0
  /// The 1-based line of `bytes[index]`, and the index where that line starts.
  private var line = 1
  private var lineStart = 0

  /// Opens the file at `path` (``InputFile/read(path:limit:)``) and reads its header.
  ///
  /// - Throws: ``InputError``: `missingInput` when the file cannot be read, `badData` for what
  ///   the type's summary lists.
  public init(path: String, limits: InputLimits = .csv) throws {
    try self.init(
      bytes: InputFile.read(path: path, limit: limits.fileBytes), source: path, limits: limits)
  }

  /// Reads the header of CSV `text`, naming it `source` in errors.
  public init(text: String, source: String, limits: InputLimits = .csv) throws {
    try self.init(bytes: Array(text.utf8), source: source, limits: limits)
  }

  /// Reads the header of the CSV `bytes`, naming them `source` in errors.
  public init(bytes: [UInt8], source: String, limits: InputLimits = .csv) throws {
    guard bytes.count <= limits.fileBytes else {
      throw InputFile.tooLarge(SourceLocation(file: source), limit: limits.fileBytes)
    }
    self.source = source
    self.bytes = bytes
    self.limits = limits
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      index = 3
      lineStart = 3
    }
    guard let first = try nextRow(expecting: nil) else {
      throw InputError.badData(
        SourceLocation(file: source), "the file is empty: a header row is expected")
    }
    var seen: [String: Int] = [:]
    for (column, name) in first.fields.enumerated() {
      let location = SourceLocation(file: source, line: first.line, column: column + 1)
      if name.isEmpty { throw InputError.badData(location, "the header has an empty column name") }
      if let earlier = seen[name] {
        throw InputError.badData(
          location,
          "the column name \(InputError.quoted(name)) appears twice in the header (also column "
            + "\(earlier + 1))")
      }
      seen[name] = column
    }
    header = first.fields
    headerLine = first.line
  }

  /// The next data row, or `nil` at the end of the file.
  ///
  /// - Throws: ``InputError`` (`badData`) for a malformed row (see the type's summary).
  public mutating func next() throws -> CSVTable.Record? {
    try nextRow(expecting: header.count)
  }

  // MARK: - Parsing

  private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
  private static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
  private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
  private static let hash = UInt8(ascii: "#")

  /// The next row that is not blank or a comment, or `nil` at the end; with `expecting`, a row
  /// whose field count differs is refused as soon as that is known.
  private mutating func nextRow(expecting: Int?) throws -> CSVTable.Record? {
    guard try skipBlankAndCommentLines() else { return nil }
    let rowLine = line
    var fields: [String] = []
    var field: [UInt8] = []
    var fieldLine = line  // the line on which the current field starts
    var quoted = false  // the current field was enclosed in quotes
    var inQuotes = false  // inside an open quoted field

    func location(_ line: Int) -> SourceLocation {
      let column = fields.count
      return SourceLocation(
        file: source, line: line, column: column + 1,
        columnName: expecting != nil && column < header.count ? header[column] : nil)
    }
    func add(_ byte: UInt8) throws {
      guard field.count < limits.fieldBytes else {
        throw InputError.badData(
          location(line),
          "the field is longer than the limit of "
            + InputLimits.describe(bytes: limits.fieldBytes))
      }
      field.append(byte)
    }
    func finishField() throws {
      var start = 0
      var end = field.count
      if !quoted {
        while start < end && (field[start] == Self.space || field[start] == Self.tab) {
          start += 1
        }
        while end > start && (field[end - 1] == Self.space || field[end - 1] == Self.tab) {
          end -= 1
        }
      }
      var offset = start
      while offset < end {
        let length = InputText.sequenceLength(field, at: offset, end: end)
        guard length > 0 else {
          let breaks = field[..<offset].reduce(0) { $0 + ($1 == Self.newline ? 1 : 0) }
          throw InputText.notUTF8(location(fieldLine + breaks), byte: field[offset])
        }
        offset += length
      }
      if let expecting, fields.count == expecting {
        throw InputError.badData(
          location(fieldLine),
          "this row has more fields than the header's \(expecting); enclose a value that holds "
            + "a comma in double quotes")
      }
      fields.append(String(decoding: field[start..<end], as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      quoted = false
      fieldLine = line
    }

    while index < bytes.count {
      let byte = bytes[index]
      if byte == Self.newline {
        line += 1
        index += 1
        lineStart = index
        if !inQuotes { break }
        field.append(byte)
        continue
      }
      if index - lineStart >= limits.lineBytes {
        throw InputText.lineTooLong(location(line), limits)
      }
      if byte == 0 { throw InputText.nulByte(location(line)) }
      index += 1
      if inQuotes {
        if byte == Self.quote {
          if index < bytes.count && bytes[index] == Self.quote {
            try add(Self.quote)
            index += 1
          } else {
            inQuotes = false
          }
        } else {
          try add(byte)
        }
        continue
      }
      switch byte {
      case Self.comma:
        try finishField()
      case Self.carriageReturn where index < bytes.count && bytes[index] == Self.newline:
        continue
      case Self.quote:
        guard !quoted, field.allSatisfy({ $0 == Self.space || $0 == Self.tab }) else {
          throw InputError.badData(
            location(line),
            "a double quote inside an unquoted field; enclose the field in quotes and write a "
              + "quote inside it as two (\"\")")
        }
        field.removeAll()
        inQuotes = true
        quoted = true
      default:
        if quoted {
          guard byte == Self.space || byte == Self.tab else {
            throw InputError.badData(
              location(line), "text after the closing quote of a quoted field")
          }
        } else {
          try add(byte)
        }
      }
    }
    if inQuotes {
      throw InputError.badData(
        location(fieldLine), "a quoted field is not closed before the end of the file")
    }
    try finishField()
    if let expecting, fields.count < expecting {
      let missing = fields.count
      throw InputError.badData(
        SourceLocation(
          file: source, line: rowLine, column: missing + 1, columnName: header[missing]),
        "this row has \(missing) fields but the header has \(expecting): the value of column "
          + "\(missing + 1) is missing")
    }
    return CSVTable.Record(line: rowLine, fields: fields)
  }

  /// Moves past blank lines and comment lines (checking them as text); `false` at the end.
  private mutating func skipBlankAndCommentLines() throws -> Bool {
    while index < bytes.count {
      var probe = index
      while probe < bytes.count && (bytes[probe] == Self.space || bytes[probe] == Self.tab) {
        probe += 1
      }
      guard probe < bytes.count else {
        index = probe
        return false
      }
      let first = bytes[probe]
      let blank =
        first == Self.newline
        || (first == Self.carriageReturn && probe + 1 < bytes.count
          && bytes[probe + 1] == Self.newline)
      guard blank || first == Self.hash else { return true }
      var end = probe
      while end < bytes.count && bytes[end] != Self.newline { end += 1 }
      let location = SourceLocation(file: source, line: line, column: 1)
      if end - lineStart > limits.lineBytes { throw InputText.lineTooLong(location, limits) }
      var offset = probe
      while offset < end {
        if bytes[offset] == 0 { throw InputText.nulByte(location) }
        let length = InputText.sequenceLength(bytes, at: offset, end: end)
        guard length > 0 else { throw InputText.notUTF8(location, byte: bytes[offset]) }
        offset += length
      }
      index = min(end + 1, bytes.count)
      if end < bytes.count {
        line += 1
        lineStart = index
      }
    }
    return false
  }
}

/// Column lookup by a CSV file's header, shared by ``CSVReader`` and ``CSVTable``.
public protocol CSVColumnLookup {
  /// The name the file is reported by in errors.
  var source: String { get }
  /// The header row's column names.
  var header: [String] { get }
  /// The 1-based line of the header row.
  var headerLine: Int { get }
}

extension CSVColumnLookup {
  /// The 0-based index of the column named `name`, or `nil`.
  public func columnIndex(_ name: String) -> Int? {
    header.firstIndex(of: name)
  }

  /// The 0-based index of the column named `name`.
  ///
  /// - Throws: ``InputError`` (`badData`) on the header's line, naming the missing column and
  ///   the header that is there.
  public func requireColumn(_ name: String) throws -> Int {
    guard let index = columnIndex(name) else {
      throw InputError.badData(
        SourceLocation(file: source, line: headerLine),
        "the required column '\(name)' is missing; the header has: "
          + InputError.quoted(header.joined(separator: ","), length: 200))
    }
    return index
  }

  /// The location of field `column` (0-based) of `record`, for error messages.
  public func location(_ record: CSVTable.Record, column: Int) -> SourceLocation {
    SourceLocation(
      file: source, line: record.line, column: column + 1,
      columnName: column < header.count ? header[column] : nil)
  }
}
