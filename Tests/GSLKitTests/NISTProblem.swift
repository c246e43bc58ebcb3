// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// One NIST StRD nonlinear regression problem read from its `.dat` file in `Resources/`.
struct NISTProblem {
  let name: String
  /// Start 1 and start 2.
  let starts: [[Double]]
  let certifiedParameters: [Double]
  let certifiedStandardDeviations: [Double]
  let certifiedResidualSumOfSquares: Double
  let certifiedResidualStandardDeviation: Double
  /// The number of observations the file declares.
  let declaredObservations: Int
  /// The predictors of each observation (one, or two for Nelson).
  let x: [[Double]]
  let y: [Double]

  /// Parses the NIST file format: lines `  bK = start1 start2 certified sd`, the residual sum of
  /// squares and standard deviation lines, the `N Observations` line, and the data after the
  /// `Data:   y   x` (or `y  x1  x2`) line.
  init(name: String) throws {
    self.name = name
    let text = try String(
      contentsOf: resourcesDirectory.appendingPathComponent("\(name).dat"), encoding: .utf8)
    var starts: [[Double]] = [[], []]
    var parameters: [Double] = []
    var deviations: [Double] = []
    var rss = Double.nan
    var residualSD = Double.nan
    var declared = 0
    var x: [[Double]] = []
    var y: [Double] = []
    var inData = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\r" })
      if inData {
        let numbers = words.compactMap { Double($0) }
        if numbers.count == words.count, numbers.count >= 2 {
          y.append(numbers[0])
          x.append(Array(numbers.dropFirst()))
        }
        continue
      }
      if words.count == 6, words[0].hasPrefix("b"), words[1] == "=" {
        starts[0].append(Double(words[2]) ?? .nan)
        starts[1].append(Double(words[3]) ?? .nan)
        parameters.append(Double(words[4]) ?? .nan)
        deviations.append(Double(words[5]) ?? .nan)
      } else if line.hasPrefix("Residual Sum of Squares:") {
        rss = Double(words.last ?? "") ?? .nan
      } else if line.hasPrefix("Residual Standard Deviation:") {
        residualSD = Double(words.last ?? "") ?? .nan
      } else if words.count == 2, words[1] == "Observations" {
        declared = Int(words[0]) ?? 0
      } else if words.first == "Data:", words.count >= 3, words[1] == "y" {
        inData = true
      }
    }
    self.starts = starts
    self.certifiedParameters = parameters
    self.certifiedStandardDeviations = deviations
    self.certifiedResidualSumOfSquares = rss
    self.certifiedResidualStandardDeviation = residualSD
    self.declaredObservations = declared
    self.x = x
    self.y = y
  }
}
