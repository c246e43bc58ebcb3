// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPStatistics
import IPValuation

/// Reads scenario files: YAML with an optional `extends` chain, validated key by key.
///
/// ```yaml
/// name: resolution-57
/// description: ...
/// extends: baseline.yaml          # inherit, then override field by field
/// projection: {...}
/// valuation: {...}
/// ```
///
/// Inheritance overlays the child's mapping on its parent's, key by key and recursively into
/// nested mappings; a list (such as `adjustments` or `series`) replaces the parent's list
/// whole. `name` and `description` are never inherited. Relative paths resolve against the
/// folder of the file that wrote them, so an inherited `portfolio:` still points where the
/// parent meant. An unknown key, a wrong type, a value out of range or a cycle of `extends` is a
/// ``ScenarioError`` naming the file, line and key (bad data; missing input for a file that does
/// not exist or cannot be read). Anchors and aliases are refused before the YAML is composed.
public enum ScenarioLoader {
  /// The model names a scenario may use: `auto`, `all` and the statistics module's models
  /// (``ProjectionRequest/modelNames``).
  public static let modelNames = ProjectionRequest.modelNames

  /// The scopes a projection without `data:` may use (those of `datasets/ip-filings.csv`,
  /// ``SeriesNames/scopes``); with `data:`, those of that file.
  public static let scopeNames = SeriesNames.scopes

  /// The right names a projection without `data:` may use (those of
  /// `datasets/ip-filings.csv`, ``SeriesNames/rights``, and their aliases); with `data:`, also
  /// those of that file.
  public static let rightNames = SeriesNames.rights

  /// Loads and validates the scenario in `path`.
  ///
  /// - Parameter limits: the size limits of each scenario file (``InputLimits/scenario``).
  /// - Throws: ``ScenarioError`` with the file, line and key: `missingInput` when `path`, a
  ///   file it extends, or its data file or portfolio does not exist, cannot be read or is a
  ///   directory; `badData` for anything wrong inside it or in the files it extends (an empty
  ///   file, a file over `limits`, a NUL byte or a byte that is not UTF-8, YAML anchors and
  ///   aliases, a key, type or value the format does not allow, a cycle of `extends`).
  public static func load(_ path: String, limits: InputLimits = .scenario) throws -> Scenario {
    let (tree, parents) = try resolvedTree(path, chain: [], limits: limits, reference: nil)
    var scenario = try decode(tree, file: path)
    scenario.extendedFiles = parents
    return scenario
  }

  /// The scenario's YAML tree with its `extends` chain merged in, and the files of that chain
  /// (nearest first, `path` itself not included). `reference` is the `extends` entry that
  /// names `path`, where an error reading the file is reported.
  static func resolvedTree(
    _ path: String, chain: [String], limits: InputLimits,
    reference: (location: SourceLocation, name: String)?
  ) throws -> (tree: YAMLTree, parents: [String]) {
    let canonical = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    let text = try readText(path, limits: limits, reference: reference)
    let tree = try YAMLTree.parse(text, file: path, limits: limits)
    if case .null = tree {
      throw ScenarioError(
        at: SourceLocation(file: path),
        "the scenario file is empty; write at least a projection or a valuation section")
    }
    let mapping = try YAMLMapping(tree, path: "")
    guard let parentNode = mapping.node("extends") else { return (tree, []) }
    guard case let .scalar(parentName, _, location) = parentNode else {
      throw mapping.typeError("extends", parentNode, expected: "a file name")
    }
    guard !parentName.isEmpty else {
      throw ScenarioError(at: location, key: "extends", "the file name is empty")
    }
    let parentURL =
      parentName.hasPrefix("/")
      ? URL(fileURLWithPath: parentName)
      : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(parentName)
    let parentPath = YAMLMapping.displayPath(parentURL.standardizedFileURL.path)
    let parentCanonical = parentURL.standardizedFileURL.resolvingSymlinksInPath().path
    let visited = chain + [canonical]
    if visited.contains(parentCanonical) {
      let cycle = (visited + [parentCanonical]).map { URL(fileURLWithPath: $0).lastPathComponent }
      throw ScenarioError(
        at: location, key: "extends",
        "a cycle of 'extends': \(cycle.joined(separator: " -> "))")
    }
    let parent = try resolvedTree(
      parentPath, chain: visited, limits: limits, reference: (location, parentName))
    return (
      tree.overlaid(on: parent.tree, excluding: ["name", "description", "extends"]),
      [parentPath] + parent.parents
    )
  }

