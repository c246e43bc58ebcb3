// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPCommon

/// The Monte Carlo valuation of a portfolio: every asset's value simulated path by path on GSL's
/// random numbers, with revenue shocks correlated across assets through one market factor.
///
/// The model, per path (see ``PathSimulator`` for the order of the draws):
///
/// ```
/// r   ~ PERT(low, mode, high)                                (fixed when low = high)
/// R_k = R_{k-1} exp(ln(1+g) - sigma^2/2 + sigma Z_k),  R_0 = revenue
/// Z_k = sqrt(rho) F_k + sqrt(1-rho) e_k                      (F_k shared by the path's assets)
/// T   : P(T > k) = (1-h)^k                                   (the right pays in years k < T)
/// G   ~ Bernoulli(p_grant)                                   (once per path)
/// A   : the first year j with R_j r (1-delta)^j <= X*_j, the owner abandoning the right
/// V   = G * sum_{k=1..min(N, T-1, A)} w_k (R_k r (1-delta)^k - m) (1-tau) / (1+d)^(k-0.5)
/// ```
/// (``ContinuationValue`` defines the thresholds `X*_j`). `E[R_k] = R_0 (1+g)^k`, and `r`, the
/// `R_k`, `T` and `G` are independent, so without a maintenance cost (no abandonment) `E[V]` is
/// the deterministic value with `r` replaced by the PERT mean `(low + 4 mode + high) / 6`
/// (``AssetValue/expectedValue``); with one, `E[V]` is at least that.
///
/// **Risk over a horizon.** On each path the horizon value of each asset is what a holder has
/// at the end of year `H`, valued today: the cash flows of the years `k <= H` and the
/// continuation value of a right still alive and kept,
/// `V_H = sum_{k<=H} CF_k / (1+d)^(k-0.5) + C_H(X_H) / (1+d)^H`.
///
/// **A loan.** With a ``Loan`` and its probability of default, the borrower defaults in the
/// first year `j <= T` with `sqrt(beta) F_j + sqrt(1-beta) eta_j < PhiInverse(p)`, `F_j` the
/// path's market factor of year `j` (the one that moves the revenues); on such a path the
/// collateral at default is `V(j) = sum_i C_j(X_ij)` over the rights granted, not lost and not
/// abandoned, and the sale value `V_s(j)` (``ContinuationValue``).
///
/// **Reproducibility.** Paths run in fixed blocks of 1,024; each asset of each block draws from
/// its own stream of the root seed (``PathSimulator``), blocks run in parallel on
/// ``ValuationAssumptions/threads`` threads and land by index, and per-asset sums are combined
/// in block order: the result is bit-identical for any thread count.
///
/// **Memory** grows with paths plus assets: six values per path (the whole-life and horizon
/// values and the four kinds of right's eligible horizon values) and three more with a loan
/// (the default year, `V(j)`, `V_s(j)`); about 15 to 18 once ``CollateralReport`` has sorted
/// them and formed the lending values and losses, hence ``ValuationAssumptions/maximumPaths``;
/// a few per asset and year of its life (thresholds, the continuation terms, the horizon's
/// envelope; 6 KiB of tables per PERT royalty), whatever the tenor, and per running block a
/// year-by-path table of market factors and one of shocks (1,024 paths times the longest life:
/// 160 KiB each for 20 years); per-asset quantiles simulate each asset's paths again in groups
/// whose values fit in ``quantileMemoryBudget``, instead of keeping paths times assets.
public enum MonteCarloValuation {
  /// The most path values held at once for per-asset quantiles: 4,194,304 (32 MiB).
  public static let quantileMemoryBudget = 1 << 22

