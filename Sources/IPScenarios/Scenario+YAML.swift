// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

extension Scenario {
  /// The scenario after inheritance as YAML, every set field written out (rates as fractions);
  /// fields left at a command's default are listed in a comment.
  ///
  /// The data and portfolio paths are written as this scenario's file would write them:
  /// relative to its folder (an inherited path is rewritten from the parent's folder), or
  /// absolute when they share no folder but the root. So the text does not depend on the
  /// working directory, and saved beside the scenario file it reads back as the same scenario.
  public var resolvedYAML: String {
    var lines = ["name: \(Scenario.quoted(name))"]
    if !description.isEmpty { lines.append("description: \(Scenario.quoted(description))") }
    if let projection {
      lines.append("projection:")
      if let data = projection.dataFile {
        lines.append("  data: \(Scenario.quoted(relativeToFolder(data)))")
      }
      lines.append("  office: \(projection.office)")
      lines.append("  measure: \(projection.measure)")
      lines.append("  scope: \(projection.scope)")
      lines.append("  series:")
      for series in projection.series {
        var fields = ["right: \(series.right)"]
        if let scope = series.scope { fields.append("scope: \(scope)") }
        if let model = series.model { fields.append("model: \(model)") }
        if let growth = series.growth { fields.append("growth: \(NumberFormatting.exact(growth))") }
        lines.append("    - {\(fields.joined(separator: ", "))}")
      }
      lines.append("  model: \(projection.model)")
      lines.append("  select: \(projection.selection.rawValue)")
      lines.append("  to: \(projection.to)")
      if let since = projection.since { lines.append("  since: \(since)") }
      lines.append("  exclude_approximate: \(projection.excludeApproximate)")
      lines.append("  error_scale: \(projection.errorScale.rawValue)")
      if let seed = projection.seed { lines.append("  seed: \(seed)") }
      if let simulations = projection.simulations { lines.append("  simulations: \(simulations)") }
      if projection.adjustments.isEmpty {
        lines.append("  adjustments: []")
      } else {
        lines.append("  adjustments:")
        for adjustment in projection.adjustments {
          var fields = ["right: \(adjustment.right)"]
          if let scope = adjustment.scope { fields.append("scope: \(scope)") }
          switch adjustment.kind {
          case let .projection(.growthUplift(rate, from)):
            fields += ["from: \(from)", "growth_uplift: \(NumberFormatting.exact(rate))"]
          case let .projection(.levelShift(shift, from)):
            fields += ["from: \(from)", "level_shift: \(NumberFormatting.exact(shift))"]
          case let .projection(.analog(analog)):
            fields.append("analog: \(Scenario.quoted(analog.description))")
          case let .cap(cap):
            fields.append("cap: \(NumberFormatting.exact(cap))")
          }
          lines.append("    - {\(fields.joined(separator: ", "))}")
        }
      }
      var unset: [String] = []
      if projection.seed == nil { unset.append("seed") }
      if projection.simulations == nil { unset.append("simulations") }
      if !unset.isEmpty {
        lines.append("  # at ipfin project's defaults: \(unset.joined(separator: ", "))")
      }
    }
    if let valuation {
      lines.append("valuation:")
      lines.append("  portfolio: \(Scenario.quoted(relativeToFolder(valuation.portfolio)))")
      var unset: [String] = []
      func optional(_ key: String, _ value: String?) {
        if let value { lines.append("  \(key): \(value)") } else { unset.append(key) }
      }
      optional("valuation_date", valuation.valuationDate?.description)
      optional("paths", valuation.paths.map(String.init))
      optional("seed", valuation.seed.map(String.init))
      optional("correlation", valuation.correlation.map(NumberFormatting.exact))
      optional("discount_rate", valuation.discountRate.map(NumberFormatting.exact))
      optional("horizon", valuation.horizon?.description)
      lines.append("  discount_rate_shift: \(NumberFormatting.exact(valuation.discountRateShift))")
      lines.append(
        "  revenue_growth_shift: \(NumberFormatting.exact(valuation.revenueGrowthShift))")
      lines.append("  royalty_multiplier: \(NumberFormatting.exact(valuation.royaltyMultiplier))")
      lines.append(
        "  volatility_multiplier: \(NumberFormatting.exact(valuation.volatilityMultiplier))")
      var collateral: [String] = []
      if let q = valuation.collateralQuantile {
        collateral.append("quantile: \(NumberFormatting.exact(q))")
      }
      if let d = valuation.orderlyDiscount {
        collateral.append("orderly_discount: \(NumberFormatting.exact(d))")
      }
      if let d = valuation.forcedDiscount {
        collateral.append("forced_discount: \(NumberFormatting.exact(d))")
      }
      if !valuation.loanToValue.isEmpty {
        let ltv = valuation.loanToValue.keys.sorted().map {
          "\($0): \(NumberFormatting.exact(valuation.loanToValue[$0] ?? 0))"
        }
        collateral.append("ltv: {\(ltv.joined(separator: ", "))}")
      }
      if !collateral.isEmpty {
        lines.append("  collateral: {\(collateral.joined(separator: ", "))}")
      }
      if let loan = valuation.loan {
        var terms = ["amount: \(NumberFormatting.exact(loan.amount))"]
        if let pd = loan.probabilityOfDefault {
          terms.append("pd: \(NumberFormatting.exact(pd))")
        }
        terms += [
          "tenor: \(loan.tenorYears)", "amortization: \(loan.amortization.rawValue)",
          "borrower_correlation: \(NumberFormatting.exact(loan.borrowerCorrelation))",
          "time_to_sell: \(NumberFormatting.exact(loan.timeToSell))",
          "sale_cost: \(NumberFormatting.exact(loan.saleCost))",
          "loan_rate: \(NumberFormatting.exact(loan.rate))",
        ]
        lines.append("  loan: {\(terms.joined(separator: ", "))}")
      }
      if !unset.isEmpty {
        lines.append("  # at ipfin value's defaults: \(unset.joined(separator: ", "))")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `path` (relative to the working directory, or absolute) relative to the folder of the
  /// scenario's file, with `..` where it lies outside; absolute when the two share no folder
  /// but the root.
  func relativeToFolder(_ path: String) -> String {
    guard !file.isEmpty else { return path }
    func components(_ path: String) -> [String] {
      URL(fileURLWithPath: path).standardizedFileURL.pathComponents.filter { $0 != "/" }
    }
    let target = components(path)
    let folder = components(file).dropLast()
    let common = zip(target, folder).prefix { $0 == $1 }.count
    guard common > 0 else { return URL(fileURLWithPath: path).standardizedFileURL.path }
    let relative =
      Array(repeating: "..", count: folder.count - common) + target.dropFirst(common)
    return relative.joined(separator: "/")
  }

  /// `text` in double quotes when YAML would read it differently plain.
  static func quoted(_ text: String) -> String {
    let plainSafe =
      text.allSatisfy {
        $0.isLetter || $0.isNumber || " ._/-()".contains($0)
      } && !text.isEmpty && text.first != " " && text.last != " " && Double(text) == nil
      && !["true", "false", "null", "yes", "no", "~"].contains(text.lowercased())
    if plainSafe { return text }
    let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\"", with: "\\\"")
    return "\"\(escaped)\""
  }
}
