// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import Testing

/// ``OutputFile`` decides by what a path is: regular files (directly or through symlinks) are
/// replaced atomically keeping their mode and links, missing ones are created, FIFOs and devices
/// are written straight through, folders are refused; several files are written all or none.
@Suite("OutputFile")
struct OutputFileTests {
  /// A new empty folder under the temporary folder; the caller removes it.
  static func scratch() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("ipfin-output-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func text(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  static func mode(_ path: String) -> mode_t {
    var status = stat()
    return stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0
  }

  static func type(_ path: String) -> mode_t {
    var status = stat()
    return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
  }

  static func entries(_ folder: String) throws -> Set<String> {
    Set(try FileManager.default.contentsOfDirectory(atPath: folder))
  }

  /// An existing file is replaced with its mode kept and no temporary file left; a new file
  /// gets the mode any new file gets here (0666 less the umask).
  @Test func regularFilesKeepTheirModeAndNewOnesGetTheUsualOne() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/out.csv"
    try "old".write(toFile: path, atomically: false, encoding: .utf8)
    #expect(chmod(path, 0o640) == 0)
    #expect(try OutputFile.write("new\n", to: path) == .file(path: path, resolved: path))
    #expect(try Self.text(path) == "new\n")
    #expect(Self.mode(path) == 0o640)
    #expect(chmod(path, 0o604) == 0)
    try OutputFile.write("newer\n", to: path)
    #expect(Self.mode(path) == 0o604)

