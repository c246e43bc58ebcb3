// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The IP office whose law sets a right's term.
public enum IPOffice: String, Sendable, Hashable, CaseIterable, Codable {
  /// The Intellectual Property Office of Viet Nam (IP Viet Nam).
  case vn = "VN"
  /// The Korean Intellectual Property Office (KIPO).
  case kr = "KR"

  /// The office named `name` (`VN` or `KR`, any letter case); `nil` for anything else.
  public init?(name: String) {
    self.init(rawValue: name.trimmingCharacters(in: .whitespaces).uppercased())
  }
}
