// SPDX-License-Identifier: GPL-3.0-or-later

/// Another series' growth over a span of years, used as an analog:
/// `OFFICE:right:measure:scope:YYYY-YYYY`, for example `KR:invention:filed:resident:1990-2000`.
///
/// Its compound annual growth is
///
/// ```
/// g = (y_end / y_start)^(1 / (end - start)) - 1
/// ```
public struct AnalogSpec: Sendable, Equatable, Codable, CustomStringConvertible {
  /// The analog series.
  public let key: SeriesKey
  /// The first year of the span.
  public let startYear: Int
  /// The last year of the span (after `startYear`).
  public let endYear: Int

  /// Creates an analog.
  public init(key: SeriesKey, startYear: Int, endYear: Int) {
    self.key = key
    self.startYear = startYear
    self.endYear = endYear
  }

  /// Parses `OFFICE:right:measure:scope:YYYY-YYYY`.
  ///
  /// - Throws: ``StatisticsError`` (`badRequest`) saying what the form is.
  public init(parsing text: String) throws {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    let years = parts.last?.split(separator: "-", omittingEmptySubsequences: false) ?? []
    guard parts.count == 5, parts.dropLast().allSatisfy({ !$0.isEmpty }), years.count == 2,
      let start = Int(years[0]), let end = Int(years[1]), start < end
    else {
      throw StatisticsError(
        .badRequest,
        "the analog '\(text)' is not OFFICE:right:measure:scope:YYYY-YYYY with the first year "
          + "before the second (for example KR:invention:filed:resident:1990-2000)")
    }
    self.init(
      key: SeriesKey(office: parts[0], right: parts[1], measure: parts[2], scope: parts[3]),
      startYear: start, endYear: end)
  }

  /// `OFFICE:right:measure:scope:YYYY-YYYY`.
  public var description: String {
    "\(key.office):\(key.right):\(key.measure):\(key.scope):\(startYear)-\(endYear)"
  }

  /// The analog series' points at the two ends of the span (their values and sources).
  ///
  /// - Throws: ``StatisticsError`` (`missingData`) when the series is not in `dataset` or lacks
  ///   either end year.
  public func endPoints(
    in dataset: FilingDataset
  ) throws -> (start: FilingPoint, end: FilingPoint) {
    let series = try dataset.series(key)
    func point(_ year: Int) throws -> FilingPoint {
      guard let point = series.points.first(where: { $0.year == year }) else {
        let years = series.points.map { String($0.year) }.joined(separator: ", ")
        throw StatisticsError(
          .missingData,
          "the analog \(self): \(key) has no value for \(year); its years are \(years)")
      }
      return point
    }
    return (try point(startYear), try point(endYear))
  }

  /// The compound annual growth of the analog series over the span.
  ///
  /// - Throws: ``StatisticsError`` (`missingData`) when the series is not in `dataset` or lacks
  ///   either end year, `insufficientData` when the start value is 0.
  public func growthRate(in dataset: FilingDataset) throws -> Double {
    let (start, end) = try endPoints(in: dataset)
    guard start.value > 0 else {
      throw StatisticsError(
        .insufficientData,
        "the analog \(self): the value in \(startYear) is 0, so its growth is undefined")
    }
    return CompoundGrowth.annualRate(from: start.value, to: end.value, years: endYear - startYear)
  }
}