    let reference = folder + "/reference"
    let descriptor = open(reference, O_WRONLY | O_CREAT | O_EXCL, 0o666)
    close(descriptor)
    try OutputFile.write("fresh\n", to: folder + "/fresh.csv")
    #expect(Self.mode(folder + "/fresh.csv") == Self.mode(reference))
    #expect(try Self.entries(folder) == ["out.csv", "reference", "fresh.csv"])
  }

  /// Through a chain of symlinks (relative, absolute, across folders) the file at the end is
  /// replaced and keeps its mode; the links stay links, unchanged.
  @Test func symlinkChainsKeepTheirLinks() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let manager = FileManager.default
    try manager.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
    let target = folder + "/data/value.csv"
    try "old".write(toFile: target, atomically: false, encoding: .utf8)
    #expect(chmod(target, 0o600) == 0)
    try manager.createSymbolicLink(
      atPath: folder + "/data/second", withDestinationPath: "value.csv")
    try manager.createSymbolicLink(
      atPath: folder + "/first", withDestinationPath: folder + "/data/second")
    try manager.createSymbolicLink(atPath: folder + "/zeroth", withDestinationPath: "first")

    let destination = try OutputFile.write("new\n", to: folder + "/zeroth")
    #expect(destination == .file(path: folder + "/zeroth", resolved: folder + "/data/value.csv"))
    #expect(try Self.text(target) == "new\n")
    #expect(Self.mode(target) == 0o600)
    #expect(Self.type(folder + "/zeroth") == S_IFLNK)
    #expect(try manager.destinationOfSymbolicLink(atPath: folder + "/zeroth") == "first")
    #expect(
      try manager.destinationOfSymbolicLink(atPath: folder + "/first") == folder + "/data/second")
    #expect(try manager.destinationOfSymbolicLink(atPath: folder + "/data/second") == "value.csv")
    #expect(try Self.entries(folder + "/data") == ["value.csv", "second"])
    #expect(try Self.entries(folder) == ["data", "first", "zeroth"])
  }

  /// A dangling link creates the file it names (and its folder); a loop of links is refused.
  @Test func danglingLinksAndLoops() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let manager = FileManager.default
    try manager.createSymbolicLink(atPath: folder + "/link", withDestinationPath: "new/out.csv")
    try OutputFile.write("x\n", to: folder + "/link")
    #expect(try Self.text(folder + "/new/out.csv") == "x\n")
    #expect(Self.type(folder + "/link") == S_IFLNK)

    try manager.createSymbolicLink(atPath: folder + "/a", withDestinationPath: "b")
    try manager.createSymbolicLink(atPath: folder + "/b", withDestinationPath: "a")
    #expect(throws: InputError.self) { try OutputFile.write("x", to: folder + "/a") }
    #expect(Self.type(folder + "/a") == S_IFLNK && Self.type(folder + "/b") == S_IFLNK)
  }

  /// A FIFO is opened and written, never replaced: its reader gets every byte (more than a
  /// pipe's buffer, so the writer must wait for the reader).
  @Test func fifosAreWrittenStraightThrough() async throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let fifo = folder + "/out.fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    let text = String(repeating: "0123456789abcdef\n", count: 20_000)
    let reader = Task.detached { () -> Data in
      let descriptor = open(fifo, O_RDONLY)
      defer { close(descriptor) }
      var data = Data()
      var buffer = [UInt8](repeating: 0, count: 65536)
      while true {
        let count = read(descriptor, &buffer, buffer.count)
        if count <= 0 { return data }
        data.append(contentsOf: buffer[..<count])
      }
    }
    #expect(try OutputFile.write(text, to: fifo) == .stream(path: fifo))
    let received = await reader.value
    #expect(received == Data(text.utf8))
    #expect(Self.type(fifo) == S_IFIFO)
    #expect(try Self.entries(folder) == ["out.fifo"])
  }

  /// `/dev/null` is a character device written straight through, and stays one; `-` is
  /// standard output.
  @Test func devicesAndStandardOutput() throws {
    #expect(try OutputFile.destination(of: "/dev/null") == .stream(path: "/dev/null"))
    #expect(try OutputFile.write("nothing\n", to: "/dev/null") == .stream(path: "/dev/null"))
    #expect(Self.type("/dev/null") == S_IFCHR)
    #expect(try OutputFile.destination(of: "-") == .standardOutput)
  }

  /// A socket is a stream: it cannot be opened for writing, which is an error, and it is never
  /// replaced by a file.
  @Test func socketsAreNeverReplaced() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/s"
    let socketDescriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socketDescriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { bytes in
      let name = Array(path.utf8)
      bytes.copyBytes(from: name.prefix(bytes.count - 1))
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    try #require(bound == 0)
    #expect(try OutputFile.destination(of: path) == .stream(path: path))
    #expect(throws: InputError.self) { try OutputFile.write("x", to: path) }
    #expect(Self.type(path) == S_IFSOCK)
  }

  /// A folder (or a link to one), an empty name and a file in the way of a folder are
  /// refused with `cannotWrite`, saying what is wrong; nothing is left behind.
  @Test func foldersAndEmptyNamesAreRefused() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: ".")
    try "x".write(toFile: folder + "/file", atomically: false, encoding: .utf8)
    for (path, reason) in [
      (folder, "it is a folder"), (folder + "/link", "it is a folder"),
      ("", "the file name is empty"), (folder + "/file/out.csv", "is a file, not a folder"),
    ] {
      do {
        try OutputFile.write("x", to: path)
        Issue.record("\(path) was written")
      } catch let error as InputError {
        #expect(error.kind == .cannotWrite && error.category == .cannotWrite)
        #expect(error.message.contains(reason), "\(error)")
      }
    }
    #expect(OutputFile.isFolder(folder + "/link") && !OutputFile.isFolder(folder + "/file"))
    #expect(try Self.entries(folder) == ["link", "file"])
  }

  /// The temporary name fits beside any legal name: a 255-byte name is written; a 256-byte one
  /// is refused and leaves nothing behind.
  @Test func longNames() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let longest = folder + "/" + String(repeating: "n", count: 251) + ".csv"
    try OutputFile.write("x\n", to: longest)
    #expect(try Self.text(longest) == "x\n")
    try OutputFile.write("y\n", to: longest)
    #expect(try Self.text(longest) == "y\n")
    #expect(throws: InputError.self) {
      try OutputFile.write("z", to: folder + "/" + String(repeating: "n", count: 252) + ".csv")
    }
    #expect(try Self.entries(folder).count == 1)
  }

  /// Several files are written all or none: when one cannot be written, the others keep their
  /// old bytes (or do not appear), and the folders the write created are removed.
  @Test func severalFilesAreWrittenAllOrNone() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let existing = folder + "/existing.csv"
    try "old".write(toFile: existing, atomically: false, encoding: .utf8)
    try FileManager.default.createDirectory(
      atPath: folder + "/taken.csv", withIntermediateDirectories: true)
    #expect(throws: InputError.self) {
      try OutputFile.write([
        (existing, "new"), (folder + "/new/nested/a.csv", "a"), (folder + "/taken.csv", "t"),
      ])
    }
    #expect(try Self.text(existing) == "old")
    #expect(try Self.entries(folder) == ["existing.csv", "taken.csv"])

    // A file whose temporary file cannot be made (/proc takes no new files, even from root)
    // fails after the others are staged: their temporary files and new folders are removed.
    #expect(throws: InputError.self) {
      try OutputFile.write([
        (existing, "new"), (folder + "/new/nested/b.csv", "b"), ("/proc/ipfin-test.csv", "p"),
      ])
    }
    #expect(try Self.text(existing) == "old")
    #expect(try Self.entries(folder) == ["existing.csv", "taken.csv"])

    // With a FIFO among them: every output is written.
    let fifo = folder + "/out.fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    defer { close(reader) }
    let destinations = try OutputFile.write([
      (existing, "new"), (fifo, "through the fifo"), (folder + "/new/c.csv", "c"),
    ])
    #expect(destinations.map(\.isFile) == [true, false, true])
    #expect(try Self.text(existing) == "new")
    #expect(try Self.text(folder + "/new/c.csv") == "c")
    var buffer = [UInt8](repeating: 0, count: 100)
    let count = read(reader, &buffer, buffer.count)
    #expect(String(decoding: buffer[..<max(count, 0)], as: UTF8.self) == "through the fifo")
  }

  /// Two paths are the same file through symlinks, hard links and `..`, or when neither exists
  /// but they name the same place.
  @Test func sameFiles() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/a.csv"
    try "x".write(toFile: file, atomically: false, encoding: .utf8)
    #expect(link(file, folder + "/hard.csv") == 0)
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/soft", withDestinationPath: "a.csv")
    #expect(OutputFile.isSameFile(file, folder + "/hard.csv"))
    #expect(OutputFile.isSameFile(folder + "/soft", folder + "/./hard.csv"))
    #expect(OutputFile.isSameFile(folder + "/x/../new.csv", folder + "/new.csv"))
    #expect(!OutputFile.isSameFile(file, folder + "/new.csv"))
  }
}
