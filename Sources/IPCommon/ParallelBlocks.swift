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

  /// `body(block)` for every block in `0..<count`, computed on `threads` threads and returned
  /// in block order (each result lands in its block's slot, whichever thread computed it).
  public static func map<Value: Sendable>(
    count: Int, threads: Int, _ body: @Sendable (Int) -> Value
  ) -> [Value] {
    let slots = ResultSlots<Value>(count: count)
    run(count: count, threads: threads) { block in slots.set(block, body(block)) }
    return slots.values
  }
}

/// One result slot per block, each written once by the block's thread.
///
/// `@unchecked Sendable`: a lock guards every access.
private final class ResultSlots<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Value?]

  init(count: Int) {
    slots = [Value?](repeating: nil, count: count)
  }

  func set(_ block: Int, _ value: Value) {
    lock.lock()
    defer { lock.unlock() }
    slots[block] = value
  }

  /// The results, once every block has run.
  var values: [Value] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { slot in
      guard let slot else { preconditionFailure("a block left its slot empty") }
      return slot
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
