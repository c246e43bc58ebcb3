// SPDX-License-Identifier: GPL-3.0-or-later

/// How often each branch of the ziggurat (``GSLZiggurat``) was taken: for tests, which check
/// that a sample reached every branch (see
/// ``RandomGenerator/standardNormal(countingBranchesIn:)``).
package struct ZigguratBranchCounts: Sendable {
  /// Draws accepted in a strip's rectangle.
  package var rectangle = 0
  /// Wedge attempts (strips 0 to 126), accepted or not.
  package var wedgeAttempts = 0
  /// Wedge attempts accepted.
  package var wedgeAccepted = 0
  /// Tail attempts (strip 127), accepted or not.
  package var tailAttempts = 0
  /// Tail attempts accepted.
  package var tailAccepted = 0
  /// Which branch the last wedge or tail attempt was, to count its acceptance.
  private var lastAttempt = GSLZiggurat.Branch.rectangle

  /// No draws yet.
  package init() {}

  /// Counts one event of ``GSLZiggurat/standardNormal(_:at:_:observe:)``.
  mutating func add(_ branch: GSLZiggurat.Branch) {
    switch branch {
    case .rectangle: rectangle += 1
    case .wedge: wedgeAttempts += 1
    case .tail: tailAttempts += 1
    case .accepted:
      if lastAttempt == .tail { tailAccepted += 1 } else { wedgeAccepted += 1 }
    }
    if branch != .accepted { lastAttempt = branch }
  }
}
