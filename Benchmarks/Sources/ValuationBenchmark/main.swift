// SPDX-License-Identifier: GPL-3.0-or-later

// The valuation engine's speed on a large portfolio: the Monte Carlo run on 1 and on 2 threads,
// and the time GSL's ziggurat alone needs to draw as many normal variates as the run drew.
// Each run is repeated and the fastest kept, as the machine may be shared. Prints `key value`
// lines that Benchmarks/valuation.sh turns into ratios.
//
// Usage: ValuationBenchmark PORTFOLIO.csv [PATHS (default 50000)] [REPEATS (default 3)]

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

var results: [Int: ValuationResult] = [:]
var times: [Int: Double] = [:]
for threads in [1, 2] {
  assumptions.threads = threads
  for _ in 0..<repeats {
    let time = try seconds {
      results[threads] = try MonteCarloValuation.run(
        portfolio: portfolio, assumptions: assumptions, perAssetQuantiles: false)
    }
    times[threads] = min(times[threads] ?? .infinity, time)
  }
}
guard let one = results[1], let two = results[2] else { exit(70) }
guard one.portfolioValues == two.portfolioValues else {
  FileHandle.standardError.write(Data("1 and 2 threads gave different paths\n".utf8))
  exit(70)
}

// The random-number bound: as many standard normals, drawn with GSL's ziggurat on one thread;
// then also as many PERT and uniform variates as the run drew (the PERT of a typical royalty
// range, 2% - 4% - 7%), which the model needs as well.
let drawn = one.variatesDrawn
let generator = RandomGenerator(seed: 1)

/// Seconds to draw `count` variates with `fill`, in chunks of 2^20; adds a draw of each chunk
/// to `checksum` so that the work cannot be optimised away.
func drawingTime(
  _ count: Int, checksum: inout Double, _ fill: (UnsafeMutableBufferPointer<Double>) -> Void
) -> Double {
  var buffer = [Double](repeating: 0, count: 1 << 20)
  var sum = 0.0
  let time = seconds {
    var remaining = count
    buffer.withUnsafeMutableBufferPointer { buffer in
      while remaining > 0 {
        let part = UnsafeMutableBufferPointer(rebasing: buffer[0..<min(remaining, buffer.count)])
        fill(part)
        sum += part[0]
        remaining -= part.count
      }
    }
  }
  checksum += sum
  return time
}

let pert = try Distribution.pert(minimum: 0.02, mode: 0.04, maximum: 0.07)
let uniform = try Distribution.uniform()
var checksum = 0.0
let zigguratTime = drawingTime(drawn.normals, checksum: &checksum) {
  generator.fillStandardNormal($0)
}
let otherVariatesTime =
  drawingTime(drawn.royalties, checksum: &checksum) { generator.fill($0, from: pert) }
  + drawingTime(drawn.uniforms, checksum: &checksum) { generator.fill($0, from: uniform) }

let mean = try Descriptive.mean(one.portfolioValues)
let sd = try Descriptive.standardDeviation(one.portfolioValues)
print("assets \(portfolio.assets.count)")
print("paths \(assumptions.paths)")
print("repeats \(repeats)")
print("seconds_1_thread \(times[1] ?? .nan)")
print("seconds_2_threads \(times[2] ?? .nan)")
print("normals \(drawn.normals)")
print("royalties \(drawn.royalties)")
print("uniforms \(drawn.uniforms)")
print("ziggurat_seconds \(zigguratTime)")
print("other_variates_seconds \(otherVariatesTime)")
print("checksum \(checksum)")
print("mean \(mean)")
print("se \(sd / Double(assumptions.paths).squareRoot())")
print("expected \(one.deterministic.expectedValue)")
