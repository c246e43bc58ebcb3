// SPDX-License-Identifier: GPL-3.0-or-later

extension RandomGenerator {
  /// One Beta(alpha, beta) variate drawn with `sampler`'s tables (the method and why it is exact:
  /// ``BetaSampler``), from this generator's uniforms (``uniform()``): usually two of them.
  public func next(_ sampler: BetaSampler) -> Double {
    let strips = BetaSampler.strips
    let thresholdMask: UInt32 = 1 << UInt32(BetaSampler.thresholdBits) - 1
    while true {
      // The uniform's 32 bits (all of MT19937's output): the top 9 pick the column, the other
      // 23 the column's own piece or its alias.
      let bits = UInt32(uniform() * 0x1p32)
      let column = Int(bits >> UInt32(BetaSampler.thresholdBits))
      let entry = sampler.columns[column]
      let piece =
        bits & thresholdMask < entry & thresholdMask
        ? column : Int(entry >> UInt32(BetaSampler.thresholdBits))
      let strip = piece % strips
      let x = (Double(strip) + uniform()) / Double(strips)
      if piece < strips { return x }
      let cap = sampler.caps[strip]
      if cap.squeeze + cap.height * uniform() < sampler.density(x) { return x }
    }
  }

  /// Fills `buffer` with Beta variates from `sampler`, in order: the same as `buffer.count`
  /// calls of ``next(_:)-(BetaSampler)``.
  public func fill(_ buffer: UnsafeMutableBufferPointer<Double>, from sampler: BetaSampler) {
    for i in buffer.indices { buffer[i] = next(sampler) }
  }
}
