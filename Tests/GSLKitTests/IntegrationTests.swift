// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import Testing

@Suite("Adaptive integration")
struct IntegrationTests {
  /// Closed forms: `int_0^1 x^2 = 1/3`; `int_0^pi sin = 2`; `int_0^1 ln(x) / sqrt(x) = -4`
  /// (QUADPACK's own test integral, singular at 0); a kink, `int_-1^2 |x| = 2.5`; and the
  /// standard normal density over [-1.96, 1.96], against GSL's own CDF.
  @Test func closedForms() throws {
    let cases: [(String, Double, Double, (Double) -> Double, Double)] = [
      ("x^2", 0, 1, { $0 * $0 }, 1.0 / 3),
      ("sin", 0, Double.pi, { sin($0) }, 2),
      ("ln(x)/sqrt(x)", 0, 1, { log($0) / $0.squareRoot() }, -4),
      ("|x|", -1, 2, { abs($0) }, 2.5),
      (
        "normal density", -1.96, 1.96, { exp(-$0 * $0 / 2) / (2 * Double.pi).squareRoot() },
        try Distribution.normal().cdf(1.96) - Distribution.normal().cdf(-1.96)
      ),
    ]
    for (name, lower, upper, function, expected) in cases {
      let (value, error) = try Integration.adaptive(
        lower: lower, upper: upper, relativeTolerance: 1e-12, function: function)
      #expect(abs(value - expected) <= 1e-11 * max(1, abs(expected)), "\(name)")
      #expect(error <= 1e-10, "\(name)")
    }
    #expect(try Integration.adaptive(lower: 3, upper: 3) { $0 }.value == 0)
    // The non-extrapolating rule on a kinked integrand: int_0^3 max(0, x - 1) = 2.
    let kinked = try Integration.adaptive(
      lower: 0, upper: 3, relativeTolerance: 1e-12, rule: .gaussKronrod61
    ) { max(0, $0 - 1) }
    #expect(abs(kinked.value - 2) <= 1e-12)
  }

  @Test func errors() {
    #expect(throws: GSLError.self) { try Integration.adaptive(lower: 1, upper: 0) { $0 } }
    #expect(throws: GSLError.self) { try Integration.adaptive(lower: 0, upper: .infinity) { $0 } }
    #expect(throws: GSLError.self) {
      try Integration.adaptive(lower: 0, upper: 1, relativeTolerance: 0) { $0 }
    }
    // A non-finite integrand, and a divergent one (1/x on [0, 1]).
    #expect(throws: GSLError.self) { try Integration.adaptive(lower: 0, upper: 1) { _ in .nan } }
    #expect(throws: GSLError.self) {
      try Integration.adaptive(lower: 0, upper: 1) { $0 == 0 ? 1e300 : 1 / $0 }
    }
  }
}