  /// Values `portfolio` under `assumptions` by simulation, and, with a `loan` that gives a
  /// probability of default, the collateral at the borrower's default.
  ///
  /// With a loan, a right whose remaining life ends before the tenor and the sale,
  /// `L < T + s`, is not eligible (``Loan/isEligible(remainingLife:)``): it is left out of
  /// ``ValuationResult/lendingBaseByRight``, and a warning names it.
  ///
  /// - Parameters:
  ///   - perAssetQuantiles: whether to compute each asset's 5%, 50% and 95% quantiles, which
  ///     costs a second simulation of the assets (true by default).
  ///   - progress: advanced by one unit per path simulated; its total should be
  ///     ``progressUnits(paths:perAssetQuantiles:)``.
  /// - Throws: ``ValuationError`` for an invalid setting or a non-finite simulated value;
  ///   ``InputError`` (`badData`) for an asset filed or granted after the valuation date.
  public static func run(
    portfolio: Portfolio, assumptions: ValuationAssumptions, loan: Loan? = nil,
    perAssetQuantiles: Bool = true, progress: ProgressBar? = nil
  ) throws -> ValuationResult {
    try loan?.validate()
    var (models, warnings) = try AssetModel.resolve(portfolio, assumptions)
    let eligible = models.map { loan?.isEligible(remainingLife: $0.remainingLife) ?? true }
    if let loan {
      for (model, eligible) in zip(models, eligible) where !eligible && model.years > 0 {
        warnings.append(
          ValuationWarning(
            assetID: model.asset.id, location: model.asset.location,
            message: "asset '\(model.asset.id)' is not eligible as collateral: its remaining "
              + "life of \(NumberFormatting.fixed(model.remainingLife, digits: 2)) years ends "
              + "before the loan's tenor and the time to sell, \(loan.tenorYears) + "
              + "\(NumberFormatting.exact(loan.timeToSell)) years; the lending value leaves "
              + "it out"))
      }
    }
    let deterministic = DeterministicResult(
      models: models, warnings: warnings, currency: portfolio.currency)
    let simulator = try PathSimulator(
      models: models, paths: assumptions.paths, seed: assumptions.seed,
      correlation: assumptions.correlation, horizonYears: assumptions.horizonYears, loan: loan)
    // Sums are shifted by a value near each asset's mean, for accuracy: E[V] where it has a
    // closed form, else the deterministic value (never negative, so an asset whose every path
    // is worth 0 gets a mean of exactly 0).
    let shifts = deterministic.assets.map { $0.expectedValue ?? $0.deterministicValue }
    let sums = simulatePortfolio(
      simulator, means: shifts,
      eligible: eligible, threads: assumptions.threads, progress: progress)
    if let bad = sums.portfolio.firstIndex(where: { !$0.isFinite }) {
      throw ValuationError(
        .numericalFailure,
        "the simulated portfolio value of path \(bad + 1) is not finite; "
          + "lower the revenue volatility or growth")
    }
    let quantiles =
      perAssetQuantiles
      ? try assetQuantiles(simulator, threads: assumptions.threads, progress: progress)
      : [AssetValuation.Quantiles?](repeating: nil, count: models.count)
    let count = Double(assumptions.paths)
    let assets = models.indices.map { index in
      let terms = deterministic.assets[index]
      let (shifted, shiftedSquares) = sums.assetSums[index]
      let variance = (shiftedSquares - shifted * shifted / count) / (count - 1)
      return AssetValuation(
        terms: terms,
        mean: shifts[index] + shifted / count,
        standardDeviation: max(variance, 0).squareRoot(), quantiles: quantiles[index],
        isEligible: eligible[index])
    }
    var byRight: [IPRight: [Double]] = [:]
    for (index, right) in IPRight.allCases.enumerated() { byRight[right] = sums.byRight[index] }
    let defaults = sums.defaults.map {
      DefaultOutcomes(
        years: $0.years.map { Int($0) }, collateral: $0.collateral, saleValues: $0.sale)
    }
    return ValuationResult(
      assumptions: assumptions, loan: loan, deterministic: deterministic, assets: assets,
      portfolioValues: sums.portfolio,
      horizonValues: assumptions.horizonYears == nil ? nil : sums.horizon,
      lendingBaseByRight: byRight, defaults: defaults, variatesDrawn: sums.drawn)
  }

