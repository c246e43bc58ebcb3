// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// Simulates asset values path by path, in fixed blocks of paths, each asset of each block on
/// its own random stream.
///
/// Paths are cut into blocks of ``blockSize``. With `A` assets and `B` blocks, block `b` uses the
/// streams `b (A + 1)` (the market factors of its paths), `b (A + 1) + 1 + i` (asset `i`) and,
/// with a loan, `2^32 - 1 - b` (the borrower), all of the one root seed. What a block draws
/// therefore depends only on its number, never on the thread that runs it; one asset's paths can
/// be simulated again on their own (for per-asset quantiles) without storing every asset's
/// values; and a loan changes no other draw.
///
/// On one path, asset `i` is valued as follows (the draws in this order, each only when needed):
///
/// 1. granted when `U < p_grant` (a uniform draw, only for a pending application); if not, the
///    value is 0 and nothing else is drawn;
/// 2. the loss year `T = 1 + floor(ln U / ln(1 - h))` (only when `h > 0`), so that
///    `P(T > k) = (1 - h)^k`; the asset pays in years `k < T`, so `K = min(N, T - 1)` years:
///    the number of years `k <= N` with `U <= (1 - h)^k`, which is how it is computed;
/// 3. the royalty `r ~ PERT(low, mode, high)`, `low + (high - low) X` with `X` a beta variate
///    drawn by GSLKit's ``BetaSampler`` (only when low < high);
/// 4. for `k = 1...K` (only when `sigma > 0` and `rho < 1`): `e_k` standard normal (GSL's
///    ziggurat), and then, with `F_k` the path's market factor for year k, shared by every asset,
///    `Z_k = sqrt(rho) F_k + sqrt(1 - rho) e_k` and
///    `R_k = R_{k-1} exp(ln(1+g) - sigma^2/2 + sigma Z_k)`.
///
/// At the end of each year `j < K` the owner abandons the right when its royalty income is at or
/// below the threshold, `R_j r (1 - delta)^j <= X*_j` (``ContinuationValue``), and it pays no
/// more: `K = j`. The value is then `sum_{k<=K} a_k r R_k - sum_{k<=K} c_k` with the weights of
/// ``AssetModel`` (`a_k` discounts the royalty base, `c_k` the maintenance cost).
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
  /// The sampler of each asset's PERT royalty: Beta(alpha, beta) with the PERT shapes, or, for
  /// a fixed royalty (low = high), a placeholder that is never drawn from (so that the loop over
  /// paths needs no optional binding, which would copy the sampler's tables on every path).
  let royalties: [BetaSampler]
  /// The risk horizon `H` in years; `nil` measures risk on the whole-life value.
  let horizonYears: Int?
  /// Per asset: `C_H`, and the factor `(1 + d)^-H` that values it today; `nil` when the asset's
  /// life ends by the horizon (or without a horizon).
  let horizonValues: [(continuation: ContinuationValue, discount: Double)?]
  /// The borrower's default process, with a loan and its probability of default.
  let borrower: Borrower?
  /// Per asset, with a borrower: the terms of its values at a default; `nil` without a borrower.
  let defaultTerms: [ContinuationTerms]?

  /// The borrower's latent creditworthiness in year `j`, `Y_j = sqrt(beta) F_j + sqrt(1-beta)
  /// eta_j`, and the default in the first year `j <= T` with `Y_j < PhiInverse(p)`.
  struct Borrower: Sendable {
    /// `T`.
    let tenorYears: Int
    /// `PhiInverse(p)`: `-infinity` for `p = 0`, `+infinity` for `p = 1`.
    let threshold: Double
    /// `sqrt(beta)` and `sqrt(1 - beta)`.
    let factorLoading: Double, ownLoading: Double
    /// `s`, the years a sale takes.
    let timeToSell: Double
  }

  init(
    models: [AssetModel], paths: Int, seed: UInt64, correlation: Double,
    horizonYears: Int? = nil, loan: Loan? = nil
  ) throws {
    self.models = models
    let placeholder = try BetaSampler(alpha: 1, beta: 1)
    self.royalties = try models.map { model in
      guard model.royaltyLow < model.royaltyHigh else { return placeholder }
      let (alpha, beta) = Distribution.pertShapes(
        minimum: model.royaltyLow, mode: model.royaltyMode, maximum: model.royaltyHigh)
      return try BetaSampler(alpha: alpha, beta: beta)
    }
    self.paths = paths
    self.seed = seed
    self.correlation = correlation
    let randomYears = models.filter { $0.volatility > 0 }.map(\.years).max() ?? 0
    self.factorYears = correlation > 0 ? randomYears : 0
    self.horizonYears = horizonYears
    self.horizonValues = models.map { model in
      guard let horizonYears, horizonYears < model.years else { return nil }
      return (
        model.continuation(year: horizonYears),
        1 / pow(1 + model.discountRate, Double(horizonYears))
      )
    }
    if let loan, let probability = loan.probabilityOfDefault {
      let threshold: Double
      switch probability {
      case ...0: threshold = -.infinity
      case 1...: threshold = .infinity
      default: threshold = try Distribution.normal().quantile(probability)
      }
      borrower = Borrower(
        tenorYears: loan.tenorYears, threshold: threshold,
        factorLoading: loan.borrowerCorrelation.squareRoot(),
        ownLoading: (1 - loan.borrowerCorrelation).squareRoot(), timeToSell: loan.timeToSell)
      defaultTerms = models.map(ContinuationTerms.init)
    } else {
      borrower = nil
      defaultTerms = nil
    }
    let streams =
      UInt64(blockCount) * UInt64(models.count + 1) + (borrower == nil ? 0 : UInt64(blockCount))
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

  /// The longest life among the assets: the most years a ``Workspace`` must hold.
  var longestLife: Int { models.map(\.years).max() ?? 0 }

  /// The market factors `F_k` of the paths of `block`, drawn path by path (`factorYears`
  /// standard normals per path) and laid out year by year in rows of ``Workspace/rowLength(_:)``
  /// entries: `F_k` of the block's path `p` at `(k - 1) rowLength + p`, zeros past the last path.
  func factors(block: Int) -> [Double] {
    let pathCount = pathRange(block).count
    let rowLength = Workspace.rowLength(pathCount)
    guard factorYears > 0 else { return [] }
    let generator = RandomGenerator(seed: seed, stream: stream(block: block, asset: nil))
    var values = [Double](repeating: 0, count: rowLength * factorYears)
    values.withUnsafeMutableBufferPointer { table in
      for path in 0..<pathCount {
        generator.fillStandardNormal(
          UnsafeMutableBufferPointer(rebasing: table[path...]), count: factorYears,
          stride: rowLength)
      }
    }
    return values
  }

  /// The borrower's default year on each path of `block` (0 when it does not default within
  /// the tenor), into the workspace's ``Workspace/defaultYears``.
  ///
  /// The borrower draws from its own stream of the block, `2^32 - 1 - block`, which no asset and
  /// no market factor uses (they count up from 0, and at most `2^32 - 1` streams are used in
  /// all), so that a valuation without a loan draws exactly the same numbers and a path's
  /// default does not depend on the number of paths: path by path, the `T` normals
  /// `eta_1..eta_T`, then the market factors `F_j` of the years `j` beyond ``factorYears``
  /// (those the revenues did not draw, all of them when no revenue is random or the correlation
  /// is 0).
  ///
  /// - Returns: the normals drawn.
  func drawDefaults(block: Int, factors: [Double], workspace: Workspace) -> VariateCounts {
    let count = pathRange(block).count
    workspace.defaultYears.update(repeating: 0)
    guard let borrower else { return VariateCounts() }
    let tenor = borrower.tenorYears
    let drawnFactors = min(factorYears, tenor)
    let generator = RandomGenerator(seed: seed, stream: UInt64(UInt32.max) - UInt64(block))
    var normals = [Double](repeating: 0, count: 2 * tenor - drawnFactors)
    let rowLength = workspace.rowLength
    normals.withUnsafeMutableBufferPointer { normals in
      for path in 0..<count {
        generator.fillStandardNormal(normals)
        for year in 1...tenor {
          let factor =
            year <= drawnFactors
            ? factors[(year - 1) * rowLength + path] : normals[tenor + year - drawnFactors - 1]
          let latent =
            borrower.factorLoading * factor + borrower.ownLoading * normals[year - 1]
          if latent < borrower.threshold {
            workspace.defaultYears[path] = Double(year)
            break
          }
        }
      }
    }
    return VariateCounts(normals: count * normals.count)
  }

  /// Simulates asset `asset` on the paths of `block`, writing its whole-life value on each path
  /// to `values`; with `risk`, also its horizon value to the workspace's
  /// ``Workspace/horizonValues`` and, on the paths that default, its `C_j` and `V_s(j)` added to
  /// ``Workspace/collateralAtDefault`` and ``Workspace/saleAtDefault``.
  ///
  /// Two passes, with `B_K = sum_{k<=K} a_k R_k`. The first goes path by path in the order of
  /// the draws above and keeps each path's `K`, `r` and the rest of its value besides `r B_K`;
  /// path `p`'s shocks `e_k` go to row `k` of the workspace's year-by-path table. The second
  /// goes year by year over all the paths of the block at once: first the owner's choice at the
  /// end of year `k - 1` (abandon when `R_(k-1) r <= X*_(k-1) / (1-delta)^(k-1)`, then
  /// `K = k - 1`), then
  ///
  /// ```
  /// R_k = R_{k-1} exp(ln(1+g) - sigma^2/2 + sigma sqrt(rho) F_k + sigma sqrt(1-rho) e_k)
  /// B_k = B_{k-1} + (k <= K ? a_k R_k : 0)
  /// ```
  /// eight paths at a time in SIMD vectors (``VectorMath/exp(_:)``; the C library's `exp`
  /// is one call per number). The years past a path's `K` (and those of paths not granted) are
  /// computed and masked out: on the benchmark portfolio a third more growth factors than are
  /// used (8,054 against 5,917 per path), yet faster than a loop of `K` years per path, whose
  /// exit, varying with `K`, the processor mispredicts, and whose `exp` cannot be vectorised.
  /// The revenue and `B` at the horizon, and the revenue in each path's default year, are kept
  /// as the years pass. Without revenue volatility the revenues are their expectations and the
  /// first pass does everything.
  ///
  /// On a path whose right pays `K` years (after loss and abandonment), with income
  /// `X_j = R_j r (1-delta)^j`:
  ///
  /// ```
  /// V   = r B_K - M_K                           (M_K: the maintenance of K years)
  /// V_H = r B_min(K,H) - M_min(K,H) + [K >= H] C_H(X_H) / (1+d)^H      (the horizon value)
  /// at a default in year J <= T with K >= J:  C_J(X_J) and V_s(J)  (ContinuationValue)
  /// ```
  ///
  /// - Returns: the random variates drawn, by kind (for benchmarks).
  func simulate(
    asset: Int, block: Int, factors: [Double], workspace: Workspace, risk: Bool = false,
    into values: UnsafeMutableBufferPointer<Double>
  ) -> VariateCounts {
    let model = models[asset]
    let count = pathRange(block).count
    precondition(values.count == count && workspace.pathCount == count)
    precondition(model.years <= workspace.years)
    guard model.years > 0 else {
      values.update(repeating: 0)
      if risk { workspace.horizonValues.update(repeating: 0) }
      return VariateCounts()
    }
    let generator = RandomGenerator(seed: seed, stream: stream(block: block, asset: asset))
    let royalty = royalties[asset]
    let randomRoyalty = model.royaltyLow < model.royaltyHigh
    let randomRevenue = model.volatility > 0
    let drawsShocks = randomRevenue && correlation < 1
    let rowLength = workspace.rowLength
    let (payingYears, rates, constants) = (
      workspace.payingYears, workspace.rates, workspace.constants
    )
    // (1 - h)^k = exp(k ln(1 - h)), k = 1...N: K counts the years with U below it.
    let survival = workspace.survival
    for year in 0..<model.years { survival[year] = exp(Double(year + 1) * log1p(-model.hazard)) }
    var drawn = VariateCounts()
    // Pass 1: the value of path p is rates[p] B_K + constants[p], K = payingYears[p].
    for path in 0..<count {
      payingYears[path] = 0
      rates[path] = 0
      constants[path] = 0
      if model.grantProbability < 1 {
        drawn.uniforms += 1
        if generator.uniform() >= model.grantProbability { continue }
      }
      var years = model.years
      if model.hazard > 0 {
        drawn.uniforms += 1
        let uniform = generator.uniformPositive()
        years = 0
        for year in 0..<model.years where uniform <= survival[year] { years += 1 }
      }
      var rate = model.royaltyMode
      if randomRoyalty {
        rate = model.royaltyLow + (model.royaltyHigh - model.royaltyLow) * generator.next(royalty)
        drawn.royalties += 1
      }
      rates[path] = rate
      guard randomRevenue, years > 0 else {
        // The revenues are their expectations: the owner's choices follow from r alone.
        if model.canAbandon {
          for year in 0..<years
          where rate * model.expectedRevenues[year] <= model.revenueThresholds[year] {
            years = year
            break
          }
        }
        payingYears[path] = Double(years)
        constants[path] = rate * model.expectedRoyaltyPrefix[years] - model.maintenancePrefix[years]
        continue
      }
      payingYears[path] = Double(years)
      if drawsShocks {
        generator.fillStandardNormal(
          UnsafeMutableBufferPointer(rebasing: workspace.shocks[path...]), count: years,
          stride: rowLength)
        drawn.normals += years
      }
    }
    // Pass 2, year by year over all paths.
    workspace.royaltyBases.update(repeating: 0)
    if randomRevenue {
      factors.withUnsafeBufferPointer { factors in
        model.royaltyWeights.withUnsafeBufferPointer { weights in
          growRevenues(
            model, factors: factors, weights: weights, workspace: workspace,
            horizon: risk ? horizonValues[asset].flatMap { _ in horizonYears } : nil,
            tenor: risk ? (borrower?.tenorYears ?? 0) : 0)
        }
      }
      for path in 0..<count {
        constants[path] = -model.maintenancePrefix[Int(payingYears[path])]
      }
    }
    for path in 0..<count {
      values[path] = rates[path] * workspace.royaltyBases[path] + constants[path]
    }
    if risk { measureRisk(asset: asset, randomRevenue: randomRevenue, workspace: workspace) }
    return drawn
  }

  /// The horizon values and the values at default of asset `asset` on the block's paths, after
  /// ``simulate(asset:block:factors:workspace:risk:into:)``'s two passes.
  private func measureRisk(asset: Int, randomRevenue: Bool, workspace: Workspace) {
    let model = models[asset]
    let count = workspace.pathCount
    let (payingYears, rates) = (workspace.payingYears, workspace.rates)
    // Revenues at a year: simulated, or their expectations.
    func revenue(_ table: UnsafeMutableBufferPointer<Double>, _ path: Int, _ year: Int) -> Double {
      randomRevenue ? table[path] : model.expectedRevenues[year]
    }
    if let horizonYears, let (continuation, discount) = horizonValues[asset] {
      for path in 0..<count {
        let years = Int(payingYears[path])
        let paid = min(years, horizonYears)
        let base =
          randomRevenue
          ? workspace.baseAtHorizon[path] : model.expectedRoyaltyPrefix[paid]
        var value = rates[path] * base - model.maintenancePrefix[paid]
        if years >= horizonYears {
          let income =
            revenue(workspace.revenueAtHorizon, path, horizonYears) * rates[path]
            * model.decay[horizonYears]
          value += continuation.value(income) * discount
        }
        workspace.horizonValues[path] = value
      }
    } else {
      for path in 0..<count {
        workspace.horizonValues[path] =
          rates[path] * workspace.royaltyBases[path] + workspace.constants[path]
      }
    }
    guard let borrower, let terms = defaultTerms?[asset] else { return }
    for path in 0..<count {
      let year = Int(workspace.defaultYears[path])
      guard year > 0, year < model.years, Int(payingYears[path]) >= year else { continue }
      let income =
        revenue(workspace.revenueAtDefault, path, year) * rates[path] * model.decay[year]
      let (value, sale) = terms.atDefault(
        year: year, income: income, timeToSell: borrower.timeToSell)
      workspace.collateralAtDefault[path] += value
      workspace.saleAtDefault[path] += sale
    }
  }

  /// Pass 2 of ``simulate(asset:block:factors:workspace:risk:into:)``: `B_K` of every path of
  /// the block, in SIMD vectors of eight paths, the rows being whole vectors long, with the
  /// owner's choices; and, for the risk measures, the revenue and `B` after year `horizon` and
  /// each path's revenue in its default year (years up to `tenor`).
  private func growRevenues(
    _ model: AssetModel, factors: UnsafeBufferPointer<Double>,
    weights: UnsafeBufferPointer<Double>, workspace: Workspace, horizon: Int?, tenor: Int
  ) {
    typealias Paths = SIMD8<Double>
    let sigma = model.volatility
    let drift = log1p(model.growth) - sigma * sigma / 2
    let factorScale = sigma * correlation.squareRoot()
    let shockScale = sigma * (1 - correlation).squareRoot()
    let rowLength = workspace.rowLength
    workspace.revenues.update(repeating: model.revenue)
    // Without factors (rho = 0) or without shocks (rho = 1) the other table stands in for the
    // missing one, with weight 0, so that the loop is the same.
    guard let shockTable = UnsafePointer(workspace.shocks.baseAddress),
      let factorTable = factorYears > 0 ? factors.baseAddress : shockTable,
      let revenues = UnsafeMutableRawPointer(workspace.revenues.baseAddress),
      let royaltyBases = UnsafeMutableRawPointer(workspace.royaltyBases.baseAddress),
      let payingYears = UnsafeMutableRawPointer(workspace.payingYears.baseAddress),
      let rates = UnsafeRawPointer(workspace.rates.baseAddress),
      let defaultYears = UnsafeRawPointer(workspace.defaultYears.baseAddress),
      let revenueAtDefault = UnsafeMutableRawPointer(workspace.revenueAtDefault.baseAddress)
    else { return }
    let shockRows = correlation < 1 ? shockTable : factorTable
    let rowBytes = rowLength * MemoryLayout<Double>.stride
    let vectorBytes = MemoryLayout<Paths>.stride
    let abandons = model.canAbandon
    for year in 0..<model.years {
      let weight = weights[year]
      let yearsPaid = Paths(repeating: Double(year + 1))
      let factorRow = UnsafeRawPointer(factorTable + year * rowLength)
      let shockRow = UnsafeRawPointer(shockRows + year * rowLength)
      let threshold = abandons ? model.revenueThresholds[year] : 0
      for offset in stride(from: 0, to: rowBytes, by: vectorBytes) {
        var paying = payingYears.loadUnaligned(fromByteOffset: offset, as: Paths.self)
        let previous = revenues.loadUnaligned(fromByteOffset: offset, as: Paths.self)
        if abandons {
          // The owner's choice at the end of year `year`, on the paths still paying.
          let income = previous * rates.loadUnaligned(fromByteOffset: offset, as: Paths.self)
          let abandoned = (yearsPaid .<= paying) .& (income .<= threshold)
          paying.replace(with: Paths(repeating: Double(year)), where: abandoned)
          payingYears.storeBytes(of: paying, toByteOffset: offset, as: Paths.self)
        }
        let logGrowth =
          drift + factorScale * factorRow.loadUnaligned(fromByteOffset: offset, as: Paths.self)
          + shockScale * shockRow.loadUnaligned(fromByteOffset: offset, as: Paths.self)
        let revenue = previous * VectorMath.exp(logGrowth)
        revenues.storeBytes(of: revenue, toByteOffset: offset, as: Paths.self)
        let paid = yearsPaid .<= paying
        let royaltyBase =
          royaltyBases.loadUnaligned(fromByteOffset: offset, as: Paths.self)
          + (weight * revenue).replacing(with: 0, where: .!paid)
        royaltyBases.storeBytes(of: royaltyBase, toByteOffset: offset, as: Paths.self)
      }
      if year + 1 == horizon {
        _ = workspace.revenueAtHorizon.update(fromContentsOf: workspace.revenues)
        _ = workspace.baseAtHorizon.update(fromContentsOf: workspace.royaltyBases)
      }
      if year < tenor {
        for offset in stride(from: 0, to: rowBytes, by: vectorBytes) {
          let defaulted =
            defaultYears.loadUnaligned(fromByteOffset: offset, as: Paths.self) .== yearsPaid
          var kept = revenueAtDefault.loadUnaligned(fromByteOffset: offset, as: Paths.self)
          kept.replace(
            with: revenues.loadUnaligned(fromByteOffset: offset, as: Paths.self),
            where: defaulted)
          revenueAtDefault.storeBytes(of: kept, toByteOffset: offset, as: Paths.self)
        }
      }
    }
  }

  /// The stream of `asset` (or of the market factors, for `nil`) in `block`.
  private func stream(block: Int, asset: Int?) -> UInt64 {
    UInt64(block) * UInt64(models.count + 1) + UInt64(asset.map { $0 + 1 } ?? 0)
  }
}

