// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import IPCommon
import IPValuation

/// `ipfin value PORTFOLIO.csv`: the collateral value of an IP portfolio by Monte Carlo.
///
/// Parses and checks the options, then hands off to IPValuation: ``Portfolio/read(path:)``,
/// ``MonteCarloValuation/run(portfolio:assumptions:perAssetQuantiles:progress:)`` (or
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
      one row per figure: deterministic_value, market_value_mean, market_value_mean_se, \
      market_value_sd, market_value_p05, market_value_p50, market_value_p95, \
      orderly_liquidation_value, forced_liquidation_value, collateral_value, lending_value, \
      horizon_years, horizon_value_mean (with a horizon), collateral_value, lending_value, \
      var95, es95, var99, es99, hhi; with --loan also loan_amount, tenor_years, \
      coverage_orderly, coverage_forced, and with --pd default_probability, \
      collateral_at_default_mean, collateral_at_default_p10, lgd_mean, lgd_p90, \
      expected_credit_loss, expected_credit_loss_rate, expected_credit_loss_12m, \
      unexpected_loss99. --deterministic prints deterministic_value only. --sensitivity adds a \
      tornado table (in CSV: rows sensitivity_<driver>_low and sensitivity_<driver>_high, \
      largest swing first).

      The value at risk, expected shortfall, collateral and lending values are measured over \
      --horizon years (default 1): on what a holder has at the horizon, the cash flows to then \
      and what the rights still kept are worth, valued today. With --loan and --pd the \
      borrower may default in any year of the tenor, in bad years more often \
      (--borrower-correlation); the collateral is then sold over --time-to-sell years, and the \
      loss is what the sale does not cover.

      Defaults. Valuation date: 31 December of the year of the latest filing or grant date in \
      the file (fixed by the file, so the same file gives the same bytes on any day). Discount \
      rate 0.15 for rows without one (a modelling assumption). Tax rate 0.20 for rows without \
      one (Viet Nam's corporate income tax). Trademark economic life 10 years. Seed 57. The \
      liquidation discounts 0.35 and 0.60 and the quantile 0.10 are modelling assumptions; the \
      LTV limits 0.50 (invention, trademark) follow published lending practice, 0.30 (utility \
      solution, industrial design) is an assumption. The loan's tenor 5, bullet repayment, \
      borrower correlation 0.5, time to sell 1 year, sale cost 0.10 and loan rate 0.10 are \
      modelling assumptions. The valuation date, seed, paths and \
      threads used are printed on standard error; the output is identical for any --threads.

      Exit codes: 64 bad option, 65 bad portfolio data (with file, line and column), \
      66 portfolio not found, 70 numerical failure, 73 cannot write output.
      """)

  @Argument(help: ArgumentHelp("The portfolio CSV file.", valueName: "PORTFOLIO.csv"))
  var portfolio: String

  @Option(
    help: ArgumentHelp(
      "The valuation date, YYYY-MM-DD. (default: 31 December of the year of the portfolio's "
        + "latest filing or grant date)", valueName: "DATE"))
  var valuationDate: String?

  @Option(help: "The number of simulated paths, 2 to 10000000. (default: 20000)")
  var paths: Int?

  @Option(help: "The root seed of the random streams, 0 to 2^64-1. (default: 57)")
  var seed: UInt64?

  @Option(help: "Worker threads; the output does not depend on them. (default: all cores)")
  var threads: Int?

  @Flag(help: "Print the deterministic value only, without simulation.")
  var deterministic = false

  @Option(
    help: ArgumentHelp(
      "The discount rate of rows without one, as 0.15 or 15%. (default: 0.15)", valueName: "d"))
  var discountRate: String?

  @Option(
    help: ArgumentHelp(
      "The one-factor correlation of revenue shocks, in [0, 1]. (default: 0.3)",
      valueName: "rho"))
  var correlation: Double?

  @Option(
    help: ArgumentHelp(
      "The quantile q of the collateral and lending values, in (0, 1). (default: 0.10)",
      valueName: "q"))
  var collateralQuantile: Double?

  @Option(
    help: ArgumentHelp(
      "The orderly-liquidation discount, in [0, 1]. (default: 0.35)", valueName: "x"))
  var orderlyDiscount: String?

  @Option(
    help: ArgumentHelp(
      "The forced-liquidation discount, in [0, 1], at least the orderly one. (default: 0.60)",
      valueName: "x"))
  var forcedDiscount: String?

  @Option(
    name: .customLong("ltv"),
    help: ArgumentHelp(
      "A loan-to-value limit, right=value (repeatable). (defaults: invention=0.5, "
        + "utility_solution=0.3, industrial_design=0.3, trademark=0.5)", valueName: "right=value"))
  var loanToValue: [String] = []

  @Option(help: ArgumentHelp("The loan amount, in the portfolio's currency.", valueName: "A"))
  var loan: String?

  @Option(
    help: ArgumentHelp(
      "The borrower's annual probability of default (needs --loan).", valueName: "p"))
  var pd: String?

  @Option(
    help: ArgumentHelp(
      "The loan's tenor in whole years, 1 to \(Loan.maximumTenorYears). (default: "
        + "\(Loan.defaultTenorYears))", valueName: "T"))
  var tenor: Int?

  @Option(help: "How the loan is repaid: bullet or linear. (default: bullet)")
  var amortization: Loan.Amortization?

  @Option(
    help: ArgumentHelp(
      "The weight of the market factor in the borrower's default, in [0, 1]. (default: "
        + "\(NumberFormatting.exact(Loan.defaultBorrowerCorrelation)))", valueName: "beta"))
  var borrowerCorrelation: String?

  @Option(
    help: ArgumentHelp(
      "The years a sale of the collateral takes after a default, 0 to "
        + "\(NumberFormatting.exact(Loan.maximumTimeToSell)). (default: "
        + "\(NumberFormatting.exact(Loan.defaultTimeToSell)))", valueName: "s"))
  var timeToSell: Double?

  @Option(
    help: ArgumentHelp(
      "The cost of that sale, a fraction of its proceeds. (default: "
        + "\(NumberFormatting.exact(Loan.defaultSaleCost)))", valueName: "c"))
  var saleCost: String?

  @Option(
    help: ArgumentHelp(
      "The loan's interest rate, which also discounts recoveries and losses. (default: "
        + "\(NumberFormatting.exact(Loan.defaultRate)))", valueName: "i"))
  var loanRate: String?

  @Option(
    help: ArgumentHelp(
      "The risk horizon in whole years (1 to \(RiskHorizon.maximumYears)), or life for the "
        + "whole-life value. (default: \(RiskHorizon.default))", valueName: "H|life"))
  var horizon: String?

  @Option(
    help: ArgumentHelp("Added to every discount rate, as 0.01 or 1%. (default: 0)", valueName: "x"))
  var discountRateShift: String?

  @Option(
    help: ArgumentHelp(
      "Added to every revenue growth, as -0.02 or -2%. (default: 0)", valueName: "x"))
  var growthShift: String?

  @Option(
    help: ArgumentHelp(
      "Multiplies every royalty rate (low, most likely, high). (default: 1)", valueName: "x"))
  var royaltyMultiplier: Double?

  @Option(help: ArgumentHelp("Multiplies every revenue volatility. (default: 1)", valueName: "x"))
  var volatilityMultiplier: Double?

  @Flag(help: "Add a tornado table of the deterministic value, one driver at a time.")
  var sensitivity = false

  @OptionGroup var output: OutputOptions

  @Option(
    help: ArgumentHelp(
      "Write one CSV row per asset to FILE: id, right, office, remaining_life, "
        + "deterministic_value, mean, sd, p05, p50, p95, share_of_portfolio (the quantiles "
        + "simulate the assets a second time).", valueName: "FILE"))
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
    if let correlation { assumptions.correlation = correlation }
    if let discountRate {
      assumptions.defaultDiscountRate = try Self.rate(discountRate, "--discount-rate")
    }
    if let discountRateShift {
      assumptions.discountRateShift = try Self.rate(discountRateShift, "--discount-rate-shift")
    }
    if let growthShift {
      assumptions.revenueGrowthShift = try Self.rate(growthShift, "--growth-shift")
    }
    if let royaltyMultiplier { assumptions.royaltyMultiplier = royaltyMultiplier }
    if let horizon {
      guard let parsed = RiskHorizon(horizon) else {
        throw ValidationError(
          "--horizon '\(horizon)' is not a number of years or life; write 1 or life")
      }
      assumptions.horizon = parsed
    }
    if let volatilityMultiplier { assumptions.volatilityMultiplier = volatilityMultiplier }

    var policy = CollateralPolicy()
    if let collateralQuantile { policy.quantile = collateralQuantile }
    if let orderlyDiscount {
      policy.orderlyDiscount = try Self.rate(orderlyDiscount, "--orderly-discount")
    }
    if let forcedDiscount {
      policy.forcedDiscount = try Self.rate(forcedDiscount, "--forced-discount")
    }
    for setting in loanToValue {
      let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else {
        throw ValidationError("--ltv '\(setting)' is not right=value, for example invention=0.6")
      }
      try policy.setLoanToValue(
        try Self.rate(parts[1], "--ltv \(parts[0])"), forRightNamed: parts[0])
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
    guard let amount = ValueParsing.number(loan) else {
      throw ValidationError("--loan '\(loan)' is not an amount; write digits such as 20000000000")
    }
    var terms = Loan(amount: amount)
    if let pd { terms.probabilityOfDefault = try Self.rate(pd, "--pd") }
    if let tenor { terms.tenorYears = tenor }
    if let amortization { terms.amortization = amortization }
    if let borrowerCorrelation {
      terms.borrowerCorrelation = try Self.rate(borrowerCorrelation, "--borrower-correlation")
    }
    if let timeToSell { terms.timeToSell = timeToSell }
    if let saleCost { terms.saleCost = try Self.rate(saleCost, "--sale-cost") }
    if let loanRate { terms.rate = try Self.rate(loanRate, "--loan-rate") }
    try terms.validate()
    return (assumptions, policy, terms)
  }

  /// `text` as a rate (`0.05` or `5%`).
  private static func rate(_ text: String, _ option: String) throws -> Double {
    guard let value = ValueParsing.rate(text) else {
      throw ValidationError("\(option) '\(text)' is not a rate; write 0.05 or 5%")
    }
    return value
  }
}

extension Loan.Amortization: ExpressibleByArgument {}
