// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes output files, deciding by what a path *is* (`lstat`/`stat`), never by its name:
///
/// - a regular file, named directly or through symlinks, is replaced atomically at its resolved
///   path: the bytes go to a temporary file `.ipfin-XXXXXX` in the resolved file's folder, which
///   takes the old file's mode (and, where permitted, its owner) and is then renamed over it.
///   A reader never sees a half-written file, a failure leaves the old file untouched, and the
///   links stay links;
/// - a path that does not exist (or a symlink to one) is created the same way, with the mode a
///   new file gets (`0666` less the umask), creating missing folders;
/// - standard output (`-`, or any path with the device and inode of descriptor 1, such as
///   `/dev/stdout` under a shell redirection), a FIFO, a character device and a socket are
///   written straight through: opened and written, never renamed over, never created;
/// - a folder, a block device and an empty path are refused.
public enum OutputFile {
  /// Where an output path's bytes go, as decided by ``destination(of:)``.
  public enum Destination: Equatable, Sendable {
    /// Descriptor 1.
    case standardOutput
    /// A FIFO, a character device or a socket, opened and written straight through.
    case stream(path: String)
    /// A regular file, existing or not, replaced atomically at `resolved` (the path with every
    /// symlink of its last component followed).
    case file(path: String, resolved: String)

    /// Whether the bytes go to a file that this write creates or replaces.
    public var isFile: Bool {
      if case .file = self { return true }
      return false
    }
  }

  /// Writes `text` as UTF-8 to `path` (see ``OutputFile``).
  ///
  /// - Returns: where the bytes went.
  /// - Throws: ``InputError`` (`cannotWrite`) naming the path and the reason.
  @discardableResult
  public static func write(_ text: String, to path: String) throws -> Destination {
    try write(Data(text.utf8), to: path)
  }

  /// Writes `data` to `path` (see ``OutputFile``).
  ///
  /// - Returns: where the bytes went.
  /// - Throws: ``InputError`` (`cannotWrite`) naming the path and the reason.
  @discardableResult
  public static func write(_ data: Data, to path: String) throws -> Destination {
    let destinations = try write(data: [(path, data)])
    return destinations[0]
  }

  /// Writes several outputs as one, in this order: every file's bytes go to a temporary file;
  /// then the streams (FIFOs, devices) are written; then the temporary files are renamed over
  /// their targets; standard output comes last. A failure before the renames leaves every file
  /// target untouched and removes the folders this write created, so that a command never
  /// leaves one of its files behind when another output cannot be written. (A rename failing
  /// after an earlier one succeeded, which needs the folder to change under the command, and
  /// bytes already taken by a stream are the exceptions.)
  ///
  /// - Returns: where each output went, in the order given.
  /// - Throws: ``InputError`` (`cannotWrite`) naming the path and the reason.
  @discardableResult
  public static func write(_ files: [(path: String, text: String)]) throws -> [Destination] {
    try write(data: files.map { ($0.path, Data($0.text.utf8)) })
  }

  private static func write(data files: [(path: String, data: Data)]) throws -> [Destination] {
    let destinations = try files.map { try destination(of: $0.path) }
    var staging = Staging()
    do {
      for (file, destination) in zip(files, destinations) {
        if case let .file(path, resolved) = destination {
          try staging.stage(file.data, for: path, at: resolved)
        }
      }
      for (file, destination) in zip(files, destinations) {
        if case let .stream(path) = destination { try writeStream(file.data, to: path) }
      }
      try staging.commit()
    } catch {
      staging.discard()
      throw error
    }
    for (file, destination) in zip(files, destinations) where destination == .standardOutput {
      try writeAll(file.data, to: STDOUT_FILENO, path: "<standard output>")
    }
    return destinations
  }

