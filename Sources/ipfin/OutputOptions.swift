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

  /// Checks, before any work, `--out` with the command's other output files and its input
  /// files (see ``Output/checkPaths(out:files:inputs:)``).
  func checkPaths(files: [String?] = [], inputs: [String?]) throws {
    try Output.checkPaths(out: out, files: files, inputs: inputs)
  }
}

/// Writing command output.
enum Output {
  /// Writes `text` to `path` atomically, or to standard output when `path` is nil or `-`,
  /// together with `files`: the files are written as one (``OutputFile/write(_:)``), so that a
  /// failure leaves none of them behind, and standard output is written only after them. The
  /// paths are those ``checkPaths(out:files:inputs:)`` accepted.
  static func emit(
    _ text: String, to path: String?, alongside files: [(path: String, text: String)] = []
  ) throws {
    if let path, path != "-" {
      try OutputFile.write(files + [(path, text)])
    } else {
      if !files.isEmpty { try OutputFile.write(files) }
      FileHandle.standardOutput.write(Data(text.utf8))
    }
  }

  /// Checks a command's output paths before any work is done: only `out` (the command's main
  /// output) may be `-`, standard output; no two outputs may name the same file; no output may
  /// be one of the `inputs`.
  ///
  /// - Throws: `ValidationError` (exit code 64) saying which path and why.
  static func checkPaths(out: String?, files: [String?], inputs: [String?]) throws {
    let others = files.compactMap { $0 }
    if let file = others.first(where: { $0 == "-" || $0.isEmpty }) {
      throw ValidationError("'\(file)' is not a file name for this output; give a path")
    }
    let outputs = others + [out].compactMap { $0 }.filter { $0 != "-" }
    for (index, output) in outputs.enumerated() {
      if outputs[..<index].contains(where: { OutputFile.isSameFile($0, output) }) {
        throw ValidationError("two outputs would be written to the same file \(output)")
      }
      if let input = inputs.compactMap({ $0 }).first(where: { OutputFile.isSameFile($0, output) }) {
        throw ValidationError("the output \(output) would overwrite the input \(input)")
      }
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
