// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// The data bundled with the executable is byte-identical to the data sets in `datasets/`.
@Suite("Bundled data")
struct BundledDataTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test(arguments: ["ip-filings.csv", "sources.csv"])
  func bundledCopyIsIdentical(name: String) throws {
    let shipped = try Data(contentsOf: Self.root.appendingPathComponent("datasets/\(name)"))
    let bundled = try Data(
      contentsOf: Self.root.appendingPathComponent("Sources/IPStatistics/Resources/\(name)"))
    #expect(!shipped.isEmpty)
    #expect(shipped == bundled)
  }
}
