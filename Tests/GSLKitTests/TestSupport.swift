// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The folder of this test target's data files, found from this source file's path so that
/// tests run from any working directory.
let resourcesDirectory = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().appendingPathComponent("Resources")

/// `|actual - expected| <= tolerance * |expected|`.
func relativelyClose(_ actual: Double, _ expected: Double, _ tolerance: Double) -> Bool {
  abs(actual - expected) <= tolerance * abs(expected)
}

/// The number of leading significant digits two numbers share: `-log10(|a - b| / |b|)` (the log
/// relative error, LRE, of McCullough's accuracy tests), capped at 15.
func significantDigits(_ actual: Double, _ expected: Double) -> Double {
  if actual == expected { return 15 }
  return min(15, -log10(abs(actual - expected) / abs(expected)))
}
