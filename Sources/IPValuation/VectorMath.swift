// SPDX-License-Identifier: GPL-3.0-or-later

/// Elementary functions on SIMD vectors, written out in Swift so that the compiler can inline
/// them into vectorised loops (the C library's functions take one number per call).
public enum VectorMath {
  /// `e^x` for each of eight numbers, within 2 units in the last place of the C library's `exp`
  /// (Foundation's; the tests compare the two for `x` over [-745, 709.78], subnormal results
  /// included): `+infinity` above about 709.78, gradual underflow to subnormal numbers and then
  /// 0 below about -708, NaN for NaN.
  ///
  /// Cody and Waite's reduction and a Taylor polynomial evaluated by Estrin's scheme (a
  /// shorter chain of dependent operations than Horner's, which matters more here than the
  /// operation count):
  ///
  /// ```
  /// n    = round(x / ln 2)                    (by adding and subtracting 1.5 * 2^52)
  /// r    = (x - n ln2_hi) - n ln2_lo,         |r| <= ln(2) / 2,  ln2_hi exact in 32 bits
  /// e^r  = sum_{j=0..13} r^j / j!             (truncation error below 4e-18 relative)
  /// e^x  = e^r * 2^n1 * 2^n2,                 n1 = round(n / 2), n2 = n - n1
  /// ```
  /// Splitting `2^n` in two factors keeps each one a normal number over the whole range, so
  /// that results near overflow and in the subnormal range come out right without branches;
  /// `x` is first clamped to [-746, 710], where `e^x` is already 0 or infinite.
  @inline(__always)
  public static func exp(_ x: SIMD8<Double>) -> SIMD8<Double> {
    typealias Vector = SIMD8<Double>
    let shifter = Vector(repeating: 0x1.8p52)
    var clamped = x.replacing(with: -746, where: x .< -746)
    clamped = clamped.replacing(with: 710, where: clamped .> 710)
    let shifted = clamped * 0x1.71547652b82fep0 + shifter  // x / ln 2 + 1.5 * 2^52
    let n = shifted - shifter
    let r = (clamped - n * 0x1.62e42feep-1) - n * 0x1.a39ef35793c76p-33
    let r2 = r * r
    let r4 = r2 * r2
    let terms01 = 1 + r
    let terms23 = 1.0 / 2 + r * (1.0 / 6)
    let terms45 = 1.0 / 24 + r * (1.0 / 120)
    let terms67 = 1.0 / 720 + r * (1.0 / 5040)
    let terms89 = 1.0 / 40320 + r * (1.0 / 362_880)
    let terms1011 = 1.0 / 3_628_800 + r * (1.0 / 39_916_800)
    let terms1213 = 1.0 / 479_001_600 + r * (1.0 / 6_227_020_800)
    let terms03 = terms01 + r2 * terms23
    let terms47 = terms45 + r2 * terms67
    let terms813 = (terms89 + r2 * terms1011) + r4 * terms1213
    let polynomial = terms03 + r4 * (terms47 + r4 * terms813)
    let half = n * 0.5 + shifter
    let rest = (n - (half - shifter)) + shifter
    return polynomial * powerOfTwo(half) * powerOfTwo(rest)
  }

  /// `2^m` for whole numbers `m` in [-1022, 1023] held as `m + 1.5 * 2^52`: the low bits of
  /// that number, moved to the exponent field.
  @inline(__always)
  static func powerOfTwo(_ shifted: SIMD8<Double>) -> SIMD8<Double> {
    typealias Bits = SIMD8<UInt64>
    let exponentBias = Bits(repeating: (0x1.8p52 as Double).bitPattern &- 1023)
    let bits = (unsafeBitCast(shifted, to: Bits.self) &- exponentBias) &<< 52
    return unsafeBitCast(bits, to: SIMD8<Double>.self)
  }
}
