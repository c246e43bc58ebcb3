// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import IPStatistics

/// The value of `project --model`: a model's name, `auto` or `all`
/// (``ProjectionRequest/modelNames``), listed in `--help` and in the completion scripts. Any
/// other value is refused with the list.
struct ModelName: ExpressibleByArgument, CustomStringConvertible, Equatable, Sendable {
  /// The name, as ``ProjectionRequest/model`` takes it.
  let name: String

  /// The name of `model`.
  init(_ model: GrowthModel) {
    name = model.rawValue
  }

  /// `argument` when it is one of ``allValueStrings``, exactly; otherwise `nil`.
  init?(argument: String) {
    guard Self.allValueStrings.contains(argument) else { return nil }
    name = argument
  }

  /// The name.
  var description: String { name }

  /// `auto`, `all` and every model's name.
  static var allValueStrings: [String] { ProjectionRequest.modelNames }

  /// The names.
  static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
