// SPDX-License-Identifier: GPL-3.0-or-later

// The projection benchmark: (1) the logistic fit plus 1,000 residual-bootstrap refits on Viet
// Nam's invention filings, the work `reference/projection_scipy.py` repeats with
// scipy.optimize.curve_fit; (2) `Projector.project` with every model and 2,000 simulated paths.
// Prints `name seconds` lines, each the median of 5 runs; `projection.sh` adds the reference and
// the ratios.

import Foundation
import GSLKit
import IPStatistics

/// The median wall time of `runs` runs of `body`, in seconds.
func medianSeconds(runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
  var times: [Double] = []
  for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  return times.sorted()[runs / 2]
}

do {
  let dataset = try FilingDataset.bundled()
  let series = try dataset.series(SeriesKey(office: "VN", right: "invention"))
  let years = series.points.map(\.year)
  let values = series.points.map(\.value)

  var refitCount = 0
  let logistic = try medianSeconds {
    let fit = try GrowthModel.logistic.fit(years: years, values: values)
    let paths = try fit.simulate(horizon: 11, count: 1000, generator: RandomGenerator(seed: 1989))
    refitCount = (paths?.count ?? 0) / 11
  }
  print("logistic_fit_and_1000_refits \(logistic)")
  precondition(refitCount == 1000)
  let estimate = try GrowthModel.logistic.fit(years: years, values: values)
  let names = ["K", "r", "tm"]
  print(
    "estimate "
      + names.map { "\($0)=\(String(format: "%.6g", estimate.parameter($0) ?? .nan))" }
      .joined(separator: " "))

  var request = ProjectionRequest(office: "VN", right: "invention")
  request.model = "all"
  request.simulations = 2000
  let all = try medianSeconds { _ = try Projector.project(request, dataset: dataset) }
  print("project_all_models_2000_paths \(all)")
} catch {
  FileHandle.standardError.write(Data("ProjectionBenchmark: \(error)\n".utf8))
  exit(70)
}
