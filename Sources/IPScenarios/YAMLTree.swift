// SPDX-License-Identifier: GPL-3.0-or-later

internal import CYaml
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

  /// The deepest nesting of mappings and sequences a scenario file may have: 16 (a scenario
  /// needs 4, as in `valuation.collateral.ltv.invention`).
  static let deepestNesting = 16

  /// Parses YAML `text` read from `file`.
  ///
  /// The text is first read as libyaml's stream of events, without building any document, and
  /// refused at the first anchor or alias (so that an alias bomb never expands), nesting deeper
  /// than ``deepestNesting``, or scalar longer than `limits.fieldBytes`; only then is it
  /// composed.
  ///
  /// - Throws: ``ScenarioError`` for YAML syntax errors, anchors and aliases (not supported:
  ///   scenarios inherit with `extends`), nesting and scalars over the limits, duplicate keys (at
  ///   the second occurrence) and non-scalar keys, each with its line and column.
  static func parse(_ text: String, file: String, limits: InputLimits) throws -> YAMLTree {
    try checkEvents(text, file: file, limits: limits)
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
      // Point at the second occurrence of the first duplicated key after the mapping's start.
      let key = duplicates.first ?? ""
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let indent = { (line: Substring) in line.prefix(while: { $0 == " " || $0 == "-" }).count }
      let occurrences = lines.indices.filter { index in
        index + 1 >= context.mark.line
          && lines[index].dropFirst(indent(lines[index])).hasPrefix("\(key):")
      }
      let (line, column) =
        occurrences.count >= 2
        ? (occurrences[1] + 1, indent(lines[occurrences[1]]) + 1)
        : (context.mark.line, context.mark.column)
      throw ScenarioError(
        at: SourceLocation(file: file, line: line, column: column),
        key: key,
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

  /// Reads `text` as libyaml's events and refuses anchors, aliases, nesting deeper than
  /// ``deepestNesting`` and scalars longer than `limits.fieldBytes`, and syntax errors, each at
  /// its line and column; memory stays that of one event.
  private static func checkEvents(_ text: String, file: String, limits: InputLimits) throws {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      throw ScenarioError(at: SourceLocation(file: file), "cannot start the YAML parser")
    }
    defer { yaml_parser_delete(&parser) }
    var bytes = Array(text.utf8)
    try bytes.withUnsafeMutableBufferPointer { buffer in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      var depth = 0
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
          let mark = parser.problem_mark
          var problem = parser.problem.map { String(cString: $0) } ?? "a syntax error"
          if let context = parser.context { problem += " (\(String(cString: context)))" }
          throw ScenarioError(
            at: SourceLocation(
              file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1),
            "not valid YAML: \(problem)")
        }
        defer { yaml_event_delete(&event) }
        let location = SourceLocation(
          file: file, line: Int(event.start_mark.line) + 1,
          column: Int(event.start_mark.column) + 1)
        let anchor: UnsafeMutablePointer<yaml_char_t>?
        switch event.type {
        case YAML_STREAM_END_EVENT:
          return
        case YAML_ALIAS_EVENT:
          throw ScenarioError(
            at: location,
            "YAML aliases (*name) are not supported; use 'extends' to share settings")
        case YAML_SCALAR_EVENT:
          anchor = event.data.scalar.anchor
          if event.data.scalar.length > limits.fieldBytes {
            throw ScenarioError(
              at: location,
              "the value is longer than the limit of "
                + InputLimits.describe(bytes: limits.fieldBytes))
          }
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
          anchor =
            event.type == YAML_SEQUENCE_START_EVENT
            ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
          depth += 1
          if depth > deepestNesting {
            throw ScenarioError(
              at: location,
              "mappings and lists are nested more than \(deepestNesting) levels deep")
          }
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          anchor = nil
          depth -= 1
        default:
          anchor = nil
        }
        if anchor != nil {
          throw ScenarioError(
            at: location,
            "YAML anchors (&name) are not supported; use 'extends' to share settings")
        }
      }
    }
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
      // Refused before composing (checkEvents); kept for completeness.
      throw ScenarioError(
        at: location, "YAML aliases (*name) are not supported; use 'extends' to share settings")
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
