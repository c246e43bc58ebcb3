// SPDX-License-Identifier: GPL-3.0-or-later

/// How a projection chooses the models it projects: one strategy per rule, so that each rule
/// says in one place which models it fits, how it orders them, and what its label says.
///
/// ``Projector/project(_:dataset:progress:)`` fits ``candidates``, scores them by a backtest if
/// ``needsBacktest``, asks ``ranking(_:)`` for the order in which to project them, and projects
/// either every ranked model (``projectsEveryModel``) or the first one whose simulation
/// succeeds.
protocol ModelSelection {
  /// The models to fit, in ``GrowthModel`` order.
  var candidates: [GrowthModel] { get }
  /// Whether the fitted models need their rolling-origin backtest (``Backtest``).
  var needsBacktest: Bool { get }
  /// Whether every ranked model is projected (`all`) rather than the first that simulates.
  var projectsEveryModel: Bool { get }
  /// The models to project, best first.
  func ranking(_ attempts: [ModelAttempt]) -> [GrowthModel]
  /// The model marked as selected, given the models `projected` (in the order tried).
  func selected(projected: [GrowthModel], attempts: [ModelAttempt]) -> GrowthModel?
  /// What was done, for the table's heading: for example
  /// `selected: drift (smallest AICc among 4 fitted models)`.
  func note(selected: GrowthModel?, attempts: [ModelAttempt]) -> String
}

/// The selection for a request's model choice and rule.
func modelSelection(_ choice: ModelChoice, request: ProjectionRequest) -> any ModelSelection {
  switch choice {
  case .named(let model): return NamedModelSelection(model: model)
  case .all: return EveryModelSelection(marking: RankedSelection(rule: request.selection, cap: nil))
  case .auto: return RankedSelection(rule: request.selection, cap: request.cap)
  }
}

/// `--model NAME`: that model, projected whatever its scores.
struct NamedModelSelection: ModelSelection {
  let model: GrowthModel

  var candidates: [GrowthModel] { [model] }
  var needsBacktest: Bool { false }
  var projectsEveryModel: Bool { false }

  func ranking(_ attempts: [ModelAttempt]) -> [GrowthModel] { [model] }

  func selected(projected: [GrowthModel], attempts: [ModelAttempt]) -> GrowthModel? {
    projected.first
  }

  func note(selected: GrowthModel?, attempts: [ModelAttempt]) -> String {
    model == GrowthModel.defaultModel ? "model: \(model) (the default)" : "model: \(model) (named)"
  }
}

/// `--model auto`: the fitted models ranked by the rule (``SelectionRule``), of which the first
/// that simulates is projected; a selected model whose simulation fails gives way to the next
/// (with a warning).
struct RankedSelection: ModelSelection {
  let rule: SelectionRule
  /// A fixed saturation level, which restricts the candidates to the saturating curves.
  let cap: Double?

  var candidates: [GrowthModel] {
    cap == nil ? GrowthModel.autoCandidates : GrowthModel.saturating
  }
  var needsBacktest: Bool { rule == .backtest }
  var projectsEveryModel: Bool { false }

  /// The fitted models other than `constant-growth`, best first: by AICc, or by backtest MAPE
  /// (ties by AICc) among the models the backtest scored.
  func ranking(_ attempts: [ModelAttempt]) -> [GrowthModel] {
    let eligible = attempts.filter { $0.fit?.aicc != nil && $0.model.isFitted }
    switch rule {
    case .aicc:
      return eligible.sorted { ($0.fit?.aicc ?? 0) < ($1.fit?.aicc ?? 0) }.map(\.model)
    case .backtest:
      return eligible.filter { $0.backtest != nil }.sorted {
        let left = $0.backtest?.meanAbsolutePercentageError ?? 0
        let right = $1.backtest?.meanAbsolutePercentageError ?? 0
        return left != right ? left < right : ($0.fit?.aicc ?? 0) < ($1.fit?.aicc ?? 0)
      }.map(\.model)
    }
  }

  func selected(projected: [GrowthModel], attempts: [ModelAttempt]) -> GrowthModel? {
    projected.last
  }

  func note(selected: GrowthModel?, attempts: [ModelAttempt]) -> String {
    guard let selected else { return "no model selected" }
    let fitted = attempts.filter { $0.fit != nil && $0.model.isFitted }.count
    let among = "among \(fitted) fitted \(fitted == 1 ? "model" : "models")"
    switch rule {
    case .aicc: return "selected: \(selected) (smallest AICc \(among))"
    case .backtest:
      let origins = attempts.compactMap(\.backtest).first?.origins ?? []
      return "selected: \(selected) (smallest backtest MAPE \(among), origins "
        + "\(YearList.describe(origins)))"
    }
  }
}

/// `--model all`: every model fitted and projected; the model the rule would select is marked.
struct EveryModelSelection: ModelSelection {
  /// The rule whose choice is marked.
  let marking: RankedSelection

  var candidates: [GrowthModel] { GrowthModel.allCases }
  var needsBacktest: Bool { marking.needsBacktest }
  var projectsEveryModel: Bool { true }

  func ranking(_ attempts: [ModelAttempt]) -> [GrowthModel] {
    attempts.filter { $0.fit != nil }.map(\.model)
  }

  func selected(projected: [GrowthModel], attempts: [ModelAttempt]) -> GrowthModel? {
    marking.ranking(attempts).first
  }

  func note(selected: GrowthModel?, attempts: [ModelAttempt]) -> String {
    let projected = attempts.filter { $0.fit != nil }.count
    let marked = selected.map { "; * marks \($0), the model auto would select" } ?? ""
    return "every fitted model (\(projected))\(marked)"
  }
}