  /// The progress units of a run: one per path, twice with per-asset quantiles.
  public static func progressUnits(paths: Int, perAssetQuantiles: Bool) -> Int {
    perAssetQuantiles ? 2 * paths : paths
  }

  // MARK: - The portfolio pass

  /// What the portfolio pass returns.
  private struct PortfolioSums {
    /// Per path: the whole-life and the horizon value of the portfolio.
    var portfolio: [Double]
    var horizon: [Double]
    /// Per kind of right and path: the horizon value of the eligible rights.
    var byRight: [[Double]]
    /// Per path, with a borrower: the default year (0 for none), `V(j)` and `V_s(j)`.
    var defaults: (years: [Double], collateral: [Double], sale: [Double])?
    /// Per asset: `sum(v - c)` and `sum((v - c)^2)`, shifted by `c`, the exact mean or a value
    /// near it, so that the variance does not lose digits.
    var assetSums: [(Double, Double)]
    var drawn: VariateCounts
  }

  /// Simulates every asset on every path, adding the values into the portfolio's whole-life and
  /// horizon totals and the eligible rights' horizon totals by kind in asset order, and each
  /// asset's sums shifted by its `means`; with a borrower, the default years and the collateral
  /// at default.
  private static func simulatePortfolio(
    _ simulator: PathSimulator, means: [Double], eligible: [Bool], threads: Int,
    progress: ProgressBar?
  ) -> PortfolioSums {
    let models = simulator.models
    let paths = simulator.paths
    let portfolio = SharedBuffer(count: paths)
    let horizon = SharedBuffer(count: paths)
    let byRight = IPRight.allCases.map { _ in SharedBuffer(count: paths) }
    let defaults =
      simulator.borrower == nil
      ? [] : [SharedBuffer(count: paths), SharedBuffer(count: paths), SharedBuffer(count: paths)]
    let rightIndex = models.map { IPRight.allCases.firstIndex(of: $0.asset.right) ?? 0 }
    let merger = BlockMerger(assets: models.count)
    ParallelBlocks.run(count: simulator.blockCount, threads: threads) { block in
      let range = simulator.pathRange(block)
      let factors = simulator.factors(block: block)
      let total = portfolio.slice(range)
      let horizonTotal = horizon.slice(range)
      let rightTotals = byRight.map { $0.slice(range) }
      var sums = [(Double, Double)](repeating: (0, 0), count: models.count)
      let workspace = PathSimulator.Workspace(pathCount: range.count, years: simulator.longestLife)
      var drawn = VariateCounts(normals: range.count * simulator.factorYears)
      drawn += simulator.drawDefaults(block: block, factors: factors, workspace: workspace)
      var values = [Double](repeating: 0, count: range.count)
      for asset in models.indices {
        values.withUnsafeMutableBufferPointer { buffer in
          drawn += simulator.simulate(
            asset: asset, block: block, factors: factors, workspace: workspace, risk: true,
            into: buffer)
        }
        let mean = means[asset]
        let rightTotal = eligible[asset] ? rightTotals[rightIndex[asset]] : nil
        var shifted = 0.0
        var shiftedSquares = 0.0
        for (path, value) in values.enumerated() {
          total[path] += value
          let horizonValue = workspace.horizonValues[path]
          horizonTotal[path] += horizonValue
          rightTotal?[path] += horizonValue
          shifted += value - mean
          shiftedSquares += (value - mean) * (value - mean)
        }
        sums[asset] = (shifted, shiftedSquares)
      }
      for (buffer, source) in zip(
        defaults, [workspace.defaultYears, workspace.collateralAtDefault, workspace.saleAtDefault])
      {
        _ = buffer.slice(range).update(fromContentsOf: source[..<range.count])
      }
      merger.add(block: block, sums: sums, drawn: drawn)
      progress?.advance(by: range.count)
    }
    return PortfolioSums(
      portfolio: portfolio.array, horizon: horizon.array, byRight: byRight.map(\.array),
      defaults: defaults.isEmpty ? nil : (defaults[0].array, defaults[1].array, defaults[2].array),
      assetSums: merger.sums, drawn: merger.drawn)
  }

