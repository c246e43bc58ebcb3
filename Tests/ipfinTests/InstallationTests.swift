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

extension InstallationTests {
  /// `make install`'s script puts the executable, its data and the completion scripts under a
  /// prefix; the installed `ipfin` works from any folder (here: a folder with nothing in it)
  /// through `PATH`, and `make uninstall`'s removes every file it installed.
  @Test func installAndUninstallUnderAPrefix() throws {
    let executable = try #require(BinaryRunner.executable)
    let prefix = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: prefix) }
    let script = BinaryRunner.packageRoot.appendingPathComponent("scripts/install.sh")
    let build = executable.deletingLastPathComponent().path
    let install = try BinaryRunner.run(["install", build, prefix.path], binary: script)
    #expect(install.status == 0, "\(install.standardError)")
    #expect(install.standardOutput.contains("is not on PATH"))
    let files = [
      "bin/ipfin", "share/ipfin/ipfin_IPStatistics.resources/ip-filings.csv",
      "share/bash-completion/completions/ipfin", "share/zsh/site-functions/_ipfin",
      "share/fish/vendor_completions.d/ipfin.fish",
    ]
    for file in files {
      #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(file).path))
    }
    let bash = try String(
      contentsOf: prefix.appendingPathComponent(files[2]), encoding: .utf8)
    #expect(bash.contains("_ipfin") && bash.contains("complete"))

    let elsewhere = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: elsewhere) }
    let installed = prefix.appendingPathComponent("bin/ipfin")
    let found = try BinaryRunner.run(
      ["data", "series", "--format", "csv"], in: elsewhere, binary: installed)
    #expect(found.status == 0, "\(found.standardError)")
    #expect(found.standardOutput.contains("VN,invention,filed,all,applications,1989,2024,33"))

    let uninstall = try BinaryRunner.run(["uninstall", build, prefix.path], binary: script)
    #expect(uninstall.status == 0)
    for file in files {
      #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent(file).path))
    }
  }
}
