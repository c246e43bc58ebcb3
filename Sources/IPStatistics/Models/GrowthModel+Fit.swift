// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLKit
import IPCommon

extension GrowthModel {
  /// The largest saturation level a logistic or Gompertz fit may report, as a multiple of the
  /// largest observed value. Beyond it the data do not identify `K` (the series is still in its
  /// exponential phase) and the fit is reported as failed.
  public static let largestCapMultiple = 1000.0

  /// Fits the model to a series.
  ///
  /// - Parameters:
  ///   - years: the observed years, strictly increasing (gaps allowed: a missing year is
  ///     missing).
  ///   - values: the observed values, as many as `years`, finite and not negative; on the log
  ///     scale positive (for `constant-growth` only the last two, or the last one with a given
  ///     `growth`).
  ///   - errorScale: where the Gaussian errors are additive (log by default).
  ///   - cap: a fixed saturation level `K` for `logistic` and `gompertz` (ignored by the others).
  ///   - growth: the rate `g` of `constant-growth`; `nil` uses the last observed year-on-year
  ///     growth, annualised over a gap: `(y_T / y_S)^(1 / (T - S)) - 1`.
  /// - Throws: ``StatisticsError``: `insufficientData` when there are fewer points than
  ///   ``minimumPoints(capped:growthGiven:)`` or a zero on the log scale among the values used,
  ///   `badRequest` for unordered years or a non-positive cap, `numericalFailure` when the fit
  ///   does not converge or does not identify its parameters.
  public func fit(
    years: [Int], values: [Double], errorScale: ErrorScale = .log, cap: Double? = nil,
    growth: Double? = nil
  ) throws -> FittedGrowthModel {
    let usedCap = GrowthModel.saturating.contains(self) ? cap : nil
    try validate(years: years, values: values, errorScale: errorScale, cap: usedCap, growth: growth)
    switch self {
    case .linear: return try fitCurve(.linear, years, values, errorScale, nil)
    case .exponential: return try fitCurve(.exponential, years, values, errorScale, nil)
    case .logistic: return try fitCurve(.logistic, years, values, errorScale, usedCap)
    case .gompertz: return try fitCurve(.gompertz, years, values, errorScale, usedCap)
    case .drift: return DriftEngine.fit(years: years, values: values, errorScale: errorScale)
    case .discountedDrift:
      return DiscountedDriftEngine.fit(years: years, values: values, errorScale: errorScale)
    case .dampedTrend:
      return try DampedTrendEngine.fit(years: years, values: values, errorScale: errorScale)
    case .constantGrowth:
      return try ConstantGrowthEngine.fit(
        years: years, values: values, errorScale: errorScale, growth: growth)
    }
  }

  private func validate(
    years: [Int], values: [Double], errorScale: ErrorScale, cap: Double?, growth: Double?
  ) throws {
    guard years.count == values.count else {
      throw StatisticsError(.badRequest, "\(years.count) years but \(values.count) values")
    }
    for i in years.indices.dropFirst() where years[i] <= years[i - 1] {
      throw StatisticsError(
        .badRequest, "the years must be strictly increasing; \(years[i]) follows \(years[i - 1])")
    }
    let needed = minimumPoints(capped: cap != nil, growthGiven: growth != nil)
    guard years.count >= needed else {
      throw StatisticsError(
        .insufficientData,
        "\(self) needs at least \(needed) points (n >= k + 2 with k = "
          + "\(parameterCount(capped: cap != nil)) parameters) but the series has \(years.count)")
    }
    for (year, value) in zip(years, values) {
      guard value.isFinite, value >= 0 else {
        throw StatisticsError(
          .badRequest, "the value \(NumberFormatting.shown(value)) in \(year) is not a count")
      }
    }
    let used = usedPointCount(
      available: years.count, capped: cap != nil, growthGiven: growth != nil)
    if errorScale == .log, let zero = values.indices.suffix(used).last(where: { values[$0] == 0 }) {
      throw StatisticsError(
        .insufficientData,
        "the value in \(years[zero]) is 0, which log-scale errors cannot fit; use --error-scale "
          + "level or --since a later year")
    }
    if let cap, !(cap > 0 && cap.isFinite) {
      throw StatisticsError(
        .badRequest, "the cap must be a positive number, got \(NumberFormatting.shown(cap))")
    }
    if let growth, !(growth > -1 && growth.isFinite) {
      throw StatisticsError(
        .badRequest, "the growth rate must be above -100%, got \(NumberFormatting.shown(growth))")
    }
  }

