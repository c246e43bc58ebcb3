// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// A source of the filing data: the `sources.csv` row that a point's `source` id names.
public struct DataSource: Sendable, Equatable, Codable {
  /// The id used in the data set's `source` column.
  public let id: String
  /// Who published it and what it is.
  public let title: String
  /// Where it was found.
  public let address: String

  /// Creates a source.
  public init(id: String, title: String, address: String) {
    self.id = id
    self.title = title
    self.address = address
  }

  /// The sources shipped with ipfin: a byte-identical copy of `datasets/sources.csv`, by id.
  ///
  /// - Throws: ``InputError`` when the resource is missing or malformed (it has the columns
  ///   `id,title,address`).
  public static func bundled() throws -> [String: DataSource] {
    let name = "sources.csv (bundled)"
    let text = try BundledResource.text("sources.csv", reportedName: name)
    let table = try CSVTable(text: text, source: name)
    let id = try table.requireColumn("id")
    let title = try table.requireColumn("title")
    let address = try table.requireColumn("address")
    var sources: [String: DataSource] = [:]
    for record in table.records {
      let source = DataSource(
        id: record.fields[id], title: record.fields[title], address: record.fields[address])
      sources[source.id] = source
    }
    return sources
  }
}