  /// What writing to `path` would do, decided by what the path is: follows the symlinks of
  /// its last component, then looks at what they lead to.
  ///
  /// - Throws: ``InputError`` (`cannotWrite`) for an empty path, a folder, a block device, a
  ///   symlink loop, or a path that cannot be examined.
  public static func destination(of path: String) throws -> Destination {
    if path == "-" { return .standardOutput }
    guard !path.isEmpty else {
      throw InputError(
        .cannotWrite, at: SourceLocation(file: "''"),
        "cannot write: the file name is empty; give a path, or - for standard output")
    }
    // What the path leads to, asked of the kernel, which also follows the "magic" links of
    // /proc (/dev/stdout -> /proc/self/fd/1 -> pipe:[...]) that name no path.
    var status = stat()
    guard stat(path, &status) == 0 else {
      // Nothing there, or a symlink to nothing: the file is created where the links lead.
      if errno == ENOENT { return .file(path: path, resolved: try resolveLinks(path)) }
      if errno == ENOTDIR, let file = fileOnTheWay(to: path) {
        throw InputError(
          .cannotWrite, at: SourceLocation(file: path),
          "cannot write: \(file) is a file, not a folder")
      }
      throw failure(path, "cannot write")
    }
    if isStandardOutput(status) { return .standardOutput }
    switch status.st_mode & S_IFMT {
    case S_IFREG:
      // The file is replaced where the links lead, which must be the file the kernel found.
      let resolved = try resolveLinks(path)
      var found = stat()
      guard lstat(resolved, &found) == 0, found.st_dev == status.st_dev,
        found.st_ino == status.st_ino
      else {
        throw InputError(
          .cannotWrite, at: SourceLocation(file: path),
          "cannot write: the symbolic links do not lead to a path of the file")
      }
      return .file(path: path, resolved: resolved)
    case S_IFIFO, S_IFCHR, S_IFSOCK: return .stream(path: path)
    case S_IFDIR:
      throw InputError(
        .cannotWrite, at: SourceLocation(file: path),
        "cannot write: it is a folder; give a file name")
    default:
      throw InputError(
        .cannotWrite, at: SourceLocation(file: path),
        "cannot write: it is neither a file, a FIFO, a character device nor a socket")
    }
  }

  /// Whether `path` is a folder, or a symlink to one.
  public static func isFolder(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
  }

  /// Whether two paths name the same file: the same device and inode when both exist (through
  /// any symlinks and hard links), otherwise the same path once symlinks and `.`/`..` are
  /// resolved.
  public static func isSameFile(_ first: String, _ second: String) -> Bool {
    var a = stat()
    var b = stat()
    let firstExists = stat(first, &a) == 0
    let secondExists = stat(second, &b) == 0
    if firstExists && secondExists { return a.st_dev == b.st_dev && a.st_ino == b.st_ino }
    if firstExists != secondExists { return false }
    func normalized(_ path: String) -> String {
      let resolved = (try? resolveLinks(path)) ?? path
      return URL(fileURLWithPath: resolved).resolvingSymlinksInPath().standardizedFileURL.path
    }
    return normalized(first) == normalized(second)
  }

  // MARK: - Examining paths

  /// The longest chain of symlinks followed, as the kernel's `MAXSYMLINKS`.
  private static let mostLinks = 40

  /// `path` with every symlink of its last component followed, read as text: the path that is
  /// not a symlink (an existing file, or the missing file a dangling link names).
  private static func resolveLinks(_ path: String) throws -> String {
    var current = path
    for _ in 0...mostLinks {
      var status = stat()
      guard lstat(current, &status) == 0 else {
        if errno == ENOENT { return current }
        throw failure(path, "cannot examine \(current)")
      }
      guard status.st_mode & S_IFMT == S_IFLNK else { return current }
      guard let target = linkTarget(current) else { throw failure(path, "cannot read the link") }
      let folder = (current as NSString).deletingLastPathComponent
      current = target.hasPrefix("/") || folder.isEmpty ? target : folder + "/" + target
    }
    throw InputError(
      .cannotWrite, at: SourceLocation(file: path),
      "cannot write: more than \(mostLinks) symbolic links in a row (a loop?)")
  }

  /// The deepest existing folder of `path` that is not a folder (the cause of `ENOTDIR`).
  private static func fileOnTheWay(to path: String) -> String? {
    var current = (path as NSString).deletingLastPathComponent
    var status = stat()
    while !current.isEmpty, current != "/" {
      if stat(current, &status) == 0 { return status.st_mode & S_IFMT == S_IFDIR ? nil : current }
      current = (current as NSString).deletingLastPathComponent
    }
    return nil
  }

  /// The text of the symlink at `path`.
  private static func linkTarget(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count >= 0 else { return nil }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Whether `status` is the file open on descriptor 1.
  private static func isStandardOutput(_ status: stat) -> Bool {
    var output = stat()
    guard fstat(STDOUT_FILENO, &output) == 0 else { return false }
    return output.st_dev == status.st_dev && output.st_ino == status.st_ino
  }

  // MARK: - Writing

  /// Opens a FIFO, device or socket without creating anything and writes `data` to it.
  private static func writeStream(_ data: Data, to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure(path, "cannot open") }
    defer { close(descriptor) }
    try writeAll(data, to: descriptor, path: path)
  }

