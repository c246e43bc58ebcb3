// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import Testing

/// A (seed, stream) pair of a generator.
struct SeedStream: CustomTestStringConvertible, Sendable {
  let seed: UInt64
  let stream: UInt64
  var testDescription: String { "seed \(seed), stream \(stream)" }
}

/// GSLKit's Swift copy of GSL's MT19937 and ziggurat against GSL itself: two generators with the
/// same seed and stream, one drawing in Swift and one calling GSL, give the same numbers bit for
/// bit, and leave the same state.
@Suite("MT19937 and ziggurat in Swift against GSL")
struct GSLZigguratTests {
  static let seeds: [SeedStream] = [
    SeedStream(seed: 57, stream: 0), SeedStream(seed: 57, stream: 1),
    SeedStream(seed: 0, stream: 0), SeedStream(seed: 2_035, stream: 999),
    SeedStream(seed: .max, stream: 1 << 40),
  ]

  /// 2 million normals (about 3,200 regenerations of the 624 words) are GSL's bit for bit, and
  /// the generators are in the same state afterwards (GSL's own uniforms agree).
  @Test(arguments: seeds)
  func normalsAreGSLs(_ pair: SeedStream) {
    let count = 2_000_000
    let swift = RandomGenerator(seed: pair.seed, stream: pair.stream)
    let gsl = RandomGenerator(seed: pair.seed, stream: pair.stream)
    var ours = [Double](repeating: .nan, count: count)
    var theirs = [Double](repeating: .nan, count: count)
    ours.withUnsafeMutableBufferPointer { swift.fillStandardNormal($0) }
    theirs.withUnsafeMutableBufferPointer { gsl.fillStandardNormalWithGSL($0) }
    let firstDifference = ours.indices.first { ours[$0].bitPattern != theirs[$0].bitPattern }
    #expect(firstDifference == nil, "first differing draw: \(firstDifference ?? -1)")
    let later = (0..<1_000).filter { _ in swift.gslUniform() != gsl.gslUniform() }
    #expect(later.isEmpty, "\(later.count) of the next 1,000 uniforms differ")
  }

  /// 2 million uniforms are `gsl_rng_uniform`'s bit for bit, and so are the draws after them.
  @Test(arguments: seeds)
  func uniformsAreGSLs(_ pair: SeedStream) {
    let swift = RandomGenerator(seed: pair.seed, stream: pair.stream)
    let gsl = RandomGenerator(seed: pair.seed, stream: pair.stream)
    var differences = 0
    for _ in 0..<2_000_000 where swift.uniform().bitPattern != gsl.gslUniform().bitPattern {
      differences += 1
    }
    #expect(differences == 0)
    let later = (0..<1_000).filter { _ in swift.gslStandardNormal() != gsl.gslStandardNormal() }
    #expect(later.isEmpty, "\(later.count) of the next 1,000 normals differ")
  }

