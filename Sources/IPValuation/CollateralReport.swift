// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPCommon

/// The collateral figures of a simulated portfolio under a lending policy, and, with a loan,
/// the lender's credit risk.
///
/// With `P` the whole-life portfolio value of a path and `P_H` its horizon value (`P` itself
/// with the horizon `life`; ``MonteCarloValuation``), `n` paths, `od` and `fd` the orderly and
/// forced discounts, `q` the collateral quantile, `A` the loan and quantiles by Hyndman and
/// Fan's definition 7:
///
/// ```
/// market_value_mean, _sd, _p05, _p50, _p95   mean, sd (divisor n-1) and quantiles of P
/// market_value_mean_se                       sd / sqrt(n)
/// orderly_liquidation_value                  mean(P) (1 - od)
/// forced_liquidation_value                   mean(P) (1 - fd)
/// horizon_years, horizon_value_mean          H and mean(P_H) (only with a horizon)
/// collateral_value                           quantile(P_H, q) (1 - od)
/// lending_value                              quantile(sum_i LTV(right_i) (1 - od) V_iH, q)
///                                            over the rights eligible for the loan
/// var{a}                                     mean(P_H) - quantile(P_H, 1 - a),   a = 95%, 99%
/// es{a}                                      mean(P_H) - mean(P_H | P_H <= quantile(P_H, 1 - a))
/// hhi                                        sum_i s_i^2,  s_i = m_i / sum_j m_j,
///                                            m_i = max(0, mean(V_i))
/// loan_amount, tenor_years                   A and T (with a loan)
/// coverage_orderly, coverage_forced          share of paths with P (1 - od) >= A, P (1 - fd) >= A
/// ```
/// and with the loan's probability of default, over the ``CreditLosses`` of the paths:
///
/// ```
/// default_probability            share of paths whose borrower defaults within the tenor
/// collateral_at_default_mean     mean of V(j) over the defaulting paths
/// collateral_at_default_p10      its 10% quantile
/// lgd_mean, lgd_p90              mean and 90% quantile of LGD over the defaulting paths
/// expected_credit_loss           ECL = mean over all paths of loss / (1+i)^j
/// expected_credit_loss_rate      ECL / A
/// expected_credit_loss_12m       the mean over all paths of the discounted loss of defaults in
///                                year 1 only (IFRS 9's 12-month expected credit loss)
/// unexpected_loss99              quantile(discounted loss, 0.99) - ECL
/// ```
/// A figure over the defaulting paths is NaN (empty in the output) when no path defaults.
public struct CollateralReport: Sendable {
  /// The names of the figures, in the order of ``metrics``: those always given up to `hhi`,
  /// with `horizonYears` and `horizonValueMean` only with a horizon, then those of a loan and
  /// of its probability of default.
  public enum MetricNames {
    /// The figures before the horizon's.
    public static let value = [
      "deterministic_value", "market_value_mean", "market_value_mean_se", "market_value_sd",
      "market_value_p05", "market_value_p50", "market_value_p95", "orderly_liquidation_value",
      "forced_liquidation_value",
    ]
    /// The horizon's figures.
    public static let horizon = ["horizon_years", "horizon_value_mean"]
    /// The figures after the horizon's, always given.
    public static let risk = [
      "collateral_value", "lending_value", "var95", "es95", "var99", "es99", "hhi",
    ]
    /// The figures of a loan.
    public static let loan = ["loan_amount", "tenor_years", "coverage_orderly", "coverage_forced"]
    /// The figures of a loan's probability of default.
    public static let credit = [
      "default_probability", "collateral_at_default_mean", "collateral_at_default_p10",
      "lgd_mean", "lgd_p90", "expected_credit_loss", "expected_credit_loss_rate",
      "expected_credit_loss_12m", "unexpected_loss99",
    ]
  }

  /// One named figure.
  public struct Metric: Sendable, Equatable {
    /// What a figure measures, which decides how it is printed.
    public enum Kind: String, Sendable, Equatable {
      /// An amount of money in the portfolio's currency.
      case amount
      /// A ratio, share or probability.
      case ratio
      /// An index without unit (the Herfindahl index).
      case index
      /// A whole number of years.
      case years

      /// `value` as tables print it, the same in every command: amounts grouped in thousands
      /// without decimals (`1,234,567`), ratios as percentages with two decimals (`99.77%`),
      /// an index with four decimals, years whole; empty for NaN.
      public func formatted(_ value: Double) -> String {
        guard !value.isNaN else { return "" }
        switch self {
        case .amount, .years: return NumberFormatting.fixed(value, digits: 0, grouped: true)
        case .ratio: return NumberFormatting.fixed(100 * value, digits: 2) + "%"
        case .index: return NumberFormatting.fixed(value, digits: 4)
        }
      }
    }

