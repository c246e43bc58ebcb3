// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// The files IPStatistics ships as SwiftPM resources (`Resources/ip-filings.csv` and
/// `Resources/sources.csv`), found without SwiftPM's `Bundle.module`, which stops the process
/// when the resource folder is missing (for example when the executable was copied elsewhere
/// without it).
///
/// SwiftPM puts the resources in a folder next to the executable named
/// `ipfin_IPStatistics.resources` (Linux) or `ipfin_IPStatistics.bundle` (macOS); it is looked
/// for next to the running executable, as called and with symbolic links resolved, and in
/// `../share/ipfin/` from it, where `make install` puts it (`PREFIX/bin/ipfin` and
/// `PREFIX/share/ipfin/ipfin_IPStatistics.resources`).
enum BundledResource {
  /// The names SwiftPM gives the resource folder.
  static let folderNames = ["ipfin_IPStatistics.resources", "ipfin_IPStatistics.bundle"]

  /// The text of the resource `name`.
  ///
  /// - Throws: ``InputError`` (`missingInput`) naming `reportedName`, the places
  ///   looked in, and what to do.
  static func text(_ name: String, reportedName: String) throws -> String {
    let main = Bundle.main
    var directories = [main.bundleURL]
    if let executable = main.executableURL {
      for folder in [
        executable.deletingLastPathComponent(),
        executable.resolvingSymlinksInPath().deletingLastPathComponent(),
      ] {
        directories.append(folder)
        directories.append(
          folder.deletingLastPathComponent().appendingPathComponent("share/ipfin"))
      }
    }
    var looked: [String] = []
    for directory in directories {
      for folder in folderNames {
        for candidate in [
          directory.appendingPathComponent(folder).appendingPathComponent(name),
          directory.appendingPathComponent(folder).appendingPathComponent("Contents/Resources")
            .appendingPathComponent(name),
        ] {
          looked.append(candidate.path)
          if let text = try? String(contentsOf: candidate, encoding: .utf8) { return text }
        }
      }
    }
    throw InputError(
      .missingInput, at: SourceLocation(file: reportedName),
      "the data bundled with ipfin is missing: it belongs in the folder "
        + "\(folderNames[0]) next to the executable or in ../share/ipfin from it (looked for "
        + "\(looked.first ?? name)); copy that folder along with the executable, install with "
        + "make install, or give a data file with --data")
  }
}
