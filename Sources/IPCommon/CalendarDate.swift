// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A date in the proleptic Gregorian calendar, without time or time zone, read and written as
/// ISO 8601 `YYYY-MM-DD`.
public struct CalendarDate: Comparable, Hashable, Sendable, CustomStringConvertible {
  /// The year, 1 to 9999.
  public let year: Int
  /// The month, 1 to 12.
  public let month: Int
  /// The day of the month, 1 to the month's length.
  public let day: Int

  /// A date from its parts, or `nil` when they do not form a real date (30 February, month 13).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      day >= 1, day <= CalendarDate.daysInMonth(year: year, month: month)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD` exactly (four-digit year, two-digit month and day), or returns `nil`.
  public init?(iso8601 text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// Today's date in UTC, from the system clock.
  public static func today() -> CalendarDate {
    let days = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))
    guard let today = CalendarDate(daysSinceEpoch: days) else {
      preconditionFailure("the system clock is outside the years 1 to 9999")
    }
    return today
  }

  /// The date `days` days after 1970-01-01 (before it when negative), by Howard Hinnant's
  /// `civil_from_days` algorithm, the inverse of ``daysSinceEpoch``; `nil` outside the years
  /// 1 to 9999.
  public init?(daysSinceEpoch days: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    guard (1...9999).contains(year) else { return nil }
  }

  /// Whether `year` is a leap year in the Gregorian calendar.
  public static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// The number of days in `month` of `year`.
  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// The number of days since 1970-01-01 (negative before), by Howard Hinnant's
  /// `days_from_civil` algorithm.
  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The number of days from `self` to `other` (positive when `other` is later).
  public func days(to other: CalendarDate) -> Int {
    other.daysSinceEpoch - daysSinceEpoch
  }

  /// The same month and day `years` calendar years later; 29 February becomes 28 February in a
  /// year without it. `nil` when the year leaves 1...9999.
  public func addingYears(_ years: Int) -> CalendarDate? {
    let target = year + years
    guard (1...9999).contains(target) else { return nil }
    let lastDay = CalendarDate.daysInMonth(year: target, month: month)
    return CalendarDate(year: target, month: month, day: min(day, lastDay))
  }

  /// `YYYY-MM-DD`.
  public var description: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  /// Chronological order.
  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }
}
