// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Writes output files atomically: the bytes go to a temporary file in the same directory, which
/// is then renamed over the target. A reader never sees a half-written file, and a failure leaves
/// any earlier file untouched.
public enum OutputFile {
  /// Writes `text` as UTF-8 to `path` atomically, creating missing parent directories.
  ///
  /// - Throws: ``InputError`` (`cannotWrite`, exit code 73) naming the path and the reason.
  public static func write(_ text: String, to path: String) throws {
    try write(Data(text.utf8), to: path)
  }

  /// Writes `data` to `path` atomically, creating missing parent directories.
  ///
  /// - Throws: ``InputError`` (`cannotWrite`, exit code 73) naming the path and the reason.
  public static func write(_ data: Data, to path: String) throws {
    try commit([try stage(data, for: path)])
  }

  /// Writes several files as one: every file's bytes go to a temporary file first, and only
  /// when all of them are written are they renamed over their targets. A failure while writing
  /// leaves every target untouched, so a command never leaves one of its outputs behind when
  /// another cannot be written. (A rename failing after an earlier one succeeded, which would
  /// need the directory to change under the command, is the only exception.)
  ///
  /// - Throws: ``InputError`` (`cannotWrite`, exit code 73) naming the path and the reason.
  public static func write(_ files: [(path: String, text: String)]) throws {
    var staged: [(temporary: URL, target: URL, path: String)] = []
    do {
      for file in files { staged.append(try stage(Data(file.text.utf8), for: file.path)) }
    } catch {
      for file in staged { try? FileManager.default.removeItem(at: file.temporary) }
      throw error
    }
    try commit(staged)
  }

  /// Writes `data` to a temporary file next to `path`, after checking that `path` is not a
  /// directory and creating its parent directories.
  private static func stage(_ data: Data, for path: String) throws
    -> (temporary: URL, target: URL, path: String)
  {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    let fileManager = FileManager.default
    var isDirectory: ObjCBool = false
    if fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw InputError(
        .cannotWrite, at: SourceLocation(file: path), "cannot write: it is a directory")
    }
    do {
      try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw InputError(
        .cannotWrite, at: SourceLocation(file: path),
        "cannot create the directory \(directory.path): \(error.localizedDescription)")
    }
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp"
    )
    do {
      try data.write(to: temporary)
    } catch {
      try? fileManager.removeItem(at: temporary)
      throw InputError(
        .cannotWrite, at: SourceLocation(file: path), "cannot write: \(error.localizedDescription)")
    }
    return (temporary, url, path)
  }

  /// Renames staged temporary files over their targets, removing the temporaries that remain
  /// after a failure.
  private static func commit(_ staged: [(temporary: URL, target: URL, path: String)]) throws {
    for (index, file) in staged.enumerated() {
      guard rename(file.temporary.path, file.target.path) == 0 else {
        let reason = String(cString: strerror(errno))
        for rest in staged[index...] { try? FileManager.default.removeItem(at: rest.temporary) }
        throw InputError(
          .cannotWrite, at: SourceLocation(file: file.path), "cannot write: \(reason)")
      }
    }
  }

  /// Whether two paths name the same existing file (so that an output would overwrite an input).
  public static func isSameFile(_ first: String, _ second: String) -> Bool {
    let a = URL(fileURLWithPath: first).resolvingSymlinksInPath().standardizedFileURL.path
    let b = URL(fileURLWithPath: second).resolvingSymlinksInPath().standardizedFileURL.path
    return a == b
  }
}
