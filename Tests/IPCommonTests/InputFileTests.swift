// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import Testing

/// Reading input files by what they are: regular files, FIFOs and devices are read alike, the
/// limit counts the bytes read, and only a path that cannot be read is missing input (66).
@Suite("Input files")
struct InputFileTests {
  /// The error of reading `path` with `limit`.
  static func error(_ path: String, limit: Int = 1 << 20) -> InputError? {
    do {
      _ = try InputFile.read(path: path, limit: limit)
      return nil
    } catch let error as InputError {
      return error
    } catch {
      Issue.record("not an InputError: \(error)")
      return nil
    }
  }

  static func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("ipfin-input-\(UUID().uuidString)-\(name)").path
  }

  @Test func aRegularFileIsReadWhole() throws {
    let path = Self.temporaryPath("r.csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let text = String(repeating: "0123456789", count: 20_000)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try InputFile.read(path: path, limit: 200_000) == Array(text.utf8))
    let over = try #require(Self.error(path, limit: 199_999))
    #expect(over.kind == .badData && over.category == .badData)
    #expect(over.location == SourceLocation(file: path))
    #expect(over.message.contains("199,999 bytes"))
  }

  /// `/dev/zero` meets the limit (65) after reading one byte more than it; `/dev/null` is
  /// empty.
  @Test func devicesAreReadLikeFiles() throws {
    let zero = try #require(Self.error("/dev/zero", limit: 64 << 20))
    #expect(zero.category == .badData)
    #expect(zero.message.contains("67,108,864 bytes (64 MiB)"))
    #expect(try InputFile.read(path: "/dev/null", limit: 10) == [])
  }

  /// A FIFO (what a shell's `<(...)` gives) is read to its end; its limit counts what arrives.
  @Test func aFIFOIsReadToItsEnd() throws {
    for (size, limit) in [(300_000, 300_000), (300_001, 300_000)] {
      let path = Self.temporaryPath("fifo")
      #expect(mkfifo(path, 0o600) == 0)
      defer { try? FileManager.default.removeItem(atPath: path) }
      let writer = Thread {
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        handle.write(Data(repeating: 0x41, count: size))
        try? handle.close()
      }
      writer.start()
      if size <= limit {
        #expect(try InputFile.read(path: path, limit: limit).count == size)
      } else {
        // The reader stops after limit + 1 bytes, which is all the writer sends.
        #expect(Self.error(path, limit: limit)?.category == .badData)
      }
    }
  }

  /// Missing input (66): a path that does not exist, a directory, an empty name, a file that
  /// cannot be read.
  @Test func pathsThatCannotBeReadAreMissingInput() throws {
    let missing = try #require(Self.error("/nonexistent/ipfin.csv"))
    #expect(missing.category == .missingInput && missing.message.contains("does not exist"))
    let directory = try #require(Self.error(FileManager.default.temporaryDirectory.path))
    #expect(directory.category == .missingInput && directory.message.contains("directory"))
    #expect(Self.error("")?.category == .missingInput)
    #expect(Self.error("/etc/passwd/x")?.category == .missingInput)
  }

  /// Text checks with line and column in characters.
  @Test func textIsCheckedWithLineAndColumn() throws {
    let limits = InputLimits(fileBytes: 100, lineBytes: 8, fieldBytes: 8)
    func error(_ bytes: [UInt8]) -> InputError? {
      do {
        _ = try InputText.decode(bytes, source: "s.yaml", limits: limits)
        return nil
      } catch let error as InputError {
        return error
      } catch {
        return nil
      }
    }
    let accented = Array("a: ộ\nb: x".utf8)
    #expect(try InputText.decode(accented, source: "s.yaml", limits: limits) == "a: ộ\nb: x")
    #expect(
      error(Array("a: é\nbé: ".utf8) + [0xFF])?.location
        == SourceLocation(file: "s.yaml", line: 2, column: 5))
    #expect(error(Array("a\nb: \u{0}".utf8))?.location?.column == 4)
    let long = try #require(error(Array("ok\n123456789\n".utf8)))
    #expect(long.location == SourceLocation(file: "s.yaml", line: 2, column: 9))
    #expect(error(Array(repeating: 0x41, count: 101))?.location == SourceLocation(file: "s.yaml"))
  }
}
