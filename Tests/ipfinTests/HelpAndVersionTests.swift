// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

@Suite("ipfin --help and --version")
struct HelpAndVersionTests {
  @Test func versionPrintsTheRelease() throws {
    let result = try BinaryRunner.run(["--version"])
    #expect(result.status == 0)
    #expect(result.standardOutput == "0.2.0\n")
  }

  @Test func helpDescribesTheTool() throws {
    let result = try BinaryRunner.run(["--help"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("USAGE: ipfin"))
    #expect(result.standardOutput.contains("IP-backed finance"))
  }

  @Test func unknownOptionIsAUsageError() throws {
    let result = try BinaryRunner.run(["--no-such-option"])
    #expect(result.status == 64)
    #expect(result.standardError.contains("no-such-option"))
  }
}
