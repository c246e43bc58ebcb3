// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPValuation
import Testing

@Suite("Legal terms, expiries and remaining lives")
struct LegalTermTests {
  /// office, right, filing date, valuation date, the term in years (nil: unlimited), and the
  /// expected legal expiry written out by hand.
  struct Case: Sendable, CustomTestStringConvertible {
    let office: IPOffice
    let right: IPRight
    let filing: String
    let valuation: String
    let term: Int?
    let expiry: String?
    var testDescription: String { "\(office.rawValue) \(right.rawValue) filed \(filing)" }
  }

  static let cases: [Case] = [
    Case(
      office: .vn, right: .invention, filing: "2008-02-29", valuation: "2025-12-31", term: 20,
      expiry: "2028-02-29"),
    Case(
      office: .vn, right: .invention, filing: "2005-02-28", valuation: "2025-12-31", term: 20,
      expiry: "2025-02-28"),
    Case(
      office: .vn, right: .utilitySolution, filing: "2016-02-29", valuation: "2025-12-31", term: 10,
      expiry: "2026-02-28"),
    Case(
      office: .vn, right: .industrialDesign, filing: "2012-02-29", valuation: "2025-12-31",
      term: 15, expiry: "2027-02-28"),
    Case(
      office: .vn, right: .industrialDesign, filing: "2010-12-31", valuation: "2025-12-31",
      term: 15, expiry: "2025-12-31"),
    Case(
      office: .vn, right: .trademark, filing: "1995-06-30", valuation: "2025-12-31", term: nil,
      expiry: nil),
    Case(
      office: .kr, right: .invention, filing: "2019-07-15", valuation: "2025-12-31", term: 20,
      expiry: "2039-07-15"),
    Case(
      office: .kr, right: .utilitySolution, filing: "2020-02-29", valuation: "2025-12-31", term: 10,
      expiry: "2030-02-28"),
    Case(
      office: .kr, right: .industrialDesign, filing: "2012-02-29", valuation: "2025-12-31",
      term: 20, expiry: "2032-02-29"),
    Case(
      office: .kr, right: .trademark, filing: "2001-01-01", valuation: "2025-12-31", term: nil,
      expiry: nil),
  ]

  @Test(arguments: cases)
  func expiryAndRemainingLife(_ item: Case) {
    let term = LegalTerm(office: item.office, right: item.right)
    #expect(term.years == item.term)
    let expiry = term.expiry(filingDate: date(item.filing))
    #expect(expiry?.description == item.expiry)
    let remaining = term.remainingYears(
      filingDate: date(item.filing), valuationDate: date(item.valuation))
    guard let years = item.term else {
      #expect(remaining == .infinity)
      return
    }
    // Independently: Foundation's calendar adds the years and counts the days.
    let foundationExpiry = FoundationCalendar.adding(years: years, to: item.filing)
    #expect(FoundationCalendar.iso(foundationExpiry) == item.expiry)
    let days = FoundationCalendar.days(
      from: FoundationCalendar.date(item.valuation), to: foundationExpiry)
    #expect(remaining == Double(days) / 365.25)
  }

  @Test func remainingLifeByHand() {
    // 2025-12-31 to 2028-02-29: 365 (to 2026-12-31) + 365 (to 2027-12-31) + 31 + 29 = 790 days.
    let term = LegalTerm(office: .vn, right: .invention)
    let remaining = term.remainingYears(
      filingDate: date("2008-02-29"), valuationDate: date("2025-12-31"))
    #expect(remaining == 790 / 365.25)
  }
}
