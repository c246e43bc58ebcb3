// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import Yams

/// A YAML document reduced to what scenario files use (scalars, mappings with string keys,
/// sequences), where every node remembers the file, line and column it came from. Inherited
/// scenarios merge these trees, so that an error in an inherited value still names the file
/// that holds it, and a relative path resolves against that file's folder.
indirect enum YAMLTree: Sendable {
  /// A scalar, its text as written, and whether it was quoted.
  case scalar(String, quoted: Bool, at: SourceLocation)
  /// A mapping in document order.
  case mapping([(key: String, keyLocation: SourceLocation, value: YAMLTree)], at: SourceLocation)
  /// A sequence.
  case sequence([YAMLTree], at: SourceLocation)
  /// An empty value (`~`, `null` or nothing).
  case null(at: SourceLocation)

  /// Where the node starts.
  var location: SourceLocation {
    switch self {
    case let .scalar(_, _, location), let .mapping(_, location), let .sequence(_, location),
      let .null(location):
      return location
    }
  }

  /// Parses YAML `text` read from `file`.
  ///
  /// - Throws: ``ScenarioError`` for YAML syntax errors, duplicate keys (at the second
  ///   occurrence), non-scalar keys, and aliases (not supported: scenarios inherit with
  ///   `extends`).
  static func parse(_ text: String, file: String) throws -> YAMLTree {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
      // Point at the second occurrence of the first duplicated key after the mapping's start.
      let key = duplicates.first ?? ""
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let occurrences = lines.indices.filter { index in
        index + 1 >= context.mark.line
          && lines[index].drop(while: { $0 == " " || $0 == "-" }).hasPrefix("\(key):")
      }
      let line = occurrences.count >= 2 ? occurrences[1] + 1 : context.mark.line
      throw ScenarioError(
        at: SourceLocation(file: file, line: line), key: key,
        "this key appears twice in the same mapping")
    } catch let error as YamlError {
      throw ScenarioError(
        at: location(of: error, file: file), "not valid YAML: \(problem(of: error))")
    } catch {
      throw ScenarioError(at: SourceLocation(file: file), "not valid YAML: \(error)")
    }
    guard let root else { return .null(at: SourceLocation(file: file, line: 1, column: 1)) }
    return try convert(root, file: file)
  }

  private static func convert(_ node: Node, file: String) throws -> YAMLTree {
    let location = SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column)
    switch node {
    case let .scalar(scalar):
      let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
      if !quoted && ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
        return .null(at: location)
      }
      return .scalar(scalar.string, quoted: quoted, at: location)
    case let .mapping(mapping):
      var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLTree)] = []
      for (keyNode, valueNode) in mapping {
        let keyLocation = SourceLocation(
          file: file, line: keyNode.mark?.line, column: keyNode.mark?.column)
        guard case let .scalar(keyScalar) = keyNode else {
          throw ScenarioError(at: keyLocation, "a mapping key must be a plain name")
        }
        pairs.append((keyScalar.string, keyLocation, try convert(valueNode, file: file)))
      }
      return .mapping(pairs, at: location)
    case let .sequence(sequence):
      return .sequence(try sequence.map { try convert($0, file: file) }, at: location)
    case .alias:
      throw ScenarioError(
        at: location, "YAML aliases are not supported; use 'extends' to share settings")
    }
  }

  private static func location(of error: YamlError, file: String) -> SourceLocation {
    switch error {
    case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
      return SourceLocation(file: file, line: mark.line, column: mark.column)
    default:
      return SourceLocation(file: file)
    }
  }

  private static func problem(of error: YamlError) -> String {
    switch error {
    case let .scanner(context, problem, _, _), let .parser(context, problem, _, _),
      let .composer(context, problem, _, _):
      if let context { return "\(problem) (\(context.text))" }
      return problem
    default:
      return "\(error)"
    }
  }

  /// `self` overlaid on `base`, field by field: mappings merge key by key (recursively), and any
  /// other value in `self` replaces the base's. Keys in `excluding` are not inherited at the top.
  func overlaid(on base: YAMLTree, excluding: Set<String> = []) -> YAMLTree {
    guard case let .mapping(ownPairs, location) = self,
      case let .mapping(basePairs, _) = base
    else { return self }
    var merged: [(key: String, keyLocation: SourceLocation, value: YAMLTree)] = []
    for pair in basePairs where !excluding.contains(pair.key) {
      if let own = ownPairs.first(where: { $0.key == pair.key }) {
        merged.append((own.key, own.keyLocation, own.value.overlaid(on: pair.value)))
      } else {
        merged.append(pair)
      }
    }
    for pair in ownPairs where !merged.contains(where: { $0.key == pair.key }) {
      merged.append(pair)
    }
    return .mapping(merged, at: location)
  }
}
