// SPDX-License-Identifier: GPL-3.0-or-later

// The valuation engine alone, for a profiler (perf, valgrind --tool=callgrind): one Monte Carlo
// run of the portfolio on the given paths and threads, without per-asset quantiles and without
// the random-number bounds of ValuationBenchmark. Prints the seconds and the portfolio mean (so
// that a change meant to keep the paths can be checked against the previous build).
//
// Usage: EngineProfile PORTFOLIO.csv [PATHS (default 20000)] [THREADS (default 1)]
//        [HORIZON (life or years; default life)] [LOAN (with pd 0.03; default none)]

import Foundation
import IPCommon
import IPValuation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(
    Data("usage: EngineProfile PORTFOLIO.csv [PATHS] [THREADS]\n".utf8))
  exit(64)
}
let portfolio = try Portfolio.read(path: arguments[1])
var assumptions = ValuationAssumptions(
  valuationDate: CalendarDate(iso8601: "2025-12-31") ?? portfolio.defaultValuationDate)
assumptions.paths = arguments.count >= 3 ? Int(arguments[2]) ?? 20_000 : 20_000
assumptions.threads = arguments.count >= 4 ? Int(arguments[3]) ?? 1 : 1
assumptions.horizon = arguments.count >= 5 ? RiskHorizon(arguments[4]) ?? .life : .life
var loan: Loan?
if arguments.count >= 6, let amount = Double(arguments[5]) {
  loan = Loan(amount: amount)
  loan?.probabilityOfDefault = 0.03
}
let start = DispatchTime.now().uptimeNanoseconds
let result = try MonteCarloValuation.run(
  portfolio: portfolio, assumptions: assumptions, loan: loan, perAssetQuantiles: false)
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
let mean = result.portfolioValues.reduce(0, +) / Double(result.portfolioValues.count)
print("seconds \(seconds)")
print("mean \(mean)")
