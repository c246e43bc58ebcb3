// SPDX-License-Identifier: GPL-3.0-or-later

/// Checks that bytes are text a reader can take: UTF-8, no NUL byte, no line over the limit;
/// every refusal names the line and column.
public enum InputText {
  /// `bytes` as a string, after checking them against `limits` (the file and line sizes).
  ///
  /// Columns count characters (Unicode scalars) from 1; lines end with LF (a CR before it
  /// counts towards the line's length).
  ///
  /// - Throws: ``InputError`` (`badData`) naming `source`, the line and the column: a NUL byte,
  ///   a byte that is not UTF-8, a line longer than `limits.lineBytes`, or more bytes than
  ///   `limits.fileBytes` (without a line).
  public static func decode(
    _ bytes: [UInt8], source: String, limits: InputLimits
  ) throws -> String {
    guard bytes.count <= limits.fileBytes else {
      throw InputFile.tooLarge(SourceLocation(file: source), limit: limits.fileBytes)
    }
    var line = 1
    var column = 1
    var lineStart = 0
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      let location = SourceLocation(file: source, line: line, column: column)
      if byte == 0x0A {
        line += 1
        column = 1
        index += 1
        lineStart = index
        continue
      }
      if index - lineStart >= limits.lineBytes { throw lineTooLong(location, limits) }
      if byte == 0 { throw nulByte(location) }
      let length = sequenceLength(bytes, at: index, end: bytes.count)
      guard length > 0 else { throw notUTF8(location, byte: byte) }
      index += length
      column += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The length (1 to 4) of the well-formed UTF-8 sequence that starts at `bytes[index]`, or 0
  /// when none does (a stray continuation byte, an overlong form, a surrogate, a code point
  /// above U+10FFFF, or a sequence cut short by `end`), after the Unicode Standard's table 3-7.
  public static func sequenceLength(_ bytes: [UInt8], at index: Int, end: Int) -> Int {
    let lead = bytes[index]
    if lead < 0x80 { return 1 }
    let length: Int
    var secondRange: ClosedRange<UInt8> = 0x80...0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; secondRange = 0xA0...0xBF
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; secondRange = 0x80...0x9F
    case 0xF0: length = 4; secondRange = 0x90...0xBF
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; secondRange = 0x80...0x8F
    default: return 0
    }
    guard index + length <= end, secondRange.contains(bytes[index + 1]) else { return 0 }
    for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
    return length
  }

  /// The error of a NUL byte at `location`.
  public static func nulByte(_ location: SourceLocation) -> InputError {
    InputError.badData(
      location, "a NUL byte (0x00); the file must be UTF-8 text without NUL bytes")
  }

  /// The error of `byte`, which does not start well-formed UTF-8, at `location`.
  public static func notUTF8(_ location: SourceLocation, byte: UInt8) -> InputError {
    let hex = String(byte, radix: 16, uppercase: true)
    return InputError.badData(
      location,
      "the byte 0x\(hex.count < 2 ? "0" + hex : hex) is not UTF-8 text; save the file as UTF-8")
  }

  /// The error of a line over `limits.lineBytes`, at the first byte past the limit.
  public static func lineTooLong(_ location: SourceLocation, _ limits: InputLimits) -> InputError {
    InputError.badData(
      location,
      "the line is longer than the limit of \(InputLimits.describe(bytes: limits.lineBytes))")
  }
}