extension PathSimulator {
  /// Scratch memory for simulating the assets of one block one after the other, allocated once
  /// per block. Per-path rows are ``rowLength`` long, a whole number of SIMD vectors of eight
  /// paths; the entries past the last path are zeros or values left by earlier assets, never
  /// paid (their `K` is 0).
  final class Workspace {
    /// The block's number of paths.
    let pathCount: Int
    /// The most years an asset may use.
    let years: Int
    /// The length of a row, ``rowLength(_:)`` of the number of paths.
    let rowLength: Int
    /// The shocks `e_k`, year by year: path `p`'s at `(k - 1) rowLength + p`. Zeros at first, so
    /// that entries not drawn for the current asset hold finite values.
    let shocks: UnsafeMutableBufferPointer<Double>
    /// Per path: the paying years `K` (0 when the revenue is not simulated), the royalty `r`,
    /// the rest of the value besides `r B_K`, the revenue `R_k` and the royalty base `B_k`.
    let payingYears, rates, constants, revenues, royaltyBases: UnsafeMutableBufferPointer<Double>
    /// `(1 - h)^k` for the current asset, k = 1...N.
    let survival: UnsafeMutableBufferPointer<Double>
    /// Per path, for the risk measures of the current asset: the revenue `R_H` and the royalty
    /// base `B_H` after the horizon year, the revenue in the path's default year, and the
    /// asset's horizon value.
    let revenueAtHorizon, baseAtHorizon, revenueAtDefault, horizonValues:
      UnsafeMutableBufferPointer<Double>
    /// Per path, for the whole block: the default year (0 for none), and the sums over the
    /// assets of `C_j` and `V_s(j)` at the default.
    let defaultYears, collateralAtDefault, saleAtDefault: UnsafeMutableBufferPointer<Double>

