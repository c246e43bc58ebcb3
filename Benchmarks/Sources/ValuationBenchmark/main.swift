// SPDX-License-Identifier: GPL-3.0-or-later

// The valuation engine's speed on a large portfolio: the Monte Carlo run on 1 and on 2 threads,
// whole-life and without a loan (the engine's own work), then with a loan and the 1-year
// horizon (the risk figures a lender reads); and, on the same thread counts, the time needed
// just to draw as many random variates as the whole-life run drew: the normals with GSL's own
// ziggurat (the random-number bound), then also the uniforms (GSL's gsl_ran_flat) and the PERT
// royalties (GSLKit's BetaSampler, as the engine draws them). Each run is repeated and the
// fastest kept, as the machine may be shared. Prints `key value` lines, the loan run's figures
// among them, that Benchmarks/reference/valuation_summary.py turns into ratios and compares
// with the numpy reference.
//
// Usage: ValuationBenchmark PORTFOLIO.csv [PATHS (default 50000)] [REPEATS (default 3)]
//        [LOAN (default 4e11)] [PD (default 0.03)]

import Foundation
import GSLKit
import IPCommon
import IPValuation

func seconds(_ work: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try work()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(Data("usage: ValuationBenchmark PORTFOLIO.csv [PATHS]\n".utf8))
  exit(64)
}
let portfolio = try Portfolio.read(path: arguments[1])
var assumptions = ValuationAssumptions(
  valuationDate: CalendarDate(iso8601: "2025-12-31") ?? portfolio.defaultValuationDate)
assumptions.paths = arguments.count >= 3 ? Int(arguments[2]) ?? 50_000 : 50_000
let repeats = arguments.count >= 4 ? max(1, Int(arguments[3]) ?? 3) : 3
var loan = Loan(amount: arguments.count >= 5 ? Double(arguments[4]) ?? 4e11 : 4e11)
loan.probabilityOfDefault = arguments.count >= 6 ? Double(arguments[5]) ?? 0.03 : 0.03
let threadCounts = [1, 2]

/// The fastest of `repeats` runs on each thread count, and the results, which must not depend
/// on the thread count.
func timedRuns(_ assumptions: ValuationAssumptions, loan: Loan?) throws
  -> (times: [Int: Double], result: ValuationResult)
{
  var assumptions = assumptions
  var results: [Int: ValuationResult] = [:]
  var times: [Int: Double] = [:]
  for threads in threadCounts {
    assumptions.threads = threads
    for _ in 0..<repeats {
      let time = try seconds {
        results[threads] = try MonteCarloValuation.run(
          portfolio: portfolio, assumptions: assumptions, loan: loan, perAssetQuantiles: false)
      }
      times[threads] = min(times[threads] ?? .infinity, time)
    }
  }
  guard let one = results[1], let two = results[2], one.portfolioValues == two.portfolioValues,
    one.riskValues == two.riskValues, one.defaults == two.defaults
  else {
    FileHandle.standardError.write(Data("1 and 2 threads gave different paths\n".utf8))
    exit(70)
  }
  return (times, one)
}

assumptions.horizon = .life
let (times, one) = try timedRuns(assumptions, loan: nil)
assumptions.horizon = .years(1)
let (loanTimes, withLoan) = try timedRuns(assumptions, loan: loan)

// The random-number bounds: as many variates as the run drew, split evenly between `threads`
// threads, each with its own generator (as the engine's blocks have), drawn in chunks of 2^20
// into a buffer; a draw of each chunk goes into a checksum so that the work cannot be
// optimised away. The PERT variates are those of a typical royalty range, 2% - 4% - 7%, drawn
// as the engine draws them (GSLKit's BetaSampler).
let drawn = one.variatesDrawn
let (alpha, beta) = Distribution.pertShapes(minimum: 0.02, mode: 0.04, maximum: 0.07)
let pert = try BetaSampler(alpha: alpha, beta: beta)
let uniform = try Distribution.uniform()

/// A thread-safe sum of the threads' checksums.
final class Checksum: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var value = 0.0
  func add(_ part: Double) {
    lock.lock()
    value += part
    lock.unlock()
  }
}
let checksum = Checksum()

/// Seconds to draw `count` variates on `threads` threads with `fill`, fastest of `repeats`.
func drawingTime(
  _ count: Int, threads: Int,
  _ fill: @escaping @Sendable (RandomGenerator, UnsafeMutableBufferPointer<Double>) -> Void
) -> Double {
  var best = Double.infinity
  for _ in 0..<repeats {
    let time = seconds {
      DispatchQueue.concurrentPerform(iterations: threads) { thread in
        let generator = RandomGenerator(seed: 1, stream: UInt64(thread))
        var remaining = count / threads + (thread < count % threads ? 1 : 0)
        var buffer = [Double](repeating: 0, count: 1 << 20)
        var sum = 0.0
        buffer.withUnsafeMutableBufferPointer { buffer in
          while remaining > 0 {
            let part = UnsafeMutableBufferPointer(
              rebasing: buffer[0..<min(remaining, buffer.count)])
            fill(generator, part)
            sum += part[0]
            remaining -= part.count
          }
        }
        checksum.add(sum)
      }
    }
    best = min(best, time)
  }
  return best
}

var zigguratTimes: [Int: Double] = [:]
var otherVariateTimes: [Int: Double] = [:]
for threads in threadCounts {
  // GSL's own gsl_ran_gaussian_ziggurat, one call per number, not the engine's Swift copy of it
  // (the same numbers): the bound stays what GSL itself needs.
  zigguratTimes[threads] = drawingTime(drawn.normals, threads: threads) {
    $0.fillStandardNormalWithGSL($1)
  }
  otherVariateTimes[threads] =
    drawingTime(drawn.royalties, threads: threads) { $0.fill($1, from: pert) }
    + drawingTime(drawn.uniforms, threads: threads) { $0.fill($1, from: uniform) }
}

let mean = try Descriptive.mean(one.portfolioValues)
let sd = try Descriptive.standardDeviation(one.portfolioValues)
print("assets \(portfolio.assets.count)")
print("paths \(assumptions.paths)")
print("repeats \(repeats)")
print("loan \(loan.amount)")
print("pd \(loan.probabilityOfDefault ?? .nan)")
for threads in threadCounts {
  let suffix = threads == 1 ? "1_thread" : "\(threads)_threads"
  print("seconds_\(suffix) \(times[threads] ?? .nan)")
  print("loan_seconds_\(suffix) \(loanTimes[threads] ?? .nan)")
  print("ziggurat_seconds_\(suffix) \(zigguratTimes[threads] ?? .nan)")
  print("other_variates_seconds_\(suffix) \(otherVariateTimes[threads] ?? .nan)")
}
print("normals \(drawn.normals)")
print("royalties \(drawn.royalties)")
print("uniforms \(drawn.uniforms)")
print("checksum \(checksum.value)")
print("mean \(mean)")
print("se \(sd / Double(assumptions.paths).squareRoot())")
print("expected \(one.deterministic.expectedValueIfKept)")
// The loan run's figures, by their names in `ipfin value`.
for metric in try CollateralReport(result: withLoan).metrics {
  print("\(metric.name) \(metric.value)")
}