    /// The stable snake_case name (`market_value_mean`).
    public let name: String
    /// The value.
    public let value: Double
    /// What the value measures.
    public let kind: Kind

    /// Creates a metric.
    public init(name: String, value: Double, kind: Kind) {
      self.name = name
      self.value = value
      self.kind = kind
    }

    /// The metric `name` of ``CollateralReport``, of the kind ``CollateralReport/kind(ofMetric:)``
    /// gives.
    public init(name: String, value: Double) {
      self.init(name: name, value: value, kind: CollateralReport.kind(ofMetric: name))
    }
  }

  /// The policy applied.
  public let policy: CollateralPolicy
  /// The figures, in the order of the tables above (`deterministic_value` first).
  public let metrics: [Metric]
  /// The lender's loss on every path, with a loan that gives a probability of default.
  public let losses: CreditLosses?

  /// The report of `result` under `policy` (with `result`'s loan, if any).
  ///
  /// - Throws: ``ValuationError`` (`invalidSetting`) for an invalid policy.
  public init(result: ValuationResult, policy: CollateralPolicy = CollateralPolicy()) throws {
    try self.init(
      portfolioValues: result.portfolioValues, horizonValues: result.horizonValues,
      horizonYears: result.assumptions.horizonYears,
      lendingBaseByRight: result.lendingBaseByRight, assetMeans: result.assets.map(\.mean),
      deterministicValue: result.deterministic.value, policy: policy, loan: result.loan,
      defaults: result.defaults)
  }

  /// The report of simulated values given directly.
  ///
  /// - Parameters:
  ///   - portfolioValues: the whole-life portfolio value `P` of every path (at least 2 paths).
  ///   - horizonValues: the horizon value `P_H` of every path; `nil` measures the risk on `P`.
  ///   - horizonYears: `H`, printed with the horizon values.
  ///   - lendingBaseByRight: for each kind of right, the eligible rights' part of `P_H` (of `P`
  ///     without a horizon) on every path (one value per path).
  ///   - assetMeans: each asset's mean simulated value, for the Herfindahl index.
  ///   - deterministicValue: the portfolio's deterministic value.
  ///   - loan: the loan, if any; `defaults` its borrower's defaults, with a probability of
  ///     default.
  /// - Throws: ``ValuationError`` (`invalidSetting`) for an invalid policy or loan or values that
  ///   do not have one value per path; ``GSLError`` for fewer than 2 paths or a non-finite value.
  public init(
    portfolioValues values: [Double], horizonValues: [Double]? = nil, horizonYears: Int? = nil,
    lendingBaseByRight: [IPRight: [Double]], assetMeans: [Double], deterministicValue: Double,
    policy: CollateralPolicy = CollateralPolicy(), loan: Loan? = nil,
    defaults: DefaultOutcomes? = nil
  ) throws {
    try policy.validate()
    try loan?.validate()
    self.policy = policy
    let count = Double(values.count)
    let sorted = try SortedSample(values)
    let mean = try Descriptive.mean(values)
    let sd = try Descriptive.standardDeviation(values)
    let orderly = 1 - policy.orderlyDiscount
    let forced = 1 - policy.forcedDiscount
    func checkLength(_ other: [Double], _ what: String) throws {
      guard other.count == values.count else {
        throw ValuationError.invalidSetting(
          what, "\(other.count) values for \(values.count) paths")
      }
    }
    let risk = horizonValues ?? values
    try checkLength(risk, "horizon values")
    let sortedRisk = horizonValues == nil ? sorted : try SortedSample(risk)
    let riskMean = horizonValues == nil ? mean : try Descriptive.mean(risk)

    var lending = [Double](repeating: 0, count: values.count)
    for right in IPRight.allCases {
      guard let rightValues = lendingBaseByRight[right] else { continue }
      try checkLength(rightValues, "values of \(right.rawValue)")
      let ratio = policy.loanToValue(of: right) * orderly
      for (path, value) in rightValues.enumerated() { lending[path] += ratio * value }
    }

    var metrics: [Metric] = []
    func add(_ name: String, _ value: Double) { metrics.append(Metric(name: name, value: value)) }

    add("deterministic_value", deterministicValue)
    add("market_value_mean", mean)
    add("market_value_mean_se", sd / count.squareRoot())
    add("market_value_sd", sd)
    add("market_value_p05", try sorted.quantile(0.05))
    add("market_value_p50", try sorted.quantile(0.50))
    add("market_value_p95", try sorted.quantile(0.95))
    add("orderly_liquidation_value", mean * orderly)
    add("forced_liquidation_value", mean * forced)
    if horizonValues != nil, let horizonYears {
      add("horizon_years", Double(horizonYears))
      add("horizon_value_mean", riskMean)
    }
    add("collateral_value", try sortedRisk.quantile(policy.quantile) * orderly)
    add("lending_value", try Descriptive.quantile(lending, policy.quantile))
    for level in [95, 99] {
      let tail = try sortedRisk.quantile(1 - Double(level) / 100)
      add("var\(level)", riskMean - tail)
      add("es\(level)", riskMean - (sortedRisk.meanAtOrBelow(tail) ?? tail))
    }
    add("hhi", Self.herfindahl(assetMeans.map { max(0, $0) }))
    var losses: CreditLosses?
    if let loan {
      add("loan_amount", loan.amount)
      add("tenor_years", Double(loan.tenorYears))
      add("coverage_orderly", sorted.fraction { $0 * orderly >= loan.amount })
      add("coverage_forced", sorted.fraction { $0 * forced >= loan.amount })
      if let defaults {
        guard defaults.years.count == values.count else {
          throw ValuationError.invalidSetting(
            "defaults", "\(defaults.years.count) default years for \(values.count) paths")
        }
        let found = try CreditLosses(
          defaults: defaults, loan: loan, orderlyDiscount: policy.orderlyDiscount)
        try Self.addCreditMetrics(found, loan: loan, count: count, to: &metrics)
        losses = found
      }
    }
    self.metrics = metrics
    self.losses = losses
  }