  /// Fits one of the four curves by least squares from self-started values, keeping the best
  /// converged fit.
  private func fitCurve(
    _ shape: GrowthCurve.Shape, _ years: [Int], _ values: [Double], _ scale: ErrorScale,
    _ cap: Double?
  ) throws -> FittedGrowthModel {
    let lastYear = years[years.count - 1]
    let times = years.map { Double($0 - lastYear) }
    let z = values.map(scale.transform)
    let curve = GrowthCurve(shape: shape, scale: scale, fixedLogCap: cap.map { Foundation.log($0) })
    var best: CurveEstimate?
    var failures: [String] = []
    let starts = curve.isLinearModel ? [[]] : curve.startingValues(times: times, values: values)
    for start in starts {
      // A start that is already the solution to rounding (noise-free data) leaves the
      // trust-region method no step that lowers the sum of squares, which GSL reports as a
      // failure: then the same start moved 5% away is tried. OLS (the empty start of a curve
      // linear in its parameters) has no start to move and is tried once.
      let moved = start.map { $0 == 0 ? 0.01 : $0 * 1.05 }
      for trial in start.isEmpty ? [start] : [start, moved] {
        do {
          let estimate = try curve.fit(times: times, z: z, start: trial)
          if best.map({ estimate.rss < $0.rss }) ?? true { best = estimate }
          break
        } catch {
          failures.append("\(error)")
        }
      }
    }
    guard let best else {
      let reason = failures.first ?? "no starting values could be computed from the data"
      throw StatisticsError(
        .numericalFailure,
        "\(self) could not be fitted from any of \(starts.count) starting values (first "
          + "failure: \(reason))")
    }
    let parameters = publicParameters(shape, cap, best, lastYear: lastYear)
    if GrowthModel.saturating.contains(self), cap == nil, let k = parameters.first?.value,
      let maximum = values.max(), !(k <= GrowthModel.largestCapMultiple * maximum)
    {
      throw StatisticsError(
        .numericalFailure,
        "\(self): the saturation level K = \(k) is over \(Int(GrowthModel.largestCapMultiple)) "
          + "times the largest value; the data do not identify it (fix it with --cap)")
    }
    let n = years.count
    let engine = CurveEngine(curve: curve, model: self, times: times, z: z, theta: best.theta)
    return FittedGrowthModel(
      model: self, errorScale: scale, parameters: parameters, observationCount: n,
      parameterCount: curve.count + 1,
      sigma: (best.rss / Double(n - curve.count)).squareRoot(),
      logLikelihood: InformationCriteria.gaussianLogLikelihood(rss: best.rss, n: n),
      fitted: zip(years, engine.fittedZ).map { YearValue(year: $0, value: scale.level($1)) },
      lastYear: lastYear, lastValue: values[n - 1], engine: engine)
  }

  /// The reported parameters of a curve, with delta-method standard errors for transformed
  /// ones (`se(a) = a se(ln a)`, `se(K) = K se(ln K)`).
  private func publicParameters(
    _ shape: GrowthCurve.Shape, _ cap: Double?, _ estimate: CurveEstimate, lastYear: Int
  ) -> [ModelParameter] {
    let theta = estimate.theta
    let se = estimate.covariance.diagonal.map { $0.squareRoot() }
    let t0 = ModelParameter(name: "t0", value: Double(lastYear), fixed: true)
    switch shape {
    case .linear:
      return [
        ModelParameter(name: "a", value: theta[0], standardError: se[0]),
        ModelParameter(name: "b", value: theta[1], standardError: se[1]), t0,
      ]
    case .exponential:
      let a = exp(theta[0])
      return [
        ModelParameter(name: "a", value: a, standardError: a * se[0]),
        ModelParameter(name: "b", value: theta[1], standardError: se[1]), t0,
      ]
    case .logistic, .gompertz:
      var parameters: [ModelParameter] = []
      var index = 0
      if let cap {
        parameters.append(ModelParameter(name: "K", value: cap, fixed: true))
      } else {
        let k = exp(theta[0])
        parameters.append(ModelParameter(name: "K", value: k, standardError: k * se[0]))
        index = 1
      }
      parameters.append(ModelParameter(name: "r", value: theta[index], standardError: se[index]))
      parameters.append(
        ModelParameter(
          name: "tm", value: Double(lastYear) + theta[index + 1], standardError: se[index + 1]))
      return parameters
    }
  }
}
