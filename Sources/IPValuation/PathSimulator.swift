// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// Simulates asset values path by path, in fixed blocks of paths, each asset of each block on
/// its own random stream.
///
/// Paths are cut into blocks of ``blockSize``. With `A` assets, block `b` uses the streams
/// `b (A + 1)` (the market factors of its paths) and `b (A + 1) + 1 + i` (asset `i`), all of the
/// one root seed. What a block draws therefore depends only on its number, never on the thread
/// that runs it, and one asset's paths can be simulated again on their own (for per-asset
/// quantiles) without storing every asset's values.
///
/// On one path, asset `i` is valued as follows (the draws in this order, each only when needed):
///
/// 1. granted when `U < p_grant` (a uniform draw, only for a pending application); if not, the
///    value is 0 and nothing else is drawn;
/// 2. the loss year `T = 1 + floor(ln U / ln(1 - h))` (only when `h > 0`), so that
///    `P(T > k) = (1 - h)^k`; the asset pays in years `k < T`, so `K = min(N, T - 1)` years;
/// 3. the royalty `r ~ PERT(low, mode, high)` (GSL's beta; only when low < high);
/// 4. for `k = 1...K` (only when `sigma > 0`): `e_k` standard normal (GSL's ziggurat),
///    `Z_k = sqrt(rho) F_k + sqrt(1 - rho) e_k` and
///    `R_k = R_{k-1} exp(ln(1+g) - sigma^2/2 + sigma Z_k)`, where `F_k` is the path's market
///    factor for year k, shared by every asset.
///
/// The value is then `sum_{k<=K} a_k r R_k - sum_{k<=K} c_k` with the weights of ``AssetModel``
/// (`a_k` discounts the royalty base, `c_k` the maintenance cost).
struct PathSimulator: Sendable {
  /// The number of paths in a block: 1,024.
  static let blockSize = 1024

  let models: [AssetModel]
  let paths: Int
  let seed: UInt64
  let correlation: Double
  /// The number of market-factor years drawn per path: the longest life among assets whose
  /// revenue is random, when the correlation is above 0; otherwise 0.
  let factorYears: Int
  /// The PERT royalty of each asset, `nil` when the royalty is fixed (low = high).
  let royalties: [Distribution?]

  init(models: [AssetModel], paths: Int, seed: UInt64, correlation: Double) throws {
    self.models = models
    self.royalties = try models.map {
      $0.royaltyLow < $0.royaltyHigh ? try $0.royaltyDistribution : nil
    }
    self.paths = paths
    self.seed = seed
    self.correlation = correlation
    let randomYears = models.filter { $0.volatility > 0 }.map(\.years).max() ?? 0
    self.factorYears = correlation > 0 ? randomYears : 0
    let streams = UInt64(blockCount) * UInt64(models.count + 1)
    guard streams <= UInt64(UInt32.max) else {
      throw ValuationError.invalidSetting(
        "paths",
        "\(paths) paths of \(models.count) assets need \(streams) random streams; at most "
          + "\(UInt32.max) are available: use fewer paths")
    }
  }

  /// The number of blocks.
  var blockCount: Int { (paths + Self.blockSize - 1) / Self.blockSize }

  /// The paths of block `block`.
  func pathRange(_ block: Int) -> Range<Int> {
    block * Self.blockSize..<min(paths, (block + 1) * Self.blockSize)
  }

  /// The market factors `F_k` of the paths of `block`: `factorYears` standard normals per path,
  /// path by path.
  func factors(block: Int) -> [Double] {
    let count = pathRange(block).count * factorYears
    guard count > 0 else { return [] }
    let generator = RandomGenerator(seed: seed, stream: stream(block: block, asset: nil))
    var values = [Double](repeating: 0, count: count)
    values.withUnsafeMutableBufferPointer { generator.fillStandardNormal($0) }
    return values
  }

  /// Simulates asset `asset` on the paths of `block`, writing one value per path to `values`.
  ///
  /// - Returns: the random variates drawn, by kind (for benchmarks).
  func simulate(
    asset: Int, block: Int, factors: [Double], into values: UnsafeMutableBufferPointer<Double>
  ) -> VariateCounts {
    let model = models[asset]
    let count = pathRange(block).count
    precondition(values.count == count)
    guard model.years > 0 else {
      values.update(repeating: 0)
      return VariateCounts()
    }
    let generator = RandomGenerator(seed: seed, stream: stream(block: block, asset: asset))
    let royalty = royalties[asset]
    let logSurvival = log1p(-model.hazard)
    let sigma = model.volatility
    let drift = log1p(model.growth) - sigma * sigma / 2
    let factorLoading = correlation.squareRoot()
    let idiosyncraticLoading = (1 - correlation).squareRoot()
    var drawn = VariateCounts()
    // The idiosyncratic shocks of one path, drawn in one call.
    var shocks = [Double](repeating: 0, count: idiosyncraticLoading > 0 ? model.years : 0)
    model.royaltyWeights.withUnsafeBufferPointer { weights in
      factors.withUnsafeBufferPointer { factors in
        shocks.withUnsafeMutableBufferPointer { shocks in
          for path in 0..<count {
            if model.grantProbability < 1 {
              drawn.uniforms += 1
              if generator.uniform() >= model.grantProbability {
                values[path] = 0
                continue
              }
            }
            var payingYears = model.years
            if model.hazard > 0 {
              // T - 1 = floor(ln U / ln(1 - h)) >= 0, U in (0, 1): compared before it is
              // converted (it may exceed Int's range), and truncated, which is the floor here.
              drawn.uniforms += 1
              let yearsBeforeLoss = log(generator.uniformPositive()) / logSurvival
              if yearsBeforeLoss < Double(payingYears) { payingYears = Int(yearsBeforeLoss) }
            }
            var rate = model.royaltyMode
            if let royalty {
              rate = generator.next(royalty)
              drawn.royalties += 1
            }
            let maintenance = model.maintenancePrefix[payingYears]
            guard sigma > 0, payingYears > 0 else {
              values[path] = rate * model.expectedRoyaltyPrefix[payingYears] - maintenance
              continue
            }
            if idiosyncraticLoading > 0 {
              generator.fillStandardNormal(
                UnsafeMutableBufferPointer(rebasing: shocks[..<payingYears]))
              drawn.normals += payingYears
            }
            let pathFactors = path * factorYears
            var revenue = model.revenue
            var royaltyBase = 0.0
            for year in 0..<payingYears {
              var shock = 0.0
              if factorLoading > 0 { shock = factorLoading * factors[pathFactors + year] }
              if idiosyncraticLoading > 0 { shock += idiosyncraticLoading * shocks[year] }
              revenue *= exp(drift + sigma * shock)
              royaltyBase += weights[year] * revenue
            }
            values[path] = rate * royaltyBase - maintenance
          }
        }
      }
    }
    return drawn
  }

  /// The stream of `asset` (or of the market factors, for `nil`) in `block`.
  private func stream(block: Int, asset: Int?) -> UInt64 {
    UInt64(block) * UInt64(models.count + 1) + UInt64(asset.map { $0 + 1 } ?? 0)
  }
}
