// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL
import Foundation

/// A GSL random number generator that owns its `gsl_rng` and frees it.
///
/// A generator is created from a 64-bit **root seed** and a **stream index**. Streams with the
/// same root seed and different indices are seeded differently and independently, and the same
/// (root seed, stream) always gives the same sequence. Parallel code gives each block of work its
/// own stream (block `b` uses stream `b`), so results are bit-identical whatever the thread count.
///
/// The generator is a non-`Sendable` class on purpose: GSL generators are not thread-safe, and
/// Swift 6 will not let one be shared between tasks. Create one per task.
///
/// The seed GSL receives is ``gslSeed(root:stream:)``: a bijective 32-bit mix of the stream index
/// offset by a hash of the root seed (MT19937's seeding routine reads 32 bits), so that for one
/// root seed, different streams (below 2^32) always get different MT19937 seeds.
public final class RandomGenerator {
  /// The underlying GSL algorithm.
  public enum Algorithm: String, Sendable, CaseIterable {
    /// Mersenne Twister MT19937 (period 2^19937 - 1): GSL's default and ipfin's.
    case mt19937
    /// RANLUX second generation, double precision, luxury level 2 (slower, decorrelated).
    case ranlxd2
    /// L'Ecuyer's MRG32k3a combined multiple recursive generator.
    case mrg32k3a
  }

  /// The root seed this generator was created from.
  public let rootSeed: UInt64
  /// The stream index this generator was created from.
  public let stream: UInt64
  /// The GSL algorithm.
  public let algorithm: Algorithm
  private let state: UnsafeMutablePointer<gsl_rng>
  /// The generator type's `get_double` and the generator's state: `gsl_rng_uniform(r)` is
  /// `r->type->get_double(r->state)` (an inline function in GSL's header, which Swift cannot
  /// inline), so ``uniform()`` calls it directly for the algorithms other than MT19937. Neither
  /// needs a GSL type, so ``uniform()`` can be inlined into other modules: one indirect call per
  /// uniform instead of three calls.
  @usableFromInline let uniformFunction: @convention(c) (UnsafeMutableRawPointer?) -> Double
  /// The state `uniformFunction` draws from (`state->state`).
  @usableFromInline let uniformState: UnsafeMutableRawPointer?
  /// For MT19937, GSL's generator in Swift over this generator's own GSL state: the same words
  /// as GSL's, without its indirect calls, and inlinable (``GSLMersenneTwister``). Uniforms and
  /// standard normals are drawn with it; nil for the other algorithms, which call GSL.
  @usableFromInline let twister: GSLMersenneTwister?

  /// Creates a generator for stream `stream` of root seed `seed`.
  ///
  /// - Parameters:
  ///   - seed: the 64-bit root seed (for example a command's `--seed`).
  ///   - stream: the stream index (0 by default); block `b` of a parallel job uses stream `b`.
  ///   - algorithm: the GSL algorithm, MT19937 by default.
  public init(seed: UInt64, stream: UInt64 = 0, algorithm: Algorithm = .mt19937) {
    GSLRuntime.prepare()
    let type: UnsafePointer<gsl_rng_type>
    switch algorithm {
    case .mt19937: type = cgsl_rng_mt19937()
    case .ranlxd2: type = cgsl_rng_ranlxd2()
    case .mrg32k3a: type = cgsl_rng_mrg()
    }
    guard let state = gsl_rng_alloc(type) else {
      fatalError("gsl_rng_alloc: out of memory")
    }
    gsl_rng_set(state, Self.gslSeed(root: seed, stream: stream))
    guard let uniformFunction = state.pointee.type.pointee.get_double else {
      fatalError("gsl_rng_type without get_double")
    }
    self.state = state
    self.uniformFunction = uniformFunction
    self.uniformState = state.pointee.state
    let gslType = type.pointee
    if algorithm == .mt19937, let gslState = state.pointee.state {
      self.twister = GSLMersenneTwister(
        state: gslState, stateSize: gslType.size, minimum: gslType.min, maximum: gslType.max)
    } else {
      self.twister = nil
    }
    self.rootSeed = seed
    self.stream = stream
    self.algorithm = algorithm
  }

  deinit {
    gsl_rng_free(state)
  }

