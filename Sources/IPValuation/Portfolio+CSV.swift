// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

extension Portfolio {
  /// The largest amount a portfolio may hold in `revenue` or `maintenance_cost`: 10^18 in the
  /// portfolio's currency (a thousand times the yearly revenue of the largest companies, in
  /// Viet Nam's dong). Below it, the valuation stays far from the largest `Double` even for a
  /// revenue growing 100% a year for 100 years on every one of 10 million paths; above it, a
  /// value would be a modelling error or a typo, so it is refused where it is read.
  public static let largestAmount = 1e18

  /// Reads a portfolio CSV file (see ``PortfolioColumn`` for the columns and their defaults).
  ///
  /// - Throws: ``InputError``: `missingInput` when the file does not exist or cannot be read (or
  ///   is a directory); `badData` naming the file, line, column and value and what is allowed,
  ///   for a file over `limits`, a NUL byte or a byte that is not UTF-8, malformed CSV (see
  ///   ``CSVReader``), an empty file or one without assets, an unknown, repeated or missing
  ///   column (names ignore letter case), a missing required value, an unknown right or office,
  ///   a bad date or number, a grant before filing, a negative amount or one above
  ///   ``largestAmount``, royalties not ordered `royalty_low <= royalty_rate <= royalty_high`, a
  ///   rate outside [0, 1] (growth: outside (-1, 1]), a duplicate id, or mixed currencies.
  public static func read(path: String, limits: InputLimits = .csv) throws -> Portfolio {
    var reader = try CSVReader(path: path, limits: limits)
    return try Portfolio(csv: &reader)
  }

  /// A portfolio from CSV `text`, named `source` in errors (see ``read(path:limits:)``).
  public static func parse(text: String, source: String) throws -> Portfolio {
    var reader = try CSVReader(text: text, source: source)
    return try Portfolio(csv: &reader)
  }

  /// A portfolio from the rows of `reader`, each row checked as it is read (see
  /// ``read(path:limits:)`` for the errors).
  public init(csv reader: inout CSVReader) throws {
    var indices: [PortfolioColumn: Int] = [:]
    for (index, name) in reader.header.enumerated() {
      let location = SourceLocation(
        file: reader.source, line: reader.headerLine, column: index + 1)
      guard let column = PortfolioColumn(rawValue: name.lowercased()) else {
        throw InputError.badData(
          location,
          "unknown column \(InputError.quoted(name)); the columns of a portfolio are: "
            + PortfolioColumn.allCases.map(\.rawValue).joined(separator: ", "))
      }
      if let earlier = indices[column] {
        throw InputError.badData(
          location,
          "the column \(InputError.quoted(name)) repeats column \(earlier + 1) "
            + "('\(reader.header[earlier])'); column names ignore letter case")
      }
      indices[column] = index
    }
    for column in PortfolioColumn.required where indices[column] == nil {
      _ = try reader.requireColumn(column.rawValue)
    }
    let columns = reader
    let currencyOf = { (record: CSVTable.Record) in
      indices[.currency].map { record.fields[$0] } ?? ""
    }
    var first: CSVTable.Record?
    var assets: [Asset] = []
    while let record = try reader.next() {
      let row = PortfolioRow(columns: columns, record: record, indices: indices)
      let asset = try row.asset()
      if let (column, allowed) = asset.firstInvalidInput() {
        throw row.invalid(column, allowed: allowed)
      }
      if let first, currencyOf(record) != currencyOf(first) {
        throw row.invalid(
          .currency,
          allowed: "one currency for the whole file: line \(first.line) has "
            + InputError.quoted(currencyOf(first)))
      }
      if first == nil { first = record }
      assets.append(asset)
    }
    guard let first else {
      throw InputError.badData(
        SourceLocation(file: reader.source),
        "the portfolio has no assets: add one row per asset below the header")
    }
    try self.init(
      assets: assets, currency: currencyOf(first), columnNumbers: indices.mapValues { $0 + 1 })
  }
}

/// One row of a portfolio CSV file being read: typed access to its fields, with errors that
/// name the file, line, column and value.
private struct PortfolioRow {
  let columns: CSVReader
  let record: CSVTable.Record
  let indices: [PortfolioColumn: Int]

