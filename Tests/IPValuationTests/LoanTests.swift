// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPCommon
import IPValuation
import Testing

@Suite("A loan: the borrower's default, the collateral at default and the credit loss")
struct LoanTests {
  static let valuationDate = date("2025-12-31")
  static let sample = "examples/portfolio-vn-sample.csv"

  static func assumptions(paths: Int, seed: UInt64 = 57, threads: Int = 2) -> ValuationAssumptions
  {
    var assumptions = ValuationAssumptions(valuationDate: valuationDate)
    assumptions.paths = paths
    assumptions.seed = seed
    assumptions.threads = threads
    return assumptions
  }

  /// The sample portfolio's granted rights without randomness: no volatility, no hazard, a
  /// fixed royalty (the pending applications left out).
  static func deterministicSample() throws -> Portfolio {
    let sample = try Portfolio.read(path: RepositoryPaths.repository(sample))
    let assets = sample.assets.filter { !$0.isPending }.map { asset in
      var asset = asset
      asset.revenueVolatility = 0
      asset.invalidityHazard = 0
      asset.royaltyLow = asset.royaltyRate
      asset.royaltyHigh = asset.royaltyRate
      return asset
    }
    return try Portfolio(assets: assets, currency: sample.currency)
  }

  /// The rights of a deterministic portfolio (``deterministicSample()``), written out for the
  /// brute-force reference, with the remaining lives of `result`.
  static func referenceRights(_ portfolio: Portfolio, _ result: ValuationResult)
    -> [ReferenceRight]
  {
    zip(portfolio.assets, result.assets).map { asset, valuation in
      ReferenceRight(
        revenue: asset.revenue, growth: asset.revenueGrowth, royalty: asset.royaltyRate,
        obsolescence: asset.obsolescence, maintenance: asset.maintenanceCost, tax: asset.taxRate,
        discount: asset.discountRate ?? ValuationAssumptions.defaultDiscountRateValue,
        life: valuation.terms.remainingLife)
    }
  }

