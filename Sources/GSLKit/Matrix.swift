// SPDX-License-Identifier: GPL-3.0-or-later

/// A dense matrix of `Double` in row-major order, the layout of `gsl_matrix`.
///
/// A plain value type: GSL sees its storage only inside GSLKit, through a view that lives no
/// longer than one call.
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
  /// The number of rows.
  public let rows: Int
  /// The number of columns.
  public let columns: Int
  /// The elements, row after row: element (i, j) is `elements[i * columns + j]`.
  public internal(set) var elements: [Double]

  /// A `rows` x `columns` matrix filled with `value` (zero by default).
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: value, count: rows * columns)
  }

  /// A matrix from its rows; every row must have the same length.
  ///
  /// - Throws: ``GSLError`` (`invalidInput`) when the rows differ in length.
  public init(rows rowArrays: [[Double]]) throws {
    let columns = rowArrays.first?.count ?? 0
    guard rowArrays.allSatisfy({ $0.count == columns }) else {
      throw GSLError.invalidInput("Matrix", "every row must have the same number of columns")
    }
    self.rows = rowArrays.count
    self.columns = columns
    self.elements = rowArrays.flatMap { $0 }
  }

  /// A matrix over existing row-major elements.
  ///
  /// - Throws: ``GSLError`` (`invalidInput`) when `elements.count != rows * columns`.
  public init(rows: Int, columns: Int, elements: [Double]) throws {
    guard rows >= 0, columns >= 0, elements.count == rows * columns else {
      throw GSLError.invalidInput(
        "Matrix", "\(elements.count) elements do not fill a \(rows) x \(columns) matrix")
    }
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// The `n` x `n` identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    var matrix = Matrix(rows: n, columns: n)
    for i in 0..<n { matrix[i, i] = 1 }
    return matrix
  }

  /// Element (`row`, `column`), both counted from zero.
  public subscript(row: Int, column: Int) -> Double {
    get {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
      return elements[row * columns + column]
    }
    set {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
      elements[row * columns + column] = newValue
    }
  }

  /// The diagonal elements `a[i, i]` for `i < min(rows, columns)`.
  public var diagonal: [Double] {
    (0..<Swift.min(rows, columns)).map { self[$0, $0] }
  }

  /// The transpose.
  public var transposed: Matrix {
    var result = Matrix(rows: columns, columns: rows)
    for i in 0..<rows {
      for j in 0..<columns { result[j, i] = self[i, j] }
    }
    return result
  }

  /// The product `self * other`.
  ///
  /// - Precondition: `columns == other.rows`.
  public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
    precondition(lhs.columns == rhs.rows, "matrix dimensions do not match for a product")
    var result = Matrix(rows: lhs.rows, columns: rhs.columns)
    for i in 0..<lhs.rows {
      for k in 0..<lhs.columns {
        let a = lhs[i, k]
        if a == 0 { continue }
        for j in 0..<rhs.columns { result.elements[i * rhs.columns + j] += a * rhs[k, j] }
      }
    }
    return result
  }

  /// The matrix-vector product `self * vector`.
  ///
  /// - Precondition: `vector.count == columns`.
  public static func * (lhs: Matrix, rhs: [Double]) -> [Double] {
    precondition(lhs.columns == rhs.count, "matrix and vector dimensions do not match")
    return (0..<lhs.rows).map { i in
      var sum = 0.0
      for j in 0..<lhs.columns { sum += lhs[i, j] * rhs[j] }
      return sum
    }
  }

  /// The rows, one array each.
  public var rowArrays: [[Double]] {
    (0..<rows).map { Array(elements[($0 * columns)..<(($0 + 1) * columns)]) }
  }

  /// The rows in brackets, for debugging.
  public var description: String {
    "Matrix(\(rows)x\(columns): \(rowArrays))"
  }
}
