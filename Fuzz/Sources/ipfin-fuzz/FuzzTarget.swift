// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPScenarios
import IPStatistics
import IPValuation

/// One reader under test, and the bar every input must meet: no crash, no hang, and every
/// refusal positioned (the file, and the line and column wherever a column exists). An input
/// that misses the bar stops the process with a message, which libFuzzer records as a finding.
enum FuzzTarget: String, CaseIterable {
  /// IPCommon's CSV reader (``CSVReader``): header and every row.
  case csv
  /// The portfolio reader (``Portfolio/init(csv:)``).
  case portfolio
  /// The filings reader (``FilingDataset/init(csv:)``).
  case filings
  /// The scenario loader (``ScenarioLoader/load(_:limits:)``), with the example scenarios,
  /// portfolio and data beside the input so that `extends`, `portfolio:` and `data:` resolve.
  case scenario

  /// Limits small enough that mutation reaches each of them, large enough for the seeds.
  static let csvLimits = InputLimits(fileBytes: 48 << 10, lineBytes: 512, fieldBytes: 128)
  static let scenarioLimits = InputLimits(fileBytes: 8 << 10, lineBytes: 512, fieldBytes: 256)

  /// The name inputs are reported by.
  static let source = "fuzz.csv"

  /// Runs one input through the reader and checks the bar.
  func check(_ bytes: [UInt8]) {
    switch self {
    case .csv: checkCSV(bytes)
    case .portfolio: checkPortfolio(bytes)
    case .filings: checkFilings(bytes)
    case .scenario: checkScenario(bytes)
    }
  }

  // MARK: - The readers

  private func checkCSV(_ bytes: [UInt8]) {
    do {
      var reader = try CSVReader(bytes: bytes, source: Self.source, limits: Self.csvLimits)
      var seen = Set<String>()
      for name in reader.header {
        Self.require(!name.isEmpty && seen.insert(name).inserted, "a bad header was accepted")
      }
      var previousLine = reader.headerLine
      while let record = try reader.next() {
        Self.require(record.fields.count == reader.header.count, "a row of the wrong width")
        Self.require(record.line > previousLine, "rows out of order")
        previousLine = record.line
      }
    } catch {
      Self.requirePositioned(error, lineless: Self.fileLevel, columnless: [])
    }
  }

  private func checkPortfolio(_ bytes: [UInt8]) {
    do {
      var reader = try CSVReader(bytes: bytes, source: Self.source, limits: Self.csvLimits)
      let portfolio = try Portfolio(csv: &reader)
      Self.require(!portfolio.assets.isEmpty, "an empty portfolio was accepted")
      for asset in portfolio.assets {
        Self.require(asset.firstInvalidInput() == nil, "an invalid asset was accepted")
        Self.require(
          asset.revenue <= Portfolio.largestAmount
            && asset.maintenanceCost <= Portfolio.largestAmount,
          "an amount above the largest was accepted")
        Self.require(asset.location?.line != nil, "an asset without its line")
      }
      // Every accepted portfolio can be valued: legal terms known, amounts finite, no value
      // below 0 (the owner's option to abandon).
      let valuation = try DeterministicValuation.run(
        portfolio: portfolio,
        assumptions: ValuationAssumptions(valuationDate: portfolio.defaultValuationDate))
      for asset in valuation.assets {
        Self.require(
          asset.deterministicValue.isFinite && asset.deterministicValue >= 0,
          "a deterministic value that is negative or not finite")
      }
    } catch {
      Self.requirePositioned(
        error, lineless: Self.fileLevel + ["the portfolio has no assets"],
        columnless: ["the required column"])
    }
  }

  private func checkFilings(_ bytes: [UInt8]) {
    do {
      var reader = try CSVReader(bytes: bytes, source: Self.source, limits: Self.csvLimits)
      let dataset = try FilingDataset(csv: &reader)
      Self.require(!dataset.series.isEmpty, "a data set without series was accepted")
      for series in dataset.series {
        let years = series.points.map(\.year)
        Self.require(years == years.sorted() && Set(years).count == years.count, "bad years")
        for point in series.points {
          Self.require(FilingDataset.dataYears.contains(point.year), "a year out of range")
          Self.require(
            point.value >= 0 && point.value <= FilingDataset.largestValue, "a count out of range")
        }
      }
    } catch {
      Self.requirePositioned(
        error, lineless: Self.fileLevel,
        columnless: ["the required column", "the file has a header but no data rows"])
    }
  }

  private func checkScenario(_ bytes: [UInt8]) {
    let folder = ScenarioFolder.shared
    let path = folder.inputPath
    Self.require(folder.writeInput(bytes), "cannot write the input file \(path)")
    do {
      let scenario = try ScenarioLoader.load(path, limits: Self.scenarioLimits)
      _ = scenario.resolvedYAML
    } catch let error as ScenarioError {
      // A file the input names (by `extends`) may fail to be read: its own error is at the
      // `extends` line. Only a file that does not exist or cannot be read is missing input.
      Self.require(
        error.category == .badData || error.category == .missingInput,
        "category \(error.category)")
      Self.requirePositioned(
        location: error.location, message: error.message, description: error.description,
        lineless: ["the scenario file is empty", "the file is larger than the limit"],
        columnless: [])
    } catch {
      Self.require(false, "not a ScenarioError: \(error)")
    }
  }

  // MARK: - The bar

  /// Refusals of the whole file, which have no line.
  static let fileLevel = ["the file is larger than the limit", "the file is empty"]

  /// Requires `error` to be a bad-data ``InputError`` naming the input, with a line and a
  /// column unless its message starts with one of `lineless` (no line) or `columnless` (no
  /// column).
  static func requirePositioned(_ error: Error, lineless: [String], columnless: [String]) {
    guard let error = error as? InputError else {
      require(false, "not an InputError: \(error)")
      return
    }
    require(error.kind == .badData, "not bad data: \(error)")
    require(error.location?.file == source, "the file is not named: \(error)")
    requirePositioned(
      location: error.location, message: error.message, description: error.description,
      lineless: lineless, columnless: columnless)
  }

  /// Requires `location` to have a line and a column, except as `lineless` and `columnless`
  /// allow (by the start of `message`), and the message to be short (a bad value is repeated
  /// in part).
  static func requirePositioned(
    location: SourceLocation?, message: String, description: String, lineless: [String],
    columnless: [String]
  ) {
    require(location != nil && location?.file.isEmpty == false, "no file: \(description)")
    require(
      description.count <= 1_000,
      "a message of \(description.count) characters: \(description.prefix(300))…")
    if lineless.contains(where: message.hasPrefix) { return }
    require(location?.line != nil, "no line: \(description)")
    if columnless.contains(where: message.hasPrefix) { return }
    require(location?.column != nil, "no column: \(description)")
  }

  /// Stops the process with `finding` unless `condition` holds.
  static func require(_ condition: Bool, _ finding: @autoclosure () -> String) {
    guard !condition else { return }
    FileHandle.standardError.write(Data("ipfin-fuzz: \(finding())\n".utf8))
    abort()
  }
}
