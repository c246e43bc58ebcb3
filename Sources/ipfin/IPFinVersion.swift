// SPDX-License-Identifier: GPL-3.0-or-later

/// The version `ipfin --version` prints.
enum IPFinVersion {
  /// The semantic version of this release.
  static let current = "0.2.0"
}
