// SPDX-License-Identifier: GPL-3.0-or-later

/// GSL's MT19937 generator (`gsl_rng_mt19937`: `mt_get` and `mt_get_double` in `rng/mt.c` of
/// GSL 2.7.1) in Swift, drawing from the state GSL itself allocated and seeded.
///
/// GSL's state is `struct { unsigned long mt[624]; int mti; }`: 624 words of 32 bits, and the
/// index of the next word to temper. This type reads and writes that state in place (a view,
/// not a copy), exactly as `mt_get` does, so every word is the one `gsl_rng_get` would return and
/// the state afterwards is the one GSL would leave: GSL's calls and these can be interleaved on
/// one generator. It saves GSL's indirect calls (`gsl_rng_get -> type->get`), and lets the
/// compiler inline the draw into the caller's loop.
///
/// ```
/// when mti >= 624, for kk in 0 ..< 624 (indices mod 624):
///   y      = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff)
///   mt[kk] = mt[kk + 397] ^ (y >> 1) ^ (y odd ? 0x9908b0df : 0);   then mti = 0
/// k = mt[mti++];  k ^= k >> 11;  k ^= (k << 7) & 0x9d2c5680;
///                 k ^= (k << 15) & 0xefc60000;  k ^= k >> 18
/// uniform = k / 2^32
/// ```
@usableFromInline
struct GSLMersenneTwister {
  /// `state->mt`: the 624 words.
  @usableFromInline let words: UnsafeMutablePointer<CUnsignedLong>
  /// `state->mti`: the index of the next word, 624 when the words must be regenerated.
  @usableFromInline let position: UnsafeMutablePointer<CInt>

  /// The number of words in the state (`N` in `mt.c`).
  @usableFromInline static var wordCount: Int { 624 }

  /// A view of the MT19937 state at `state`, or nil when GSL's state does not have the layout
  /// above: its size (`gsl_rng_type.size`) must be that of `{ unsigned long mt[624]; int mti; }`
  /// on this platform, and its range [`minimum`, `maximum`] must be [0, 2^32 - 1].
  init?(state: UnsafeMutableRawPointer, stateSize: Int, minimum: UInt, maximum: UInt) {
    let wordStride = MemoryLayout<CUnsignedLong>.stride
    let indexOffset = Self.wordCount * wordStride
    let alignment = MemoryLayout<CUnsignedLong>.alignment
    let layoutSize = (indexOffset + MemoryLayout<CInt>.size + alignment - 1) / alignment * alignment
    guard stateSize == layoutSize, minimum == 0, maximum == 0xFFFF_FFFF else { return nil }
    words = state.bindMemory(to: CUnsignedLong.self, capacity: Self.wordCount)
    position = (state + indexOffset).bindMemory(to: CInt.self, capacity: 1)
  }

  /// The next 32-bit word (`gsl_rng_get` for MT19937), tempered.
  @inlinable @inline(__always)
  func next() -> CUnsignedLong {
    var index = Int(position.pointee)
    let word = next(at: &index)
    position.pointee = CInt(truncatingIfNeeded: index)
    return word
  }

  /// The next word with the index held by the caller (`state->mti` is neither read nor
  /// written): bulk draws load the index once, keep it in a register, and store it back with
  /// ``store(_:)``, instead of going through memory for every word (which the compiler cannot
  /// avoid, as the caller's stores might alias GSL's state).
  @inlinable @inline(__always)
  func next(at index: inout Int) -> CUnsignedLong {
    if index >= Self.wordCount {
      regenerate()
      index = 0
    }
    var k = words[index]
    index += 1
    k ^= k >> 11
    k ^= (k << 7) & 0x9D2C_5680
    k ^= (k << 15) & 0xEFC6_0000
    k ^= k >> 18
    return k
  }

  /// A uniform draw from [0, 1): the next word divided by 2^32 (`gsl_rng_uniform` for MT19937).
  @inlinable @inline(__always)
  func uniform() -> Double {
    Double(next()) / 4_294_967_296.0
  }

  /// ``uniform()`` with the index held by the caller (see ``next(at:)``).
  @inlinable @inline(__always)
  func uniform(at index: inout Int) -> Double {
    Double(next(at: &index)) / 4_294_967_296.0
  }

  /// `state->mti`, for bulk draws with ``next(at:)``.
  @inlinable @inline(__always)
  func load() -> Int { Int(position.pointee) }

  /// Stores `index` as `state->mti` after bulk draws with ``next(at:)``.
  @inlinable @inline(__always)
  func store(_ index: Int) { position.pointee = CInt(truncatingIfNeeded: index) }

  /// Regenerates the 624 words by the MT19937 recurrence and sets the index to 0, as `mt_get`
  /// does when the index reaches 624 (once every 624 words, so it is not inlined).
  @usableFromInline @inline(never)
  func regenerate() {
    let n = Self.wordCount
    let m = 397
    /// `(y >> 1) ^ MAGIC(y)` for the upper bit of `a` and the lower 31 bits of `b`.
    func twist(_ a: CUnsignedLong, _ b: CUnsignedLong) -> CUnsignedLong {
      let y = (a & 0x8000_0000) | (b & 0x7FFF_FFFF)
      return (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
    }
    for kk in 0..<(n - m) {
      words[kk] = words[kk + m] ^ twist(words[kk], words[kk + 1])
    }
    for kk in (n - m)..<(n - 1) {
      words[kk] = words[kk + m - n] ^ twist(words[kk], words[kk + 1])
    }
    words[n - 1] = words[m - 1] ^ twist(words[n - 1], words[0])
    position.pointee = 0
  }
}
