// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPStatistics
import Testing

/// The prediction intervals are calibrated: over 200 series simulated from a known process and
/// projected 5 years ahead with the same model family, the share of future values inside the
/// 95% interval is in [0.90, 0.99] and inside the 80% interval in [0.72, 0.88] (1,000 checks
/// each; the binomial standard error at the nominal level is about 0.007 and 0.013, and the
/// five years of one series are correlated, so the bands allow for several of them).
@Suite("Calibration of the prediction intervals")
struct CalibrationTests {
  static let seriesCount = 200
  static let horizon = 5

  /// One simulated history and its future.
  struct Case: Sendable {
    let years: [Int]
    let history: [Double]
    let future: [Double]
  }

  /// The coverage of each level over the cases, projecting each with `model`.
  static func coverage(_ cases: [Case], model: String) async throws -> (c80: Double, c95: Double) {
    let counts = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
      for (index, item) in cases.enumerated() {
        group.addTask {
          let dataset = syntheticDataset(years: item.years, values: item.history)
          var request = syntheticRequest(
            model: model, to: item.years[item.years.count - 1] + horizon)
          request.seed = UInt64(index + 1)
          let projection = try Projector.project(request, dataset: dataset)
          let rows = try #require(
            projection.projections.first?.rows.filter { $0.kind == .projected })
          var inside80 = 0
          var inside95 = 0
          for (row, actual) in zip(rows, item.future) {
            let i80 = try #require(row.interval(0.8))
            let i95 = try #require(row.interval(0.95))
            if i80.lower <= actual && actual <= i80.upper { inside80 += 1 }
            if i95.lower <= actual && actual <= i95.upper { inside95 += 1 }
          }
          return (inside80, inside95)
        }
      }
      var total = (0, 0)
      for try await (a, b) in group { total = (total.0 + a, total.1 + b) }
      return total
    }
    let checks = Double(cases.count * horizon)
    return (Double(counts.0) / checks, Double(counts.1) / checks)
  }

  @Test func logisticIntervalsAreCalibrated() async throws {
    // K = 10,000, r = 0.25, midpoint 2010, log-scale errors with sigma 0.1, 1995-2024.
    let generator = RandomGenerator(seed: 20_240_601)
    let years = Array(1995...2024)
    func curve(_ year: Int) -> Double { 10_000 / (1 + exp(-0.25 * Double(year - 2010))) }
    let cases = (0..<Self.seriesCount).map { _ in
      Case(
        years: years, history: years.map { curve($0) * exp(0.1 * generator.standardNormal()) },
        future: (2025...2029).map { curve($0) * exp(0.1 * generator.standardNormal()) })
    }
    let coverage = try await Self.coverage(cases, model: "logistic")
    #expect((0.90...0.99).contains(coverage.c95), "95% coverage \(coverage.c95)")
    #expect((0.72...0.88).contains(coverage.c80), "80% coverage \(coverage.c80)")
  }

  @Test func theDefaultSimulationsPutA95BoundWithinAboutOneAndAHalfPercentOfTheBand() throws {
    // ProjectionRequest.defaultSimulations' claim, through the projector: the drift's one-year
    // predictive distribution of ln y on Viet Nam's inventions (32 changes) is exactly Student-t
    // with 31 degrees of freedom, so the Monte Carlo standard deviation of the 97.5% quantile of
    // n = 2000 paths, as a share of the 95% band's width on the log scale, is
    //   sqrt(p (1 - p) / n) / (f_t(q) 2 q),  p = 0.975, q = t_31^-1(p)   = 0.016215
    // (scipy.stats.t; 0.015238 for a normal). Over 400 seeds the sample standard deviation has
    // a relative standard error of about 1 / sqrt(2 * 399) = 3.5%: the band allows 3 of them.
    let dataset = try FilingDataset.bundled()
    var upper: [Double] = []
    var widths: [Double] = []
    for seed in 1...400 {
      var request = ProjectionRequest(office: "VN", right: "invention")
      request.model = "drift"
      request.to = 2025
      request.seed = UInt64(seed)
      let projection = try Projector.project(request, dataset: dataset)
      let row = try #require(projection.projections.first?.rows.last)
      let interval = try #require(row.interval(0.95))
      upper.append(log(interval.upper))
      widths.append(log(interval.upper) - log(interval.lower))
    }
    let mean = upper.reduce(0, +) / 400
    let sd = (upper.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 399).squareRoot()
    let share = sd / (widths.reduce(0, +) / 400)
    #expect(abs(share / 0.016215 - 1) <= 3 * 0.035, "\(share)")
  }

  @Test func dampedTrendIntervalsAreCalibrated() async throws {
    // ETS(A,Ad,N) on ln y: alpha 0.5, beta 0.15, phi 0.9, sigma 0.05, from ln 1000 and slope 0.1.
    let generator = RandomGenerator(seed: 20_240_602)
    let years = Array(1995...2024)
    let cases = (0..<Self.seriesCount).map { _ in
      var level = log(1000.0)
      var slope = 0.1
      let all = dampedTrendPath(
        count: years.count + Self.horizon, alpha: 0.5, beta: 0.15, phi: 0.9, sigma: 0.05,
        level: &level, slope: &slope, generator: generator
      ).map { exp($0) }
      return Case(
        years: years, history: Array(all.prefix(years.count)),
        future: Array(all.suffix(Self.horizon)))
    }
    let coverage = try await Self.coverage(cases, model: "damped-trend")
    #expect((0.90...0.99).contains(coverage.c95), "95% coverage \(coverage.c95)")
    #expect((0.72...0.88).contains(coverage.c80), "80% coverage \(coverage.c80)")
  }
}
