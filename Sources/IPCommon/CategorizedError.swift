// SPDX-License-Identifier: GPL-3.0-or-later

/// An error that says which ``ErrorCategory`` it belongs to: each module's one public error
/// type conforms, from its own kind of failure.
public protocol CategorizedError: Error {
  /// The category of this error.
  var category: ErrorCategory { get }
}
