// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import IPCommon

/// How a command prints its data.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  /// Aligned columns for reading in a terminal.
  case table
  /// RFC 4180 CSV with a header row.
  case csv
  /// JSON, keys sorted, for programs.
  case json
}

/// The `--format` and `--out` options shared by the commands that print data.
struct OutputOptions: ParsableArguments {
  @Option(help: "Output format: table, csv or json.")
  var format: OutputFormat = .table

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Write the output to FILE instead of standard output (written atomically).",
      valueName: "FILE"))
  var out: String?

  /// Writes `text` to `--out`, or to standard output, together with the command's other
  /// output `files`: all of the files are written, or none (see ``Output/emit(_:to:alongside:)``).
  func emit(_ text: String, alongside files: [(path: String, text: String)] = []) throws {
    try Output.emit(text, to: out, alongside: files)
  }
}

/// Writing command output.
enum Output {
  /// Writes `text` to `path` atomically, or to standard output when `path` is nil or `-`,
  /// together with `files`: the files are written as one (``OutputFile/write(_:)``), so that a
  /// failure leaves none of them behind, and standard output is written only after them.
  static func emit(
    _ text: String, to path: String?, alongside files: [(path: String, text: String)] = []
  ) throws {
    if let file = files.first(where: { $0.path == "-" || $0.path.isEmpty }) {
      throw InputError(
        .usage, "'\(file.path)' is not a file name; only --out may be '-' (standard output)")
    }
    let paths = files.map(\.path) + [path].compactMap { $0 }.filter { $0 != "-" }
    if let twice = paths.enumerated().first(where: { item in
      paths[..<item.offset].contains {
        OutputFile.isSameFile($0, item.element) || $0 == item.element
      }
    }) {
      throw InputError(.usage, "two outputs would be written to the same file \(twice.element)")
    }
    if let path, path != "-" {
      try OutputFile.write(files + [(path, text)])
    } else {
      if !files.isEmpty { try OutputFile.write(files) }
      FileHandle.standardOutput.write(Data(text.utf8))
    }
  }

  /// A note on standard error (warnings, the seed used, where output went).
  static func note(_ text: String) {
    FileHandle.standardError.write(Data("ipfin: \(text)\n".utf8))
  }

  /// `value` as pretty-printed JSON with sorted keys and a final newline.
  static func json<Value: Encodable>(_ value: Value) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
  }
}
