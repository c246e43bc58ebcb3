// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit

/// The collateral figures of a simulated portfolio under a lending policy.
///
/// With `P` the portfolio value of a path, `n` paths, `od` and `fd` the orderly and forced
/// discounts, `q` the collateral quantile, `A` the loan and quantiles by Hyndman and Fan's
/// definition 7:
///
/// ```
/// market_value_mean, _sd, _p05, _p50, _p95   mean, sd (divisor n-1) and quantiles of P
/// market_value_mean_se                       sd / sqrt(n)
/// orderly_liquidation_value                  mean(P) (1 - od)
/// forced_liquidation_value                   mean(P) (1 - fd)
/// collateral_value                           quantile(P, q) (1 - od)
/// lending_value                              quantile(sum_i LTV(right_i) (1 - od) V_i, q)
/// var{a}                                     mean(P) - quantile(P, 1 - a),   a = 95%, 99%
/// es{a}                                      mean(P) - mean(P | P <= quantile(P, 1 - a))
/// hhi                                        sum_i s_i^2,  s_i = mean(V_i) / sum_j mean(V_j)
/// coverage_orderly, coverage_forced          share of paths with P (1 - od) >= A, P (1 - fd) >= A
/// expected_lgd                               mean(max(0, A - P (1 - fd)) / A)
/// expected_loss                              pd * expected_lgd * A
/// ```
/// The loan figures appear only with a loan, `expected_loss` only with a probability of default.
public struct CollateralReport: Sendable {
  /// One named figure.
  public struct Metric: Sendable, Equatable {
    /// The stable snake_case name (`market_value_mean`).
    public let name: String
    /// The value: an amount in the portfolio's currency, or a ratio.
    public let value: Double
    /// Whether the value is an amount of money (otherwise a ratio or probability).
    public let isAmount: Bool

    /// Creates a metric.
    public init(name: String, value: Double, isAmount: Bool) {
      self.name = name
      self.value = value
      self.isAmount = isAmount
    }
  }

  /// The policy applied.
  public let policy: CollateralPolicy
  /// The figures, in the order of the table above (`deterministic_value` first).
  public let metrics: [Metric]

  /// The report of `result` under `policy`.
  ///
  /// - Throws: ``ValuationError`` (`invalidSetting`) for an invalid policy.
  public init(result: ValuationResult, policy: CollateralPolicy = CollateralPolicy()) throws {
    try self.init(
      portfolioValues: result.portfolioValues, valuesByRight: result.valuesByRight,
      assetMeans: result.assets.map(\.mean), deterministicValue: result.deterministic.value,
      policy: policy)
  }

  /// The report of simulated values given directly.
  ///
  /// - Parameters:
  ///   - portfolioValues: the portfolio value `P` of every path (at least 2 paths).
  ///   - valuesByRight: for each kind of right, its part of `P` on every path (one value per
  ///     path).
  ///   - assetMeans: each asset's mean simulated value, for the Herfindahl index.
  ///   - deterministicValue: the portfolio's deterministic value.
  /// - Throws: ``ValuationError`` (`invalidSetting`) for an invalid policy or values by right
  ///   that do not have one value per path; ``GSLError`` for fewer than 2 paths or a
  ///   non-finite value.
  public init(
    portfolioValues values: [Double], valuesByRight: [IPRight: [Double]], assetMeans: [Double],
    deterministicValue: Double, policy: CollateralPolicy = CollateralPolicy()
  ) throws {
    try policy.validate()
    self.policy = policy
    let count = Double(values.count)
    let sorted = try SortedSample(values)
    let mean = try Descriptive.mean(values)
    let sd = try Descriptive.standardDeviation(values)
    let orderly = 1 - policy.orderlyDiscount
    let forced = 1 - policy.forcedDiscount

    var lending = [Double](repeating: 0, count: values.count)
    for right in IPRight.allCases {
      guard let rightValues = valuesByRight[right] else { continue }
      guard rightValues.count == values.count else {
        throw ValuationError.invalidSetting(
          "values by right",
          "\(rightValues.count) values of \(right.rawValue) for \(values.count) paths")
      }
      let ratio = policy.loanToValue(of: right) * orderly
      for (path, value) in rightValues.enumerated() { lending[path] += ratio * value }
    }

    var metrics: [Metric] = []
    func amount(_ name: String, _ value: Double) {
      metrics.append(Metric(name: name, value: value, isAmount: true))
    }
    func ratio(_ name: String, _ value: Double) {
      metrics.append(Metric(name: name, value: value, isAmount: false))
    }

    amount("deterministic_value", deterministicValue)
    amount("market_value_mean", mean)
    amount("market_value_mean_se", sd / count.squareRoot())
    amount("market_value_sd", sd)
    amount("market_value_p05", try sorted.quantile(0.05))
    amount("market_value_p50", try sorted.quantile(0.50))
    amount("market_value_p95", try sorted.quantile(0.95))
    amount("orderly_liquidation_value", mean * orderly)
    amount("forced_liquidation_value", mean * forced)
    amount("collateral_value", try sorted.quantile(policy.quantile) * orderly)
    amount("lending_value", try Descriptive.quantile(lending, policy.quantile))
    for level in [95, 99] {
      let tail = try sorted.quantile(1 - Double(level) / 100)
      amount("var\(level)", mean - tail)
      amount("es\(level)", mean - (sorted.meanAtOrBelow(tail) ?? tail))
    }
    ratio("hhi", Self.herfindahl(assetMeans))
    if let loan = policy.loanAmount {
      amount("loan_amount", loan)
      ratio("coverage_orderly", sorted.fraction { $0 * orderly >= loan })
      ratio("coverage_forced", sorted.fraction { $0 * forced >= loan })
      let lgd = values.reduce(0) { $0 + max(0, loan - $1 * forced) / loan } / count
      ratio("expected_lgd", lgd)
      if let pd = policy.probabilityOfDefault {
        amount("expected_loss", pd * lgd * loan)
      }
    }
    self.metrics = metrics
  }

  /// The value of the metric named `name`, or `nil`.
  public func value(named name: String) -> Double? {
    metrics.first { $0.name == name }?.value
  }

  /// The Herfindahl-Hirschman index of `means`: `sum s_i^2` with `s_i = mean_i / sum_j mean_j`;
  /// 1 for a single asset, `1/N` for N equal ones; NaN when the means sum to 0.
  public static func herfindahl(_ means: [Double]) -> Double {
    let total = means.reduce(0, +)
    guard total != 0 else { return .nan }
    return means.reduce(0) { $0 + ($1 / total) * ($1 / total) }
  }
}
