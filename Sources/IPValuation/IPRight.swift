// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The four kinds of industrial property right ipfin values.
///
/// The raw values are the names used in files and on the command line. Portfolio files may also
/// write the aliases `patent` (invention), `utility_model` (utility solution) and `design`
/// (industrial design), in any letter case; see ``init(name:)``.
public enum IPRight: String, Sendable, Hashable, CaseIterable, Codable {
  /// An invention patent.
  case invention
  /// A utility solution patent (Viet Nam) or utility model (Korea).
  case utilitySolution = "utility_solution"
  /// An industrial design.
  case industrialDesign = "industrial_design"
  /// A trademark (mark).
  case trademark

  /// The right named `name`: a raw value or an alias (`patent`, `utility_model`, `design`),
  /// ignoring letter case and surrounding spaces; `nil` for anything else.
  public init?(name: String) {
    let key = name.trimmingCharacters(in: .whitespaces).lowercased()
    if let right = IPRight(rawValue: key) {
      self = right
      return
    }
    switch key {
    case "patent": self = .invention
    case "utility_model": self = .utilitySolution
    case "design": self = .industrialDesign
    default: return nil
    }
  }

  /// The names ``init(name:)`` accepts, for error messages.
  public static let acceptedNames =
    "invention, utility_solution, industrial_design, trademark "
    + "(aliases: patent, utility_model, design)"
}
