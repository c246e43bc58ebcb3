// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// How a portfolio is valued: the valuation date, the default discount rate, the simulation
/// (paths, seed, threads, correlation) and portfolio-wide scenario shifts of the inputs.
///
/// | setting | default | source |
/// |---|---|---|
/// | `valuationDate` | none here; `ipfin value` uses ``Portfolio/defaultValuationDate`` | rule |
/// | `defaultDiscountRate` | 0.15 | modelling assumption (see ``defaultDiscountRateValue``) |
/// | `correlation` | 0.3 | modelling assumption (see ``defaultCorrelation``) |
/// | `paths` | 20,000 | standard error of the mean about 0.7% of the standard deviation |
/// | `seed` | 57 | a fixed constant (see ``defaultSeed``) |
/// | `threads` | all active cores | does not change the result |
/// | `horizon` | 1 year | the usual horizon of a lender's value at risk (``RiskHorizon``) |
/// | shifts | none (0 and multipliers 1) | |
public struct ValuationAssumptions: Sendable, Equatable {
  /// The valuation date: remaining lives run from it.
  public var valuationDate: CalendarDate
  /// The discount rate `d` of assets whose row gives none.
  public var defaultDiscountRate: Double = ValuationAssumptions.defaultDiscountRateValue
  /// The one-factor correlation `rho` in [0, 1] of the assets' revenue shocks.
  public var correlation: Double = ValuationAssumptions.defaultCorrelation
  /// The number of simulated paths, at least 2.
  public var paths: Int = ValuationAssumptions.defaultPaths
  /// The 64-bit root seed of the random streams.
  public var seed: UInt64 = ValuationAssumptions.defaultSeed
  /// The number of worker threads, at least 1; the result does not depend on it.
  public var threads: Int = ValuationAssumptions.defaultThreads
  /// Added to every asset's discount rate (after the default is applied): within
  /// ``shiftRange``, and every shifted rate must stay within [0, 1], as a portfolio's
  /// `discount_rate` must.
  public var discountRateShift: Double = ValuationAssumptions.noShift
  /// Added to every asset's revenue growth: within ``shiftRange``, and every shifted growth must
  /// stay above -1 and at most 1, as a portfolio's `revenue_growth` must.
  public var revenueGrowthShift: Double = ValuationAssumptions.noShift
  /// Multiplies every asset's royalty rates (low, most likely and high): within
  /// ``multiplierRange``, and every result must stay within [0, 1].
  public var royaltyMultiplier: Double = ValuationAssumptions.noMultiplier
  /// Multiplies every asset's revenue volatility: within ``multiplierRange``, and every result
  /// must stay within [0, 1], as a portfolio's `revenue_volatility` must.
  public var volatilityMultiplier: Double = ValuationAssumptions.noMultiplier
  /// The risk horizon of the value at risk, the expected shortfall and the collateral and
  /// lending values (``CollateralReport``): 1 to 100 years, or the whole life.
  public var horizon: RiskHorizon = .default

  /// `H`, or `nil` when risk is measured on the whole-life value.
  public var horizonYears: Int? { horizon.years }

