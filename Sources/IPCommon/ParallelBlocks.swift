// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Runs numbered blocks of work on a fixed number of threads, each thread taking the next
/// unclaimed block. What a block computes must depend only on its number, and it must write
/// only its own part of the output; then the result is the same for any thread count. Used by
/// the valuation engine (blocks of paths) and the scenario runner (projections).
public enum ParallelBlocks {
  /// Runs `body(block)` for every block in `0..<count` on `threads` threads, and returns when
  /// every block is done.
  public static func run(count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
    guard count > 0 else { return }
    let workers = max(1, min(threads, count))
    if workers == 1 {
      for block in 0..<count { body(block) }
      return
    }
    let counter = BlockCounter()
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let block = counter.next(below: count) { body(block) }
    }
  }
}

/// A thread-safe counter handing out block numbers in increasing order.
private final class BlockCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var nextBlock = 0

  func next(below count: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard nextBlock < count else { return nil }
    nextBlock += 1
    return nextBlock - 1
  }
}
