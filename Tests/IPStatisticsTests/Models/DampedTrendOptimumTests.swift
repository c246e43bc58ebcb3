// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPStatistics
import Testing

/// The damped trend's fit reaches its maximum likelihood, also where the maximum lies on an
/// edge or a corner of the admissible region.
@Suite("Damped trend at its optimum")
struct DampedTrendOptimumTests {
  /// The best log-likelihood of an independent dense multi-start search: a scan of 11 x 11 x 7
  /// positions of (alpha, beta*, phi) in their intervals, bounds and corners included, then
  /// Nelder-Mead on the box (a point outside evaluated at its projection) from each of the best
  /// 10 scanned points.
  static func denseSearchBest(_ model: DampedTrendModel) -> Double {
    let smoothing = DampedTrendModel.smoothingBounds
    let damping = DampedTrendModel.dampingBounds
    func logLikelihood(_ x: [Double]) -> Double {
      let c = x.map { min(max($0, 0), 1) }
      let alpha = smoothing.lowerBound + (smoothing.upperBound - smoothing.lowerBound) * c[0]
      let share = smoothing.lowerBound + (smoothing.upperBound - smoothing.lowerBound) * c[1]
      let phi = damping.lowerBound + (damping.upperBound - damping.lowerBound) * c[2]
      return model.filter(alpha: alpha, beta: alpha * share, phi: phi)?.logLikelihood
        ?? -.infinity
    }
    var scan: [([Double], Double)] = []
    for a in 0...10 {
      for b in 0...10 {
        for p in 0...6 {
          let x = [Double(a) / 10, Double(b) / 10, Double(p) / 6]
          scan.append((x, logLikelihood(x)))
        }
      }
    }
    scan.sort { $0.1 > $1.1 }
    var best = scan[0].1
    for start in scan.prefix(10) {
      if let minimum = try? Minimizer.nelderMead(
        start: start.0, stepSizes: [0.05, 0.05, 0.05], sizeTolerance: 1e-10,
        objective: { x in
          let value = logLikelihood(x)
          return value.isFinite ? -value : 1e300
        })
      {
        best = max(best, -minimum.value)
      }
    }
    return best
  }

  @Test func vietNamsInventionsSince2010ReachTheCornerMaximum() throws {
    let series = try FilingDataset.bundled().series(SeriesKey(office: "VN", right: "invention"))
    let points = series.points.filter { $0.year >= 2010 }
    let model = try DampedTrendModel(
      years: points.map(\.year), values: points.map { log($0.value) })
    let fit = try model.fit()
    // The measurement: 21.069 at alpha 2e-4, beta 4e-8, phi 0.98 (the old fit: 20.671).
    #expect(fit.logLikelihood >= 21.06, "\(fit.logLikelihood)")
    #expect(fit.logLikelihood >= Self.denseSearchBest(model) - 1e-6)
  }

  @Test func everyRollingOriginFitOfTheBundledSeriesIsAtLeastTheDenseSearchsBest() throws {
    // The fits of `ipfin backtest --all --min-points 12`: the last 8 origins of every series
    // with 12 points or more, on the points up to each origin (the latest run of one unit),
    // where the damped trend has its 8 points and every value is positive.
    let dataset = try FilingDataset.bundled()
    var fits = 0
    for series in dataset.series where series.points.count >= 12 {
      let points = series.points
      let origins = points.indices.dropLast().filter { points[$0 + 1].year - points[$0].year <= 5 }
      for origin in origins.suffix(8) {
        var start = origin
        while start > 0 && points[start - 1].unit == points[origin].unit { start -= 1 }
        let window = Array(points[start...origin])
        guard window.count >= 8, window.allSatisfy({ $0.value > 0 }) else { continue }
        let model = try DampedTrendModel(
          years: window.map(\.year), values: window.map { log($0.value) })
        let fit = try model.fit()
        let best = Self.denseSearchBest(model)
        #expect(
          fit.logLikelihood >= best - 1e-6,
          "\(series.key) to \(points[origin].year): \(fit.logLikelihood) < \(best)")
        fits += 1
      }
    }
    #expect(fits >= 80)
  }
}
