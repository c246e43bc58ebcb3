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
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    let fileManager = FileManager.default
    var isDirectory: ObjCBool = false
    if fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw InputError(.cannotWrite, at: SourceLocation(file: path), "cannot write: it is a directory")
    }
    do {
      try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw InputError(
        .cannotWrite, at: SourceLocation(file: path),
        "cannot create the directory \(directory.path): \(error.localizedDescription)")
    }
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp")
    do {
      try data.write(to: temporary)
    } catch {
      try? fileManager.removeItem(at: temporary)
      throw InputError(
        .cannotWrite, at: SourceLocation(file: path), "cannot write: \(error.localizedDescription)")
    }
    guard rename(temporary.path, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? fileManager.removeItem(at: temporary)
      throw InputError(.cannotWrite, at: SourceLocation(file: path), "cannot write: \(reason)")
    }
  }

  /// Whether two paths name the same existing file (so that an output would overwrite an input).
  public static func isSameFile(_ first: String, _ second: String) -> Bool {
    let a = URL(fileURLWithPath: first).resolvingSymlinksInPath().standardizedFileURL.path
    let b = URL(fileURLWithPath: second).resolvingSymlinksInPath().standardizedFileURL.path
    return a == b
  }
}
