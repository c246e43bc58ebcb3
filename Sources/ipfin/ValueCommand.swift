// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import IPCommon
import IPValuation

/// `ipfin value PORTFOLIO.csv`: the collateral value of an IP portfolio by Monte Carlo.
///
/// Parses and checks the options, then hands off to IPValuation: ``Portfolio/read(path:)``,
/// ``MonteCarloValuation/run(portfolio:assumptions:loan:perAssetQuantiles:progress:)`` (or
/// ``DeterministicValuation``), ``CollateralReport`` and ``Sensitivity``; ``ValuationSummary``
/// formats the figures.
struct ValueCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "value",
    abstract: "Value an IP portfolio as loan collateral by Monte Carlo simulation.",
    discussion: """
      Reads a portfolio CSV (one right a row: id, right, office, filing_date, grant_date, \
      grant_probability, revenue, revenue_growth, revenue_volatility, royalty_rate, \
      royalty_low, royalty_high, discount_rate, tax_rate, economic_life, obsolescence, \
      invalidity_hazard, maintenance_cost, industry, currency; see docs/valuation.md), values each \
      right by relief from royalty, simulates the portfolio on GSL's random numbers and prints \
      one row per figure: \(HelpText.list(CollateralReport.MetricNames.value)), \
      \(HelpText.list(CollateralReport.MetricNames.horizon)) (with a horizon), \
      \(HelpText.list(CollateralReport.MetricNames.risk)); with --loan also \
      \(HelpText.list(CollateralReport.MetricNames.loan)), and with --pd \
      \(HelpText.list(CollateralReport.MetricNames.credit)). --deterministic prints \
      deterministic_value only. --sensitivity adds a \
      tornado table (in CSV: rows sensitivity_<driver>_low and sensitivity_<driver>_high, \
      largest swing first).

      The value at risk, expected shortfall, collateral and lending values are measured over \
      --horizon years (default \(RiskHorizon.default)): on what a holder has at the horizon, \
      the cash flows to then and what the rights still kept are worth, valued today. With \
      --loan and --pd the borrower may default in any year of the tenor, in bad years more \
      often (--borrower-correlation); the collateral is then sold over --time-to-sell years, \
      and the loss is what the sale does not cover.

      Defaults. Valuation date: 31 December of the year of the latest filing or grant date in \
      the file (fixed by the file, so the same file gives the same bytes on any day). Discount \
      rate \(exact(ValuationAssumptions.defaultDiscountRateValue)) for rows without one (a \
      modelling assumption). Tax rate \(exact(Asset.defaultTaxRate)) for rows without one (Viet \
      Nam's corporate income tax). Trademark economic life \(exact(Asset.defaultTrademarkLife)) \
      years. Seed \(ValuationAssumptions.defaultSeed). The liquidation discounts \
      \(exact(CollateralPolicy.defaultOrderlyDiscount)) and \
      \(exact(CollateralPolicy.defaultForcedDiscount)) and the quantile \
      \(exact(CollateralPolicy.defaultQuantile)) are modelling assumptions; the LTV limits \
      \(ValueCommand.defaultLoanToValues) follow published lending practice for inventions and \
      trademarks and are assumptions for the others. The loan's tenor \(Loan.defaultTenorYears), \
      \(Loan.defaultAmortization) repayment, borrower correlation \
      \(exact(Loan.defaultBorrowerCorrelation)), time to sell (years) \
      \(exact(Loan.defaultTimeToSell)), sale cost \(exact(Loan.defaultSaleCost)) and loan \
      rate \(exact(Loan.defaultRate)) are modelling assumptions. The valuation date, seed, \
      paths and threads used are printed on standard error; the output is identical for any \
      --threads.

      Exit codes: 64 bad option, 65 bad portfolio data (with file, line and column), \
      66 portfolio not found, 70 numerical failure, 73 cannot write output.
      """)

  @Argument(
    help: ArgumentHelp("The portfolio CSV file.", valueName: "PORTFOLIO.csv"),
    completion: .file(extensions: ["csv"]))
  var portfolio: String

  /// The default loan-to-value limits, `invention=0.5, ...`, for the help.
  static let defaultLoanToValues = IPRight.allCases.compactMap { right in
    CollateralPolicy.defaultLoanToValue[right].map { "\(right.rawValue)=\(exact($0))" }
  }.joined(separator: ", ")

  /// The shifts' range, `-1 to 1`, for the help (every shifted asset must also keep its
  /// inputs' ranges).
  static let shifts =
    "\(exact(ValuationAssumptions.shiftRange.lowerBound)) to "
    + "\(exact(ValuationAssumptions.shiftRange.upperBound))"
  /// The multipliers' range, `0 to 100`, for the help.
  static let multipliers =
    "\(exact(ValuationAssumptions.multiplierRange.lowerBound)) to "
    + "\(exact(ValuationAssumptions.multiplierRange.upperBound))"

  /// `value` as ipfin writes numbers, for the help.
  static func exact(_ value: Double) -> String {
    NumberFormatting.exact(value)
  }

  @Option(
    help: ArgumentHelp(
      "The valuation date, YYYY-MM-DD. (default: 31 December of the year of the portfolio's "
        + "latest filing or grant date)", valueName: "DATE"))
  var valuationDate: String?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The number of simulated paths, 2 to "
        + "\(HelpText.grouped(ValuationAssumptions.maximumPaths)). "
        + HelpText.defaultNote(ValuationAssumptions.defaultPaths)))
  var paths: Int?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The root seed of the random streams, 0 to 2^64-1. "
        + HelpText.defaultNote(ValuationAssumptions.defaultSeed)))
  var seed: UInt64?

  @Option(
    parsing: .unconditional,
    help: "Worker threads; the output does not depend on them. (default: all cores)")
  var threads: Int?

  @Flag(help: "Print the deterministic value only, without simulation.")
  var deterministic = false

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The discount rate of rows without one, as 0.15 or 15%. "
        + HelpText.defaultNote(ValuationAssumptions.defaultDiscountRateValue), valueName: "d"),
    transform: Rate.parse)
  var discountRate: Rate?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The one-factor correlation of revenue shocks, in [0, 1], as 0.3 or 30%. "
        + HelpText.defaultNote(ValuationAssumptions.defaultCorrelation),
      valueName: "rho"),
    transform: Rate.parse)
  var correlation: Rate?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The quantile q of the collateral and lending values, in (0, 1), as 0.1 or 10%. "
        + HelpText.defaultNote(CollateralPolicy.defaultQuantile),
      valueName: "q"),
    transform: Rate.parse)
  var collateralQuantile: Rate?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The orderly-liquidation discount, in [0, 1], as 0.35 or 35%. "
        + HelpText.defaultNote(CollateralPolicy.defaultOrderlyDiscount),
      valueName: "x"),
    transform: Rate.parse)
  var orderlyDiscount: Rate?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The forced-liquidation discount, in [0, 1], at least the orderly one, as 0.6 or 60%. "
        + HelpText.defaultNote(CollateralPolicy.defaultForcedDiscount),
      valueName: "x"),
    transform: Rate.parse)
  var forcedDiscount: Rate?

  @Option(
    name: .customLong("ltv"), parsing: .unconditionalSingleValue,
    help: ArgumentHelp(
      "A loan-to-value limit, right=value (repeatable). (defaults: "
        + "\(ValueCommand.defaultLoanToValues))", valueName: "right=value"))
  var loanToValue: [String] = []

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("The loan amount, in the portfolio's currency.", valueName: "A"),
    transform: FiniteNumber.parse)
  var loan: FiniteNumber?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The loan's tenor in whole years, 1 to \(Loan.maximumTenorYears). "
        + HelpText.defaultNote(Loan.defaultTenorYears), valueName: "T"))
  var tenor: Int?

  @Option(
    help: ArgumentHelp(
      "How the loan is repaid: at the end (bullet) or in equal parts each year (linear). "
        + HelpText.defaultNote(Loan.defaultAmortization.rawValue)))
  var amortization: Loan.Amortization?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The weight of the market factor in the borrower's default, in [0, 1], as 0.5 or 50%. "
        + HelpText.defaultNote(Loan.defaultBorrowerCorrelation),
      valueName: "beta"),
    transform: Rate.parse)
  var borrowerCorrelation: Rate?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The years a sale of the collateral takes after a default, 0 to "
        + "\(NumberFormatting.exact(Loan.maximumTimeToSell)). "
        + HelpText.defaultNote(Loan.defaultTimeToSell), valueName: "s"),
    transform: FiniteNumber.parse)
  var timeToSell: FiniteNumber?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The cost of that sale, a fraction of its proceeds, as 0.1 or 10%. "
        + HelpText.defaultNote(Loan.defaultSaleCost), valueName: "c"),
    transform: Rate.parse)
  var saleCost: Rate?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The loan's interest rate, which also discounts recoveries and losses, as 0.1 or 10%. "
        + HelpText.defaultNote(Loan.defaultRate), valueName: "i"),
    transform: Rate.parse)
  var loanRate: Rate?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The risk horizon in whole years (1 to \(RiskHorizon.maximumYears)), or life for the "
        + "whole-life value. " + HelpText.defaultNote(RiskHorizon.default), valueName: "H|life"),
    completion: .list([RiskHorizon.default.description, RiskHorizon.life.description]))
  var horizon: String?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The borrower's probability of default, as 0.03 or 3% (needs --loan).", valueName: "p"),
    transform: Rate.parse)
  var pd: Rate?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Added to every discount rate, as -0.01 or -1%, from \(shifts). "
        + HelpText.defaultNote(ValuationAssumptions.noShift), valueName: "x"),
    transform: Rate.parse)
  var discountRateShift: Rate?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Added to every revenue growth, as -0.02 or -2%, from \(shifts). "
        + HelpText.defaultNote(ValuationAssumptions.noShift), valueName: "x"),
    transform: Rate.parse)
  var growthShift: Rate?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Multiplies every royalty rate (low, most likely, high), from \(multipliers). "
        + HelpText.defaultNote(ValuationAssumptions.noMultiplier), valueName: "x"),
    transform: FiniteNumber.parse)
  var royaltyMultiplier: FiniteNumber?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Multiplies every revenue volatility, from \(multipliers). "
        + HelpText.defaultNote(ValuationAssumptions.noMultiplier), valueName: "x"),
    transform: FiniteNumber.parse)
  var volatilityMultiplier: FiniteNumber?

  @Flag(help: "Add a tornado table of the deterministic value, one driver at a time.")
  var sensitivity = false

  @OptionGroup var output: OutputOptions

  @Option(
    help: ArgumentHelp(
      "Write one CSV row per asset to FILE: id, right, office, remaining_life, "
        + "deterministic_value, mean, sd, p05, p50, p95, share_of_portfolio, and with --loan "
        + "eligible (the quantiles simulate the assets a second time).", valueName: "FILE"),
    completion: .file(extensions: ["csv"]))
  var perAsset: String?

  func validate() throws {
    if let valuationDate, CalendarDate(iso8601: valuationDate) == nil {
      throw ValidationError("--valuation-date '\(valuationDate)' is not a date; write YYYY-MM-DD")
    }
    if let someDate = CalendarDate(year: 2000, month: 1, day: 1) {
      _ = try settings(at: someDate)
    }
    if deterministic {
      let simulationOnly: [(String, Bool)] = [
        ("--paths", paths != nil), ("--seed", seed != nil), ("--threads", threads != nil),
        ("--correlation", correlation != nil), ("--collateral-quantile", collateralQuantile != nil),
        ("--orderly-discount", orderlyDiscount != nil),
        ("--forced-discount", forcedDiscount != nil),
        ("--ltv", !loanToValue.isEmpty), ("--loan", loan != nil), ("--pd", pd != nil),
        ("--tenor", tenor != nil), ("--amortization", amortization != nil),
        ("--borrower-correlation", borrowerCorrelation != nil),
        ("--time-to-sell", timeToSell != nil), ("--sale-cost", saleCost != nil),
        ("--loan-rate", loanRate != nil), ("--horizon", horizon != nil),
        ("--volatility-multiplier", volatilityMultiplier != nil),
      ]
      if let (flag, _) = simulationOnly.first(where: \.1) {
        throw ValidationError("\(flag) needs the simulation; leave out --deterministic")
      }
    }
    try output.checkPaths(files: [perAsset], inputs: [portfolio])
  }

  func run() throws {
    let portfolio = try Portfolio.read(path: self.portfolio)
    let date = valuationDate.flatMap(CalendarDate.init(iso8601:))
    let (assumptions, policy, loan) = try settings(at: date ?? portfolio.defaultValuationDate)
    if date == nil {
      Output.note(
        "valuation date \(assumptions.valuationDate) (default: 31 December of the year of the "
          + "latest filing or grant date; set it with --valuation-date)")
      if let warning = portfolio.staleDefaultDateWarning() {
        Output.note("warning: \(warning); give --valuation-date")
      }
    } else {
      Output.note("valuation date \(assumptions.valuationDate)")
    }
    var summary: ValuationSummary
    let perAssetText: String
    if deterministic {
      let result = try DeterministicValuation.run(portfolio: portfolio, assumptions: assumptions)
      result.warnings.forEach { Output.note("warning: \($0)") }
      summary = ValuationSummary(deterministic: result, assumptions: assumptions)
      perAssetText = PerAssetTable.csv(result)
    } else {
      Output.note(
        "seed \(assumptions.seed), \(assumptions.paths) paths, \(assumptions.threads) "
          + (assumptions.threads == 1 ? "thread" : "threads"))
      let quantiles = perAsset != nil
      let progress = ProgressBar(
        label: "simulating",
        total: MonteCarloValuation.progressUnits(
          paths: assumptions.paths, perAssetQuantiles: quantiles))
      let result = try {
        defer { progress.finish() }  // clears the bar before any warning, also on an error
        return try MonteCarloValuation.run(
          portfolio: portfolio, assumptions: assumptions, loan: loan,
          perAssetQuantiles: quantiles, progress: progress)
      }()
      result.warnings.forEach { Output.note("warning: \($0)") }
      summary = ValuationSummary(
        report: try CollateralReport(result: result, policy: policy), result: result)
      perAssetText = PerAssetTable.csv(result)
    }
    if sensitivity {
      summary.tornado = try Sensitivity.tornado(portfolio: portfolio, assumptions: assumptions)
    }
    let text: String
    switch output.format {
    case .csv: text = summary.csv
    case .table: text = summary.table
    case .json: text = try Output.json(summary)
    }
    try output.emit(text, alongside: perAsset.map { [($0, perAssetText)] } ?? [])
  }

  /// The assumptions at `valuationDate`, the policy and the loan the options ask for,
  /// validated; an invalid setting is a usage error.
  private func settings(
    at valuationDate: CalendarDate
  ) throws -> (ValuationAssumptions, CollateralPolicy, Loan?) {
    do {
      return try parsedSettings(at: valuationDate)
    } catch let error as ValuationError {
      throw ValidationError(error.description)
    }
  }

  private func parsedSettings(
    at valuationDate: CalendarDate
  ) throws -> (ValuationAssumptions, CollateralPolicy, Loan?) {
    var assumptions = ValuationAssumptions(valuationDate: valuationDate)
    if let paths { assumptions.paths = paths }
    if let seed { assumptions.seed = seed }
    if let threads { assumptions.threads = threads }
    if let correlation { assumptions.correlation = correlation.fraction }
    if let discountRate { assumptions.defaultDiscountRate = discountRate.fraction }
    if let discountRateShift { assumptions.discountRateShift = discountRateShift.fraction }
    if let growthShift { assumptions.revenueGrowthShift = growthShift.fraction }
    if let royaltyMultiplier { assumptions.royaltyMultiplier = royaltyMultiplier.value }
    if let volatilityMultiplier { assumptions.volatilityMultiplier = volatilityMultiplier.value }
    if let horizon {
      guard let parsed = RiskHorizon(horizon) else {
        throw ValidationError(
          "--horizon '\(horizon)' is not a number of years or life; write 1 or life")
      }
      assumptions.horizon = parsed
    }

    var policy = CollateralPolicy()
    if let collateralQuantile { policy.quantile = collateralQuantile.fraction }
    if let orderlyDiscount { policy.orderlyDiscount = orderlyDiscount.fraction }
    if let forcedDiscount { policy.forcedDiscount = forcedDiscount.fraction }
    for setting in loanToValue {
      let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else {
        throw ValidationError("--ltv '\(setting)' is not right=value, for example invention=0.6")
      }
      let rate: Rate
      do {
        rate = try Rate.parse(parts[1])
      } catch let error as ValidationError {
        throw ValidationError("--ltv \(parts[0]) '\(parts[1])' is \(error.message)")
      }
      try policy.setLoanToValue(rate.fraction, forRightNamed: parts[0])
    }
    try assumptions.validate()
    try policy.validate()
    let loanTerms: [(String, Bool)] = [
      ("--pd", pd != nil), ("--tenor", tenor != nil), ("--amortization", amortization != nil),
      ("--borrower-correlation", borrowerCorrelation != nil),
      ("--time-to-sell", timeToSell != nil), ("--sale-cost", saleCost != nil),
      ("--loan-rate", loanRate != nil),
    ]
    guard let loan else {
      if let (flag, _) = loanTerms.first(where: \.1) {
        throw ValidationError("\(flag) is a term of the loan: give --loan too")
      }
      return (assumptions, policy, nil)
    }
    var terms = Loan(amount: loan.value)
    terms.probabilityOfDefault = pd?.fraction
    if let tenor { terms.tenorYears = tenor }
    if let amortization { terms.amortization = amortization }
    if let borrowerCorrelation { terms.borrowerCorrelation = borrowerCorrelation.fraction }
    if let timeToSell { terms.timeToSell = timeToSell.value }
    if let saleCost { terms.saleCost = saleCost.fraction }
    if let loanRate { terms.rate = loanRate.fraction }
    try terms.validate()
    return (assumptions, policy, terms)
  }
}
