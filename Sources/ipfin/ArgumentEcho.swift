// SPDX-License-Identifier: GPL-3.0-or-later

/// Long command-line values, shortened where an error message repeats them: a message names a
/// bad value, but a value of 100,000 characters would bury the message.
enum ArgumentEcho {
  /// The longest value repeated whole, in characters; any legal file name (255 bytes at most)
  /// and most paths are shorter.
  static let longest = 300

  /// `value` whole when it has at most ``longest`` characters, otherwise its first 60 and last
  /// 20 characters around `…`, with the length: `9x9x…9x9x (100000 characters)`.
  static func shortened(_ value: String) -> String {
    guard value.count > longest else { return value }
    return "\(value.prefix(60))…\(value.suffix(20)) (\(value.count) characters)"
  }

  /// `message` with every long value of `arguments` (a whole argument, or the value after
  /// `=` in `--option=value`) shortened, the longest first.
  static func shortening(_ message: String, arguments: [String]) -> String {
    var values: Set<String> = []
    for argument in arguments where argument.count > longest {
      values.insert(argument)
      if argument.hasPrefix("-"), let equals = argument.firstIndex(of: "=") {
        values.insert(String(argument[argument.index(after: equals)...]))
      }
    }
    var shortened = message
    for value in values.sorted(by: { $0.count > $1.count }) where value.count > longest {
      shortened = shortened.replacingOccurrences(of: value, with: Self.shortened(value))
    }
    return shortened
  }
}
