// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import Testing

@Suite("Cholesky, Nelder-Mead, Brent and error paths")
struct SolverTests {
  /// `L L^T` reproduces a symmetric positive definite matrix, and `L` is lower triangular.
  @Test func choleskyReconstructs() throws {
    let a = try Matrix(rows: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
    let l = try a.cholesky()
    // The textbook factor of this matrix is [[2,0,0],[6,1,0],[-8,5,3]].
    let expected = try Matrix(rows: [[2, 0, 0], [6, 1, 0], [-8, 5, 3]])
    for i in 0..<3 {
      for j in 0..<3 { #expect(abs(l[i, j] - expected[i, j]) < 1e-12) }
    }
    let product = l * l.transposed
    for (p, q) in zip(product.elements, a.elements) { #expect(abs(p - q) < 1e-12) }
  }

  /// A matrix that is not positive definite gives `notPositiveDefinite` with GSL's code, and the
  /// process goes on (GSL's abort handler is off).
  @Test func choleskyRejectsIndefinite() throws {
    let indefinite = try Matrix(rows: [[1, 2], [2, 1]])
    do {
      _ = try indefinite.cholesky()
      Issue.record("an indefinite matrix was factorised")
    } catch let error as GSLError {
      #expect(error.kind == .notPositiveDefinite)
      #expect(error.code == 1)  // GSL_EDOM
    }
    #expect(throws: GSLError.self) { try Matrix(rows: [[1, 2], [3, 1]]).cholesky() }
    #expect(throws: GSLError.self) { try Matrix(rows: [[1, 2, 3]]).cholesky() }
  }

  /// The inverse of the textbook matrix is its adjugate over its determinant `(2 * 1 * 3)^2 =
  /// 36`, worked out by hand in integers; and the inverse of the 5 x 5 Hilbert matrix
  /// `h_ij = 1 / (i + j - 1)` (condition number about 4.8e5) is the integer matrix of the closed
  /// form `(-1)^(i+j) (i+j-1) C(n+i-1, n-j) C(n+j-1, n-i) C(i+j-2, i-1)^2` (Choi, "Tricks or
  /// treats with the Hilbert matrix", 1983), within 1e-9 relative (rounding times the condition
  /// number).
  @Test func choleskyInverseMatchesClosedForms() throws {
    let a = try Matrix(rows: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
    let adjugate: [[Double]] = [[1777, -488, 76], [-488, 136, -20], [76, -20, 4]]
    let inverse = try a.choleskyInverse()
    for i in 0..<3 {
      for j in 0..<3 { #expect(relativelyClose(inverse[i, j], adjugate[i][j] / 36, 1e-13)) }
    }

    func binomial(_ n: Int, _ k: Int) -> Double {
      guard k >= 0, k <= n else { return 0 }
      return (0..<k).reduce(1.0) { $0 * Double(n - $1) / Double($1 + 1) }.rounded()
    }
    let n = 5
    var hilbert = Matrix(rows: n, columns: n)
    for i in 0..<n {
      for j in 0..<n { hilbert[i, j] = 1 / Double(i + j + 1) }
    }
    let hilbertInverse = try hilbert.choleskyInverse()
    for i in 1...n {
      for j in 1...n {
        let sign: Double = (i + j) % 2 == 0 ? 1 : -1
        let c = binomial(i + j - 2, i - 1)
        let expected =
          sign * Double(i + j - 1) * binomial(n + i - 1, n - j) * binomial(n + j - 1, n - i) * c
          * c
        #expect(relativelyClose(hilbertInverse[i - 1, j - 1], expected, 1e-9))
      }
    }
  }

  /// The inverse refuses what the factor refuses, with the same kinds of error.
  @Test func choleskyInverseRejectsWhatCholeskyRejects() throws {
    do {
      _ = try Matrix(rows: [[1, 2], [2, 1]]).choleskyInverse()
      Issue.record("an indefinite matrix was inverted")
    } catch let error as GSLError {
      #expect(error.kind == .notPositiveDefinite)
    }
    for bad in [
      try Matrix(rows: [[1, 2], [3, 1]]), try Matrix(rows: [[1, 2, 3]]),
      try Matrix(rows: [[1, .nan], [.nan, 1]]),
    ] {
      do {
        _ = try bad.choleskyInverse()
        Issue.record("\(bad) was inverted")
      } catch let error as GSLError {
        #expect(error.kind == .invalidInput)
      }
    }
  }

  /// Nelder-Mead finds the Rosenbrock minimum (1, 1), and the normal maximum likelihood
  /// estimates (the sample mean and the divisor-n standard deviation), the latter with a size
  /// tolerance below what floating point can resolve for a minimum value near 10, so that the
  /// stall rule ends it.
  @Test func nelderMeadFindsKnownMinima() throws {
    let rosenbrock = try Minimizer.nelderMead(start: [-1.2, 1], sizeTolerance: 1e-9) { p in
      let a = 1 - p[0]
      let b = p[1] - p[0] * p[0]
      return a * a + 100 * b * b
    }
    #expect(abs(rosenbrock.point[0] - 1) < 1e-6 && abs(rosenbrock.point[1] - 1) < 1e-6)
    #expect(rosenbrock.value < 1e-12)

    let data: [Double] = [4.2, 5.1, 3.9, 6.3, 5.5, 4.8, 5.0, 4.4]
    let n = Double(data.count)
    let mean = data.reduce(0, +) / n
    let mleSD = (data.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
    let fit = try Minimizer.nelderMead(start: [0, 0], sizeTolerance: 1e-9) { p in
      let sigma = exp(p[1])
      return data.reduce(0) { $0 + pow(($1 - p[0]) / sigma, 2) / 2 } + n * p[1]
    }
    #expect(abs(fit.point[0] - mean) < 1e-7)
    #expect(abs(exp(fit.point[1]) - mleSD) < 1e-7)
    #expect(rosenbrock.reachedSizeTolerance)
  }

  /// The stall rule starts from the start's value, never from memory GSL has not written: with
  /// freed heap blocks of the minimizer's size (48 bytes) left full of -1e300, which
  /// `gsl_multimin_fminimizer_alloc` is handed back, a search of well over 200 iterations still
  /// reaches its minimum (to 1e-6). Reading GSL's `fval` before the first iteration, as the
  /// stall rule once did, made every step look like no improvement there: the search stopped
  /// after 200 iterations, far from the minimum (this test failed), and elsewhere the result
  /// varied from run to run with whatever the memory held.
  @Test func nelderMeadDoesNotDependOnLeftoverMemory() throws {
    for _ in 0..<5 {
      let blocks = (0..<64).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: 6) }
      for block in blocks { block.initialize(repeating: -1e300, count: 6) }
      for block in blocks.reversed() { block.deallocate() }
      // A sum of squares in 6 dimensions, with scales from 1 to 10^5: well over 200 iterations.
      let minimum = try Minimizer.nelderMead(
        start: [1, 1, 1, 1, 1, 1], sizeTolerance: 1e-10
      ) { p in
        p.indices.reduce(0) { $0 + pow(10, Double($1)) * (p[$1] - 0.5) * (p[$1] - 0.5) }
      }
      #expect(minimum.point.allSatisfy { abs($0 - 0.5) < 1e-6 }, "\(minimum.point)")
    }
  }

  /// A non-finite objective and an iteration limit give errors, not aborts.
  @Test func nelderMeadErrors() {
    #expect(throws: GSLError.self) { try Minimizer.nelderMead(start: []) { _ in 0 } }
    #expect(throws: GSLError.self) { try Minimizer.nelderMead(start: [1]) { _ in .nan } }
    do {
      _ = try Minimizer.nelderMead(start: [-1.2, 1], sizeTolerance: 1e-12, maxIterations: 5) { p in
        pow(1 - p[0], 2) + 100 * pow(p[1] - p[0] * p[0], 2)
      }
      Issue.record("five iterations converged")
    } catch let error as GSLError {
      #expect(error.kind == .didNotConverge)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  /// Brent's method finds the Dottie number (`cos x = x`) and sqrt(2) to 1e-12.
  @Test func brentFindsRoots() throws {
    let dottie = try RootFinder.brent(lower: 0, upper: 1) { cos($0) - $0 }
    #expect(abs(dottie - 0.7390851332151607) < 1e-12)
    let root2 = try RootFinder.brent(lower: 0, upper: 2) { $0 * $0 - 2 }
    #expect(abs(root2 - 2.0.squareRoot()) < 1e-12)
    #expect(throws: GSLError.self) { try RootFinder.brent(lower: 0, upper: 1) { $0 + 1 } }
    #expect(throws: GSLError.self) { try RootFinder.brent(lower: 1, upper: 0) { $0 } }
  }

  /// A nonlinear fit that cannot converge in its iteration limit, and one with an unidentified
  /// parameter, give errors.
  @Test func nonlinearFitErrors() throws {
    let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
    let y = x.map { 10 * (1 - exp(-0.3 * $0)) }.enumerated().map {
      $0.element + 0.01 * Double($0.offset % 3)
    }
    var options = NonlinearLeastSquares.Options()
    options.maxIterations = 1
    options.retriesOnFailure = false
    do {
      _ = try NonlinearLeastSquares.fitCurve(
        x: x, y: y, start: [1, 1], options: options, model: { x, b in b[0] * (1 - exp(-b[1] * x)) })
      Issue.record("one iteration converged")
    } catch let error as GSLError {
      #expect(error.kind == .didNotConverge)
      #expect(error.code == 11)  // GSL_EMAXITER
    }
    // y = (a + b) x: only the sum a + b is identified.
    do {
      _ = try NonlinearLeastSquares.fitCurve(
        x: x, y: x.map { 3 * $0 + 0.1 * sin($0) }, start: [1, 1],
        model: { x, b in (b[0] + b[1]) * x })
      Issue.record("an unidentified model was accepted")
    } catch let error as GSLError {
      #expect(error.kind == .singularMatrix)
    }
    #expect(throws: GSLError.self) {
      try NonlinearLeastSquares.fitCurve(
        x: [1, 2], y: [1, 2], start: [1, 1, 1], model: { _, _ in 0 })
    }
    #expect(throws: GSLError.self) {
      try NonlinearLeastSquares.fitCurve(
        x: [1, 2, 3], y: [1, 2, 3], start: [1], model: { _, _ in .nan })
    }
  }

  /// Noise-free data: the fit returns the true parameters, also when started on them.
  @Test func exactDataRecoversParameters() throws {
    let x: [Double] = [0, 1, 2, 3, 4, 5, 6]
    let truth = [50.0, 0.8, 2.5]
    let logistic: @Sendable (Double, [Double]) -> Double = { x, b in
      b[0] / (1 + exp(-b[1] * (x - b[2])))
    }
    let y = x.map { logistic($0, truth) }
    let fromElsewhere = try NonlinearLeastSquares.fitCurve(
      x: x, y: y, start: [40, 0.5, 2], model: logistic)
    for k in 0..<3 { #expect(relativelyClose(fromElsewhere.parameters[k], truth[k], 1e-8)) }
    let fromTruth = try NonlinearLeastSquares.fitCurve(x: x, y: y, start: truth, model: logistic)
    #expect(fromTruth.parameters == truth)
    #expect(fromTruth.stoppingRule == .exactSolution)
    #expect(fromTruth.attempt == .first)
    #expect(fromTruth.covariance.diagonal.allSatisfy { $0 == 0 })
  }

  /// GSL's library version is the one linked.
  @Test func libraryVersion() {
    #expect(GSLRuntime.libraryVersion.hasPrefix("2."))
  }
}
