// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// Every `ipfin` command shown in the README and the guides runs, and where the text shows its
/// output, the output is the program's, byte for byte (up to the thread count, which depends
/// on the machine).
///
/// The commands are read from fenced code blocks: in a block without a language or marked
/// `console`, a line `$ ipfin ...` is a command and the lines after it, up to the next `$ ` or
/// the end of the block, are what it prints (standard error first, then standard output); in a
/// block marked `sh`, every line starting with `ipfin ` is a command that must succeed (a
/// trailing `# comment` is not part of it). Each runs through `/bin/sh` in a scratch folder that
/// links the repository's `examples` and `datasets`, with the built `ipfin` first on `PATH`, so
/// that files the commands write stay out of the repository.
@Suite("The documentation's commands and outputs")
struct DocumentationTests {
  /// One command found in a document.
  struct Example: Sendable, CustomTestStringConvertible {
    let file: String
    let line: Int
    let command: String
    /// The output shown, or `nil` when the document shows none.
    let output: String?
    var testDescription: String { "\(file):\(line): \(command)" }
  }

  /// The documents: the README, the guides and the folders' READMEs.
  static let documents: [String] = {
    let docs = (try? FileManager.default.contentsOfDirectory(
      atPath: BinaryRunner.packageRoot.appendingPathComponent("docs").path)) ?? []
    return ["README.md", "examples/README.md", "datasets/README.md"]
      + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
  }()

  /// Every example of every document, in order.
  static let examples: [Example] = documents.flatMap { file -> [Example] in
    let url = BinaryRunner.packageRoot.appendingPathComponent(file)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return parse(text, file: file)
  }

  /// The examples of one document's text.
  static func parse(_ text: String, file: String) -> [Example] {
    var examples: [Example] = []
    var language: String?
    var inBlock = false
    var pending: (line: Int, command: String, output: [String])?
    func flush() {
      if let current = pending {
        let output = current.output.isEmpty ? nil : current.output.joined(separator: "\n") + "\n"
        examples.append(
          Example(file: file, line: current.line, command: current.command, output: output))
      }
      pending = nil
    }
    for (index, line) in text.components(separatedBy: "\n").enumerated() {
      if line.hasPrefix("```") {
        if inBlock { flush() }
        inBlock.toggle()
        language = inBlock ? String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces) : nil
        continue
      }
      guard inBlock else { continue }
      switch language {
      case "", "console":
        if line.hasPrefix("$ ") {
          flush()
          let command = String(line.dropFirst(2))
          pending = command.hasPrefix("ipfin ") ? (index + 1, command, []) : nil
        } else if pending != nil {
          pending?.output.append(line)
        }
      case "sh":
        if line.hasPrefix("ipfin ") {
          var command = line
          if let comment = command.range(of: "  #") {
            command = String(command[..<comment.lowerBound])
          }
          examples.append(
            Example(
              file: file, line: index + 1,
              command: command.trimmingCharacters(in: .whitespaces), output: nil))
        }
      default:
        continue
      }
    }
    return examples
  }

  /// `text` with the thread count of the seed note, which depends on the machine, replaced.
  static func normalised(_ text: String) -> String {
    text.replacingOccurrences(
      of: #"paths, \d+ threads?"#, with: "paths, N threads", options: .regularExpression)
  }

  @Test func theDocumentsShowCommands() {
    // A parser that finds nothing would make the test below pass vacuously.
    #expect(Self.examples.count >= 10)
    #expect(Self.examples.contains { $0.output != nil && $0.file == "docs/valuation.md" })
  }

  @Test(arguments: examples)
  func commandRunsAndPrintsWhatTheDocumentShows(_ example: Example) throws {
    let executable = try #require(BinaryRunner.executable)
    let scratch = try BinaryRunner.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    for folder in ["examples", "datasets"] {
      try FileManager.default.createSymbolicLink(
        at: scratch.appendingPathComponent(folder),
        withDestinationURL: BinaryRunner.packageRoot.appendingPathComponent(folder))
    }
    let path = executable.deletingLastPathComponent().path + ":"
      + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let result = try BinaryRunner.run(
      ["-c", "export PATH='\(path)'; export LC_ALL=C; " + example.command], in: scratch,
      binary: URL(fileURLWithPath: "/bin/sh"))
    #expect(result.status == 0, "\(example.file):\(example.line): \(result.standardError)")
    guard let expected = example.output else { return }
    let actual = Self.normalised(result.standardError + result.standardOutput)
    #expect(
      actual == Self.normalised(expected),
      "\(example.file):\(example.line): the output differs from the document's")
  }
}
