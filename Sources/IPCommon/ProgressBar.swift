// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A progress bar on standard error, drawn only when standard error is a terminal and only for
/// work that has already taken longer than a second; otherwise it does nothing, so output to
/// files and pipes stays clean.
///
/// Thread-safe: workers may call ``advance(by:)`` concurrently.
public final class ProgressBar: @unchecked Sendable {
  private let label: String
  private let total: Int
  private let enabled: Bool
  private let start = Date()
  private let lock = NSLock()
  private var done = 0
  private var lastDrawn = Date.distantPast
  private var drawn = false

  /// A bar for `total` units of work, labelled `label`. `enabled` defaults to whether standard
  /// error is a terminal.
  public init(label: String, total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
    self.label = label
    self.total = max(total, 1)
    self.enabled = enabled
  }

  /// Records `units` more units done and redraws at most ten times a second.
  public func advance(by units: Int = 1) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    done += units
    let now = Date()
    guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastDrawn) > 0.1 else { return }
    lastDrawn = now
    drawn = true
    let fraction = min(1, Double(done) / Double(total))
    let width = 30
    let filled = Int(fraction * Double(width))
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    let text = "\r\(label) [\(bar)] \(Int(fraction * 100))%"
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Clears the bar's line if it was drawn.
  public func finish() {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    if drawn {
      FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
      drawn = false
    }
  }
}