  /// The seed passed to `gsl_rng_set` for (`root`, `stream`).
  ///
  /// ```
  /// h    = splitmix64(root), folded to 32 bits: (h ^ (h >> 32)) mod 2^32
  /// seed = fmix32(h + 0x9E3779B9 * stream  mod 2^32)
  /// ```
  /// `x -> h + odd * x` and MurmurHash3's `fmix32` are both bijections of 32-bit integers, so two
  /// streams of one root seed never share a seed (stream indices are taken mod 2^32).
  public static func gslSeed(root: UInt64, stream: UInt64) -> UInt {
    var h = root &+ 0x9E37_79B9_7F4A_7C15
    h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
    h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
    h ^= h >> 31
    let folded = UInt32(truncatingIfNeeded: h ^ (h >> 32))
    var x = folded &+ UInt32(truncatingIfNeeded: stream) &* 0x9E37_79B9
    x ^= x >> 16
    x = x &* 0x85EB_CA6B
    x ^= x >> 13
    x = x &* 0xC2B2_AE35
    x ^= x >> 16
    return UInt(x)
  }

  // MARK: - Single draws

  /// A uniform draw from [0, 1) (`gsl_rng_uniform`, as GSL's header defines it): for MT19937,
  /// GSL's own code in Swift (``GSLMersenneTwister``), the same number.
  @inlinable @inline(__always)
  public func uniform() -> Double {
    if let twister { return twister.uniform() }
    return uniformFunction(uniformState)
  }

  /// A uniform draw from (0, 1), never 0 (`gsl_rng_uniform_pos`, as GSL's header defines it:
  /// uniforms drawn until one is not 0).
  @inlinable @inline(__always)
  public func uniformPositive() -> Double {
    var draw: Double
    repeat { draw = uniform() } while draw == 0
    return draw
  }

  /// A standard normal draw by the ziggurat method (`gsl_ran_gaussian_ziggurat`): for MT19937,
  /// GSL's own code and tables in Swift (``GSLZiggurat``), the same number.
  @inline(__always)
  public func standardNormal() -> Double {
    guard let twister else { return gsl_ran_gaussian_ziggurat(state, 1) }
    var index = twister.load()
    defer { twister.store(index) }
    return GSLZiggurat.standardNormal(twister, at: &index, GSLZiggurat.tables) { _ in }
  }

  /// A uniform draw from [0, 1) by GSL itself (`gsl_rng_uniform`), whatever the algorithm: the
  /// reference ``uniform()`` is checked against.
  package func gslUniform() -> Double {
    gsl_rng_uniform(state)
  }

  /// A standard normal draw by GSL itself (`gsl_ran_gaussian_ziggurat`), whatever the
  /// algorithm: the reference ``standardNormal()`` is checked against.
  package func gslStandardNormal() -> Double {
    gsl_ran_gaussian_ziggurat(state, 1)
  }

  /// ``standardNormal()`` for MT19937, adding the ziggurat's attempts to `counts` (for tests
  /// that check every branch is reached).
  package func standardNormal(countingBranchesIn counts: inout ZigguratBranchCounts) -> Double {
    guard let twister else { preconditionFailure("branch counts need an MT19937 generator") }
    var index = twister.load()
    defer { twister.store(index) }
    return GSLZiggurat.standardNormal(twister, at: &index, GSLZiggurat.tables) { counts.add($0) }
  }

