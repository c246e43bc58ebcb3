// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// ipfin carries its data set in a resource folder next to the executable: a copy of the
/// executable with that folder works from anywhere; without it, commands that need the bundled
/// data fail with exit code 66 and say what is missing, instead of crashing.
@Suite("Installation")
struct InstallationTests {
  @Test func bundledDataTravelsWithTheExecutable() throws {
    let executable = try #require(BinaryRunner.executable)
    let directory = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let copy = directory.appendingPathComponent("ipfin")
    try BinaryRunner.copy(executable, to: copy)

    let missing = try BinaryRunner.run(["data", "series"], in: directory, binary: copy)
    #expect(missing.status == 66)
    #expect(missing.standardError.contains("ipfin_IPStatistics.resources"))

    let resources = executable.deletingLastPathComponent()
      .appendingPathComponent("ipfin_IPStatistics.resources")
    try BinaryRunner.copy(
      resources, to: directory.appendingPathComponent("ipfin_IPStatistics.resources"))
    let found = try BinaryRunner.run(
      ["data", "series", "--format", "csv"], in: directory, binary: copy)
    #expect(found.status == 0)
    #expect(found.standardOutput.contains("VN,invention,filed,all,applications,1989,2024,33"))
  }
}
