// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Runs the built `ipfin` executable, as a user would, and captures what it prints.
enum BinaryRunner {
  /// The package's root directory (two levels above this file).
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The `ipfin` binary built next to the test bundle (`swift test` builds it because this test
  /// target depends on it).
  static let executable: URL? = {
    var candidates: [URL] = []
    if let tests = Bundle.main.executableURL?.deletingLastPathComponent() {
      candidates.append(tests.appendingPathComponent("ipfin"))
    }
    candidates.append(
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("ipfin"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// A new empty directory under the temporary directory; the caller removes it.
  static func scratchDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("ipfin-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// What one run printed and how it ended.
  struct Result {
    let status: Int32
    let standardOutput: String
    let standardError: String
  }

  /// Runs `ipfin arguments...` in `directory` (the package root by default), with `input` on
  /// standard input; `binary` replaces the built executable (a copy of it, say).
  static func run(
    _ arguments: [String], in directory: URL? = nil, input: String = "", binary: URL? = nil
  ) throws -> Result {
    guard let binary = binary ?? executable else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "ipfin binary"])
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? packageRoot
    // Output goes to temporary files, so that a large output can never block the child.
    let scratch = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outputURL = scratch.appendingPathComponent("stdout")
    let errorURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    let output = try FileHandle(forWritingTo: outputURL)
    let error = try FileHandle(forWritingTo: errorURL)
    let standardInput = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = standardInput
    try process.run()
    standardInput.fileHandleForWriting.write(Data(input.utf8))
    try standardInput.fileHandleForWriting.close()
    process.waitUntilExit()
    try output.close()
    try error.close()
    let outputData = try Data(contentsOf: outputURL)
    let errorData = try Data(contentsOf: errorURL)
    return Result(
      status: process.terminationStatus,
      standardOutput: String(decoding: outputData, as: UTF8.self),
      standardError: String(decoding: errorData, as: UTF8.self))
  }

  /// Copies `source` to `destination` with `/bin/cp -R`, so that this process never holds a
  /// file open for writing. Tests run in parallel threads that start child processes; a child
  /// started while this process wrote an executable would inherit the open file, and running
  /// the copy would then fail with "Text file busy" (ETXTBSY).
  static func copy(_ source: URL, to destination: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/cp")
    process.arguments = ["-R", source.path, destination.path]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
    }
  }
}
