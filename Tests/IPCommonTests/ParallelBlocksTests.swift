// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import Testing

/// How many times each block ran.
private final class RunCounts: @unchecked Sendable {
  private let lock = NSLock()
  private var counts: [Int]

  init(_ count: Int) { counts = [Int](repeating: 0, count: count) }

  func add(_ block: Int) {
    lock.lock()
    counts[block] += 1
    lock.unlock()
  }

  var all: [Int] {
    lock.lock()
    defer { lock.unlock() }
    return counts
  }
}

@Suite("Parallel blocks")
struct ParallelBlocksTests {
  /// Every block runs exactly once, and `map` returns the results in block order, for any
  /// number of threads (more threads than blocks included).
  @Test(arguments: [1, 2, 3, 8, 2000])
  func everyBlockRunsOnceAndLandsInOrder(threads: Int) {
    let count = 1000
    let runs = RunCounts(count)
    let results = ParallelBlocks.map(count: count, threads: threads) { block in
      runs.add(block)
      return 3 * block
    }
    #expect(runs.all == [Int](repeating: 1, count: count))
    #expect(results == (0..<count).map { 3 * $0 })
    #expect(ParallelBlocks.map(count: 0, threads: threads) { $0 }.isEmpty)
  }
}
