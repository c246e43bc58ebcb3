// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Where in an input a problem is: a file, and optionally a line, a column number and name.
public struct SourceLocation: Equatable, Sendable, CustomStringConvertible {
  /// The file's path as the user gave it, or a name such as `<stdin>` or `<bundled data>`.
  public var file: String
  /// The 1-based line number, when known.
  public var line: Int?
  /// The 1-based column number, when known.
  public var column: Int?
  /// The column's header name, when known.
  public var columnName: String?

  /// Creates a location.
  public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.columnName = columnName
  }

  /// `file:line:column (name)`, leaving out the parts that are unknown.
  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    if let column { text += ":\(column)" }
    if let columnName { text += " (column '\(columnName)')" }
    return text
  }
}

/// The error type of IPCommon: an input that cannot be read or is malformed, or an output that
/// cannot be written. Messages say what was wrong, where, and what is allowed.
public struct InputError: Error, LocalizedError, Equatable, Sendable, CategorizedError,
  CustomStringConvertible
{
  /// The kind of failure: IPCommon's errors are ``ErrorCategory/badData`` (the input exists but
  /// its content is invalid), ``ErrorCategory/missingInput`` (an input file does not exist or
  /// cannot be read), ``ErrorCategory/cannotWrite`` (an output cannot be written) or
  /// ``ErrorCategory/usage``.
  public typealias Kind = ErrorCategory

  /// The category.
  public let kind: Kind
  /// Where the problem is, when it is in a file.
  public let location: SourceLocation?
  /// What was wrong and what is allowed.
  public let message: String

  /// Creates an error.
  public init(_ kind: Kind, at location: SourceLocation? = nil, _ message: String) {
    self.kind = kind
    self.location = location
    self.message = message
  }

  /// A bad-data error at `location`.
  public static func badData(_ location: SourceLocation?, _ message: String) -> InputError {
    InputError(.badData, at: location, message)
  }

  /// The most characters of a value that a message repeats: 40.
  public static let excerptLength = 40

  /// `value` in single quotes for a message: whole when it takes at most `length` characters,
  /// otherwise its first `length` characters, an ellipsis and its length (`'1111…' (10,485,760
  /// characters)`), so that a huge bad value is not echoed whole. Control characters are
  /// written as `\u{..}` escapes, which count towards `length`.
  public static func quoted(_ value: String, length: Int = excerptLength) -> String {
    var excerpt = ""
    var shown = 0
    for scalar in value.unicodeScalars {
      let escaped = scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
      let piece = escaped ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
      guard shown + piece.count <= length else {
        let total = NumberFormatting.fixed(Double(value.count), digits: 0, grouped: true)
        return "'\(excerpt)…' (\(total) characters)"
      }
      excerpt += piece
      shown += piece.count
    }
    return "'\(excerpt)'"
  }

  /// The category: ``kind``.
  public var category: ErrorCategory { kind }

  /// `location: message`, or the message alone.
  public var description: String {
    if let location { return "\(location): \(message)" }
    return message
  }

  /// The same as ``description``.
  public var errorDescription: String? { description }
}
