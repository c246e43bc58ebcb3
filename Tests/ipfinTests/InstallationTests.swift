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
    try FileManager.default.copyItem(at: executable, to: copy)

    func run(_ arguments: [String]) throws -> (Int32, String, String) {
      let process = Process()
      process.executableURL = copy
      process.arguments = arguments
      process.currentDirectoryURL = directory
      let output = Pipe()
      let error = Pipe()
      process.standardOutput = output
      process.standardError = error
      try process.run()
      let printed = String(
        decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      let complained = String(
        decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return (process.terminationStatus, printed, complained)
    }

    let (missing, _, message) = try run(["data", "series"])
    #expect(missing == 66)
    #expect(message.contains("ipfin_IPStatistics.resources"))

    let resources = executable.deletingLastPathComponent()
      .appendingPathComponent("ipfin_IPStatistics.resources")
    try FileManager.default.copyItem(
      at: resources, to: directory.appendingPathComponent("ipfin_IPStatistics.resources"))
    let (status, printed, _) = try run(["data", "series", "--format", "csv"])
    #expect(status == 0)
    #expect(printed.contains("VN,invention,filed,all,applications,1989,2024,33"))
  }
}
