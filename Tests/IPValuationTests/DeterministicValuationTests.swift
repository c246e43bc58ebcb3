// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPValuation
import Testing

@Suite("Deterministic relief-from-royalty values")
struct DeterministicValuationTests {
  static let valuationDate = "2025-12-31"

  /// The remaining life by an implementation independent of ipfin's: Foundation's calendar.
  static func remainingLife(filing: String, term: Int?, economicLife: Double?) -> Double {
    var legal = Double.infinity
    if let term {
      let expiry = FoundationCalendar.adding(years: term, to: filing)
      let days = FoundationCalendar.days(
        from: FoundationCalendar.date(valuationDate), to: expiry)
      legal = Double(days) / 365.25
    }
    let economic = economicLife ?? (term == nil ? 10 : legal)
    return max(0, min(economic, legal))
  }

  struct Case: Sendable, CustomTestStringConvertible {
    let office: IPOffice
    let right: IPRight
    let term: Int?
    let filing: String
    var testDescription: String { "\(office.rawValue) \(right.rawValue)" }
  }

  /// One case per office and right; every filing date (and the trademarks' economic life of
  /// 7.3 years) leaves a partial final year.
  static let cases: [Case] = [
    Case(office: .vn, right: .invention, term: 20, filing: "2012-08-17"),
    Case(office: .vn, right: .utilitySolution, term: 10, filing: "2019-04-03"),
    Case(office: .vn, right: .industrialDesign, term: 15, filing: "2016-02-29"),
    Case(office: .vn, right: .trademark, term: nil, filing: "2003-05-20"),
    Case(office: .kr, right: .invention, term: 20, filing: "2010-10-01"),
    Case(office: .kr, right: .utilitySolution, term: 10, filing: "2020-02-29"),
    Case(office: .kr, right: .industrialDesign, term: 20, filing: "2015-11-11"),
    Case(office: .kr, right: .trademark, term: nil, filing: "2015-01-09"),
  ]

  @Test(arguments: cases)
  func valueEqualsTheFormula(_ item: Case) throws {
    let asset = sampleAsset(
      right: item.right, office: item.office, filing: item.filing, grant: nil,
      grantProbability: 0.7, revenue: 3.2e9, growth: 0.06, royalty: 0.04, low: 0.02, high: 0.09,
      discount: 0.13, tax: 0.2, life: item.term == nil ? 7.3 : nil, obsolescence: 0.03,
      hazard: 0.02, maintenance: 1.5e7)
    let portfolio = try Portfolio(assets: [asset])
    let result = try DeterministicValuation.run(
      portfolio: portfolio,
      assumptions: ValuationAssumptions(valuationDate: date(Self.valuationDate)))
    let life = Self.remainingLife(
      filing: item.filing, term: item.term, economicLife: item.term == nil ? 7.3 : nil)
    #expect(life > 0 && life != life.rounded())  // a partial final year
    #expect(result.assets[0].remainingLife == life)
    func expected(_ royalty: Double) -> Double {
      formulaValue(
        revenue: 3.2e9, growth: 0.06, royalty: royalty, obsolescence: 0.03, maintenance: 1.5e7,
        tax: 0.2, grant: 0.7, hazard: 0.02, discount: 0.13, life: life)
    }
    #expect(relativelyClose(result.assets[0].deterministicValue, expected(0.04), 1e-12))
    let pertMean = (0.02 + 4 * 0.04 + 0.09) / 6
    // No royalty in the PERT range makes abandoning pay, so E[V] is the value at the PERT mean:
    // exactly so without volatility, by the incomplete beta function.
    #expect(relativelyClose(result.assets[0].expectedValue ?? .nan, expected(pertMean), 1e-12))
    #expect(relativelyClose(result.assets[0].expectedValueIfKept, expected(pertMean), 1e-12))
    #expect(result.value == result.assets[0].deterministicValue)
    #expect(result.warnings.isEmpty)
  }

  @Test func handComputedPartialYear() throws {
    // R0 = 1000, r = 10%, no growth, tax, decay or hazard, L = 2.5 years, d = 10%:
    // V = 100 / 1.1^0.5 + 100 / 1.1^1.5 + 0.5 * 100 / 1.1^2.5.
    let asset = sampleAsset(
      revenue: 1000, growth: 0, royalty: 0.10, discount: 0.10, tax: 0, life: 2.5)
    let result = try DeterministicValuation.run(
      portfolio: try Portfolio(assets: [asset]),
      assumptions: ValuationAssumptions(valuationDate: date(Self.valuationDate)))
    let expected =
      100 / 1.1.squareRoot() + 100 / (1.1 * 1.1.squareRoot())
      + 50 / (1.1 * 1.1 * 1.1.squareRoot())
    #expect(relativelyClose(result.value, expected, 1e-14))
    #expect(result.assets[0].remainingLife == 2.5)
  }

