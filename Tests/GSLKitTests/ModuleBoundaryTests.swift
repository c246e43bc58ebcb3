// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// The architecture's boundary: only GSLKit imports the C module, and it imports it internally,
/// so no GSL symbol or pointer type can appear in GSLKit's public interface.
@Suite("Module boundaries")
struct ModuleBoundaryTests {
  @Test func onlyGSLKitImportsCGSL() throws {
    let sources = resourcesDirectory.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources")
    let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
    var checked = 0
    for case let path as String in enumerator where path.hasSuffix(".swift") {
      let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
      let imports = text.split(separator: "\n").filter {
        $0.range(
          of: #"^\s*(@\w+\s+)*(public |internal |private |fileprivate |package )?import CGSL\b"#,
          options: .regularExpression) != nil
      }
      checked += 1
      if path.hasPrefix("GSLKit/") {
        #expect(imports.allSatisfy { $0.hasPrefix("internal import CGSL") }, "\(path)")
      } else {
        #expect(imports.isEmpty, "\(path) imports CGSL")
      }
    }
    #expect(checked > 10)
  }
}