  /// The default discount rate, 0.15 a year. A modelling assumption, not a published figure:
  /// ipfin's references give no discount rate for IP. A single IP right is riskier than the
  /// company that owns it, so its cash flows are discounted above a Vietnamese bank's lending
  /// rate to a company (the cost of debt), and below the 20% and more commonly asked of
  /// early-stage technology ventures (a rule of thumb). Give each asset its own `discount_rate`
  /// where it is known.
  public static let defaultDiscountRateValue = 0.15
  /// The default correlation, 0.3: a modelling assumption (one market factor explaining 30% of
  /// the variance of every asset's yearly revenue shock), as the issue specifies.
  public static let defaultCorrelation = 0.3
  /// The default number of paths, 20,000.
  public static let defaultPaths = 20_000
  /// The default root seed, 57 (after Politburo Resolution 57); any fixed value would do, what
  /// matters is that it is fixed and printed.
  public static let defaultSeed: UInt64 = 57
  /// The default of the shifts (``discountRateShift``, ``revenueGrowthShift``): 0, none.
  public static let noShift = 0.0
  /// The default of the multipliers (``royaltyMultiplier``, ``volatilityMultiplier``): 1, none.
  public static let noMultiplier = 1.0
  /// The shifts allowed, -1 to 1 (-100% to 100%): the widest that can leave a rate or a growth
  /// within its own range; each shifted asset is checked again.
  public static let shiftRange: ClosedRange<Double> = -1...1
  /// The multipliers allowed, 0 to 100; each multiplied asset is checked again.
  public static let multiplierRange: ClosedRange<Double> = 0...100
  /// The default thread count: the active processor count.
  public static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }
  /// The largest number of paths accepted, 10,000,000: a run keeps about 15 numbers per path,
  /// 18 with a loan (about 120 and 145 bytes: the whole-life and horizon values, their split by
  /// kind of right, the outcomes of the loan, and the sorted copies, lending values and losses
  /// of the collateral report), so the largest run stays under about 1.5 GB.
  public static let maximumPaths = 10_000_000

  /// Assumptions at `valuationDate` with every other setting at its default.
  public init(valuationDate: CalendarDate) {
    self.valuationDate = valuationDate
  }

  /// Checks every setting on its own.
  ///
  /// - Throws: ``ValuationError`` (`invalidSetting`) naming the setting, its value and what is
  ///   allowed.
  public func validate() throws {
    try ValuationError.require(
      (0...1).contains(defaultDiscountRate), "discount_rate", defaultDiscountRate,
      allowed:
        "a rate in [0, 1], as in the portfolio's discount_rate column")
    try ValuationError.require(
      (0...1).contains(correlation), "correlation", correlation, allowed: "a correlation in [0, 1]")
    try ValuationError.require(
      (2...Self.maximumPaths).contains(paths), "paths", Double(paths),
      allowed:
        "a whole number from 2 to \(Self.maximumPaths)")
    try ValuationError.require(
      threads >= 1, "threads", Double(threads), allowed: "a whole number of 1 or more")
    if let horizonYears {
      try ValuationError.require(
        (1...RiskHorizon.maximumYears).contains(horizonYears), "horizon", Double(horizonYears),
        allowed:
          "a whole number of years from 1 to \(RiskHorizon.maximumYears), or life")
    }
    for (name, shift) in [
      ("discount_rate_shift", discountRateShift), ("revenue_growth_shift", revenueGrowthShift),
    ] {
      try ValuationError.require(
        Self.shiftRange.contains(shift), name, shift, allowed: Self.allowedShifts)
    }
    for (name, multiplier) in [
      ("royalty_multiplier", royaltyMultiplier), ("volatility_multiplier", volatilityMultiplier),
    ] {
      try ValuationError.require(
        Self.multiplierRange.contains(multiplier), name, multiplier,
        allowed: Self.allowedMultipliers)
    }
  }

  /// ``shiftRange`` in words, for messages.
  public static let allowedShifts = "a shift from -1 to 1 (-100% to 100%)"
  /// ``multiplierRange`` in words, for messages.
  public static let allowedMultipliers = "a multiplier from 0 to 100"
}

extension ValuationAssumptions {
  /// `asset`'s discount rate under these assumptions: its own, or ``defaultDiscountRate``,
  /// plus ``discountRateShift``.
  func discountRate(of asset: Asset) -> Double {
    (asset.discountRate ?? defaultDiscountRate) + discountRateShift
  }

  /// `asset`'s revenue growth under these assumptions: its own plus ``revenueGrowthShift``.
  func revenueGrowth(of asset: Asset) -> Double {
    asset.revenueGrowth + revenueGrowthShift
  }
}
