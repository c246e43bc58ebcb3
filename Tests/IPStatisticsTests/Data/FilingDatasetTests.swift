// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPStatistics
import Testing

/// Reading filing data: the bundled data set, both layouts, and every kind of bad data with its
/// file, line and column.
@Suite("Filing data sets")
struct FilingDatasetTests {
  static let header = "office,right,measure,scope,unit,year,value,status,source,note\n"

  /// The error that parsing `text` raises.
  static func error(parsing text: String) -> InputError? {
    do {
      _ = try FilingDataset.parse(text: text, source: "bad.csv")
      return nil
    } catch let error as InputError {
      return error
    } catch {
      return nil
    }
  }

  @Test func bundledDataHasVietNamsInventionSeriesWithItsGaps() throws {
    let dataset = try FilingDataset.bundled()
    let series = try dataset.series(SeriesKey(office: "VN", right: "invention"))
    let years = series.points.map(\.year)
    #expect(series.points.count == 33)
    #expect(years.first == 1989 && years.last == 2024)
    for missing in [2008, 2009, 2022] { #expect(!years.contains(missing)) }
    let last = try #require(series.points.last)
    #expect(last.value == 9904 && last.status == .reported && last.source == "investip-2024")
    #expect(series.count(.derived) == 11)
  }

  @Test func bundledDataMatchesTheShippedFileRowForRow() throws {
    let dataset = try FilingDataset.bundled()
    let text = try String(
      contentsOf: packageRoot.appendingPathComponent("datasets/ip-filings.csv"), encoding: .utf8)
    let rows = text.split(separator: "\n").dropFirst().filter { !$0.isEmpty }
    #expect(dataset.series.map(\.points.count).reduce(0, +) == rows.count)
    #expect(
      dataset.summaries.count
        == Set(rows.map { $0.split(separator: ",").prefix(4).joined(separator: ",") }).count)
  }

  @Test func rightsOfAnOfficeMeasureAndScope() throws {
    let dataset = try FilingDataset.bundled()
    let rights = dataset.rights(office: "VN", measure: "filed", scope: "all")
    #expect(rights.contains("invention") && rights.contains("trademark"))
    #expect(rights.contains("industrial_design") && rights.contains("utility_solution"))
    #expect(!rights.contains("utility_model"), "Korea's right is not Viet Nam's")
  }

  @Test func longFormatNeedsOnlyTheKeyYearAndValue() throws {
    let dataset = try FilingDataset.parse(
      text: "office,right,measure,scope,year,value\nXX,invention,filed,all,2020,10\n"
        + "XX,invention,filed,all,2022,12.5\n", source: "mine.csv")
    let series = try dataset.series(SeriesKey(office: "XX", right: "invention"))
    #expect(series.points.map(\.year) == [2020, 2022])
    #expect(series.points.map(\.value) == [10, 12.5])
    #expect(series.points.allSatisfy { $0.unit == "applications" && $0.status == .reported })
    #expect(series.points.allSatisfy { $0.source == "mine.csv" })
    #expect(series.points.map(\.line) == [2, 3])
  }

  @Test func plainYearValueFileIsOneSeries() throws {
    let dataset = try FilingDataset.parse(
      text: "year,value\n2019,5\n2021,7\n2020,6\n", source: "/tmp/own.csv")
    #expect(dataset.series.count == 1)
    let series = try dataset.series(FilingDataset.plainSeriesKey)
    #expect(series.points.map(\.year) == [2019, 2020, 2021])
    #expect(series.points.first?.source == "own.csv")
  }