  @Test func economicLifeIsCappedByTheLegalLife() throws {
    // VN utility solution filed 2017-06-30 expires 2027-06-30: 546 days after 2025-12-31.
    let capped = sampleAsset(right: .utilitySolution, filing: "2017-06-30", life: 8)
    let shorter = sampleAsset(id: "A2", right: .utilitySolution, filing: "2017-06-30", life: 0.75)
    let result = try DeterministicValuation.run(
      portfolio: try Portfolio(assets: [capped, shorter]),
      assumptions: ValuationAssumptions(valuationDate: date(Self.valuationDate)))
    #expect(result.assets[0].remainingLife == 546 / 365.25)
    #expect(result.assets[1].remainingLife == 0.75)
    #expect(
      relativelyClose(
        result.assets[1].deterministicValue,
        formulaValue(revenue: 1e6, growth: 0.05, royalty: 0.05, discount: 0.12, life: 0.75), 1e-13))
  }

  @Test func trademarkDefaultsToTenYears() throws {
    let mark = sampleAsset(right: .trademark, filing: "1999-09-09")
    let result = try DeterministicValuation.run(
      portfolio: try Portfolio(assets: [mark]),
      assumptions: ValuationAssumptions(valuationDate: date(Self.valuationDate)))
    #expect(result.assets[0].remainingLife == 10)
    #expect(result.assets[0].legalExpiry == nil)
    #expect(
      relativelyClose(
        result.value,
        formulaValue(revenue: 1e6, growth: 0.05, royalty: 0.05, discount: 0.12, life: 10), 1e-13))
  }

  @Test func expiredRightIsWorthZeroWithAWarning() throws {
    let expired = sampleAsset(id: "OLD", right: .utilitySolution, filing: "2015-12-31")
    let alive = sampleAsset(id: "NEW")
    let result = try DeterministicValuation.run(
      portfolio: try Portfolio(assets: [expired, alive]),
      assumptions: ValuationAssumptions(valuationDate: date(Self.valuationDate)))
    #expect(result.assets[0].deterministicValue == 0)
    #expect(result.assets[0].expectedValue == 0)
    #expect(result.assets[0].remainingLife == 0)
    #expect(result.warnings.count == 1)
    #expect(result.warnings.first?.assetID == "OLD")
    #expect(result.warnings.first?.message.contains("expired on 2025-12-31") == true)
    #expect(result.value == result.assets[1].deterministicValue)
  }

  @Test func pendingApplicationIsWeightedByItsGrantProbability() throws {
    let granted = sampleAsset(id: "G")
    let pending = sampleAsset(id: "P", grant: nil, grantProbability: 0.35)
    let result = try DeterministicValuation.run(
      portfolio: try Portfolio(assets: [granted, pending]),
      assumptions: ValuationAssumptions(valuationDate: date(Self.valuationDate)))
    #expect(
      relativelyClose(
        result.assets[1].deterministicValue, 0.35 * result.assets[0].deterministicValue, 1e-14))
  }

  @Test func defaultDiscountRateAndScenarioShiftsApply() throws {
    let asset = sampleAsset(
      royalty: 0.05, low: 0.04, high: 0.08, discount: nil, life: 6.3, hazard: 0.01)
    var assumptions = ValuationAssumptions(valuationDate: date(Self.valuationDate))
    assumptions.defaultDiscountRate = 0.14
    assumptions.discountRateShift = 0.01
    assumptions.revenueGrowthShift = -0.02
    assumptions.royaltyMultiplier = 1.2
    let result = try DeterministicValuation.run(
      portfolio: try Portfolio(assets: [asset]), assumptions: assumptions)
    let expected = formulaValue(
      revenue: 1e6, growth: 0.03, royalty: 0.06, hazard: 0.01, discount: 0.15, life: 6.3)
    #expect(relativelyClose(result.value, expected, 1e-12))
    let pertMean = 1.2 * (0.04 + 4 * 0.05 + 0.08) / 6
    let expectedMean = formulaValue(
      revenue: 1e6, growth: 0.03, royalty: pertMean, hazard: 0.01, discount: 0.15, life: 6.3)
    #expect(relativelyClose(result.expectedValue ?? .nan, expectedMean, 1e-12))
  }

  @Test func shiftsThatLeaveTheRangeAreErrors() throws {
    let portfolio = try Portfolio(assets: [sampleAsset(royalty: 0.5, high: 0.9)])
    var assumptions = ValuationAssumptions(valuationDate: date(Self.valuationDate))
    assumptions.royaltyMultiplier = 1.2
    #expect(throws: ValuationError.self) {
      try DeterministicValuation.run(portfolio: portfolio, assumptions: assumptions)
    }
    assumptions.royaltyMultiplier = 1
    assumptions.discountRateShift = -1.2
    #expect(throws: ValuationError.self) {
      try DeterministicValuation.run(portfolio: portfolio, assumptions: assumptions)
    }
    assumptions.discountRateShift = 0
    assumptions.correlation = 1.5
    #expect(throws: ValuationError.self) {
      try DeterministicValuation.run(portfolio: portfolio, assumptions: assumptions)
    }
  }

  @Test func filingAfterTheValuationDateIsBadData() throws {
    let text = """
      id,right,office,filing_date,grant_date,revenue,royalty_rate
      A,invention,VN,2020-01-01,2021-01-01,100,0.05
      B,invention,VN,2026-03-01,2026-09-01,100,0.05
      """
    let portfolio = try Portfolio.parse(text: text, source: "p.csv")
    do {
      _ = try DeterministicValuation.run(
        portfolio: portfolio,
        assumptions: ValuationAssumptions(valuationDate: date(Self.valuationDate)))
      Issue.record("no error")
    } catch let error as InputError {
      #expect(error.category == .badData)
      #expect(
        error.location
          == SourceLocation(file: "p.csv", line: 3, column: 4, columnName: "filing_date"))
      #expect(error.message.contains("after the valuation date 2025-12-31"))
    }
  }
}
