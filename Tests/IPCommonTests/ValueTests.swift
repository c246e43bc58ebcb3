// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import Testing

@Suite("Dates, rates and output files")
struct ValueTests {
  /// ISO dates parse strictly; day counts agree with Foundation's Gregorian calendar.
  @Test func calendarDates() throws {
    #expect(CalendarDate(iso8601: "2025-06-30")?.description == "2025-06-30")
    #expect(CalendarDate(iso8601: "2023-02-29") == nil)
    #expect(CalendarDate(iso8601: "2024-02-29") != nil)
    #expect(CalendarDate(iso8601: "2025-6-30") == nil)
    #expect(CalendarDate(iso8601: "2025-06-30T00:00") == nil)
    #expect(CalendarDate(iso8601: "2025-13-01") == nil)
    #expect(CalendarDate(iso8601: "1970-01-01")?.daysSinceEpoch == 0)

    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    for text in ["1900-03-01", "2000-02-29", "2024-12-31", "2100-01-01", "1600-06-15"] {
      let date = try #require(CalendarDate(iso8601: text))
      let components = DateComponents(year: date.year, month: date.month, day: date.day)
      let foundation = try #require(calendar.date(from: components))
      #expect(date.daysSinceEpoch == Int((foundation.timeIntervalSince1970 / 86_400).rounded()))
    }
    let leap = try #require(CalendarDate(iso8601: "2024-02-29"))
    #expect(leap.addingYears(1)?.description == "2025-02-28")
    #expect(leap.addingYears(4)?.description == "2028-02-29")
    #expect(leap.days(to: try #require(CalendarDate(iso8601: "2025-02-28"))) == 365)
  }

  /// A day count turns back into its date: the inverse of `daysSinceEpoch` over years 1 to
  /// 9999 (and no date outside them), and today agrees with Foundation's calendar in UTC.
  @Test func datesFromDayCounts() throws {
    let first = try #require(CalendarDate(iso8601: "0001-01-01")).daysSinceEpoch
    let last = try #require(CalendarDate(iso8601: "9999-12-31")).daysSinceEpoch
    for days in stride(from: first, through: last, by: 997) + [first, last, 0, -1, 59, 60] {
      let date = try #require(CalendarDate(daysSinceEpoch: days))
      #expect(CalendarDate(year: date.year, month: date.month, day: date.day) == date)
      #expect(date.daysSinceEpoch == days, "\(days) -> \(date)")
    }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    #expect(CalendarDate(daysSinceEpoch: first - 1) == nil)
    #expect(CalendarDate(daysSinceEpoch: last + 1) == nil)
    // Midnight may pass between the readings: Foundation's date is one of the two around it.
    let before = CalendarDate.today()
    let now = calendar.dateComponents([.year, .month, .day], from: Date())
    let after = CalendarDate.today()
    #expect(
      [before, after].contains { ($0.year, $0.month, $0.day) == (now.year, now.month, now.day) })
  }

  /// Rates as fractions or percentages; numbers strictly decimal.
  @Test func rates() {
    #expect(ValueParsing.rate("0.05") == 0.05)
    #expect(ValueParsing.rate("5%") == 0.05)
    #expect(ValueParsing.rate("12.5 %") == 0.125)
    #expect(ValueParsing.rate("five") == nil)
    #expect(ValueParsing.rate("%") == nil)
    #expect(ValueParsing.number("1e6") == 1e6)
    #expect(ValueParsing.number("nan") == nil)
    #expect(ValueParsing.number("inf") == nil)
    #expect(ValueParsing.number("0x10") == nil)
    #expect(ValueParsing.number("1,000") == nil)
    #expect(ValueParsing.integer("2024") == 2024)
    #expect(ValueParsing.integer("2024.5") == nil)
  }

  /// Output files appear whole; a failed write leaves the old file and no temporary file.
  @Test func atomicWrites() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("ipfin-output-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("nested/out.csv").path
    try OutputFile.write("a,b\r\n", to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\r\n")
    try OutputFile.write("c\r\n", to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "c\r\n")
    do {
      try OutputFile.write("x", to: directory.appendingPathComponent("nested").path)
      Issue.record("a directory was overwritten")
    } catch let error as InputError {
      #expect(error.category == .cannotWrite)
    }
    let leftovers = try FileManager.default.contentsOfDirectory(
      atPath: directory.appendingPathComponent("nested").path)
    #expect(leftovers == ["out.csv"])
    #expect(
      OutputFile.isSameFile(path, directory.appendingPathComponent("nested/../nested/out.csv").path)
    )
  }
}
