// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import IPCommon
import IPStatistics

/// `ipfin data`: list the filing series and show their points.
struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data",
    abstract: "List the filing series and show their points with status and source.",
    subcommands: [Series.self, Show.self])

  /// `ipfin data series`.
  struct Series: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "One row per series: office, right, measure, scope, unit, span and point counts.",
      discussion: """
        Columns: office, right, measure, scope, unit, first_year, last_year, points, reported, \
        derived, approximate. A series whose unit changed lists its units in order, joined by ';'.
        """)

    @OptionGroup var source: DataSourceOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      try output.checkPaths(inputs: [source.data])
    }

    func run() throws {
      let dataset = try source.load()
      switch output.format {
      case .csv: try output.emit(DataTables.csv(FilingDataset.summaryHeader, dataset.summaryRows))
      case .table:
        try output.emit(DataTables.text(FilingDataset.summaryHeader, dataset.summaryRows))
      case .json: try output.emit(try Output.json(["series": dataset.summaries]))
      }
    }
  }

  /// `ipfin data show`.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The points of one series, with status and source.",
      discussion: """
        Columns: office, right, measure, scope, unit, year, value, status, source, note. \
        Sources are listed in datasets/sources.csv. A missing year has no row.
        """)

    @OptionGroup var source: DataSourceOptions
    @OptionGroup var keyOptions: SeriesOptions
    @Option(
      help: ArgumentHelp(
        "The right, for example invention, utility_solution, industrial_design, trademark (or "
          + "an alias such as patent, in any letter case)."),
      completion: SeriesOptions.rightCompletion(orAll: false))
    var right: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
      try output.checkPaths(inputs: [source.data])
    }

    func run() throws {
      let dataset = try source.load()
      let key = try keyOptions.key(in: dataset, right: right)
      let series = try dataset.series(key)
      switch output.format {
      case .csv: try output.emit(DataTables.csv(FilingSeries.pointHeader, series.pointRows))
      case .table: try output.emit(DataTables.text(FilingSeries.pointHeader, series.pointRows))
      case .json: try output.emit(try Output.json(series))
      }
    }
  }
}

/// The `--data FILE` option of the statistics commands.
struct DataSourceOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A filings CSV in the long format of datasets/ip-filings.csv or a plain year,value file "
        + "(default: the bundled datasets/ip-filings.csv).", valueName: "FILE"),
    completion: .file(extensions: ["csv"]))
  var data: String?

  /// The data set named by `--data`, or the bundled one.
  func load() throws -> FilingDataset {
    if let data { return try FilingDataset.read(path: data) }
    return try FilingDataset.bundled()
  }
}

/// `--office`, `--measure` and `--scope`: which series of a data set (with a right). The values
/// stay open (a data file may name its own), in any letter case; the completion scripts offer
/// the bundled data's names (``SeriesNames``).
struct SeriesOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The office, for example \(HelpText.alternatives(SeriesNames.offices)) (may be left out "
        + "when the data has one series)."),
    completion: .list(SeriesNames.offices))
  var office: String?

  @Option(
    help: ArgumentHelp("The measure: \(HelpText.alternatives(SeriesNames.measures))."),
    completion: .list(SeriesNames.measures))
  var measure: String = SeriesNames.defaultMeasure

  @Option(
    help: ArgumentHelp("The scope: \(HelpText.alternatives(SeriesNames.scopes))."),
    completion: .list(SeriesNames.scopes))
  var scope: String = SeriesNames.defaultScope

  /// The `--right` value of `project` and `backtest` that names every right of the office,
  /// measure and scope.
  static let allRights = "all"

  /// The completion of a `--right` option: the bundled data's rights and their aliases
  /// (``SeriesNames/rightsAndAliases``), and with `orAll` ``allRights``. The option itself
  /// takes any name, which IPStatistics resolves in any letter case or by an alias, with "did
  /// you mean" for an unknown one.
  static func rightCompletion(orAll: Bool) -> CompletionKind {
    .list(SeriesNames.rightsAndAliases + (orAll ? [allRights] : []))
  }

  /// The series key from the options and `right`; `--office` and the right may be left out
  /// when the data set has a single series. With `requireRight: false` a missing right is left
  /// empty (several rights follow).
  func key(
    in dataset: FilingDataset, right: String?, requireRight: Bool = true
  ) throws -> SeriesKey {
    if office == nil && right == nil, dataset.series.count == 1 {
      return dataset.series[0].key
    }
    guard let office else {
      throw ValidationError("--office is required unless the data has one series")
    }
    guard let right = right ?? (requireRight ? nil : "") else {
      throw ValidationError("--right is required unless the data has one series")
    }
    return SeriesKey(office: office, right: right, measure: measure, scope: scope)
  }
}

/// CSV and aligned text of a header and rows.
enum DataTables {
  /// RFC 4180 CSV.
  static func csv(_ header: [String], _ rows: [[String]]) -> String {
    var writer = CSVWriter(header: header)
    for row in rows { writer.appendRow(row) }
    return writer.text
  }

  /// Aligned columns.
  static func text(_ header: [String], _ rows: [[String]]) -> String {
    var table = TextTable(header: header)
    for row in rows { table.appendRow(row) }
    return table.rendered
  }
}
