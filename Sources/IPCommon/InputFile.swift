// SPDX-License-Identifier: GPL-3.0-or-later

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading an input file whole, as bytes, within a size limit.
///
/// What the path is decides, not its name: a regular file, a FIFO (such as `<(...)` from a
/// shell), standard input as `/dev/stdin` or a character device such as `/dev/zero` are all read
/// the same way, with `read(2)` until the end, and the limit counts the bytes actually read (a
/// device or a FIFO has no size to ask for). Reading never changes the file.
public enum InputFile {
  /// The bytes of the file at `path`, at most `limit` of them.
  ///
  /// - Throws: ``InputError`` naming `path`: `missingInput` when the path does not exist,
  ///   cannot be opened or read, or is a directory; `badData` when the file holds more than
  ///   `limit` bytes (found after reading `limit + 1` bytes, so that `/dev/zero` costs no more
  ///   than that).
  public static func read(path: String, limit: Int) throws -> [UInt8] {
    let location = SourceLocation(file: path)
    func cannotRead(_ reason: String) -> InputError {
      InputError(.missingInput, at: location, "cannot read the file: \(reason)")
    }
    guard !path.isEmpty else { throw cannotRead("the file name is empty") }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw cannotRead(reason(errno)) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw cannotRead(reason(errno)) }
    if status.st_mode & S_IFMT == S_IFDIR { throw cannotRead("it is a directory, not a file") }

    // A regular file says its size; anything else is read in steps until its end.
    let expected = status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : 0
    var bytes: [UInt8] = []
    bytes.reserveCapacity(min(limit, expected) + 1)
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    defer { chunk.deallocate() }
    while bytes.count <= limit {
      let wanted = min(chunk.count, limit + 1 - bytes.count)
      let received = readBytes(
        descriptor, into: UnsafeMutableRawBufferPointer(rebasing: chunk[..<wanted]))
      if received < 0 {
        if errno == EINTR { continue }
        throw cannotRead(reason(errno))
      }
      if received == 0 { return bytes }
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<received]))
    }
    throw tooLarge(location, limit: limit)
  }

  /// The error of a file over `limit` bytes.
  static func tooLarge(_ location: SourceLocation, limit: Int) -> InputError {
    InputError.badData(
      location,
      "the file is larger than the limit of \(InputLimits.describe(bytes: limit)) for this kind "
        + "of input")
  }

  /// What `code` (an `errno`) means, in words.
  private static func reason(_ code: Int32) -> String {
    switch code {
    case ENOENT, ENOTDIR: return "it does not exist"
    case EACCES, EPERM: return "permission denied"
    case EISDIR: return "it is a directory, not a file"
    default: return String(cString: strerror(code)).lowercased()
    }
  }
}

/// `read(2)` into `buffer`: the number of bytes read, 0 at the end, -1 on an error (`errno`).
private func readBytes(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
  read(descriptor, buffer.baseAddress, buffer.count)
}
