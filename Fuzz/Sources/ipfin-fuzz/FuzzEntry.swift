// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The target this process fuzzes: the environment variable `IPFIN_FUZZ_TARGET` (`csv`,
/// `portfolio`, `filings` or `scenario`).
let fuzzTarget: FuzzTarget = {
  let name = ProcessInfo.processInfo.environment["IPFIN_FUZZ_TARGET"] ?? ""
  guard let target = FuzzTarget(rawValue: name) else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    FileHandle.standardError.write(
      Data("ipfin-fuzz: set IPFIN_FUZZ_TARGET to one of \(names)\n".utf8))
    exit(64)
  }
  return target
}()

#if FUZZING
  /// libFuzzer's entry point: one input.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    fuzzTarget.check(bytes)
    return 0
  }

  /// libFuzzer's driver, which parses its options and runs the inputs.
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// The executable's entry point. SwiftPM links an executable's `main` to `<module>_main`, so
  /// libFuzzer's own `main` is not used; this one starts libFuzzer's driver.
  @_cdecl("ipfin_fuzz_main")
  public func fuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
  ) -> CInt {
    var count = argc
    var arguments = argv
    return withUnsafeMutablePointer(to: &arguments) { argumentsPointer in
      runFuzzerDriver(&count, argumentsPointer) { data, size in fuzzOneInput(data, size) }
    }
  }
#else
  /// Without libFuzzer (a plain `swift build` of this package): runs the files given as
  /// arguments through the target, to replay a finding.
  @main
  enum Replay {
    static func main() throws {
      for path in CommandLine.arguments.dropFirst() {
        fuzzTarget.check(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        print("\(path): ok")
      }
    }
  }
#endif
