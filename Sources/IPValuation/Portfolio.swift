// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon

/// The IP rights valued together as one loan's collateral, in one currency.
///
/// Read one from CSV with ``read(path:)`` (see ``PortfolioColumn`` for the format) or build one
/// in memory with ``init(assets:currency:)``; both validate every asset.
public struct Portfolio: Sendable, Equatable {
  /// The assets, in file order.
  public let assets: [Asset]
  /// The currency of every amount (the file's `currency` column); empty when not stated.
  public let currency: String
  /// The 1-based column number of each column of the file, for error messages (empty in memory).
  let columnNumbers: [PortfolioColumn: Int]

  /// A portfolio of `assets` in `currency`.
  ///
  /// - Throws: ``InputError`` (`badData`) for an empty list, a duplicate id, or an
  ///   asset with an input out of range (see ``Asset/firstInvalidInput()``), naming the asset and
  ///   what is allowed.
  public init(assets: [Asset], currency: String = "") throws {
    try self.init(assets: assets, currency: currency, columnNumbers: [:])
    for asset in assets {
      if let (column, allowed) = asset.firstInvalidInput() {
        throw InputError.badData(
          location(of: asset, column: column),
          "asset '\(asset.id)': \(column.rawValue) is not allowed; allowed: \(allowed)")
      }
    }
  }

  /// The unchecked memberwise initialiser, checking only that there are assets and that their
  /// ids are unique.
  init(assets: [Asset], currency: String, columnNumbers: [PortfolioColumn: Int]) throws {
    self.assets = assets
    self.currency = currency
    self.columnNumbers = columnNumbers
    guard !assets.isEmpty else {
      throw InputError.badData(nil, "the portfolio has no assets: add one row per asset")
    }
    var seen: [String: Asset] = [:]
    for asset in assets {
      if let earlier = seen[asset.id] {
        let whereEarlier = earlier.location?.line.map { " on line \($0)" } ?? ""
        throw InputError.badData(
          location(of: asset, column: .id),
          "the id '\(asset.id)' is already used\(whereEarlier); each asset needs a unique id")
      }
      seen[asset.id] = asset
    }
  }

  /// The location of `column` of `asset` in the file it was read from, for error messages:
  /// file, line and column when the asset was read from CSV, `nil` when it was built in memory.
  public func location(of asset: Asset, column: PortfolioColumn) -> SourceLocation? {
    guard var location = asset.location else { return nil }
    location.column = columnNumbers[column]
    location.columnName = column.rawValue
    return location
  }

  /// The default valuation date: 31 December of the year of the latest filing or grant date in
  /// the portfolio.
  ///
  /// A year-end (balance-sheet) date fixed by the file's content, never by the clock, so the same
  /// file gives the same figures on any day; it is on or after every date in the file, and the
  /// revenues are then those of that year. Pass a valuation date explicitly for any other date.
  public var defaultValuationDate: CalendarDate {
    let latest = assets.reduce(assets[0].filingDate) { latest, asset in
      max(latest, asset.filingDate, asset.grantDate ?? asset.filingDate)
    }
    return CalendarDate(year: latest.year, month: 12, day: 31) ?? latest
  }

  /// A warning when ``defaultValuationDate`` is more than a year (366 days) before `today`:
  /// rights that have expired since then count as alive, and remaining lives are overstated.
  /// `nil` otherwise. The figures never depend on the clock; only this warning does.
  public func staleDefaultDateWarning(today: CalendarDate = .today()) -> String? {
    let date = defaultValuationDate
    let age = date.days(to: today)
    guard age > 366 else { return nil }
    return "the default valuation date \(date) is \(age) days (more than a year) before today: "
      + "rights that have expired since count as alive and remaining lives are overstated"
  }
}
