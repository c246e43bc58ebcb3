// SPDX-License-Identifier: GPL-3.0-or-later

/// The size limits of an input file: the whole file, one line and one field (a CSV field or a
/// YAML scalar), in bytes of UTF-8.
///
/// Every reader refuses an input over a limit with an error that names the limit, before it
/// holds more than the limit in memory, so that a hostile or mistaken input (a 10 MB line of
/// commas, `/dev/zero`) costs little. The limits are generous for real files: a portfolio of
/// 100,000 rows of 240 bytes (the longest row of the sample portfolio) is 24 MB.
public struct InputLimits: Sendable, Equatable {
  /// The most bytes a file may hold.
  public var fileBytes: Int
  /// The most bytes of one line, without its LF (a CR before the LF counts).
  public var lineBytes: Int
  /// The most bytes of one field (CSV) or scalar (YAML), as written in the file.
  public var fieldBytes: Int

  /// Limits of `fileBytes`, `lineBytes` and `fieldBytes` bytes.
  public init(fileBytes: Int, lineBytes: Int, fieldBytes: Int) {
    self.fileBytes = fileBytes
    self.lineBytes = lineBytes
    self.fieldBytes = fieldBytes
  }

  /// The limits of a CSV file (a portfolio or filing data): 64 MiB a file, 64 KiB a line and
  /// 4 KiB a field.
  public static let csv = InputLimits(fileBytes: 64 << 20, lineBytes: 64 << 10, fieldBytes: 4 << 10)

  /// The limits of a scenario file: 1 MiB a file, 64 KiB a line and 4 KiB a scalar.
  public static let scenario = InputLimits(
    fileBytes: 1 << 20, lineBytes: 64 << 10, fieldBytes: 4 << 10)

  /// `67,108,864 bytes (64 MiB)`: a limit for messages, exact and in binary units.
  public static func describe(bytes: Int) -> String {
    let exact = NumberFormatting.fixed(Double(bytes), digits: 0, grouped: true) + " bytes"
    for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")]
    where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
      return "\(exact) (\(bytes >> shift) \(unit))"
    }
    return exact
  }
}
