// SPDX-License-Identifier: GPL-3.0-or-later

/// A CSV file read whole into memory with the position of every field, so that every later
/// complaint about a value can name its file, line and column.
///
/// The format, the limits and the errors are those of ``CSVReader``, which reads the rows; a
/// reader that can judge a row on its own should use ``CSVReader`` directly, so that it refuses
/// a bad row before the rest of the file is parsed.
public struct CSVTable: Sendable, CSVColumnLookup {
  /// One data row.
  public struct Record: Sendable {
    /// The 1-based line on which the row starts.
    public let line: Int
    /// The fields, one per header column.
    public let fields: [String]

    /// A row starting on `line`.
    public init(line: Int, fields: [String]) {
      self.line = line
      self.fields = fields
    }
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
  ///   not valid CSV (see ``CSVReader``).
  public static func read(path: String, limits: InputLimits = .csv) throws -> CSVTable {
    var reader = try CSVReader(path: path, limits: limits)
    return try CSVTable(reading: &reader)
  }

  /// Parses CSV `text`, naming it `source` in errors.
  ///
  /// - Throws: ``InputError`` (`badData`) as ``CSVReader``.
  public init(text: String, source: String, limits: InputLimits = .csv) throws {
    var reader = try CSVReader(text: text, source: source, limits: limits)
    try self.init(reading: &reader)
  }

  /// The rest of `reader`'s rows.
  public init(reading reader: inout CSVReader) throws {
    var records: [Record] = []
    while let record = try reader.next() { records.append(record) }
    self.source = reader.source
    self.header = reader.header
    self.headerLine = reader.headerLine
    self.records = records
  }
}
