// SPDX-License-Identifier: GPL-3.0-or-later

import IPStatistics
import Testing

/// The request's own checks: absurd rates and levels are usage errors before any data is read,
/// rather than projections capped into flat bands.
@Suite("Projection request validation")
struct ProjectionRequestTests {
  static func request(_ configure: (inout ProjectionRequest) -> Void) -> ProjectionRequest {
    var request = ProjectionRequest(office: "VN", right: "invention")
    configure(&request)
    return request
  }

  static func message(_ request: ProjectionRequest) -> String? {
    do {
      try request.validate()
      return nil
    } catch let error as StatisticsError {
      #expect(error.kind == .badRequest && error.category == .usage)
      return error.message
    } catch {
      Issue.record("unexpected \(error)")
      return nil
    }
  }

  @Test func absurdRatesAndLevelsAreRefused() {
    let refused: [(String, (inout ProjectionRequest) -> Void)] = [
      (
        "growth rate must be above -100% and at most 1000%, got 1e300",
        {
          $0.model = "constant-growth"
          $0.growth = 1e300
        }
      ),
      (
        "growth rate must be above -100% and at most 1000%, got 10.5",
        {
          $0.model = "constant-growth"
          $0.growth = 10.5
        }
      ),
      (
        "growth uplift must be above -100% and at most 1000%, got 11",
        {
          $0.adjustments = [.growthUplift(rate: 11, from: 2026)]
        }
      ),
      (
        "level shift must be above -100% and at most 10000%, got -1",
        {
          $0.adjustments = [.levelShift(shift: -1, from: 2026)]
        }
      ),
      (
        "level shift must be above -100% and at most 10000%, got 1e200",
        {
          $0.adjustments = [.levelShift(shift: 1e200, from: 2026)]
        }
      ),
      ("cap must be a positive number of at most 1e12", { $0.cap = 1e13 }),
    ]
    for (fragment, configure) in refused {
      let message = Self.message(Self.request(configure))
      #expect(message?.contains(fragment) == true, "\(String(describing: message))")
    }
    let allowed: [(inout ProjectionRequest) -> Void] = [
      {
        $0.model = "constant-growth"
        $0.growth = ProjectionRequest.largestGrowth
      },
      {
        $0.adjustments = [.growthUplift(rate: 10, from: 2026), .levelShift(shift: 100, from: 2026)]
      },
      {
        $0.model = "auto"
        $0.cap = FilingDataset.largestValue
      },
    ]
    for configure in allowed { #expect(Self.message(Self.request(configure)) == nil) }
  }
}
