// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPStatistics
import Testing

/// The text and JSON forms of a projection.
@Suite("Projection output")
struct ProjectionOutputTests {
  static func projection() throws -> SeriesProjection {
    var request = ProjectionRequest(office: "VN", right: "all_industrial_property")
    request.model = "all"
    return try Projector.project(request, dataset: try FilingDataset.bundled())
  }

  @Test func textShowsTheSeriesTheFitsWithReasonsAndTheRows() throws {
    let projection = try Self.projection()
    let selected = try #require(projection.selectedModel)
    let text = ProjectionTable.text([projection])
    let lines = text.split(separator: "\n").map(String.init)
    #expect(
      lines.first
        == "VN all_industrial_property filed all (applications): 9 points, 2008, 2016-2020, "
        + "2022-2024")
    #expect(
      lines.contains {
        $0.hasPrefix(
          "every fitted model (\(projection.projections.count)); * marks \(selected), the model "
            + "auto would select;")
      })
    // The fits table marks the selected model and lists each failure's reason below it.
    #expect(lines.contains { $0.hasPrefix("\(selected)*") && $0.contains(" ok ") })
    for fit in projection.fits {
      if case .failed(let reason) = fit.status {
        #expect(lines.contains("\(fit.model) failed: \(reason)"))
      }
    }
    // One row per model, year and kind, as in the CSV.
    let rowCount = projection.projections.map(\.rows.count).reduce(0, +)
    let rowLines = lines.filter {
      $0.range(of: #"^\S+\s+\d{4}\s+(observed|fitted|projected)"#, options: .regularExpression)
        != nil
    }
    #expect(rowLines.count == rowCount)
    #expect(rowLines.contains { $0.hasPrefix("\(selected)*") && $0.contains("2035  projected") })
  }

  @Test func jsonRoundTripKeepsStatusesAndRows() throws {
    let projection = try Self.projection()
    let data = try JSONEncoder().encode(projection)
    let decoded = try JSONDecoder().decode(SeriesProjection.self, from: data)
    #expect(decoded.fits.map(\.status) == projection.fits.map(\.status))
    #expect(decoded.projections.flatMap(\.rows) == projection.projections.flatMap(\.rows))
    #expect(decoded.selectedModel == projection.selectedModel)
    #expect(decoded.points == projection.points)
    #expect(projection.fits.contains { if case .failed = $0.status { true } else { false } })
  }

  @Test func fitStatusDecodesItsFourFormsAndRejectsOtherText() throws {
    let known = #"["ok", "not fitted", "failed: no: convergence", "skipped: needs 5"]"#
    let statuses = try JSONDecoder().decode([FitStatus].self, from: Data(known.utf8))
    #expect(statuses == [.fitted, .notFitted, .failed("no: convergence"), .skipped("needs 5")])
    for text in ["fitted", "", "failed:", "skipped", "OK"] {
      let json = Data("[\"\(text)\"]".utf8)
      #expect {
        _ = try JSONDecoder().decode([FitStatus].self, from: json)
      } throws: { error in
        guard case DecodingError.dataCorrupted = error else { return false }
        return true
      }
    }
  }
}
