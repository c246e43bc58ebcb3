// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

// Short-lived GSL views over Swift storage. A view is valid only inside the closure; nothing
// here escapes GSLKit.

extension Matrix {
  /// Calls `body` with a `gsl_matrix` view of the elements (row-major, as GSL expects).
  ///
  /// - Precondition: both dimensions are positive (GSL has no empty matrices).
  mutating func withGSLMatrix<Result>(
    _ body: (UnsafeMutablePointer<gsl_matrix>) throws -> Result
  ) rethrows -> Result {
    precondition(rows > 0 && columns > 0, "GSL matrices cannot be empty")
    let (rowCount, columnCount) = (rows, columns)
    return try elements.withUnsafeMutableBufferPointer { buffer in
      var view = gsl_matrix_view_array(buffer.baseAddress, rowCount, columnCount)
      return try withUnsafeMutablePointer(to: &view.matrix) { try body($0) }
    }
  }
}

/// Calls `body` with a `gsl_vector` view of `array`.
///
/// - Precondition: `array` is not empty (GSL has no empty vectors).
func withGSLVector<Result>(
  _ array: inout [Double], _ body: (UnsafeMutablePointer<gsl_vector>) throws -> Result
) rethrows -> Result {
  precondition(!array.isEmpty, "GSL vectors cannot be empty")
  let count = array.count
  return try array.withUnsafeMutableBufferPointer { buffer in
    var view = gsl_vector_view_array(buffer.baseAddress, count)
    return try withUnsafeMutablePointer(to: &view.vector) { try body($0) }
  }
}

/// The elements of a GSL vector as a Swift array.
func array(of vector: UnsafePointer<gsl_vector>) -> [Double] {
  (0..<vector.pointee.size).map { gsl_vector_get(vector, $0) }
}

/// The elements of a GSL matrix as a ``Matrix``.
func matrix(of gslMatrix: UnsafePointer<gsl_matrix>) -> Matrix {
  let rows = gslMatrix.pointee.size1
  let columns = gslMatrix.pointee.size2
  var result = Matrix(rows: rows, columns: columns)
  for i in 0..<rows {
    for j in 0..<columns { result[i, j] = gsl_matrix_get(gslMatrix, i, j) }
  }
  return result
}

/// Copies a Swift array into a GSL vector of the same size.
func copy(_ values: [Double], into vector: UnsafeMutablePointer<gsl_vector>) {
  for (index, value) in values.enumerated() { gsl_vector_set(vector, index, value) }
}
