// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// The error type of IPScenarios: a scenario file that cannot be read or is invalid, or a
/// scenario that cannot be run. Messages name the file, line, column and key.
public struct ScenarioError: Error, LocalizedError, Equatable, Sendable, ExitCodeProviding,
  CustomStringConvertible
{
  /// Where the problem is.
  public let location: SourceLocation?
  /// The dotted key path of the offending entry, for example `valuation.collateral.quantile`.
  public let key: String?
  /// What was wrong and what is allowed.
  public let message: String
  /// The exit code: 65 for an invalid scenario, 66 when a scenario file given on the command
  /// line does not exist.
  public let exitCode: Int32

  /// Creates an error.
  public init(
    at location: SourceLocation?, key: String? = nil, _ message: String, exitCode: Int32 = 65
  ) {
    self.location = location
    self.key = key
    self.message = message
    self.exitCode = exitCode
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
