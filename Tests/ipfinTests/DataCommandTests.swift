// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// `ipfin data series` and `ipfin data show`, run as a user would.
@Suite("ipfin data")
struct DataCommandTests {
  @Test func seriesListsEverySeriesOfTheBundledData() throws {
    let result = try BinaryRunner.run(["data", "series", "--format", "csv"])
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: true)
    let header =
      "office,right,measure,scope,unit,first_year,last_year,points,reported,derived,approximate"
    #expect(lines.first.map(String.init) == header)
    #expect(lines.count == 1 + 30)
    #expect(lines.contains("VN,invention,filed,all,applications,1989,2024,33,22,11,0"))
    #expect(
      lines.contains { $0.hasPrefix("KR,trademark,filed,all,applications;classes,2002,2021,") })
  }

  @Test func showPrintsThePointsWithStatusAndSource() throws {
    let result = try BinaryRunner.run([
      "data", "show", "--office", "VN", "--right", "industrial_design", "--format", "csv",
    ])
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.first == "office,right,measure,scope,unit,year,value,status,source,note")
    #expect(lines.count == 1 + 7)
    #expect(
      lines.contains(
        "VN,industrial_design,filed,all,applications,2020,3387,derived,pham-2020,national + Hague"))
  }

  @Test func showWorksFromAnyDirectoryWithTheBundledData() throws {
    let result = try BinaryRunner.run(
      ["data", "show", "--office", "VN", "--right", "invention", "--format", "json"],
      in: FileManager.default.temporaryDirectory)
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    let points = try #require((object as? [String: Any])?["points"] as? [[String: Any]])
    #expect(points.count == 33)
  }

  @Test func anUnknownSeriesIsBadData() throws {
    let result = try BinaryRunner.run(["data", "show", "--office", "VN", "--right", "patents"])
    #expect(result.status == 65)
    #expect(result.standardError.contains("there is no series VN patents filed all"))
  }
}
