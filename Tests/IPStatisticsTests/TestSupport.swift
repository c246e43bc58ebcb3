// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPStatistics

/// `|actual - expected| <= tolerance * |expected|`.
func relativelyClose(_ actual: Double, _ expected: Double, _ tolerance: Double) -> Bool {
  abs(actual - expected) <= tolerance * abs(expected)
}

/// The package's root directory.
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A data set holding one series (office `T`, right `test`), for projections of synthetic data.
func syntheticDataset(years: [Int], values: [Double]) -> FilingDataset {
  let key = SeriesKey(office: "T", right: "test")
  let points = zip(years, values).map { FilingPoint(year: $0, value: $1, source: "synthetic") }
  return FilingDataset(series: [FilingSeries(key: key, points: points)], file: "synthetic")
}

/// A request for the synthetic series of ``syntheticDataset(years:values:)``.
func syntheticRequest(model: String, to: Int) -> ProjectionRequest {
  var request = ProjectionRequest(office: "T", right: "test")
  request.model = model
  request.to = to
  return request
}

/// The values of the damped-trend recursion with Gaussian innovations `sigma N(0, 1)`, for
/// `count` years, continuing from `level` and `slope` (which are updated).
func dampedTrendPath(
  count: Int, alpha: Double, beta: Double, phi: Double, sigma: Double,
  level: inout Double, slope: inout Double, generator: RandomGenerator
) -> [Double] {
  (0..<count).map { _ in
    let prediction = level + phi * slope
    let error = sigma * generator.standardNormal()
    level = prediction + alpha * error
    slope = phi * slope + beta * error
    return prediction + error
  }
}
