// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPValuation
import Testing

@Suite("Portfolio CSV: columns, defaults, aliases and every bad input")
struct PortfolioReadingTests {
  static let header =
    "id,right,office,filing_date,grant_date,grant_probability,revenue,royalty_rate"

  @Test func readsEveryColumnWithPercentagesAndAliases() throws {
    let text = """
      id,right,office,filing_date,grant_date,grant_probability,revenue,revenue_growth,\
      revenue_volatility,royalty_rate,royalty_low,royalty_high,discount_rate,tax_rate,\
      economic_life,obsolescence,invalidity_hazard,maintenance_cost,industry,currency
      P1,patent,vn,2018-02-01,2020-05-04,,5e9,5%,0.2,4%,3%,6%,14%,0.22,12.5,2%,1%,15000000,\
      software,VND
      U1,utility_model,KR,2021-07-01,,60%,1200000000,-3%,0,0.03,,,,,,,,,,VND
      D1,Design,VN,2022-01-15,2023-01-20,1,8e8,,,0.02,0.01,,,,,,,,,VND
      T1,trademark,VN,2010-01-01,2011-01-01,,2.5e10,0.06,0.15,0.03,0.02,0.05,0.13,,,,,,retail,VND
      """
    let portfolio = try Portfolio.parse(text: text, source: "p.csv")
    #expect(portfolio.currency == "VND")
    #expect(
      portfolio.assets.map(\.right) == [
        .invention, .utilitySolution, .industrialDesign, .trademark,
      ])
    #expect(portfolio.assets.map(\.office) == [.vn, .kr, .vn, .vn])
    let patent = portfolio.assets[0]
    #expect(patent.grantProbability == 1)
    #expect(patent.revenue == 5e9)
    #expect(patent.revenueGrowth == 0.05)
    #expect(patent.revenueVolatility == 0.2)
    #expect((patent.royaltyLow, patent.royaltyRate, patent.royaltyHigh) == (0.03, 0.04, 0.06))
    #expect(patent.discountRate == 0.14)
    #expect(patent.taxRate == 0.22)
    #expect(patent.economicLife == 12.5)
    #expect(patent.obsolescence == 0.02)
    #expect(patent.invalidityHazard == 0.01)
    #expect(patent.maintenanceCost == 15_000_000)
    #expect(patent.industry == "software")
    #expect(patent.location == SourceLocation(file: "p.csv", line: 2))
    // Defaults of empty optional fields.
    let pending = portfolio.assets[1]
    #expect(pending.isPending)
    #expect(pending.grantProbability == 0.6)
    #expect(pending.revenueGrowth == -0.03)
    #expect((pending.royaltyLow, pending.royaltyHigh) == (0.03, 0.03))
    #expect(pending.discountRate == nil)
    #expect(pending.taxRate == 0.20)
    #expect(pending.economicLife == nil)
    #expect(pending.obsolescence == 0 && pending.invalidityHazard == 0)
    #expect(pending.maintenanceCost == 0 && pending.industry == "")
    // One side of the royalty range given: the other is the most likely rate.
    let design = portfolio.assets[2]
    #expect((design.royaltyLow, design.royaltyRate, design.royaltyHigh) == (0.01, 0.02, 0.02))
  }

  @Test func optionalColumnsMayBeLeftOut() throws {
    let text =
      "id,right,office,filing_date,revenue,royalty_rate,grant_date\n"
      + "A,invention,VN,2020-01-01,100,0.05,2021-01-01\n"
    let portfolio = try Portfolio.parse(text: text, source: "p.csv")
    #expect(portfolio.currency == "")
    #expect(portfolio.assets[0].grantProbability == 1)
    #expect(portfolio.assets[0].revenueVolatility == 0)
  }

  /// One bad input: the file's text, the line and column name the error must name, and a piece
  /// of its message (the offending value or what is allowed).
  struct BadInput: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String
    let line: Int?
    let column: String?
    let message: String
    var testDescription: String { name }
  }

  static let good = "A1,invention,VN,2015-01-01,2016-01-01,,1000,0.05"

  static let badInputs: [BadInput] = [
    BadInput(
      name: "missing required column",
      text: "id,right,office,filing_date,revenue\nA,invention,VN,2015-01-01,100\n",
      line: 1, column: nil, message: "required column 'royalty_rate' is missing"),
    BadInput(
      name: "unknown column", text: header + ",colour\n" + good + ",red\n", line: 1, column: nil,
      message: "unknown column 'colour'"),
    BadInput(
      name: "column repeated in another case",
      text: "# a comment line\n" + header + ",ID\n" + good + ",A2\n", line: 2, column: nil,
      message: "the column 'ID' repeats column 1 ('id')"),
    BadInput(
      name: "missing column below comments",
      text:
        "# comment\n\n# another\nid,right,office,filing_date,revenue\n"
        + "A,invention,VN,2015-01-01,1\n",
      line: 4, column: nil, message: "required column 'royalty_rate' is missing"),
    BadInput(
      name: "missing required value",
      text: header + "\n" + good + "\nA2,invention,VN,2015-01-01,2016-01-01,,,0.05\n",
      line: 3, column: "revenue", message: "revenue is required"),
    BadInput(
      name: "unknown right", text: header + "\nA1,copyright,VN,2015-01-01,2016-01-01,,1000,0.05\n",
      line: 2, column: "right", message: "'copyright' is not allowed; allowed: invention"),
    BadInput(
      name: "unknown office", text: header + "\nA1,invention,JP,2015-01-01,2016-01-01,,1000,0.05\n",
      line: 2, column: "office", message: "'JP' is not allowed; allowed: VN or KR"),
    BadInput(
      name: "bad date", text: header + "\nA1,invention,VN,2015-02-30,2016-01-01,,1000,0.05\n",
      line: 2, column: "filing_date", message: "'2015-02-30' is not a date"),
    BadInput(
      name: "grant before filing",
      text: header + "\nA1,invention,VN,2015-01-01,2014-12-31,,1000,0.05\n",
      line: 2, column: "grant_date",
      message:
        "'2014-12-31' is not allowed; allowed: a grant date on or after the filing date "
        + "2015-01-01"),
    BadInput(
      name: "pending without grant probability",
      text: header + "\nA1,invention,VN,2015-01-01,,,1000,0.05\n",
      line: 2, column: "grant_probability", message: "grant_probability is required"),
    BadInput(
      name: "negative revenue", text: header + "\nA1,invention,VN,2015-01-01,2016-01-01,,-5,0.05\n",
      line: 2, column: "revenue", message: "'-5' is not allowed; allowed: an amount of 0 or more"),
    BadInput(
      name: "not a number",
      text: header + "\nA1,invention,VN,2015-01-01,2016-01-01,,\"1,000\",0.05\n",
      line: 2, column: "revenue", message: "'1,000' is not a number"),
    BadInput(
      name: "royalty below its low",
      text: "id,right,office,filing_date,grant_date,revenue,royalty_rate,royalty_low\n"
        + "A1,invention,VN,2015-01-01,2016-01-01,1000,0.05,0.06\n",
      line: 2, column: "royalty_low", message: "royalty_low <= royalty_rate <= royalty_high"),
    BadInput(
      name: "royalty above its high",
      text: "id,right,office,filing_date,grant_date,revenue,royalty_rate,royalty_high\n"
        + "A1,invention,VN,2015-01-01,2016-01-01,1000,5%,4%\n",
      line: 2, column: "royalty_high", message: "'4%' is not allowed"),
    BadInput(
      name: "rate above 1", text: header + "\nA1,invention,VN,2015-01-01,2016-01-01,,1000,120%\n",
      line: 2, column: "royalty_rate", message: "'120%' is not allowed; allowed: a rate in [0, 1]"),
    BadInput(
      name: "rate below 0", text: header + ",invalidity_hazard\n" + good + ",-0.01\n",
      line: 2, column: "invalidity_hazard",
      message: "'-0.01' is not allowed; allowed: a rate in [0, 1]"),
    BadInput(
      name: "grant probability above 1",
      text: header + "\nA1,invention,VN,2015-01-01,,1.5,1000,0.05\n",
      line: 2, column: "grant_probability", message: "'1.5' is not allowed"),
    BadInput(
      name: "not a rate", text: header + "\nA1,invention,VN,2015-01-01,2016-01-01,,1000,five\n",
      line: 2, column: "royalty_rate", message: "'five' is not a rate"),
    BadInput(
      name: "growth at -100%", text: header + ",revenue_growth\n" + good + ",-100%\n",
      line: 2, column: "revenue_growth", message: "above -1"),
    BadInput(
      name: "economic life of 0", text: header + ",economic_life\n" + good + ",0\n",
      line: 2, column: "economic_life", message: "above 0 and at most 100"),
    BadInput(
      name: "duplicate id", text: header + "\n" + good + "\n" + good + "\n",
      line: 3, column: "id", message: "the id 'A1' is already used on line 2"),
    BadInput(
      name: "mixed currencies",
      text: header + ",currency\n" + good
        + ",VND\nA2,invention,VN,2015-01-01,2016-01-01,,1000,0.05,USD\n",
      line: 3, column: "currency",
      message: "'USD' is not allowed; allowed: one currency for the whole file: line 2 has 'VND'"),
    BadInput(
      name: "amount beyond what the model computes",
      text: header + ",maintenance_cost\n" + good + ",1e308\n", line: 2,
      column: "maintenance_cost",
      message: "'1e308' is not allowed; allowed: an amount from 0 to 1e18"),
    BadInput(
      name: "revenue beyond what the model computes",
      text: header + "\nA1,invention,VN,2015-01-01,2016-01-01,,1.5e18,0.05\n", line: 2,
      column: "revenue", message: "'1.5e18' is not allowed; allowed: an amount from 0 to 1e18"),
    BadInput(
      name: "NUL byte in a number",
      text: header + "\nA1,invention,VN,2015-01-01,2016-01-01,,5\u{0}0000000000,0.05\n", line: 2,
      column: "revenue", message: "NUL byte"),
    BadInput(
      name: "a field too many", text: header + "\n" + good + ",9\n", line: 2, column: nil,
      message: "this row has more fields than the header's 8"),
    BadInput(
      name: "a field too few", text: header + "\nA1,invention,VN,2015-01-01,2016-01-01\n",
      line: 2, column: "grant_probability", message: "this row has 5 fields but the header has 8"),
    BadInput(
      name: "empty file", text: "", line: nil, column: nil, message: "the file is empty"),
    BadInput(
      name: "header without assets", text: header + "\n", line: nil, column: nil,
      message: "the portfolio has no assets"),
  ]

  @Test(arguments: badInputs)
  func badInputIsRejectedWithItsPlace(_ bad: BadInput) throws {
    let path = try temporaryFile(bad.text)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    do {
      _ = try Portfolio.read(path: path)
      Issue.record("\(bad.name): no error")
    } catch let error as InputError {
      #expect(error.kind == .badData)
      #expect(error.category == .badData)
      #expect(error.location?.file == path)
      #expect(error.location?.line == bad.line)
      if let column = bad.column {
        #expect(error.location?.columnName == column)
        #expect(error.location?.column != nil)
      }
      #expect(error.message.contains(bad.message), "\(error.message)")
    }
    // The input file is never touched.
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  /// A byte that is not UTF-8 names its line and column.
  @Test func invalidUTF8NamesItsPlace() throws {
    let path = try temporaryFile("")
    try Data(
      Array((Self.header + "\nA1,invention,VN,2015-01-01,2016-01-01,,5").utf8) + [0xFF, 0x0A]
    )
    .write(to: URL(fileURLWithPath: path))
    do {
      _ = try Portfolio.read(path: path)
      Issue.record("no error")
    } catch let error as InputError {
      #expect(error.category == .badData)
      #expect(error.location?.description == "\(path):2:7 (column 'revenue')")
      #expect(error.message.contains("0xFF is not UTF-8"))
    }
  }

  /// A bad value of ten million characters is repeated in part: its first 40 characters and
  /// its length; a 4 KiB one is the longest a field may be.
  @Test func aHugeBadValueIsRepeatedInPart() throws {
    let value = String(repeating: "9", count: 4_000) + "x"
    do {
      _ = try Portfolio.parse(
        text: Self.header + "\nA1,invention,VN,2015-01-01,2016-01-01,,\(value),0.05\n",
        source: "p.csv")
      Issue.record("no error")
    } catch let error as InputError {
      let excerpt = String(repeating: "9", count: 40)
      #expect(error.message.hasPrefix("'\(excerpt)…' (4,001 characters)"))
      #expect(error.message.count < 200)
    }
    let huge = String(repeating: "9", count: 10_000_000)
    do {
      _ = try Portfolio.parse(
        text: Self.header + "\nA1,invention,VN,2015-01-01,2016-01-01,,\(huge),0.05\n",
        source: "p.csv")
      Issue.record("no error")
    } catch let error as InputError {
      #expect(error.location?.line == 2 && error.location?.columnName == "revenue")
      #expect(error.message.contains("longer than the limit of 4,096 bytes"))
      #expect(error.message.count < 200)
    }
  }

  /// `/dev/null` is an empty portfolio (65), `/dev/zero` meets the file limit (65), a FIFO is
  /// read like a file, and a directory cannot be read (66).
  @Test func specialFilesAreReadByWhatTheyAre() throws {
    for (path, category, fragment) in [
      ("/dev/null", .badData, "the file is empty"),
      ("/dev/zero", .badData, "larger than the limit"),
      (FileManager.default.temporaryDirectory.path, .missingInput, "directory"),
    ] as [(String, ErrorCategory, String)] {
      do {
        _ = try Portfolio.read(
          path: path, limits: InputLimits(fileBytes: 1 << 20, lineBytes: 1 << 16, fieldBytes: 4096))
        Issue.record("\(path): no error")
      } catch let error as InputError {
        #expect(error.category == category, "\(path)")
        #expect(error.location?.file == path)
        #expect(error.message.contains(fragment), "\(error.message)")
      }
    }
    let fifo = FileManager.default.temporaryDirectory
      .appendingPathComponent("ipfin-portfolio-\(UUID().uuidString)").path
    #expect(mkfifo(fifo, 0o600) == 0)
    defer { try? FileManager.default.removeItem(atPath: fifo) }
    let text = Self.header + "\n" + Self.good + "\n"
    let writer = Thread {
      guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
      handle.write(Data(text.utf8))
      try? handle.close()
    }
    writer.start()
    #expect(try Portfolio.read(path: fifo).assets.map(\.id) == ["A1"])
  }

  /// A portfolio of 100,000 rows with every column (24 MB) is within the limits.
  @Test func aPortfolioOfOneHundredThousandRowsIsRead() throws {
    let row =
      ",invention,VN,2015-01-01,2016-01-01,,420000000000,8%,15%,1.5%,1%,2.5%,13%,20%,12,1%,0.5%,"
      + "3000000,consumer electronics and household appliances for export markets,VND"
    var text =
      "id,right,office,filing_date,grant_date,grant_probability,revenue,revenue_growth,"
      + "revenue_volatility,royalty_rate,royalty_low,royalty_high,discount_rate,tax_rate,"
      + "economic_life,obsolescence,invalidity_hazard,maintenance_cost,industry,currency\n"
    text.reserveCapacity(100_000 * 200)
    for index in 1...100_000 { text += "PATENT-VN-2015-\(index)" + row + "\n" }
    #expect(text.utf8.count < InputLimits.csv.fileBytes)
    let path = try temporaryFile(text)
    let portfolio = try Portfolio.read(path: path)
    #expect(portfolio.assets.count == 100_000)
    #expect(portfolio.assets.last?.location?.line == 100_001)
  }

  @Test func missingFileIsMissingInput() {
    #expect(throws: InputError.self) { try Portfolio.read(path: "/nonexistent/portfolio.csv") }
    do {
      _ = try Portfolio.read(path: "/nonexistent/portfolio.csv")
    } catch let error as InputError {
      #expect(error.category == .missingInput)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func inMemoryPortfoliosAreValidatedToo() {
    #expect(throws: InputError.self) { try Portfolio(assets: []) }
    #expect(throws: InputError.self) {
      try Portfolio(assets: [sampleAsset(id: "X"), sampleAsset(id: "X")])
    }
    do {
      _ = try Portfolio(assets: [sampleAsset(royalty: 0.05, low: 0.06)])
      Issue.record("no error")
    } catch let error as InputError {
      #expect(error.message.contains("asset 'A1': royalty_low is not allowed"))
      #expect(error.category == .badData)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func defaultValuationDateIsTheYearEndOfTheLatestDate() throws {
    let portfolio = try Portfolio(assets: [
      sampleAsset(id: "A", filing: "2019-05-01", grant: "2024-02-29"),
      sampleAsset(id: "B", filing: "2023-11-30", grant: nil, grantProbability: 0.5),
    ])
    #expect(portfolio.defaultValuationDate == date("2024-12-31"))
    // Stale after 366 days: 2025-12-31 is 365 days on, 2026-01-02 367.
    #expect(portfolio.staleDefaultDateWarning(today: date("2025-12-31")) == nil)
    #expect(portfolio.staleDefaultDateWarning(today: date("2026-01-01")) == nil)
    let warning = portfolio.staleDefaultDateWarning(today: date("2026-01-02"))
    #expect(warning?.hasPrefix("the default valuation date 2024-12-31 is 367 days") == true)
  }
}
