// SPDX-License-Identifier: GPL-3.0-or-later

/// The growth models of filing series. A model is a specification;
/// ``fit(years:values:errorScale:cap:growth:)`` returns a ``FittedGrowthModel``.
///
/// With `t = year - t0`, `t0` the last year fitted, and Gaussian errors on the chosen
/// ``ErrorScale`` (`ln y_t = ln f(t) + e_t` by default), `z` = `ln y` (or `y`), and `k` the
/// number of estimated parameters:
///
/// - `linear`: `f = a + b t`; OLS on the level scale, nonlinear least squares on the log
///   scale; k = 3.
/// - `exponential`: `f = a exp(b t)`; OLS of `ln y` on `t`, nonlinear least squares on the
///   level scale; k = 3.
/// - `logistic`: `f = K / (1 + exp(-r (year - tm)))`; nonlinear least squares, self-started;
///   k = 4 (3 with a cap).
/// - `gompertz`: `f = K exp(-exp(-r (year - tm)))`; as the logistic; k = 4 (3 with a cap).
/// - `drift`: `z_t = z_s + mu (t - s) + e`, `e ~ N(0, sigma^2 (t - s))` for consecutive
///   observed years `s < t`; maximum likelihood in closed form; k = 2.
/// - `damped-trend`: ETS(A,Ad,N) on `z` (level, slope, alpha, beta, phi); maximum likelihood
///   by Nelder-Mead; k = 6.
/// - `constant-growth`: `y_{T+h} = y_T (1 + g)^h`; not fitted; k = 0.
/// - `discounted-drift` (the default of `ipfin project`): the drift with the older changes
///   discounted by `0.9` a year (``DiscountedDriftEngine``); discounted maximum likelihood in
///   closed form; k = 2, no AICc (its likelihood is weighted), so `auto` does not rank it.
///
/// `k` counts every estimated parameter, the error variance included, as AICc and BIC do.
public enum GrowthModel: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
  /// A straight line.
  case linear
  /// Constant relative growth.
  case exponential
  /// An S-curve that saturates at `K`, symmetric about its midpoint `tm`.
  case logistic
  /// An S-curve that saturates at `K`, with its inflection at `K / e`.
  case gompertz
  /// A random walk with drift.
  case drift
  /// The additive damped local linear trend, ETS(A,Ad,N).
  case dampedTrend = "damped-trend"
  /// The headline-rate extrapolation, for comparison; never chosen by `auto`.
  case constantGrowth = "constant-growth"
  /// A random walk with drift whose drift and volatility discount the older changes: the
  /// default model (its position at the end keeps the other models' random streams).
  case discountedDrift = "discounted-drift"

  /// The model `ipfin project` and scenario files use when none is named: `discounted-drift`,
  /// whose intervals held in the rolling-origin backtest of the bundled data (see
  /// ``DiscountedDriftEngine``).
  public static let defaultModel: GrowthModel = .discountedDrift

  /// The models `auto` chooses among: every fitted model (all but `constant-growth`).
  public static let autoCandidates: [GrowthModel] = [
    .linear, .exponential, .logistic, .gompertz, .drift, .dampedTrend,
  ]

  /// The models that have a saturation level, which `--cap` fixes.
  public static let saturating: [GrowthModel] = [.logistic, .gompertz]

  /// The model's name, as on the command line.
  public var description: String { rawValue }

  /// Whether the model is fitted to data (every model but `constant-growth`).
  public var isFitted: Bool { self != .constantGrowth }

  /// The number of estimated parameters `k`, the error variance included (0 for
  /// `constant-growth`). A fixed cap removes `K` from the logistic and Gompertz counts.
  public func parameterCount(capped: Bool = false) -> Int {
    switch self {
    case .linear, .exponential: return 3
    case .logistic, .gompertz: return capped ? 3 : 4
    case .drift, .discountedDrift: return 2
    case .dampedTrend: return 6
    case .constantGrowth: return 0
    }
  }

  /// The number of likelihood terms from `points` observations: `points - 1` for `drift`,
  /// whose likelihood is that of the changes between consecutive observed years (conditional on
  /// the first point), `points` for the others.
  public func observationCount(points: Int) -> Int {
    self == .drift || self == .discountedDrift ? points - 1 : points
  }

  /// The fewest points the model needs: enough for `n >= k + 2` likelihood terms, where AICc is
  /// defined (`drift`: 5 points, `linear` and `exponential`: 5, `logistic` and `gompertz`: 6, or
  /// 5 with a cap, `damped-trend`: 8); `constant-growth` needs 2 points, or 1 with a given
  /// growth rate.
  public func minimumPoints(capped: Bool = false, growthGiven: Bool = false) -> Int {
    switch self {
    case .constantGrowth: return growthGiven ? 1 : 2
    case .drift, .discountedDrift: return parameterCount() + 3
    default: return parameterCount(capped: capped) + 2
    }
  }

  /// How many of a series' `available` points the model uses, counted from the latest: all of
  /// them for a fitted model, only the last ``minimumPoints(capped:growthGiven:)`` for
  /// `constant-growth` (its growth from the last two, or the last one with a given rate); 0 when
  /// there are fewer than it needs (the model is skipped). These are the points that must be
  /// positive on the log scale.
  func usedPointCount(available: Int, capped: Bool, growthGiven: Bool) -> Int {
    let needed = minimumPoints(capped: capped, growthGiven: growthGiven)
    guard available >= needed else { return 0 }
    return isFitted ? available : needed
  }
}
