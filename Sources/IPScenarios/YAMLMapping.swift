// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// Typed, checked access to one YAML mapping of a scenario file. Every getter names the key
/// path and the file position in its errors, and ``requireKnownKeys(_:)`` rejects keys the
/// format does not have (a typo must not be silently ignored).
struct YAMLMapping {
  let pairs: [(key: String, keyLocation: SourceLocation, value: YAMLTree)]
  let location: SourceLocation
  /// The dotted path of this mapping (`valuation.collateral`), empty at the top.
  let path: String

  /// Wraps `tree`, which must be a mapping (an empty value counts as an empty mapping).
  init(_ tree: YAMLTree, path: String) throws {
    switch tree {
    case let .mapping(pairs, location):
      self.pairs = pairs
      self.location = location
    case let .null(location):
      self.pairs = []
      self.location = location
    default:
      throw ScenarioError(
        at: tree.location, key: path.isEmpty ? nil : path,
        "expected a mapping of keys to values, found \(YAMLMapping.kind(of: tree))")
    }
    self.path = path
  }

  /// Where the mapping and each of its values were written (null values left out).
  var locations: KeyLocations {
    KeyLocations(
      section: location,
      keys: Dictionary(
        pairs.compactMap { pair in node(pair.key).map { (pair.key, $0.location) } },
        uniquingKeysWith: { first, _ in first }))
  }

  /// The full key path of `key`.
  func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// The node under `key`, or `nil` when absent or null.
  func node(_ key: String) -> YAMLTree? {
    guard let value = pairs.first(where: { $0.key == key })?.value else { return nil }
    if case .null = value { return nil }
    return value
  }

  /// Whether `key` is present with a non-null value.
  func has(_ key: String) -> Bool { node(key) != nil }

  /// Throws for the first key not in `allowed`, listing the allowed keys.
  func requireKnownKeys(_ allowed: [String]) throws {
    for pair in pairs where !allowed.contains(pair.key) {
      throw ScenarioError(
        at: pair.keyLocation, key: keyPath(pair.key),
        "unknown key; allowed here: \(allowed.joined(separator: ", "))")
    }
  }

  /// A string value (any scalar, as written).
  func string(_ key: String) throws -> String? {
    guard let value = node(key) else { return nil }
    guard case let .scalar(text, _, _) = value else {
      throw typeError(key, value, expected: "a text value")
    }
    return text
  }

  /// A required string value.
  func requireString(_ key: String) throws -> String {
    guard let value = try string(key) else { throw missing(key) }
    return value
  }

  /// A finite number; with `rate`, `5%` is also accepted and means 0.05. `range` bounds it.
  func number(
    _ key: String, rate: Bool = false, range: ClosedRange<Double>? = nil,
    allowed: String? = nil
  ) throws -> Double? {
    guard let value = node(key) else { return nil }
    guard case let .scalar(text, quoted, _) = value, !quoted || rate,
      let number = rate ? ValueParsing.rate(text) : ValueParsing.number(text)
    else {
      throw typeError(key, value, expected: rate ? "a number or a percentage" : "a number")
    }
    if let range, !range.contains(number) {
      throw ScenarioError(
        at: value.location, key: keyPath(key),
        "\(InputError.quoted(text)) is out of range; allowed: "
          + (allowed
            ?? "\(NumberFormatting.shown(range.lowerBound)) to "
            + NumberFormatting.shown(range.upperBound))
      )
    }
    return number
  }

  /// A whole number within `range`.
  func integer(_ key: String, range: ClosedRange<Int>, allowed: String? = nil) throws -> Int? {
    guard let value = node(key) else { return nil }
    guard case let .scalar(text, false, _) = value, let number = Int(text) else {
      throw typeError(key, value, expected: "a whole number")
    }
    guard range.contains(number) else {
      throw ScenarioError(
        at: value.location, key: keyPath(key),
        "\(number) is out of range; allowed: \(allowed ?? "\(range.lowerBound) to \(range.upperBound)")"
      )
    }
    return number
  }

  /// A random seed: a whole number from 0 to 2^64 - 1, as the command line's `--seed` takes.
  func seed(_ key: String) throws -> UInt64? {
    guard let value = node(key) else { return nil }
    guard case let .scalar(text, false, _) = value, let seed = UInt64(text) else {
      throw typeError(key, value, expected: "a whole number from 0 to 2^64 - 1")
    }
    return seed
  }

  /// A nested mapping.
  func mapping(_ key: String) throws -> YAMLMapping? {
    guard let value = node(key) else { return nil }
    return try YAMLMapping(value, path: keyPath(key))
  }

  /// A sequence's items.
  func sequence(_ key: String) throws -> [YAMLTree]? {
    guard let value = node(key) else { return nil }
    guard case let .sequence(items, _) = value else {
      throw typeError(key, value, expected: "a list")
    }
    return items
  }

  /// A file path, resolved against the folder of the file that wrote it (which, for an
  /// inherited value, is the parent scenario's file). The path must exist and not be a
  /// directory; whether it can be read is found when it is read.
  ///
  /// - Throws: ``ScenarioError`` at the value: an empty name (`badData`), a path that does not
  ///   exist or is a directory (`missingInput`).
  func existingPath(_ key: String) throws -> String? {
    guard let value = node(key), let text = try string(key) else { return nil }
    guard !text.isEmpty else {
      throw ScenarioError(at: value.location, key: keyPath(key), "the file name is empty")
    }
    let base = URL(fileURLWithPath: value.location.file).deletingLastPathComponent()
    let resolved =
      text.hasPrefix("/")
      ? URL(fileURLWithPath: text) : base.appendingPathComponent(text)
    let path = resolved.standardizedFileURL.path
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    guard exists, !isDirectory.boolValue else {
      throw ScenarioError(
        at: value.location, key: keyPath(key),
        "the file \(InputError.quoted(text)) "
          + (exists ? "is a directory, not a file" : "does not exist")
          + " (looked for \(InputError.quoted(path, length: 200)); relative paths are relative to "
          + "the scenario file that names them)", category: .missingInput)
    }
    return YAMLMapping.displayPath(path)
  }

  /// `path` relative to the working directory when it lies inside it, else absolute.
  static func displayPath(_ path: String) -> String {
    let current = FileManager.default.currentDirectoryPath
    let prefix = current.hasSuffix("/") ? current : current + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }

  func missing(_ key: String) -> ScenarioError {
    ScenarioError(at: location, key: keyPath(key), "this required key is missing")
  }

  func typeError(_ key: String, _ value: YAMLTree, expected: String) -> ScenarioError {
    ScenarioError(
      at: value.location, key: keyPath(key),
      "expected \(expected), found \(YAMLMapping.kind(of: value))")
  }

  static func kind(of tree: YAMLTree) -> String {
    switch tree {
    case let .scalar(text, _, _): return InputError.quoted(text)
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .null: return "nothing"
    }
  }
}
