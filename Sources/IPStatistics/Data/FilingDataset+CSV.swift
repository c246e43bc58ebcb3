// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

extension FilingDataset {
  /// Reads the series of a parsed CSV table in either layout (see ``read(path:)``). Points
  /// without a `source` column get the file's name as their source.
  init(table: CSVTable) throws {
    let plain = table.columnIndex("office") == nil
    let keyColumns: [Int]? =
      plain
      ? nil
      : try ["office", "right", "measure", "scope"].map { try table.requireColumn($0) }
    let yearColumn = try table.requireColumn("year")
    let valueColumn = try table.requireColumn("value")
    let unitColumn = table.columnIndex("unit")
    let statusColumn = table.columnIndex("status")
    let sourceColumn = table.columnIndex("source")
    let noteColumn = table.columnIndex("note")
    let defaultSource = URL(fileURLWithPath: table.source).lastPathComponent

    guard !table.records.isEmpty else {
      throw InputError.badData(
        SourceLocation(file: table.source, line: table.headerLine),
        "the file has a header but no data rows (an empty series)")
    }

    var pointsByKey: [SeriesKey: [FilingPoint]] = [:]
    var firstLine: [SeriesKey: [Int: Int]] = [:]
    for record in table.records {
      let key: SeriesKey
      if let keyColumns {
        var parts: [String] = []
        for column in keyColumns {
          let text = record.fields[column]
          guard !text.isEmpty else {
            throw InputError.badData(
              table.location(record, column: column),
              "the \(table.header[column]) is empty; every row names its office, right, measure "
                + "and scope")
          }
          parts.append(text)
        }
        key = SeriesKey(office: parts[0], right: parts[1], measure: parts[2], scope: parts[3])
      } else {
        key = FilingDataset.plainSeriesKey
      }

      let yearText = record.fields[yearColumn]
      guard let year = ValueParsing.integer(yearText), (1...9999).contains(year) else {
        throw InputError.badData(
          table.location(record, column: yearColumn),
          "the year '\(yearText)' is not a whole number from 1 to 9999")
      }
      let valueText = record.fields[valueColumn]
      guard let value = ValueParsing.number(valueText) else {
        throw InputError.badData(
          table.location(record, column: valueColumn),
          "the value '\(valueText)' is not a number; write a plain decimal such as 9904 "
            + "(no thousands separators; a missing year is left out, not written as empty)")
      }
      guard value >= 0 else {
        throw InputError.badData(
          table.location(record, column: valueColumn),
          "the value \(valueText) is negative; counts are zero or more")
      }
      var status = DataStatus.reported
      if let statusColumn {
        let text = record.fields[statusColumn]
        if !text.isEmpty {
          guard let parsed = DataStatus(rawValue: text) else {
            throw InputError.badData(
              table.location(record, column: statusColumn),
              "the status '\(text)' is not one of reported, derived, approximate")
          }
          status = parsed
        }
      }
      let unit = unitColumn.map { record.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
      let source = sourceColumn.map { record.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
      if let earlier = firstLine[key, default: [:]][year] {
        throw InputError.badData(
          table.location(record, column: yearColumn),
          "a duplicate row: \(key) already has the year \(year) on line \(earlier)")
      }
      firstLine[key, default: [:]][year] = record.line
      pointsByKey[key, default: []].append(
        FilingPoint(
          year: year, value: value, unit: unit ?? "applications", status: status,
          source: source ?? defaultSource, note: noteColumn.map { record.fields[$0] } ?? "",
          line: record.line))
    }
    self.init(
      series: pointsByKey.map { FilingSeries(key: $0.key, points: $0.value, file: table.source) },
      file: table.source)
  }
}