  /// The asset of this row, with defaults for empty optional fields; ranges are not checked yet.
  func asset() throws -> Asset {
    let id = try required(.id)
    guard let right = IPRight(name: try required(.right)) else {
      throw invalid(.right, allowed: IPRight.acceptedNames)
    }
    guard let office = IPOffice(name: try required(.office)) else {
      throw invalid(.office, allowed: "VN or KR")
    }
    guard let filingDate = try date(.filingDate) else { throw missing(.filingDate) }
    let grantDate = try date(.grantDate)
    var grantProbability = try rate(.grantProbability)
    if grantDate == nil, grantProbability == nil {
      throw InputError.badData(
        location(.grantProbability),
        "asset '\(id)' is a pending application (grant_date is empty), so grant_probability is "
          + "required: the chance it is granted, a rate in [0, 1]")
    }
    if grantDate != nil, grantProbability == nil { grantProbability = 1 }
    guard let revenue = try amount(.revenue) else { throw missing(.revenue) }
    guard let royaltyRate = try rate(.royaltyRate) else { throw missing(.royaltyRate) }
    return Asset(
      id: id, right: right, office: office, filingDate: filingDate, grantDate: grantDate,
      grantProbability: grantProbability ?? 1, revenue: revenue,
      revenueGrowth: try rate(.revenueGrowth) ?? 0,
      revenueVolatility: try rate(.revenueVolatility) ?? 0, royaltyRate: royaltyRate,
      royaltyLow: try rate(.royaltyLow), royaltyHigh: try rate(.royaltyHigh),
      discountRate: try rate(.discountRate), taxRate: try rate(.taxRate) ?? Asset.defaultTaxRate,
      economicLife: try number(.economicLife), obsolescence: try rate(.obsolescence) ?? 0,
      invalidityHazard: try rate(.invalidityHazard) ?? 0,
      maintenanceCost: try amount(.maintenanceCost) ?? 0, industry: text(.industry) ?? "",
      location: SourceLocation(file: columns.source, line: record.line))
  }

  /// The error for `column`'s value, which is not allowed: names the value and what is allowed.
  func invalid(_ column: PortfolioColumn, allowed: String) -> InputError {
    let value = text(column) ?? ""
    return InputError.badData(
      location(column), "\(InputError.quoted(value)) is not allowed; allowed: \(allowed)")
  }

  private func location(_ column: PortfolioColumn) -> SourceLocation {
    guard let index = indices[column] else {
      return SourceLocation(file: columns.source, line: record.line, columnName: column.rawValue)
    }
    return columns.location(record, column: index)
  }

  private func missing(_ column: PortfolioColumn) -> InputError {
    InputError.badData(location(column), "the value is empty; \(column.rawValue) is required")
  }

  /// The field's text, `nil` when the column is absent or the field empty.
  private func text(_ column: PortfolioColumn) -> String? {
    guard let index = indices[column], !record.fields[index].isEmpty else { return nil }
    return record.fields[index]
  }

  private func required(_ column: PortfolioColumn) throws -> String {
    guard let value = text(column) else { throw missing(column) }
    return value
  }

  private func rate(_ column: PortfolioColumn) throws -> Double? {
    try parsed(
      column, ValueParsing.rate,
      "is not a rate; write a fraction such as 0.05 or a percentage such as 5%")
  }

  private func number(_ column: PortfolioColumn) throws -> Double? {
    try parsed(
      column, ValueParsing.number,
      "is not a number; write a decimal number such as 1250000000 or 2.5e9, without "
        + "thousands separators")
  }

  /// A number that is at most ``Portfolio/largestAmount`` (negative amounts are refused with
  /// the asset's other ranges).
  private func amount(_ column: PortfolioColumn) throws -> Double? {
    guard let value = try number(column) else { return nil }
    guard value <= Portfolio.largestAmount else {
      throw invalid(
        column,
        allowed: "an amount from 0 to 1e18; a larger one is beyond what the valuation computes "
          + "reliably")
    }
    return value
  }

  private func date(_ column: PortfolioColumn) throws -> CalendarDate? {
    try parsed(
      column, CalendarDate.init(iso8601:), "is not a date; write an ISO 8601 date YYYY-MM-DD")
  }

  /// The field parsed by `parse`; `nil` when it is empty; an error saying the value `problem`
  /// when it does not parse.
  private func parsed<Value>(
    _ column: PortfolioColumn, _ parse: (String) -> Value?, _ problem: String
  ) throws -> Value? {
    guard let text = text(column) else { return nil }
    guard let value = parse(text) else {
      throw InputError.badData(location(column), "\(InputError.quoted(text)) \(problem)")
    }
    return value
  }
}
