// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

extension FilingDataset {
  /// The years a data file may hold: 1800 to 2100. Filings are counted in years that have
  /// passed; a year outside this span is a typo, and refused where it is read rather than
  /// found later as a projection horizon before the data.
  public static let dataYears = 1800...2100

  /// The largest count a data file may hold: 10^12, some 100,000 times the largest office's
  /// yearly filings. A projection multiplies the last count by at most 11 (growth of 1000%) a
  /// year for at most 100 years, about 10^104, which stays far from the largest `Double`; a
  /// larger count is refused where it is read rather than projected into a capped, flat band.
  public static let largestValue = 1e12

  /// The most characters of an office, right, measure or scope: 64.
  public static let longestKeyPart = 64

  /// Reads the series of a CSV file in either layout (see ``read(path:)``), each row checked as
  /// it is read. Points without a `source` column get the file's name as their source.
  ///
  /// - Throws: ``InputError`` as ``read(path:)``.
  public init(csv reader: inout CSVReader) throws {
    let plain = reader.columnIndex("office") == nil
    let keyColumns: [Int]? =
      plain
      ? nil
      : try ["office", "right", "measure", "scope"].map { try reader.requireColumn($0) }
    let yearColumn = try reader.requireColumn("year")
    let valueColumn = try reader.requireColumn("value")
    let unitColumn = reader.columnIndex("unit")
    let statusColumn = reader.columnIndex("status")
    let sourceColumn = reader.columnIndex("source")
    let noteColumn = reader.columnIndex("note")
    let defaultSource = URL(fileURLWithPath: reader.source).lastPathComponent
    let columns = reader

    var pointsByKey: [SeriesKey: [FilingPoint]] = [:]
    var firstLine: [SeriesKey: [Int: Int]] = [:]
    while let record = try reader.next() {
      let key: SeriesKey
      if let keyColumns {
        var parts: [String] = []
        for column in keyColumns {
          let text = record.fields[column]
          guard !text.isEmpty, text.count <= Self.longestKeyPart else {
            throw InputError.badData(
              columns.location(record, column: column),
              text.isEmpty
                ? "the \(columns.header[column]) is empty; every row names its office, right, "
                  + "measure and scope"
                : "the \(columns.header[column]) \(InputError.quoted(text)) is longer than "
                  + "\(Self.longestKeyPart) characters")
          }
          parts.append(text)
        }
        key = SeriesKey(office: parts[0], right: parts[1], measure: parts[2], scope: parts[3])
      } else {
        key = FilingDataset.plainSeriesKey
      }

      let yearText = record.fields[yearColumn]
      guard let year = ValueParsing.integer(yearText), Self.dataYears.contains(year) else {
        throw InputError.badData(
          columns.location(record, column: yearColumn),
          "the year \(InputError.quoted(yearText)) is not a whole number from "
            + "\(Self.dataYears.lowerBound) to \(Self.dataYears.upperBound)")
      }
      let valueText = record.fields[valueColumn]
      guard let value = ValueParsing.number(valueText) else {
        throw InputError.badData(
          columns.location(record, column: valueColumn),
          "the value \(InputError.quoted(valueText)) is not a number; write a plain decimal "
            + "such as 9904 (no thousands separators; a missing year is left out, not written "
            + "as empty)")
      }
      guard value >= 0, value <= Self.largestValue else {
        throw InputError.badData(
          columns.location(record, column: valueColumn),
          value < 0
            ? "the value \(InputError.quoted(valueText)) is negative; counts are zero or more"
            : "the value \(InputError.quoted(valueText)) is above the largest count, 1e12; "
              + "a count is a number of filings in a year")
      }
      var status = DataStatus.reported
      if let statusColumn {
        let text = record.fields[statusColumn]
        if !text.isEmpty {
          guard let parsed = DataStatus(rawValue: text) else {
            throw InputError.badData(
              columns.location(record, column: statusColumn),
              "the status \(InputError.quoted(text)) is not one of reported, derived, "
                + "approximate")
          }
          status = parsed
        }
      }
      let unit = unitColumn.map { record.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
      let source = sourceColumn.map { record.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
      if let earlier = firstLine[key, default: [:]][year] {
        throw InputError.badData(
          columns.location(record, column: yearColumn),
          "a duplicate row: \(key) already has the year \(year) on line \(earlier)")
      }
      firstLine[key, default: [:]][year] = record.line
      pointsByKey[key, default: []].append(
        FilingPoint(
          year: year, value: value, unit: unit ?? "applications", status: status,
          source: source ?? defaultSource, note: noteColumn.map { record.fields[$0] } ?? "",
          line: record.line))
    }
    guard !pointsByKey.isEmpty else {
      throw InputError.badData(
        SourceLocation(file: reader.source, line: reader.headerLine),
        "the file has a header but no data rows (an empty series)")
    }
    self.init(
      series: pointsByKey.map { FilingSeries(key: $0.key, points: $0.value, file: reader.source) },
      file: reader.source)
  }
}