  /// Swift and GSL calls mixed at random on one generator (normals one at a time and in strided
  /// and contiguous fills, uniforms, positive uniforms) give exactly what GSL's calls alone give
  /// on a twin generator: the two share one state.
  @Test(arguments: seeds)
  func mixedCallsStayInSync(_ pair: SeedStream) {
    let mixed = RandomGenerator(seed: pair.seed, stream: pair.stream)
    let gsl = RandomGenerator(seed: pair.seed, stream: pair.stream)
    // The choice of call comes from an independent generator (a 64-bit LCG), not from either.
    var choice: UInt64 = pair.seed ^ 0x5DEE_CE66
    var buffer = [Double](repeating: 0, count: 64)
    var reference = [Double](repeating: 0, count: 64)
    var mismatches = 0
    var calls = [Int](repeating: 0, count: 7)
    for _ in 0..<200_000 {
      choice = choice &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let kind = Int(choice >> 61) % 7
      calls[kind] += 1
      switch kind {
      case 0: if mixed.standardNormal() != gsl.gslStandardNormal() { mismatches += 1 }
      case 1: if mixed.gslStandardNormal() != gsl.gslStandardNormal() { mismatches += 1 }
      case 2: if mixed.uniform() != gsl.gslUniform() { mismatches += 1 }
      case 3: if mixed.gslUniform() != gsl.gslUniform() { mismatches += 1 }
      case 4:
        var draw: Double
        repeat { draw = gsl.gslUniform() } while draw == 0
        if mixed.uniformPositive() != draw { mismatches += 1 }
      case 5:
        let count = Int(choice >> 32 & 63) + 1
        buffer.withUnsafeMutableBufferPointer {
          mixed.fillStandardNormal(UnsafeMutableBufferPointer(rebasing: $0[0..<count]))
        }
        reference.withUnsafeMutableBufferPointer {
          gsl.fillStandardNormalWithGSL(UnsafeMutableBufferPointer(rebasing: $0[0..<count]))
        }
        if buffer[0..<count] != reference[0..<count] { mismatches += 1 }
      default:
        buffer.withUnsafeMutableBufferPointer { mixed.fillStandardNormal($0, count: 21, stride: 3) }
        for i in 0..<21 where buffer[3 * i] != gsl.gslStandardNormal() { mismatches += 1 }
      }
    }
    #expect(mismatches == 0)
    #expect(calls.allSatisfy { $0 > 20_000 }, "calls of each kind: \(calls)")
  }

  /// Every branch of the ziggurat is reached in 2 million draws, with GSL's numbers throughout;
  /// the tail branch is the only one that gives |x| > R (R = 3.44428647676, the base strip's
  /// edge), and its share of draws is P(|Z| > R) = erfc(R / sqrt 2) within 4 standard errors.
  @Test(arguments: seeds)
  func everyBranchIsReached(_ pair: SeedStream) {
    let count = 2_000_000
    let swift = RandomGenerator(seed: pair.seed, stream: pair.stream)
    let gsl = RandomGenerator(seed: pair.seed, stream: pair.stream)
    var counts = ZigguratBranchCounts()
    var differences = 0
    var beyondR = 0
    let r = 3.44428647676
    for _ in 0..<count {
      let draw = swift.standardNormal(countingBranchesIn: &counts)
      if draw.bitPattern != gsl.gslStandardNormal().bitPattern { differences += 1 }
      if abs(draw) > r { beyondR += 1 }
    }
    #expect(differences == 0)
    #expect(counts.rectangle + counts.wedgeAccepted + counts.tailAccepted == count)
    // Wedges: about 1.2% of attempts, some rejected; the tail: about 0.06% of draws, some rejected.
    #expect(counts.wedgeAccepted > 10_000)
    #expect(counts.wedgeAttempts - counts.wedgeAccepted > 1_000)
    #expect(counts.tailAttempts - counts.tailAccepted > 10)
    #expect(beyondR == counts.tailAccepted)
    let p = erfc(r / 2.0.squareRoot())
    let expected = p * Double(count)
    let standardError = (Double(count) * p * (1 - p)).squareRoot()
    #expect(
      abs(Double(counts.tailAccepted) - expected) <= 4 * standardError,
      "tail draws \(counts.tailAccepted), expected \(expected) +- \(standardError)")
  }

  /// The other algorithms still draw through GSL: their normals and uniforms are GSL's.
  @Test(arguments: [RandomGenerator.Algorithm.ranlxd2, .mrg32k3a])
  func otherAlgorithmsCallGSL(_ algorithm: RandomGenerator.Algorithm) {
    let ours = RandomGenerator(seed: 11, stream: 2, algorithm: algorithm)
    let gsl = RandomGenerator(seed: 11, stream: 2, algorithm: algorithm)
    var differences = 0
    for _ in 0..<100_000 {
      if ours.standardNormal() != gsl.gslStandardNormal() { differences += 1 }
      if ours.uniform() != gsl.gslUniform() { differences += 1 }
    }
    #expect(differences == 0)
  }
}
