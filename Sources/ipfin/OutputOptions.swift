// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import IPCommon

/// How a command prints its data.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  /// Aligned columns for reading in a terminal.
  case table
  /// CSV with a header row, LF line ends.
  case csv
  /// JSON, keys sorted, for programs.
  case json

  /// The extension of an output file in this format: `txt` for the table, `csv`, `json`.
  var fileExtension: String {
    switch self {
    case .table: return "txt"
    case .csv: return "csv"
    case .json: return "json"
    }
  }

  /// The format an output file's extension names, in any letter case: `.csv`, `.json`, and
  /// `.txt` for the table; `nil` for any other extension or none.
  init?(fileExtensionOf path: String) {
    let pathExtension = (path as NSString).pathExtension.lowercased()
    guard let format = Self.allCases.first(where: { $0.fileExtension == pathExtension }) else {
      return nil
    }
    self = format
  }
}

/// The `--format` and `--out` options shared by the commands that print data.
struct OutputOptions: ParsableArguments {
  @Option(
    name: .customLong("format"),
    help: ArgumentHelp(
      "Output format: \(HelpText.alternatives(OutputFormat.allCases.map(\.rawValue))). "
        + "(default: the one --out's extension names, "
        + HelpText.alternatives(
          (OutputFormat.allCases.filter { $0 != .table } + [.table]).map { format in
            "." + format.fileExtension + (format == .table ? " for the table" : "")
          }) + "; otherwise table)", valueName: "format"))
  var requestedFormat: OutputFormat?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Write the output to FILE instead of standard output: a file is replaced atomically, a "
        + "FIFO or device is written straight through; - is standard output.",
      valueName: "FILE"),
    completion: .file(extensions: OutputFormat.allCases.map(\.fileExtension)))
  var out: String?

  /// The format: `--format`, or the one `--out`'s extension names, or the table.
  var format: OutputFormat { Self.format(requested: requestedFormat, out: out) }

  /// The rule of every command's output format: `requested` (`--format`), or the one `out`'s
  /// extension names, or the table.
  static func format(requested: OutputFormat?, out: String?) -> OutputFormat {
    requested ?? out.flatMap(OutputFormat.init(fileExtensionOf:)) ?? .table
  }

  /// Writes `text` to `--out`, or to standard output, together with the command's other
  /// output `files` (see ``Output/emit(_:to:alongside:)``).
  func emit(_ text: String, alongside files: [(path: String, text: String)] = []) throws {
    try Output.emit(text, to: out, alongside: files)
  }

  /// Checks, before any work, `--out` with the command's other output files and its input
  /// files (see ``Output/checkPaths(out:files:inputs:)``).
  func checkPaths(files: [String?] = [], inputs: [String?]) throws {
    try Output.checkPaths(out: out, files: files, inputs: inputs)
  }
}

/// Writing command output.
enum Output {
  /// Writes `text` to `path`, or to standard output when `path` is nil or `-`, together with
  /// `files`, as one (``OutputFile/write(_:)``): a failure leaves none of the files behind, and
  /// standard output is written last. Each output that is not standard output is confirmed on
  /// standard error (`ipfin: wrote PATH`). The paths are those
  /// ``checkPaths(out:files:inputs:)`` accepted.
  static func emit(
    _ text: String, to path: String?, alongside files: [(path: String, text: String)] = []
  ) throws {
    try write(files + [(path ?? "-", text)])
  }

  /// Writes `files` as one (``OutputFile/write(_:)``) and confirms each on standard error,
  /// except standard output.
  static func write(_ files: [(path: String, text: String)]) throws {
    let destinations = try OutputFile.write(files)
    for (file, destination) in zip(files, destinations) where destination != .standardOutput {
      note("wrote \(file.path)")
    }
  }

  /// Checks a command's output paths before any work is done: no name is empty; only `out`
  /// (the command's main output) may be `-`, standard output; no output is a folder; no two
  /// outputs name the same file; no output is one of the `inputs`. (FIFOs, devices and
  /// standard output may take several outputs, and reading from one is not overwriting it.) A
  /// path the file system will not let the command write is left to the write, which reports
  /// it with exit code 73.
  ///
  /// - Throws: `ValidationError` (exit code 64) saying which path and why.
  static func checkPaths(out: String?, files: [String?], inputs: [String?]) throws {
    let others = files.compactMap { $0 }
    if out == "" {
      throw ValidationError("--out '' is an empty file name; give a path, or - for standard output")
    }
    if let file = others.first(where: { $0 == "-" || $0.isEmpty }) {
      throw ValidationError(
        "'\(file)' is not a file name for this output; give a path"
          + (file.isEmpty ? " (the name is empty)" : ""))
    }
    let outputs = others + [out].compactMap { $0 }.filter { $0 != "-" }
    for output in outputs { try checkNameLengths(output) }
    if let folder = outputs.first(where: OutputFile.isFolder) {
      throw ValidationError("\(folder) is a folder; give a file name")
    }
    let files = outputs.filter { (try? OutputFile.destination(of: $0))?.isFile ?? false }
    for (index, output) in files.enumerated() {
      if files[..<index].contains(where: { OutputFile.isSameFile($0, output) }) {
        throw ValidationError("two outputs would be written to the same file \(output)")
      }
      if let input = inputs.compactMap({ $0 }).first(where: { OutputFile.isSameFile($0, output) }) {
        throw ValidationError("the output \(output) would overwrite the input \(input)")
      }
    }
  }

  /// Refuses, before any work, a path that no file system takes: a name (a part between
  /// slashes) longer than 255 bytes, or a path longer than 4,095 bytes once `room` more bytes
  /// (the names a folder will hold) are added.
  ///
  /// - Throws: `ValidationError` (exit code 64) naming the part and its length.
  static func checkNameLengths(_ path: String, room: Int = 0) throws {
    let longestName = 255
    let longestPath = 4095
    if let name = path.split(separator: "/").first(where: { $0.utf8.count > longestName }) {
      throw ValidationError(
        "\(path): a name in it has \(name.utf8.count) bytes; a file or folder name may have "
          + "at most \(longestName)")
    }
    if path.utf8.count + room > longestPath {
      throw ValidationError(
        "\(path) has \(path.utf8.count) bytes; a path may have at most \(longestPath)"
          + (room > 0 ? ", with \(room) for the names inside it" : ""))
    }
  }

  /// A note on standard error (warnings, the seed used, where output went).
  static func note(_ text: String) {
    FileHandle.standardError.write(Data("ipfin: \(text)\n".utf8))
  }

  /// `value` as pretty-printed JSON with sorted keys and a final newline; a number that is not
  /// finite is `null` (``JSONOutput``).
  static func json<Value: Encodable>(_ value: Value) throws -> String {
    try JSONOutput.text(value)
  }
}