  /// Adds the figures of the credit losses (the second table above) to `metrics`.
  private static func addCreditMetrics(
    _ losses: CreditLosses, loan: Loan, count: Double, to metrics: inout [Metric]
  ) throws {
    func add(_ name: String, _ value: Double) { metrics.append(Metric(name: name, value: value)) }
    // Means and quantiles over the defaulting paths: NaN when no path defaults.
    func overDefaults(_ sample: [Double], _ statistic: ([Double]) throws -> Double) throws
      -> Double
    {
      sample.isEmpty ? .nan : try statistic(sample)
    }
    let (collateral, lgd) = (losses.collateralAtDefault, losses.lossGivenDefault)
    add("default_probability", Double(collateral.count) / count)
    add("collateral_at_default_mean", try overDefaults(collateral, Descriptive.mean))
    add(
      "collateral_at_default_p10",
      try overDefaults(collateral) { try Descriptive.quantile($0, 0.10) })
    add("lgd_mean", try overDefaults(lgd, Descriptive.mean))
    add("lgd_p90", try overDefaults(lgd) { try Descriptive.quantile($0, 0.90) })
    let expected = try Descriptive.mean(losses.discountedLosses)
    add("expected_credit_loss", expected)
    add("expected_credit_loss_rate", expected / loan.amount)
    var firstYear = 0.0
    for (loss, year) in zip(losses.discountedLosses, losses.defaultYears) where year == 1 {
      firstYear += loss
    }
    add("expected_credit_loss_12m", firstYear / count)
    add(
      "unexpected_loss99",
      try SortedSample(losses.discountedLosses).quantile(0.99) - expected)
  }

  /// What the metric named `name` measures: ``Metric/Kind/amount`` for a name it does not know.
  public static func kind(ofMetric name: String) -> Metric.Kind {
    switch name {
    case "hhi": return .index
    case "horizon_years", "tenor_years": return .years
    case "coverage_orderly", "coverage_forced", "default_probability", "lgd_mean", "lgd_p90",
      "expected_credit_loss_rate":
      return .ratio
    default: return .amount
    }
  }

  /// The value of the metric named `name`, or `nil`.
  public func value(named name: String) -> Double? {
    metrics.first { $0.name == name }?.value
  }

  /// The Herfindahl-Hirschman index of `means`: `sum s_i^2` with `s_i = mean_i / sum_j mean_j`;
  /// 1 for a single asset, `1/N` for N equal ones, within `[1/N, 1]` for means of at least 0;
  /// NaN when the means sum to 0.
  public static func herfindahl(_ means: [Double]) -> Double {
    let total = means.reduce(0, +)
    guard total != 0 else { return .nan }
    return means.reduce(0) { $0 + ($1 / total) * ($1 / total) }
  }
}