  // MARK: - The per-asset pass

  /// Each asset's 5%, 50% and 95% quantiles, simulating its paths again (the same streams give
  /// the same values) in groups of assets whose values fit in ``quantileMemoryBudget``.
  private static func assetQuantiles(
    _ simulator: PathSimulator, threads: Int, progress: ProgressBar?
  ) throws -> [AssetValuation.Quantiles?] {
    let paths = simulator.paths
    let groupSize = max(1, min(simulator.models.count, quantileMemoryBudget / paths))
    var quantiles: [AssetValuation.Quantiles?] = []
    for groupStart in stride(from: 0, to: simulator.models.count, by: groupSize) {
      let group = groupStart..<min(groupStart + groupSize, simulator.models.count)
      let values = SharedBuffer(count: group.count * paths)
      ParallelBlocks.run(count: simulator.blockCount, threads: threads) { block in
        let range = simulator.pathRange(block)
        let factors = simulator.factors(block: block)
        let workspace = PathSimulator.Workspace(
          pathCount: range.count, years: simulator.longestLife)
        for (position, asset) in group.enumerated() {
          let offset = position * paths
          _ = simulator.simulate(
            asset: asset, block: block, factors: factors, workspace: workspace,
            into: values.slice(offset + range.lowerBound..<offset + range.upperBound))
        }
        progress?.advance(by: range.count * group.count / simulator.models.count)
      }
      // Each asset's values sorted on its own thread; 5%, 50% and 95% quantiles land by index
      // (nil only for a non-finite value, which the portfolio pass has already ruled out).
      let found = ParallelBlocks.map(count: group.count, threads: threads) { position in
        let values = Array(values.slice(position * paths..<(position + 1) * paths))
        guard let sample = try? SortedSample(values) else { return AssetValuation.Quantiles?.none }
        return try? AssetValuation.Quantiles(
          p05: sample.quantile(0.05), p50: sample.quantile(0.5), p95: sample.quantile(0.95))
      }
      for (position, assetQuantiles) in found.enumerated() {
        guard let assetQuantiles else {
          throw ValuationError(
            .numericalFailure,
            "a simulated value of asset '\(simulator.models[groupStart + position].asset.id)' "
              + "is not finite; lower its revenue volatility or growth")
        }
        quantiles.append(assetQuantiles)
      }
    }
    return quantiles
  }
}

/// Combines per-block, per-asset sums in block order, whatever order the blocks finish in, so
/// that the totals are bit-identical for any thread count. Holds only the blocks that finished
/// before an earlier one.
private final class BlockMerger: @unchecked Sendable {
  private let lock = NSLock()
  private var waiting: [Int: [(Double, Double)]] = [:]
  private var nextBlock = 0
  private(set) var sums: [(Double, Double)]
  private(set) var drawn = VariateCounts()

  init(assets: Int) {
    sums = [(Double, Double)](repeating: (0, 0), count: assets)
  }

  func add(block: Int, sums blockSums: [(Double, Double)], drawn blockDrawn: VariateCounts) {
    lock.lock()
    defer { lock.unlock() }
    drawn += blockDrawn
    waiting[block] = blockSums
    while let ready = waiting.removeValue(forKey: nextBlock) {
      for (index, (shifted, squares)) in ready.enumerated() {
        sums[index].0 += shifted
        sums[index].1 += squares
      }
      nextBlock += 1
    }
  }
}