  /// The text of the scenario file `path`, checked against `limits`.
  ///
  /// - Throws: ``ScenarioError``: a file that cannot be read (66) or is over the file limit
  ///   (65) at `reference` (the `extends` entry naming it) when there is one, else at `path`; a
  ///   NUL byte, a byte that is not UTF-8 or a line over the limit at its line and column in
  ///   `path` (65).
  static func readText(
    _ path: String, limits: InputLimits, reference: (location: SourceLocation, name: String)?
  ) throws -> String {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.read(path: path, limit: limits.fileBytes)
    } catch let error as InputError {
      guard let reference else {
        throw ScenarioError(at: error.location, error.message, category: error.category)
      }
      let resolved = path == reference.name ? "" : " (\(InputError.quoted(path, length: 200)))"
      throw ScenarioError(
        at: reference.location, key: "extends",
        "the file \(InputError.quoted(reference.name))\(resolved): \(error.message)",
        category: error.category)
    }
    do {
      return try InputText.decode(bytes, source: path, limits: limits)
    } catch let error as InputError {
      throw ScenarioError(at: error.location, error.message)
    }
  }

  /// Builds a ``Scenario`` from a merged tree.
  static func decode(_ tree: YAMLTree, file: String) throws -> Scenario {
    let top = try YAMLMapping(tree, path: "")
    try top.requireKnownKeys(["name", "description", "extends", "projection", "valuation"])
    let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    let name = try top.string("name") ?? stem
    guard !name.isEmpty, !name.contains(where: { $0 == "," || $0 == "\n" || $0 == "\"" }) else {
      throw ScenarioError(
        at: top.node("name")?.location ?? top.location, key: "name",
        "a name must be non-empty, on one line, without commas or quotes")
    }
    var scenario = Scenario(
      name: name, description: try top.string("description") ?? "", file: file)
    if let projection = try top.mapping("projection") {
      scenario.projection = try decodeProjection(projection)
    }
    if let valuation = try top.mapping("valuation") {
      scenario.valuation = try decodeValuation(valuation)
      scenario.valuation?.locations = valuation.locations
    }
    return scenario
  }

  /// The `projection:` section. Without `data:` the office, measure, scopes and rights are
  /// checked against the bundled data's names (``SeriesNames``) here; with `data:` a file of
  /// one's own may name others, so they are checked against that file when it is read
  /// (``ScenarioPlan``). Either way a right is canonicalized as everywhere else (any letter
  /// case, the aliases `patent` and `design`), and the bundled office in upper case.
  static func decodeProjection(_ map: YAMLMapping) throws -> ProjectionSettings {
    try map.requireKnownKeys([
      "data", "office", "measure", "scope", "series", "model", "select", "to", "since",
      "exclude_approximate", "error_scale", "seed", "simulations", "adjustments",
    ])
    let ownData = map.has("data")
    let writtenOffice = try map.requireString("office")
    let office =
      ownData && !SeriesNames.offices.contains(writtenOffice.uppercased())
      ? writtenOffice : writtenOffice.uppercased()
    if !ownData { try requireOneOf(map, "office", office, SeriesNames.offices) }
    guard let seriesNodes = try map.sequence("series"), !seriesNodes.isEmpty else {
      throw map.missing("series")
    }
    var series: [SeriesSettings] = []
    for (index, node) in seriesNodes.enumerated() {
      let path = map.keyPath("series[\(index)]")
      if case let .scalar(text, _, location) = node {
        let right = try rightName(text, at: location, key: path, ownData: ownData)
        series.append(SeriesSettings(right: right, location: location))
        continue
      }
      let entry = try YAMLMapping(node, path: path)
      try entry.requireKnownKeys(["right", "scope", "model", "growth"])
      let right = try rightName(
        try entry.requireString("right"), at: entry.node("right")?.location ?? entry.location,
        key: entry.keyPath("right"), ownData: ownData)
      let scope = try entry.string("scope")
      if let scope, !ownData { try requireOneOf(entry, "scope", scope, scopeNames) }
      let model = try entry.string("model")
      if let model { try requireOneOf(entry, "model", model, modelNames) }
      series.append(
        SeriesSettings(
          right: right, scope: scope, model: model,
          growth: try entry.number(
            "growth", rate: true, range: -0.99...ProjectionRequest.largestGrowth,
            allowed: "-99% to 1000%"),
          location: entry.location))
    }
    if let scope = try map.string("scope"), !ownData {
      try requireOneOf(map, "scope", scope, scopeNames)
    }
    let defaultScope = try map.string("scope") ?? SeriesNames.defaultScope
    let keys = series.map {
      ProjectionSettings.seriesName(right: $0.right, scope: $0.scope ?? defaultScope)
    }
    // In any letter case: a file of one's own may name its series so (the data's lookup does).
    let folded = keys.map { $0.lowercased() }
    if let duplicate = keys.enumerated().first(where: {
      folded[..<$0.offset].contains($0.element.lowercased())
    }) {
      throw ScenarioError(
        at: seriesNodes[duplicate.offset].location, key: map.keyPath("series[\(duplicate.offset)]"),
        "the series \(duplicate.element) is listed twice")
    }
    var settings = ProjectionSettings(office: office, series: series)
    settings.dataFile = try map.existingPath("data")
    if let measure = try map.string("measure") {
      if !ownData { try requireOneOf(map, "measure", measure, SeriesNames.measures) }
      settings.measure = measure
    }
    settings.scope = defaultScope
    settings.locations = map.locations
    if let model = try map.string("model") {
      try requireOneOf(map, "model", model, modelNames)
      settings.model = model
    }
    if let selection = try map.string("select") {
      try requireOneOf(map, "select", selection, SelectionRule.allCases.map(\.rawValue))
      settings.selection = SelectionRule(rawValue: selection) ?? ProjectionRequest.defaultSelection
    }
    settings.to = try map.integer("to", range: 1900...2200) ?? settings.to
    settings.since = try map.integer("since", range: 1800...2200)
    if let exclude = try map.string("exclude_approximate") {
      guard let flag = Bool(exclude) else {
        throw map.typeError(
          "exclude_approximate", map.node("exclude_approximate") ?? .null(at: map.location),
          expected: "true or false")
      }
      settings.excludeApproximate = flag
    }
    if let scale = try map.string("error_scale") {
      try requireOneOf(map, "error_scale", scale, ErrorScale.allCases.map(\.rawValue))
      settings.errorScale = ErrorScale(rawValue: scale) ?? ProjectionRequest.defaultErrorScale
    }
    settings.seed = try map.seed("seed")
    settings.simulations = try map.integer(
      "simulations", range: 100...ProjectionRequest.mostSimulations)
    for (index, node) in (try map.sequence("adjustments") ?? []).enumerated() {
      let entry = try YAMLMapping(node, path: map.keyPath("adjustments[\(index)]"))
      let adjustment = try decodeAdjustment(entry, ownData: ownData)
      let key = ProjectionSettings.seriesName(
        right: adjustment.right, scope: adjustment.scope ?? defaultScope)
      guard folded.contains(key.lowercased()) else {
        throw ScenarioError(
          at: entry.node("right")?.location ?? entry.location, key: entry.keyPath("right"),
          "the series \(key) is not among the projected series: \(keys.joined(separator: ", "))")
      }
      settings.adjustments.append(adjustment)
    }
    return settings
  }

  /// One entry of `adjustments:`; with `ownData` its right and scope are left to the data file
  /// (see ``decodeProjection(_:)``).
  static func decodeAdjustment(_ map: YAMLMapping, ownData: Bool) throws -> AdjustmentSettings {
    try map.requireKnownKeys([
      "right", "scope", "from", "growth_uplift", "level_shift", "cap", "analog",
    ])
    let right = try rightName(
      try map.requireString("right"), at: map.node("right")?.location ?? map.location,
      key: map.keyPath("right"), ownData: ownData)
    let scope = try map.string("scope")
    if let scope, !ownData { try requireOneOf(map, "scope", scope, scopeNames) }
    let kinds = ["growth_uplift", "level_shift", "cap", "analog"].filter { map.has($0) }
    guard kinds.count == 1 else {
      throw ScenarioError(
        at: map.location, key: map.path,
        "an adjustment needs exactly one of growth_uplift, level_shift, cap or analog; found "
          + (kinds.isEmpty ? "none" : kinds.joined(separator: ", ")))
    }
    let from = try map.integer("from", range: 1900...2200)
    let kind: AdjustmentSettings.Kind
    switch kinds[0] {
    case "growth_uplift":
      guard let from else { throw map.missing("from") }
      kind = .projection(
        .growthUplift(
          rate: try map.number(
            "growth_uplift", rate: true, range: -0.99...ProjectionRequest.largestGrowth,
            allowed: "-99% to 1000%") ?? 0,
          from: from))
    case "level_shift":
      guard let from else { throw map.missing("from") }
      kind = .projection(
        .levelShift(
          shift: try map.number(
            "level_shift", rate: true, range: -0.99...ProjectionRequest.largestLevelShift,
            allowed: "-99% to 10000%") ?? 0,
          from: from))
    case "cap":
      kind = .cap(
        try map.number(
          "cap", range: Double.leastNonzeroMagnitude...FilingDataset.largestValue,
          allowed: "a positive number of at most 1e12") ?? 0)
    default:
      let text = try map.requireString("analog")
      do {
        kind = .projection(.analog(try AnalogSpec(parsing: text)))
      } catch {
        throw ScenarioError(
          at: map.node("analog")?.location, key: map.keyPath("analog"),
          (error as? LocalizedError)?.errorDescription ?? "\(error)")
      }
    }
    return AdjustmentSettings(right: right, scope: scope, kind: kind, location: map.location)
  }

  static func decodeValuation(_ map: YAMLMapping) throws -> ValuationSettings {
    try map.requireKnownKeys([
      "portfolio", "valuation_date", "paths", "seed", "correlation", "discount_rate",
      "discount_rate_shift", "revenue_growth_shift", "royalty_multiplier",
      "volatility_multiplier", "horizon", "collateral", "loan",
    ])
    guard let portfolio = try map.existingPath("portfolio") else { throw map.missing("portfolio") }
    var settings = ValuationSettings(portfolio: portfolio)
    if let text = try map.string("valuation_date") {
      guard let date = CalendarDate(iso8601: text) else {
        throw ScenarioError(
          at: map.node("valuation_date")?.location, key: map.keyPath("valuation_date"),
          "\(InputError.quoted(text)) is not a date; write YYYY-MM-DD")
      }
      settings.valuationDate = date
    }
    settings.paths = try map.integer("paths", range: 2...ValuationAssumptions.maximumPaths)
    settings.seed = try map.seed("seed")
    settings.correlation = try map.number("correlation", rate: true, range: 0...1)
    settings.discountRate = try map.number("discount_rate", rate: true, range: 0...1)
    let (shifts, multipliers) = (
      ValuationAssumptions.shiftRange, ValuationAssumptions.multiplierRange
    )
    let (allowedShifts, allowedMultipliers) = (
      ValuationAssumptions.allowedShifts, ValuationAssumptions.allowedMultipliers
    )
    settings.discountRateShift =
      try map.number("discount_rate_shift", rate: true, range: shifts, allowed: allowedShifts)
      ?? ValuationAssumptions.noShift
    settings.revenueGrowthShift =
      try map.number("revenue_growth_shift", rate: true, range: shifts, allowed: allowedShifts)
      ?? ValuationAssumptions.noShift
    settings.royaltyMultiplier =
      try map.number("royalty_multiplier", range: multipliers, allowed: allowedMultipliers)
      ?? ValuationAssumptions.noMultiplier
    settings.volatilityMultiplier =
      try map.number("volatility_multiplier", range: multipliers, allowed: allowedMultipliers)
      ?? ValuationAssumptions.noMultiplier
    if let collateral = try map.mapping("collateral") {
      try collateral.requireKnownKeys(["quantile", "orderly_discount", "forced_discount", "ltv"])
      settings.collateralQuantile = try collateral.number(
        "quantile", rate: true, range: 0.000_1...0.999_9, allowed: "strictly between 0 and 1")
      settings.orderlyDiscount = try collateral.number("orderly_discount", rate: true, range: 0...1)
      settings.forcedDiscount = try collateral.number("forced_discount", rate: true, range: 0...1)
      if let ltv = try collateral.mapping("ltv") {
        let rights = ["invention", "utility_solution", "industrial_design", "trademark"]
        try ltv.requireKnownKeys(rights)
        for right in rights {
          if let value = try ltv.number(right, rate: true, range: 0...1) {
            settings.loanToValue[right] = value
          }
        }
      }
    }
    if let node = map.node("horizon") {
      let text = try map.requireString("horizon")
      guard let horizon = RiskHorizon(text),
        (1...RiskHorizon.maximumYears).contains(horizon.years ?? 1)
      else {
        throw ScenarioError(
          at: node.location, key: map.keyPath("horizon"),
          "'\(text)' is not allowed; allowed: a whole number of years from 1 to "
            + "\(RiskHorizon.maximumYears), or life")
      }
      settings.horizon = horizon
    }
    if let loan = try map.mapping("loan") {
      settings.loan = try decodeLoan(loan)
    }
    return settings
  }

  /// The `loan:` section: the options of `ipfin value` with the same names.
  static func decodeLoan(_ map: YAMLMapping) throws -> Loan {
    try map.requireKnownKeys([
      "amount", "pd", "tenor", "amortization", "borrower_correlation", "time_to_sell",
      "sale_cost", "loan_rate",
    ])
    guard
      let amount = try map.number(
        "amount", range: Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude,
        allowed: "an amount above 0")
    else { throw map.missing("amount") }
    var loan = Loan(amount: amount)
    loan.probabilityOfDefault = try map.number("pd", rate: true, range: 0...1)
    loan.tenorYears =
      try map.integer(
        "tenor", range: 1...Loan.maximumTenorYears,
        allowed: "a whole number of years from 1 to \(Loan.maximumTenorYears)")
      ?? loan.tenorYears
    if let text = try map.string("amortization") {
      try requireOneOf(map, "amortization", text, Loan.Amortization.allCases.map(\.rawValue))
      loan.amortization = Loan.Amortization(rawValue: text) ?? loan.amortization
    }
    loan.borrowerCorrelation =
      try map.number("borrower_correlation", rate: true, range: 0...1) ?? loan.borrowerCorrelation
    loan.timeToSell =
      try map.number(
        "time_to_sell", range: 0...Loan.maximumTimeToSell,
        allowed: "0 to \(NumberFormatting.exact(Loan.maximumTimeToSell)) years")
      ?? loan.timeToSell
    loan.saleCost = try map.number("sale_cost", rate: true, range: 0...1) ?? loan.saleCost
    loan.rate = try map.number("loan_rate", rate: true, range: 0...1) ?? loan.rate
    return loan
  }

  /// The right `text` names, in any letter case or by an alias (``SeriesNames/canonicalRight(_:)``):
  /// `patent` is `invention`, as in portfolio files and on the command line. With `ownData` (a
  /// `data:` file of one's own) a name the bundled data does not have is kept as written, to be
  /// looked up in that file (``ScenarioPlan``).
  ///
  /// - Throws: ``ScenarioError`` at `location` for a name that is no right (without
  ///   `ownData`), or an empty one, with the nearest.
  static func rightName(
    _ text: String, at location: SourceLocation?, key: String, ownData: Bool = false
  ) throws -> String {
    if let right = SeriesNames.canonicalRight(text) { return right }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if ownData && !trimmed.isEmpty { return trimmed }
    let nearest = SeriesNames.nearestRight(to: text).map { "did you mean \($0)? " } ?? ""
    throw ScenarioError(
      at: location, key: key,
      "\(InputError.quoted(text)) is not a right; \(nearest)allowed: "
        + rightNames.joined(separator: ", ") + " (aliases: patent, design; any letter case)")
  }

  static func requireOneOf(
    _ map: YAMLMapping, _ key: String, _ value: String, _ allowed: [String]
  ) throws {
    guard allowed.contains(value) else {
      throw ScenarioError(
        at: map.node(key)?.location ?? map.location, key: map.keyPath(key),
        "\(InputError.quoted(value)) is not allowed; allowed: \(allowed.joined(separator: ", "))")
    }
  }
}
