// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPValuation
import Testing

@Suite("Legal terms, expiries and remaining lives")
struct LegalTermTests {
  /// office, right, filing date, valuation date, the term in years (nil: unlimited), and the
  /// expected legal expiry written out by hand; `grant` for a term counted from registration.
  struct Case: Sendable, CustomTestStringConvertible {
    let office: IPOffice
    let right: IPRight
    let filing: String
    var grant: String? = nil
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
    // Korea's designs filed before 2014-07-01: 15 years from registration (the issue's example:
    // 3.50 years left at 2025-12-31, not 7.50); from that day, 20 years from filing.
    Case(
      office: .kr, right: .industrialDesign, filing: "2013-06-30", grant: "2014-06-30",
      valuation: "2025-12-31", term: 15, expiry: "2029-06-30"),
    Case(
      office: .kr, right: .industrialDesign, filing: "2012-02-29", grant: "2012-02-29",
      valuation: "2025-12-31", term: 15, expiry: "2027-02-28"),
    Case(
      office: .kr, right: .industrialDesign, filing: "2014-07-01", grant: "2015-03-03",
      valuation: "2025-12-31", term: 20, expiry: "2034-07-01"),
    Case(
      office: .kr, right: .trademark, filing: "2001-01-01", valuation: "2025-12-31", term: nil,
      expiry: nil),
  ]

  @Test(arguments: cases)
  func expiryAndRemainingLife(_ item: Case) throws {
    let term = try #require(
      LegalTerm(office: item.office, right: item.right, filingDate: date(item.filing)))
    #expect(term.years == item.term)
    // From registration: Korea's designs filed before the reform, and no other right.
    let fromRegistration =
      item.office == .kr && item.right == .industrialDesign
      && date(item.filing) < LegalTerm.koreanDesignReform
    #expect(term.start == (fromRegistration ? .registration : .filing))
    let grant = item.grant.map(date)
    let expiry = term.expiry(filingDate: date(item.filing), grantDate: grant)
    #expect(expiry.date?.description == item.expiry)
    let remaining = try #require(
      term.remainingYears(
        filingDate: date(item.filing), grantDate: grant, valuationDate: date(item.valuation)))
    guard let years = item.term else {
      #expect(expiry == .unlimited)
      #expect(remaining == .infinity)
      return
    }
    // Independently: Foundation's calendar adds the years and counts the days.
    let start = term.start == .registration ? item.grant ?? "" : item.filing
    let foundationExpiry = FoundationCalendar.adding(years: years, to: start)
    #expect(FoundationCalendar.iso(foundationExpiry) == item.expiry)
    let days = FoundationCalendar.days(
      from: FoundationCalendar.date(item.valuation), to: foundationExpiry)
    #expect(remaining == Double(days) / 365.25)
  }

  @Test func remainingLifeByHand() throws {
    // 2025-12-31 to 2028-02-29: 365 (to 2026-12-31) + 365 (to 2027-12-31) + 31 + 29 = 790 days.
    let term = try #require(
      LegalTerm(office: .vn, right: .invention, filingDate: date("2008-02-29")))
    let remaining = term.remainingYears(
      filingDate: date("2008-02-29"), grantDate: nil, valuationDate: date("2025-12-31"))
    #expect(remaining == 790 / 365.25)
    // The issue's Korean design: 2025-12-31 to 2029-06-30 is 365 + 366 + 365 + 181 = 1,277
    // days, 3.50 years.
    let design = try #require(
      LegalTerm(office: .kr, right: .industrialDesign, filingDate: date("2013-06-30")))
    let designLife = try #require(
      design.remainingYears(
        filingDate: date("2013-06-30"), grantDate: date("2014-06-30"),
        valuationDate: date("2025-12-31")))
    #expect(designLife == 1277 / 365.25)
    #expect(abs(designLife - 3.50) < 0.005)
  }

  /// The table covers Viet Nam's filings from 1996-07-01 and Korea's from 2000-01-01
  /// (trademarks always); the Korean design rule changes on 2014-07-01.
  @Test func theTableCoversFilingsFromItsFirstDates() {
    func term(_ office: IPOffice, _ right: IPRight, _ filing: String) -> LegalTerm? {
      LegalTerm(office: office, right: right, filingDate: date(filing))
    }
    #expect(term(.vn, .invention, "1996-06-30") == nil)
    #expect(term(.vn, .invention, "1996-07-01")?.years == 20)
    #expect(term(.kr, .utilitySolution, "1999-12-31") == nil)
    #expect(term(.kr, .utilitySolution, "2000-01-01")?.years == 10)
    #expect(term(.vn, .trademark, "1950-01-01")?.years == nil)
    #expect(term(.kr, .industrialDesign, "2014-06-30")?.start == .registration)
    #expect(term(.kr, .industrialDesign, "2014-07-01")?.start == .filing)
  }

  /// A pending Korean design filed before 2014-07-01, a filing before the table's first date,
  /// and a right whose expiry passes the year 9999 are refused where they are read, with the
  /// file, line and column (the far-future date crashed the process before: exit 132).
  @Test func rowsWithoutALegalTermAreRefusedWithTheirPlace() throws {
    let header = "id,right,office,filing_date,grant_date,grant_probability,revenue,royalty_rate"
    let rows: [(String, Int, String)] = [
      ("D,industrial_design,KR,2013-06-30,,0.8,1000,0.05", 5, "registration"),
      ("V,invention,VN,1995-01-01,1996-01-01,,1000,0.05", 4, "on or after 1996-07-01"),
      ("F,invention,VN,9980-01-01,9981-01-01,,1000,0.05", 4, "before the year 10000"),
      ("G,industrial_design,KR,2013-06-30,9985-01-01,,1000,0.05", 5, "before the year 10000"),
    ]
    for (row, column, phrase) in rows {
      let text = "\(header)\nOK,invention,VN,2015-01-01,2016-01-01,,1000,0.05\n\(row)\n"
      do {
        _ = try Portfolio.parse(text: text, source: "p.csv")
        Issue.record("accepted: \(row)")
      } catch let error as InputError {
        #expect(error.category == .badData, "\(row)")
        #expect(error.location?.line == 3, "\(row)")
        #expect(error.location?.column == column, "\(row)")
        #expect(error.message.contains(phrase), "\(row): \(error.message)")
      }
    }
  }
}