    /// The row length for `pathCount` paths: a multiple of 8, plus 8 so that a path's entries
    /// in consecutive rows, written one after the other in pass 1, fall in different sets of the
    /// processor's cache (rows of 1,024 doubles, 8 KiB apart, would all share one set and evict
    /// each other: 1% slower on the benchmark).
    static func rowLength(_ pathCount: Int) -> Int { (pathCount + 7) / 8 * 8 + 8 }

    /// Scratch memory for `pathCount` paths of assets of at most `years` years.
    init(pathCount: Int, years: Int) {
      self.pathCount = pathCount
      self.years = years
      rowLength = Self.rowLength(pathCount)
      func zeros(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        buffer.initialize(repeating: 0)
        return buffer
      }
      shocks = zeros(rowLength * years)
      (payingYears, rates, constants) = (zeros(rowLength), zeros(rowLength), zeros(rowLength))
      (revenues, royaltyBases) = (zeros(rowLength), zeros(rowLength))
      survival = zeros(years)
      (revenueAtHorizon, baseAtHorizon) = (zeros(rowLength), zeros(rowLength))
      (revenueAtDefault, horizonValues) = (zeros(rowLength), zeros(rowLength))
      (defaultYears, collateralAtDefault) = (zeros(rowLength), zeros(rowLength))
      saleAtDefault = zeros(rowLength)
    }

    deinit {
      for buffer in [
        shocks, payingYears, rates, constants, revenues, royaltyBases, survival, revenueAtHorizon,
        baseAtHorizon, revenueAtDefault, horizonValues, defaultYears, collateralAtDefault,
        saleAtDefault,
      ] {
        buffer.deallocate()
      }
    }
  }
}
