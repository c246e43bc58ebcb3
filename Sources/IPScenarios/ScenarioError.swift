// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// The error type of IPScenarios: a scenario file that cannot be read or is invalid, or a
/// scenario that cannot be run. Messages name the file, line, column and key.
public struct ScenarioError: Error, LocalizedError, Equatable, Sendable, CategorizedError,
  CustomStringConvertible
{
  /// Where the problem is.
  public let location: SourceLocation?
  /// The dotted key path of the offending entry, for example `valuation.collateral.quantile`.
  public let key: String?
  /// What was wrong and what is allowed.
  public let message: String
  /// The category: ``ErrorCategory/badData`` for an invalid scenario (the default),
  /// ``ErrorCategory/missingInput`` for a file that does not exist or cannot be read, or the
  /// category of the failure a scenario met when it ran.
  public let category: ErrorCategory

  /// Creates an error.
  public init(
    at location: SourceLocation?, key: String? = nil, _ message: String,
    category: ErrorCategory = .badData
  ) {
    self.location = location
    self.key = key
    self.message = message
    self.category = category
  }

  /// `file:line:column: key 'a.b': message` (a key path over 120 characters in part).
  public var description: String {
    var text = ""
    if let location { text += "\(location): " }
    if let key { text += "key \(InputError.quoted(key, length: 120)): " }
    return text + message
  }

  /// The same as ``description``.
  public var errorDescription: String? { description }
}