  @Test func exposureProceedsAndEligibility() throws {
    var loan = Loan(amount: 1000)
    loan.rate = 0.08
    #expect(loan.exposureAtDefault(year: 1) == 1080)
    #expect(loan.exposureAtDefault(year: 5) == 1080)
    loan.amortization = .linear
    // B_(j-1) = A (1 - (j-1)/5): 1000, 800, 600, 400, 200.
    for (year, exposure) in zip(1...5, [1080.0, 864, 648, 432, 216]) {
      #expect(relativelyClose(loan.exposureAtDefault(year: year), exposure, 1e-15))
    }
    #expect(loan.outstanding(afterYear: 5) == 0)
    loan.saleCost = 0.1
    loan.timeToSell = 2
    #expect(
      relativelyClose(
        loan.proceeds(saleValue: 500, orderlyDiscount: 0.35), 0.65 * 0.9 * 500 / (1.08 * 1.08),
        1e-15))
    #expect(loan.isEligible(remainingLife: 7))
    #expect(!loan.isEligible(remainingLife: 6.99))
  }

  @Test func invalidTermsAreRejected() {
    for change in [
      { (loan: inout Loan) in loan.amount = 0 }, { $0.amount = .infinity },
      { $0.tenorYears = 0 }, { $0.tenorYears = 31 }, { $0.probabilityOfDefault = 1.1 },
      { $0.borrowerCorrelation = -0.1 }, { $0.timeToSell = 10.5 }, { $0.saleCost = 1.5 },
      { $0.rate = .nan },
    ] as [(inout Loan) -> Void] {
      var loan = Loan(amount: 1)
      change(&loan)
      #expect(throws: ValuationError.self) { try loan.validate() }
    }
  }

  /// The closed form. Without volatility or hazard, with a fixed royalty and every
  /// right granted, the collateral at default `V(j)` and the sale value `V_s(j)` depend on the
  /// default year alone, and the default year is geometric whatever `beta`:
  ///
  /// ```
  /// default_probability = 1 - (1-p)^T
  /// ECL = sum_j (1-p)^(j-1) p max(0, EAD_j - proceeds_j) / (1+i)^j
  /// ```
  /// with `V_s(j)` computed here by brute force over every horizon (``ReferenceRight``). On the
  /// sample portfolio's granted rights a bullet loan of VND 35 bn loses in the default years 3
  /// to 5 and a linear one of VND 60 bn in the years 1 to 3; both figures are within 4 standard
  /// errors (their analytic variances), for several `beta`.
  @Test(arguments: [
    (Loan.Amortization.bullet, 0.5, 35e9, 3), (.linear, 0.0, 60e9, 3), (.bullet, 0.9, 35e9, 3),
  ])
  func creditLossHasTheClosedForm(
    amortization: Loan.Amortization, beta: Double, amount: Double, losingYears: Int
  ) throws {
    let portfolio = try Self.deterministicSample()
    var loan = Loan(amount: amount)
    loan.probabilityOfDefault = 0.03
    loan.amortization = amortization
    loan.borrowerCorrelation = beta
    let paths = 100_000
    let result = try MonteCarloValuation.run(
      portfolio: portfolio, assumptions: Self.assumptions(paths: paths), loan: loan,
      perAssetQuantiles: false)
    let report = try CollateralReport(result: result)
    let rights = Self.referenceRights(portfolio, result)
    let (p, tenor, rate) = (0.03, 5, loan.rate)
    var ecl = 0.0
    var secondMoment = 0.0
    var losing = 0
    for year in 1...tenor {
      let sale = rights.reduce(0.0) { total, right in
        right.held(at: year) ? total + right.sale(year, right.income(year), timeToSell: 1) : total
      }
      let proceeds = 0.65 * 0.9 * sale / (1 + rate)
      let outstanding =
        amortization == .bullet ? amount : amount * (1 - Double(year - 1) / Double(tenor))
      let loss = max(0, outstanding * (1 + rate) - proceeds) / pow(1 + rate, Double(year))
      let probability = pow(1 - p, Double(year - 1)) * p
      ecl += probability * loss
      secondMoment += probability * loss * loss
      if loss > 0 { losing += 1 }
    }
    #expect(losing == losingYears)
    let n = Double(paths)
    let defaulted = 1 - pow(1 - p, Double(tenor))
    let found = try #require(report.value(named: "default_probability"))
    #expect(abs(found - defaulted) <= 4 * (defaulted * (1 - defaulted) / n).squareRoot())
    let eclFound = try #require(report.value(named: "expected_credit_loss"))
    let eclSE = ((secondMoment - ecl * ecl) / n).squareRoot()
    #expect(abs(eclFound - ecl) <= 4 * eclSE, "ECL \(eclFound) against \(ecl) (se \(eclSE))")
    // Each defaulting path's collateral and sale value are the brute-force V(j) and V_s(j) of
    // its year.
    let defaults = try #require(result.defaults)
    for path in 0..<2000 where defaults.years[path] > 0 {
      let year = defaults.years[path]
      let held = rights.filter { $0.held(at: year) }
      let collateral = held.reduce(0.0) { $0 + $1.continuation(year, $1.income(year)).value }
      let sale = held.reduce(0.0) { $0 + $1.sale(year, $1.income(year), timeToSell: 1) }
      #expect(relativelyClose(defaults.collateral[path], collateral, 1e-9))
      #expect(relativelyClose(defaults.saleValues[path], sale, 1e-9))
    }
  }

  /// With `p = 1` and a tenor of 1 every path defaults at the end of year 1: each path's
  /// collateral and sale value are the brute-force `V(1)` and `V_s(1)`, for sales that end
  /// before, at and after the mid-year of the next cash flow, and after the last one.
  @Test(arguments: [0, 0.3, 0.5, 1, 2.5, 10])
  func saleAfterADefaultInYearOneIsTheBruteForceSum(timeToSell: Double) throws {
    let portfolio = try Self.deterministicSample()
    var loan = Loan(amount: 1e9)
    loan.probabilityOfDefault = 1
    loan.tenorYears = 1
    loan.timeToSell = timeToSell
    let result = try MonteCarloValuation.run(
      portfolio: portfolio, assumptions: Self.assumptions(paths: 100), loan: loan,
      perAssetQuantiles: false)
    let rights = Self.referenceRights(portfolio, result).filter { $0.held(at: 1) }
    let collateral = rights.reduce(0.0) { $0 + $1.continuation(1, $1.income(1)).value }
    let sale = rights.reduce(0.0) { $0 + $1.sale(1, $1.income(1), timeToSell: timeToSell) }
    #expect(sale > 0 || timeToSell == 10)
    let defaults = try #require(result.defaults)
    #expect(defaults.years.allSatisfy { $0 == 1 })
    for path in 0..<100 {
      #expect(relativelyClose(defaults.collateral[path], collateral, 1e-12))
      #expect(relativelyClose(defaults.saleValues[path], sale, 1e-12), "s = \(timeToSell)")
    }
  }

  /// With an invalidity hazard, the value at a default in year 1 discounts each later year by
  /// the chance the right survives to it, `(1-h)^(k-j)`: on every path the collateral and the
  /// sale value are the brute-force `C_1` and `V_s(1)` with that hazard when the right is still
  /// held, 0 when it was lost in year 1, and it is held on a share `1 - h` of the paths
  /// (within 4 standard errors).
  @Test func valuesAtDefaultDiscountTheHazard() throws {
    let asset = sampleAsset(
      revenue: 1e8, growth: 0.02, royalty: 0.05, discount: 0.12, life: 8, obsolescence: 0.03,
      hazard: 0.1, maintenance: 1e5)
    var loan = Loan(amount: 1e6)
    loan.probabilityOfDefault = 1
    loan.tenorYears = 1
    let paths = 20_000
    let result = try MonteCarloValuation.run(
      portfolio: try Portfolio(assets: [asset]), assumptions: Self.assumptions(paths: paths),
      loan: loan, perAssetQuantiles: false)
    let right = ReferenceRight(
      revenue: 1e8, growth: 0.02, royalty: 0.05, obsolescence: 0.03, maintenance: 1e5,
      hazard: 0.1, discount: 0.12, life: result.assets[0].terms.remainingLife)
    let collateral = right.continuation(1, right.income(1)).value
    let sale = right.sale(1, right.income(1), timeToSell: 1)
    #expect(collateral > 0 && sale > 0)
    let defaults = try #require(result.defaults)
    var held = 0
    for path in 0..<paths {
      if defaults.collateral[path] == 0 {
        #expect(defaults.saleValues[path] == 0)
        continue
      }
      held += 1
      #expect(relativelyClose(defaults.collateral[path], collateral, 1e-12))
      #expect(relativelyClose(defaults.saleValues[path], sale, 1e-12))
    }
    let se = (0.9 * 0.1 / Double(paths)).squareRoot()
    #expect(abs(Double(held) / Double(paths) - 0.9) <= 4 * se)
  }

  /// The borrower's draws of a block do not depend on the number of blocks: the first 1030
  /// paths default in the same years whether 1030 (2 blocks) or 3100 paths (4 blocks) are drawn.
  @Test func defaultsDoNotDependOnThePathCount() throws {
    let portfolio = try Portfolio.read(path: RepositoryPaths.repository(Self.sample))
    var loan = Loan(amount: 2e10)
    loan.probabilityOfDefault = 0.2
    loan.borrowerCorrelation = 0.5
    let runs = try [1030, 3100].map { paths in
      try #require(
        try MonteCarloValuation.run(
          portfolio: portfolio, assumptions: Self.assumptions(paths: paths), loan: loan,
          perAssetQuantiles: false
        ).defaults)
    }
    let sameYears = runs[0].years == Array(runs[1].years.prefix(1030))
    let sameCollateral = runs[0].collateral == Array(runs[1].collateral.prefix(1030))
    #expect(sameYears && sameCollateral)
    #expect(runs[0].years.contains { $0 > 0 })
  }

  /// The default year is geometric, year by year: `P(J = j) = (1-p)^(j-1) p`; `p = 0` never
  /// defaults and `p = 1` always defaults in year 1.
  @Test func defaultYearsAreGeometric() throws {
    let portfolio = try Portfolio(
      assets: [sampleAsset(volatility: 0.3), sampleAsset(id: "B", right: .trademark)])
    let paths = 60_000
    var loan = Loan(amount: 1e6)
    loan.tenorYears = 4
    loan.probabilityOfDefault = 0.1
    let result = try MonteCarloValuation.run(
      portfolio: portfolio, assumptions: Self.assumptions(paths: paths), loan: loan,
      perAssetQuantiles: false)
    let years = try #require(result.defaults).years
    for year in 0...4 {
      let probability = year == 0 ? pow(0.9, 4) : pow(0.9, Double(year - 1)) * 0.1
      let count = Double(years.filter { $0 == year }.count)
      let se = (Double(paths) * probability * (1 - probability)).squareRoot()
      #expect(abs(count - probability * Double(paths)) <= 4 * se, "year \(year)")
    }
    for (probability, expected) in [(0.0, 0), (1.0, 1)] {
      loan.probabilityOfDefault = probability
      let edge = try MonteCarloValuation.run(
        portfolio: portfolio, assumptions: Self.assumptions(paths: 3000), loan: loan,
        perAssetQuantiles: false)
      #expect(edge.defaults?.years.allSatisfy { $0 == expected } == true, "p = \(probability)")
    }
  }

  /// Wrong-way risk: the borrower defaults when the market factor that moves the revenues is
  /// low, so the collateral at default is lower and the loss higher. With the sample's
  /// volatilities and correlation, `beta = 0.9` raises the expected credit loss above
  /// `beta = 0` by more than 4 standard errors of the paired difference (same seed: the same
  /// revenues and borrower draws).
  @Test func wrongWayRiskRaisesTheExpectedLoss() throws {
    let portfolio = try Portfolio.read(path: RepositoryPaths.repository(Self.sample))
    let paths = 40_000
    func losses(_ beta: Double) throws -> (losses: [Double], collateral: Double) {
      var loan = Loan(amount: 35e9)
      loan.probabilityOfDefault = 0.03
      loan.borrowerCorrelation = beta
      let result = try MonteCarloValuation.run(
        portfolio: portfolio, assumptions: Self.assumptions(paths: paths), loan: loan,
        perAssetQuantiles: false)
      let report = try CollateralReport(result: result)
      return (
        try #require(report.losses).discountedLosses,
        try #require(report.value(named: "collateral_at_default_mean"))
      )
    }
    let (independent, independentCollateral) = try losses(0)
    let (wrongWay, wrongWayCollateral) = try losses(0.9)
    let differences = zip(wrongWay, independent).map { $0 - $1 }
    let mean = try Descriptive.mean(differences)
    let se = try Descriptive.standardDeviation(differences) / Double(paths).squareRoot()
    #expect(mean > 4 * se, "difference \(mean), se \(se)")
    #expect(wrongWayCollateral < independentCollateral)
  }

  /// A loan adds draws on streams of its own: every figure without the loan (the whole-life and
  /// horizon values of every path, each asset's figures) is identical with it, also when the
  /// borrower draws every market factor itself (correlation 0, or no random revenue); and the
  /// defaults do not depend on the thread count.
  @Test(arguments: ["sample", "correlation 0", "no volatility"])
  func aLoanChangesNothingElseAndNotWithThreads(_ setting: String) throws {
    var portfolio = try Portfolio.read(path: RepositoryPaths.repository(Self.sample))
    var assumptions = Self.assumptions(paths: 3000)
    if setting == "correlation 0" { assumptions.correlation = 0 }
    if setting == "no volatility" {
      portfolio = try Portfolio(
        assets: portfolio.assets.map { asset in
          var asset = asset
          asset.revenueVolatility = 0
          return asset
        }, currency: portfolio.currency)
    }
    var loan = Loan(amount: 2e10)
    loan.probabilityOfDefault = 0.05
    loan.borrowerCorrelation = 0.6
    let without = try MonteCarloValuation.run(
      portfolio: portfolio, assumptions: assumptions, perAssetQuantiles: false)
    var runs: [ValuationResult] = []
    for threads in [1, 2, 3] {
      assumptions.threads = threads
      runs.append(
        try MonteCarloValuation.run(
          portfolio: portfolio, assumptions: assumptions, loan: loan, perAssetQuantiles: false))
    }
    #expect(runs[0].portfolioValues == without.portfolioValues)
    #expect(runs[0].horizonValues == without.horizonValues)
    #expect(runs[0].assets.map(\.mean) == without.assets.map(\.mean))
    #expect(runs[0].defaults?.years.contains { $0 > 0 } == true)
    for run in runs.dropFirst() {
      #expect(run.defaults == runs[0].defaults)
      #expect(run.lendingBaseByRight == runs[0].lendingBaseByRight)
    }
    guard setting == "sample" else { return }
    // Ineligible rights leave the lending base: it is below the horizon value on every path
    // (the sample's three short-lived rights are worth something in the first year).
    let base = (0..<3000).map { path in
      IPRight.allCases.reduce(0) { $0 + (runs[0].lendingBaseByRight[$1]?[path] ?? 0) }
    }
    #expect(zip(base, runs[0].riskValues).allSatisfy { $0 < $1 })
  }
}