  @Test func aMissingColumnIsReportedOnTheHeaderLine() throws {
    let error = try #require(
      Self.error(parsing: "office,right,measure,scope,year\nVN,invention,filed,all,2020\n"))
    #expect(error.category == .badData)
    #expect(error.description.hasPrefix("bad.csv:1"))
    #expect(error.description.contains("'value'"))
  }

  @Test func aNonNumericValueNamesLineAndColumn() throws {
    let error = try #require(
      Self.error(
        parsing: Self.header + "VN,invention,filed,all,applications,2020,9,904,reported,s,\n"))
    // The unquoted thousands separator makes the row one field too long.
    #expect(error.category == .badData && error.description.hasPrefix("bad.csv:2"))
    let text = try #require(
      Self.error(
        parsing: Self.header + "VN,invention,filed,all,applications,2020,n/a,reported,s,\n"))
    #expect(text.description.hasPrefix("bad.csv:2:7 (column 'value')"))
    #expect(text.description.contains("not a number"))
  }

  @Test func aNegativeValueIsRejected() throws {
    let error = try #require(
      Self.error(parsing: Self.header + "VN,invention,filed,all,applications,2020,-5,reported,s,\n")
    )
    #expect(error.description.hasPrefix("bad.csv:2:7 (column 'value')"))
    #expect(error.description.contains("negative"))
  }

  @Test(arguments: ["2020.5", "twenty", "", "0"])
  func aYearThatIsNotAWholeNumberIsRejected(year: String) throws {
    let error = try #require(
      Self.error(
        parsing: Self.header + "VN,invention,filed,all,applications,\(year),5,reported,s,\n"))
    #expect(error.category == .badData)
    #expect(error.description.hasPrefix("bad.csv:2:6 (column 'year')"))
  }

  @Test func aDuplicateYearNamesBothLines() throws {
    let error = try #require(
      Self.error(
        parsing: Self.header + "VN,invention,filed,all,applications,2020,5,reported,s,\n"
          + "VN,invention,filed,all,applications,2021,6,reported,s,\n"
          + "VN,invention,filed,all,applications,2020,7,reported,s,\n"))
    #expect(error.description.hasPrefix("bad.csv:4:6"))
    #expect(error.description.contains("duplicate") && error.description.contains("line 2"))
  }

  @Test func anUnknownStatusOrEmptyKeyIsRejected() throws {
    let status = try #require(
      Self.error(parsing: Self.header + "VN,invention,filed,all,applications,2020,5,guessed,s,\n"))
    #expect(status.description.hasPrefix("bad.csv:2:8 (column 'status')"))
    let office = try #require(
      Self.error(parsing: Self.header + ",invention,filed,all,applications,2020,5,reported,s,\n"))
    #expect(office.description.hasPrefix("bad.csv:2:1 (column 'office')"))
  }

  /// The error names the header's line, after comments and blank lines.
  @Test func aFileWithoutRowsIsAnEmptySeries() throws {
    let error = try #require(Self.error(parsing: Self.header))
    #expect(error.category == .badData && error.description.contains("no data rows"))
    let later = try #require(Self.error(parsing: "# notes\n# more\n\nyear,value\n"))
    #expect(later.description.hasPrefix("bad.csv:4:"), "\(later.description)")
  }

  /// A year outside 1800-2100 is refused where it is read (a year of 2200 used to pass the
  /// reader and stop the projection with a usage error and no position).
  @Test(arguments: ["2200", "2101", "1799"])
  func aYearOutsideTheDataYearsIsRefusedWithItsPlace(year: String) throws {
    let error = try #require(Self.error(parsing: "year,value\n2020,100\n\(year),5\n"))
    #expect(error.category == .badData)
    #expect(error.description.hasPrefix("bad.csv:3:1 (column 'year'): the year '\(year)'"))
    #expect(error.message.contains("from 1800 to 2100"))
  }

  /// A count above 10^12 is refused where it is read, never capped: a series ending at
  /// 1.9e305 used to project 1.01e304 with intervals of zero width.
  @Test func aCountBeyondTheLargestIsRefused() throws {
    let error = try #require(
      Self.error(parsing: "year,value\n2018,1e305\n2019,1.3e305\n2020,1.9e305\n"))
    #expect(error.description.hasPrefix("bad.csv:2:2 (column 'value'): the value '1e305'"))
    #expect(error.message.contains("above the largest count, 1e12"))
    #expect(Self.error(parsing: "year,value\n2018,1e12\n") == nil)
    #expect(
      Self.error(parsing: "year,value\n2018,1e999\n")?.message.contains("not a number") == true)
  }

  /// Bytes that are not text, and overlong keys, are refused with their place.
  @Test func bytesThatAreNotTextAndLongKeysAreRefused() throws {
    let nul = try #require(Self.error(parsing: "year,value\n2018,5\u{0}000\n"))
    #expect(nul.description.hasPrefix("bad.csv:2:2 (column 'value')"))
    let office = String(repeating: "V", count: 65)
    let long = try #require(
      Self.error(parsing: "office,right,measure,scope,year,value\n\(office),i,filed,all,2020,5\n"))
    #expect(long.description.hasPrefix("bad.csv:2:1 (column 'office')"))
    #expect(long.message.contains("longer than 64 characters"))
    var reader = try CSVReader(
      bytes: Array("year,value\n20".utf8) + [0xC3, 0x28] + Array(",5\n".utf8), source: "b.csv")
    #expect(throws: InputError.self) { try FilingDataset(csv: &reader) }
  }

  @Test func anUnknownSeriesIsMissingDataListingWhatThereIs() throws {
    let dataset = try FilingDataset.bundled()
    do {
      _ = try dataset.series(SeriesKey(office: "VN", right: "invention", measure: "examined"))
      Issue.record("expected an error")
    } catch let error as StatisticsError {
      #expect(error.category == .badData)
      #expect(error.message.contains("VN invention filed all"))
    }
  }

  @Test func aMissingFileIsMissingInput() {
    do {
      _ = try FilingDataset.read(path: "/nonexistent/filings.csv")
      Issue.record("expected an error")
    } catch let error as InputError {
      #expect(error.category == .missingInput)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
