// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A progress bar on standard error, drawn only when standard error is a terminal and only for
/// work that has already taken longer than a second; otherwise it does nothing, so output to
/// files and pipes stays clean. It shows the share done, the time elapsed and an estimate of the
/// time left (see ``line(label:done:total:elapsed:)``).
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
    let elapsed = now.timeIntervalSince(start)
    guard elapsed > 1, now.timeIntervalSince(lastDrawn) > 0.1 else { return }
    lastDrawn = now
    drawn = true
    let text =
      "\r" + Self.line(label: label, done: done, total: total, elapsed: elapsed)
      + "\u{1B}[K"
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

  /// The bar's text after `done` of `total` units in `elapsed` seconds, for example
  /// `simulating [#########---------------------] 30% 0:12 elapsed, about 0:28 left`.
  ///
  /// The time left assumes the work goes on at the pace so far:
  ///
  /// ```
  /// left = elapsed * (total - done) / done
  /// ```
  ///
  /// It is left out until some work is done.
  public static func line(label: String, done: Int, total: Int, elapsed: TimeInterval) -> String {
    let total = max(total, 1)
    let fraction = min(1, max(0, Double(done) / Double(total)))
    let width = 30
    let filled = Int(fraction * Double(width))
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    var text = "\(label) [\(bar)] \(Int(fraction * 100))% \(duration(elapsed)) elapsed"
    if done > 0 {
      let left = elapsed * Double(max(total - done, 0)) / Double(done)
      text += ", about \(duration(left)) left"
    }
    return text
  }

  /// `seconds` as `m:ss`, or `h:mm:ss` from an hour on, rounded to the second.
  public static func duration(_ seconds: TimeInterval) -> String {
    let whole = Int(max(0, min(seconds, 359_999)).rounded())
    let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
    let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
    if hours > 0 { return "\(hours):\(twoDigits(minutes)):\(twoDigits(rest))" }
    return "\(minutes):\(twoDigits(rest))"
  }
}