  /// Writes every byte of `data` to `descriptor`, resuming after partial writes and signals.
  private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let count = systemWrite(descriptor, base + offset, buffer.count - offset)
        if count < 0 {
          if errno == EINTR { continue }
          throw failure(path, "cannot write")
        }
        offset += count
      }
    }
  }

  /// The C library's `write(2)`, which ``write(_:to:)`` hides inside this type.
  private static func systemWrite(
    _ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int
  ) -> Int {
    #if canImport(Glibc)
      Glibc.write(descriptor, bytes, count)
    #else
      Darwin.write(descriptor, bytes, count)
    #endif
  }

  /// An ``InputError`` (`cannotWrite`) at `path`: `what`, then the reason `errno` gives.
  private static func failure(_ path: String, _ what: String) -> InputError {
    let reason = String(cString: strerror(errno))
    return InputError(.cannotWrite, at: SourceLocation(file: path), "\(what): \(reason)")
  }

  /// The temporary files and new folders of one write, until they are renamed or removed.
  private struct Staging {
    /// The staged files: temporary path, resolved target and the path as given.
    private var files: [(temporary: String, target: String, path: String)] = []
    /// The folders this write created, outermost first.
    private var createdFolders: [String] = []

    /// Writes `data` to a new temporary file in `target`'s folder, creating the folder if
    /// needed, with the mode (and owner) of the file at `target` if there is one.
    mutating func stage(_ data: Data, for path: String, at target: String) throws {
      let folder = (target as NSString).deletingLastPathComponent
      try createFolders(folder.isEmpty ? "." : folder, for: path)
      var existing = stat()
      let replacing = stat(target, &existing) == 0
      let (descriptor, temporary) = try OutputFile.makeTemporaryFile(
        in: folder.isEmpty ? "." : folder, mode: replacing ? 0o600 : 0o666, for: path)
      files.append((temporary, target, path))
      defer { close(descriptor) }
      if replacing {
        // The owner first: changing it may clear the set-user-ID bits that fchmod then sets.
        if existing.st_uid != geteuid() || existing.st_gid != getegid() {
          _ = fchown(descriptor, existing.st_uid, existing.st_gid)
        }
        guard fchmod(descriptor, existing.st_mode & 0o7777) == 0 else {
          throw OutputFile.failure(path, "cannot set the mode of \(temporary)")
        }
      }
      try OutputFile.writeAll(data, to: descriptor, path: path)
      guard fsync(descriptor) == 0 || errno == EINVAL else {
        throw OutputFile.failure(path, "cannot write")
      }
    }

    /// Renames every staged file over its target.
    mutating func commit() throws {
      for (index, file) in files.enumerated() {
        guard rename(file.temporary, file.target) == 0 else {
          let error = OutputFile.failure(file.path, "cannot write")
          files.removeFirst(index)
          throw error
        }
      }
      files = []
      createdFolders = []
    }

    /// Removes the staged files that were not renamed and the folders this write created.
    mutating func discard() {
      for file in files { unlink(file.temporary) }
      for folder in createdFolders.reversed() { rmdir(folder) }
      files = []
      createdFolders = []
    }

    /// Creates `folder` and its missing parents (mode `0777` less the umask), remembering
    /// which it created.
    private mutating func createFolders(_ folder: String, for path: String) throws {
      var missing: [String] = []
      var current = folder
      var status = stat()
      while !current.isEmpty, current != "/", stat(current, &status) != 0 {
        missing.append(current)
        current = (current as NSString).deletingLastPathComponent
      }
      for folder in missing.reversed() {
        if mkdir(folder, 0o777) == 0 {
          createdFolders.append(folder)
        } else if errno != EEXIST {
          throw OutputFile.failure(path, "cannot create the folder \(folder)")
        }
      }
    }
  }

  /// Creates a new file `.ipfin-XXXXXX` in `folder` (six random letters or digits, as
  /// `mkstemp` does, but with `mode` less the umask rather than `0600`, so that a new output
  /// gets the mode any new file gets). The name is short, so it fits beside any legal name.
  private static func makeTemporaryFile(
    in folder: String, mode: mode_t, for path: String
  ) throws -> (descriptor: Int32, path: String) {
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    for _ in 0..<100 {
      let name = ".ipfin-" + String((0..<6).map { _ in letters.randomElement() ?? "x" })
      let temporary = folder + "/" + name
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
      if descriptor >= 0 { return (descriptor, temporary) }
      if errno != EEXIST { throw failure(path, "cannot create a temporary file in \(folder)") }
    }
    throw InputError(
      .cannotWrite, at: SourceLocation(file: path),
      "cannot create a temporary file in \(folder): every name tried exists")
  }
}
