// SPDX-License-Identifier: GPL-3.0-or-later

/// What kind of failure an error is, as far as the person who ran the program is concerned:
/// what to fix. Each module's public error type says its category (``CategorizedError``); the
/// command line alone decides what a category means to the shell (its exit status). The
/// libraries know categories, never exit codes.
public enum ErrorCategory: String, Sendable, Equatable, CaseIterable {
  /// The request asks for something impossible or malformed: a bad option, a setting out of
  /// range, an output path that cannot be one.
  case usage
  /// An input exists, but its content is invalid, empty or over a limit.
  case badData
  /// An input file does not exist or cannot be read.
  case missingInput
  /// An output cannot be written.
  case cannotWrite
  /// A numerical or internal failure: valid input that the computation could not carry through
  /// (a model that cannot be fitted or simulated, a value beyond what a `Double` holds).
  case internalFailure
}