  /// One draw from `distribution`.
  ///
  /// | family | how it is drawn |
  /// |---|---|
  /// | uniform | `gsl_ran_flat` |
  /// | normal | `mean + gsl_ran_gaussian_ziggurat(sd)` |
  /// | lognormal | `exp(logMean + ziggurat(logSd))` |
  /// | exponential, gamma, beta, bernoulli, geometric, t, chi-squared | `gsl_ran_*` |
  /// | triangular | inverse CDF of a uniform draw |
  /// | PERT | `min + (max - min) * gsl_ran_beta(alpha, beta)` |
  @inline(__always)
  public func next(_ distribution: Distribution) -> Double {
    switch distribution.family {
    case let .uniform(a, b): return gsl_ran_flat(state, a, b)
    case let .normal(mu, sigma): return mu + gsl_ran_gaussian_ziggurat(state, sigma)
    case let .lognormal(mu, sigma): return exp(mu + gsl_ran_gaussian_ziggurat(state, sigma))
    case let .exponential(mu): return gsl_ran_exponential(state, mu)
    case let .gamma(k, theta): return gsl_ran_gamma(state, k, theta)
    case let .beta(a, b): return gsl_ran_beta(state, a, b)
    case let .triangular(a, c, b):
      let u = gsl_rng_uniform(state)
      let split = (c - a) / (b - a)
      if u <= split { return a + ((b - a) * (c - a) * u).squareRoot() }
      return b - ((b - a) * (b - c) * (1 - u)).squareRoot()
    case let .pert(a, c, b):
      if a == b { return a }
      let (alpha, beta) = Distribution.pertShapes(minimum: a, mode: c, maximum: b)
      return a + (b - a) * gsl_ran_beta(state, alpha, beta)
    case let .bernoulli(p): return Double(gsl_ran_bernoulli(state, p))
    case let .geometric(p): return Double(gsl_ran_geometric(state, p))
    case let .studentT(nu): return gsl_ran_tdist(state, nu)
    case let .chiSquared(k): return gsl_ran_chisq(state, k)
    }
  }

  // MARK: - Bulk draws

  /// Fills `buffer` with independent draws from `distribution`, in order.
  ///
  /// The result equals `buffer.count` calls of ``next(_:)``: bulk and single draws consume the
  /// generator identically.
  public func fill(_ buffer: UnsafeMutableBufferPointer<Double>, from distribution: Distribution) {
    switch distribution.family {
    case let .normal(mu, sigma):
      for i in buffer.indices { buffer[i] = mu + gsl_ran_gaussian_ziggurat(state, sigma) }
    case let .uniform(a, b):
      for i in buffer.indices { buffer[i] = gsl_ran_flat(state, a, b) }
    default:
      for i in buffer.indices { buffer[i] = next(distribution) }
    }
  }

  /// Fills `array` with independent draws from `distribution`.
  public func fill(_ array: inout [Double], from distribution: Distribution) {
    array.withUnsafeMutableBufferPointer { fill($0, from: distribution) }
  }

  /// `count` independent draws from `distribution`.
  public func sample(_ distribution: Distribution, count: Int) -> [Double] {
    var values = [Double](repeating: 0, count: Swift.max(count, 0))
    fill(&values, from: distribution)
    return values
  }

  /// Fills `buffer` with standard normal draws (ziggurat): the fastest bulk path, the draws of
  /// ``standardNormal()`` in order.
  public func fillStandardNormal(_ buffer: UnsafeMutableBufferPointer<Double>) {
    fillStandardNormal(buffer, count: buffer.count, stride: 1)
  }

  /// Fills `buffer` with standard normal draws by GSL itself, whatever the algorithm: one call
  /// of `gsl_ran_gaussian_ziggurat` per number (which calls the generator through GSL's
  /// function pointers). The same numbers as ``fillStandardNormal(_:)``; the benchmarks time it
  /// as the random-number bound.
  public func fillStandardNormalWithGSL(_ buffer: UnsafeMutableBufferPointer<Double>) {
    for i in buffer.indices { buffer[i] = gsl_ran_gaussian_ziggurat(state, 1) }
  }

  /// Writes `count` standard normal draws (ziggurat) to `buffer[0]`, `buffer[stride]`,
  /// `buffer[2 stride]`, ...: the draws of ``standardNormal()`` in order, laid out with a
  /// stride (for example one column of a year-by-path table).
  public func fillStandardNormal(
    _ buffer: UnsafeMutableBufferPointer<Double>, count: Int, stride: Int
  ) {
    guard count > 0 else { return }
    precondition(stride > 0 && (count - 1) * stride < buffer.count, "strided fill out of bounds")
    guard let base = buffer.baseAddress else { return }
    guard let twister else {
      for i in 0..<count { base[i * stride] = gsl_ran_gaussian_ziggurat(state, 1) }
      return
    }
    let tables = GSLZiggurat.tables
    var index = twister.load()
    for i in 0..<count {
      base[i * stride] = GSLZiggurat.standardNormal(twister, at: &index, tables) { _ in }
    }
    twister.store(index)
  }
}
