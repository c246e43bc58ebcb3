// SPDX-License-Identifier: GPL-3.0-or-later

/// A plain-text table with aligned columns, for terminal output (`--format table`).
///
/// Numbers (cells that parse as a number, possibly with thousands separators, a sign or a
/// percent sign) are right-aligned, other cells left-aligned; columns are separated by two
/// spaces and the header is underlined with dashes.
public struct TextTable: Sendable {
  /// The column titles.
  public let header: [String]
  /// The rows, each with as many cells as the header.
  public private(set) var rows: [[String]] = []

  /// A table with the given column titles and no rows.
  public init(header: [String]) {
    self.header = header
  }

  /// Appends a row; missing cells are blank and extra cells are dropped.
  public mutating func appendRow(_ cells: [String]) {
    var row = Array(cells.prefix(header.count))
    while row.count < header.count { row.append("") }
    rows.append(row)
  }

  /// The rendered table, lines ending in `\n`.
  public var rendered: String {
    var widths = header.map(\.count)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    func isNumeric(_ cell: String) -> Bool {
      let stripped = cell.filter { $0 != "," && $0 != "%" && $0 != " " }
      return !stripped.isEmpty && Double(stripped) != nil
    }
    func line(_ cells: [String], numericAlignment: Bool) -> String {
      var parts: [String] = []
      for (index, cell) in cells.enumerated() {
        let padding = String(repeating: " ", count: widths[index] - cell.count)
        parts.append(numericAlignment && isNumeric(cell) ? padding + cell : cell + padding)
      }
      var text = parts.joined(separator: "  ")
      while text.last == " " { text.removeLast() }
      return text + "\n"
    }
    var text = line(header, numericAlignment: false)
    text += line(widths.map { String(repeating: "-", count: $0) }, numericAlignment: false)
    for row in rows { text += line(row, numericAlignment: true) }
    return text
  }
}
