// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A temporary folder laid out like `examples/` (the scenarios in `scenarios/`, the sample
/// portfolio beside them) with the data set, where the scenario target writes each input as
/// `scenarios/input.yaml`, so that the inputs' `extends: baseline.yaml`, `portfolio:` and `data:`
/// resolve as in the examples.
final class ScenarioFolder: Sendable {
  /// The folder of this process, made on first use.
  static let shared = ScenarioFolder()

  /// Where each input is written.
  let inputPath: String

  private init() {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("ipfin-fuzz-\(getpid())")
    let scenarios = root.appendingPathComponent("scenarios")
    try? FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
    // The package root: two folders above Fuzz/Sources/ipfin-fuzz.
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let examples = package.appendingPathComponent("examples")
    let names =
      (try? FileManager.default.contentsOfDirectory(
        atPath: examples.appendingPathComponent("scenarios").path)) ?? []
    for name in names {
      try? FileManager.default.copyItem(
        at: examples.appendingPathComponent("scenarios/\(name)"),
        to: scenarios.appendingPathComponent(name))
    }
    try? FileManager.default.copyItem(
      at: examples.appendingPathComponent("portfolio-vn-sample.csv"),
      to: root.appendingPathComponent("portfolio-vn-sample.csv"))
    try? FileManager.default.createDirectory(
      at: root.appendingPathComponent("datasets"), withIntermediateDirectories: true)
    try? FileManager.default.copyItem(
      at: package.appendingPathComponent("datasets/ip-filings.csv"),
      to: root.appendingPathComponent("datasets/ip-filings.csv"))
    inputPath = scenarios.appendingPathComponent("input.yaml").path
  }

  /// Writes `bytes` as the input file, without the `fsync` of `Data.write(to:)`, which made
  /// each input wait on the disk. `false` when the file cannot be written.
  func writeInput(_ bytes: [UInt8]) -> Bool {
    let descriptor = open(inputPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    return bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(
          descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        guard written > 0 else { return false }
        offset += written
      }
      return true
    }
  }
}
