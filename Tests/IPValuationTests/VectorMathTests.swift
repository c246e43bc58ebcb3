// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPValuation
import Testing

@Suite("VectorMath.exp against the C library's exp")
struct VectorMathTests {
  /// `VectorMath.exp` of `values`, eight at a time (`values.count` a multiple of 8).
  static func vectorExp(_ values: [Double]) -> [Double] {
    var results: [Double] = []
    for start in stride(from: 0, to: values.count, by: 8) {
      var lanes = SIMD8<Double>()
      for lane in 0..<8 { lanes[lane] = values[start + lane] }
      let exps = VectorMath.exp(lanes)
      for lane in 0..<8 { results.append(exps[lane]) }
    }
    return results
  }

  /// The largest error in units in the last place of Foundation's (glibc's) `exp`:
  /// `|e - exp(x)| / ulp(exp(x))`, the ulp of a subnormal being the smallest subnormal.
  static func largestError(_ xs: [Double]) -> Double {
    zip(xs, vectorExp(xs)).reduce(0) { worst, pair in
      let exact = Foundation.exp(pair.0)
      return max(worst, abs(pair.1 - exact) / max(exact.ulp, .leastNonzeroMagnitude))
    }
  }

  /// At most 2 ulp from `exp` for 4 million `x` spread evenly over [-745, 709.78] (results from
  /// the smallest subnormal to near the largest double) and 10^6 in [-3, 3], where the
  /// simulation's yearly log growth rates lie.
  @Test func withinTwoUnitsInTheLastPlace() {
    let wide = (0..<4_000_000).map { -745 + 1454.78 * Double($0) / 4_000_000 }
    let narrow = (0..<1_000_000).map { -3 + 6 * Double($0) / 1_000_000 }
    #expect(Self.largestError(wide) <= 2)
    #expect(Self.largestError(narrow) <= 2)
  }

  /// Overflow to infinity, underflow to 0, infinities and NaN as the C library's `exp`.
  @Test func edges() {
    let xs = [709.79, 710, 1e6, .infinity, -745.2, -746, -1e6, -.infinity, .nan, 0]
    let padded = xs + [Double](repeating: 0, count: 6)
    let results = Self.vectorExp(padded)
    for (x, result) in zip(xs, results) {
      let exact = Foundation.exp(x)
      #expect(result == exact || (result.isNaN && exact.isNaN), "exp(\(x)) = \(result)")
    }
  }
}
