// SPDX-License-Identifier: GPL-3.0-or-later

/// A way of projecting a series that a backtest can compare: a model, or a rule that chooses
/// among the fitted models.
public enum ForecastMethod: Hashable, Sendable, CustomStringConvertible {
  /// `--model auto` with the given rule: `auto` (the smallest AICc) or `backtest` (the smallest
  /// backtest MAPE).
  case rule(SelectionRule)
  /// One model (`--model NAME`).
  case model(GrowthModel)

  /// Every method, as listed in help: the default model, the rules, then the other models.
  public static let all: [ForecastMethod] =
    [.model(GrowthModel.defaultModel)] + SelectionRule.allCases.map(ForecastMethod.rule)
    + GrowthModel.allCases.filter { $0 != GrowthModel.defaultModel }.map(model)

  /// The methods `ipfin backtest` compares by default: the default model, both rules and every
  /// model with intervals (all but `constant-growth`).
  public static let defaults: [ForecastMethod] = all.filter { $0 != .model(.constantGrowth) }

  /// The method named `name` (`auto`, a rule or a model), in any letter case; `nil` otherwise.
  public init?(name: String) {
    let key = name.lowercased()
    guard let method = Self.all.first(where: { $0.description == key }) else { return nil }
    self = method
  }

  /// `auto` (the AICc rule), `backtest`, or the model's name.
  public var description: String {
    switch self {
    case .rule(let rule): return rule == .aicc ? "auto" : rule.rawValue
    case .model(let model): return model.rawValue
    }
  }

  /// Sets the request's model and rule to this method's.
  public func configure(_ request: inout ProjectionRequest) {
    switch self {
    case .rule(let rule):
      request.model = "auto"
      request.selection = rule
    case .model(let model):
      request.model = model.rawValue
    }
  }
}
