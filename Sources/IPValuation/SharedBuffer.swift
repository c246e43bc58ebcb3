// SPDX-License-Identifier: GPL-3.0-or-later

/// A fixed-size buffer of doubles that parallel blocks write to, each its own disjoint range.
///
/// `@unchecked Sendable`: the blocks never write the same element, and the buffer is read only
/// after ``ParallelBlocks/run(count:threads:_:)`` has returned.
final class SharedBuffer: @unchecked Sendable {
  /// The elements.
  let pointer: UnsafeMutableBufferPointer<Double>

  /// `count` zeros.
  init(count: Int) {
    pointer = .allocate(capacity: count)
    pointer.initialize(repeating: 0)
  }

  deinit {
    pointer.deallocate()
  }

  /// The elements `range`.
  func slice(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Double> {
    UnsafeMutableBufferPointer(rebasing: pointer[range])
  }

  /// A copy of the elements.
  var array: [Double] { Array(pointer) }
}
