// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL
import Foundation

/// A probability distribution with validated parameters: its moments, CDF and quantile function
/// (from GSL's `gsl_cdf_*` where GSL has them), and the recipe ``RandomGenerator`` uses to draw
/// from it.
///
/// Build one with the static factories, which reject invalid parameters in Swift (a
/// non-positive scale, a probability outside [0, 1], `min > mode`), so that drawing never fails.
///
/// ```swift
/// let royalty = try Distribution.pert(minimum: 0.03, mode: 0.05, maximum: 0.08)
/// royalty.mean  // (0.03 + 4 * 0.05 + 0.08) / 6
/// ```
public struct Distribution: Equatable, Sendable, CustomStringConvertible {
  /// The family and its parameters.
  public enum Family: Equatable, Sendable {
    /// Uniform on `[lower, upper)`.
    case uniform(lower: Double, upper: Double)
    /// Normal with the given mean and standard deviation; drawn with GSL's ziggurat.
    case normal(mean: Double, standardDeviation: Double)
    /// `exp(X)` with `X ~ Normal(logMean, logStandardDeviation)`.
    case lognormal(logMean: Double, logStandardDeviation: Double)
    /// Exponential with the given mean (rate `1 / mean`).
    case exponential(mean: Double)
    /// Gamma with shape `k` and scale `theta` (mean `k theta`).
    case gamma(shape: Double, scale: Double)
    /// Beta on [0, 1] with shapes `alpha` and `beta`.
    case beta(alpha: Double, beta: Double)
    /// Triangular on `[minimum, maximum]` with its peak at `mode`.
    case triangular(minimum: Double, mode: Double, maximum: Double)
    /// PERT (beta-PERT, shape 4): `minimum + (maximum - minimum) * Beta(alpha, beta)` with
    /// `alpha = 1 + 4 (mode - minimum) / (maximum - minimum)` and
    /// `beta = 1 + 4 (maximum - mode) / (maximum - minimum)`; a point mass when
    /// `minimum == maximum`.
    case pert(minimum: Double, mode: Double, maximum: Double)
    /// Bernoulli: 1 with the given probability, else 0.
    case bernoulli(probability: Double)
    /// Geometric on 1, 2, 3, ...: the trial of the first success, `P(K > k) = (1 - p)^k`.
    case geometric(probability: Double)
    /// Student's t with `nu` degrees of freedom.
    case studentT(degreesOfFreedom: Double)
    /// Chi-squared with `k` degrees of freedom.
    case chiSquared(degreesOfFreedom: Double)
  }

  /// The family and its parameters, already validated.
  public let family: Family

  private init(_ family: Family) { self.family = family }

  // MARK: - Validated factories

  /// Uniform on `[lower, upper)`.
  /// - Throws: ``GSLError`` when the bounds are not finite or `lower >= upper`.
  public static func uniform(lower: Double = 0, upper: Double = 1) throws -> Distribution {
    try requireFinite("uniform", ["lower": lower, "upper": upper])
    guard lower < upper else {
      throw GSLError.invalidInput("uniform", "lower (\(lower)) must be below upper (\(upper))")
    }
    return Distribution(.uniform(lower: lower, upper: upper))
  }

  /// Normal with mean `mean` and standard deviation `standardDeviation > 0`.
  /// - Throws: ``GSLError`` when the standard deviation is not positive or a value not finite.
  public static func normal(mean: Double = 0, standardDeviation: Double = 1) throws -> Distribution
  {
    try requireFinite("normal", ["mean": mean, "standard deviation": standardDeviation])
    try requirePositive("normal", "standard deviation", standardDeviation)
    return Distribution(.normal(mean: mean, standardDeviation: standardDeviation))
  }

  /// Lognormal: `exp(X)`, `X ~ Normal(logMean, logStandardDeviation)`, `logStandardDeviation > 0`.
  /// - Throws: ``GSLError`` when the log standard deviation is not positive.
  public static func lognormal(logMean: Double, logStandardDeviation: Double) throws
    -> Distribution
  {
    try requireFinite(
      "lognormal", ["log mean": logMean, "log standard deviation": logStandardDeviation])
    try requirePositive("lognormal", "log standard deviation", logStandardDeviation)
    return Distribution(.lognormal(logMean: logMean, logStandardDeviation: logStandardDeviation))
  }

  /// Exponential with mean `mean > 0`.
  /// - Throws: ``GSLError`` when the mean is not positive.
  public static func exponential(mean: Double) throws -> Distribution {
    try requireFinite("exponential", ["mean": mean])
    try requirePositive("exponential", "mean", mean)
    return Distribution(.exponential(mean: mean))
  }

  /// Gamma with shape `shape > 0` and scale `scale > 0`.
  /// - Throws: ``GSLError`` when a parameter is not positive.
  public static func gamma(shape: Double, scale: Double) throws -> Distribution {
    try requireFinite("gamma", ["shape": shape, "scale": scale])
    try requirePositive("gamma", "shape", shape)
    try requirePositive("gamma", "scale", scale)
    return Distribution(.gamma(shape: shape, scale: scale))
  }

  /// Beta with shapes `alpha > 0` and `beta > 0`.
  /// - Throws: ``GSLError`` when a shape is not positive.
  public static func beta(alpha: Double, beta: Double) throws -> Distribution {
    try requireFinite("beta", ["alpha": alpha, "beta": beta])
    try requirePositive("beta", "alpha", alpha)
    try requirePositive("beta", "beta", beta)
    return Distribution(.beta(alpha: alpha, beta: beta))
  }

  /// Triangular on `[minimum, maximum]` with mode `mode`, `minimum <= mode <= maximum`,
  /// `minimum < maximum`.
  /// - Throws: ``GSLError`` when the three values are not so ordered.
  public static func triangular(minimum: Double, mode: Double, maximum: Double) throws
    -> Distribution
  {
    try requireFinite("triangular", ["minimum": minimum, "mode": mode, "maximum": maximum])
    guard minimum <= mode, mode <= maximum, minimum < maximum else {
      throw GSLError.invalidInput(
        "triangular",
        "need minimum <= mode <= maximum and minimum < maximum, got \(minimum), \(mode), \(maximum)"
      )
    }
    return Distribution(.triangular(minimum: minimum, mode: mode, maximum: maximum))
  }

  /// PERT with shape 4 on `[minimum, maximum]` and mode `mode`, `minimum <= mode <= maximum`.
  /// `minimum == maximum` is allowed and gives a point mass (a fixed value).
  /// - Throws: ``GSLError`` when the three values are not so ordered.
  public static func pert(minimum: Double, mode: Double, maximum: Double) throws -> Distribution {
    try requireFinite("pert", ["minimum": minimum, "mode": mode, "maximum": maximum])
    guard minimum <= mode, mode <= maximum else {
      throw GSLError.invalidInput(
        "pert", "need minimum <= mode <= maximum, got \(minimum), \(mode), \(maximum)")
    }
    return Distribution(.pert(minimum: minimum, mode: mode, maximum: maximum))
  }

  /// Bernoulli with success probability `probability` in [0, 1].
  /// - Throws: ``GSLError`` when the probability is outside [0, 1].
  public static func bernoulli(probability: Double) throws -> Distribution {
    try requireProbability("bernoulli", probability)
    return Distribution(.bernoulli(probability: probability))
  }

  /// Geometric on 1, 2, ... with success probability `probability` in (0, 1].
  /// - Throws: ``GSLError`` when the probability is outside (0, 1].
  public static func geometric(probability: Double) throws -> Distribution {
    try requireProbability("geometric", probability)
    guard probability > 0 else {
      throw GSLError.invalidInput("geometric", "probability must be above 0, got 0")
    }
    return Distribution(.geometric(probability: probability))
  }

  /// Student's t with `degreesOfFreedom > 0`.
  /// - Throws: ``GSLError`` when the degrees of freedom are not positive.
  public static func studentT(degreesOfFreedom: Double) throws -> Distribution {
    try requireFinite("student t", ["degrees of freedom": degreesOfFreedom])
    try requirePositive("student t", "degrees of freedom", degreesOfFreedom)
    return Distribution(.studentT(degreesOfFreedom: degreesOfFreedom))
  }

  /// Chi-squared with `degreesOfFreedom > 0`.
  /// - Throws: ``GSLError`` when the degrees of freedom are not positive.
  public static func chiSquared(degreesOfFreedom: Double) throws -> Distribution {
    try requireFinite("chi-squared", ["degrees of freedom": degreesOfFreedom])
    try requirePositive("chi-squared", "degrees of freedom", degreesOfFreedom)
    return Distribution(.chiSquared(degreesOfFreedom: degreesOfFreedom))
  }

  // MARK: - Moments

  /// The mean (NaN where it does not exist: Student's t with `nu <= 1`).
  public var mean: Double {
    switch family {
    case let .uniform(a, b): return (a + b) / 2
    case let .normal(mu, _): return mu
    case let .lognormal(mu, sigma): return exp(mu + sigma * sigma / 2)
    case let .exponential(mu): return mu
    case let .gamma(k, theta): return k * theta
    case let .beta(a, b): return a / (a + b)
    case let .triangular(a, c, b): return (a + b + c) / 3
    case let .pert(a, c, b): return a == b ? a : (a + 4 * c + b) / 6
    case let .bernoulli(p): return p
    case let .geometric(p): return 1 / p
    case let .studentT(nu): return nu > 1 ? 0 : .nan
    case let .chiSquared(k): return k
    }
  }

  /// The variance (infinite for Student's t with `1 < nu <= 2`, NaN where undefined).
  public var variance: Double {
    switch family {
    case let .uniform(a, b): return (b - a) * (b - a) / 12
    case let .normal(_, sigma): return sigma * sigma
    case let .lognormal(mu, sigma):
      return expm1(sigma * sigma) * exp(2 * mu + sigma * sigma)
    case let .exponential(mu): return mu * mu
    case let .gamma(k, theta): return k * theta * theta
    case let .beta(a, b): return a * b / ((a + b) * (a + b) * (a + b + 1))
    case let .triangular(a, c, b): return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
    case let .pert(a, _, b):
      // (mean - min)(max - mean) / 7 for shape 4.
      let m = mean
      return a == b ? 0 : (m - a) * (b - m) / 7
    case let .bernoulli(p): return p * (1 - p)
    case let .geometric(p): return (1 - p) / (p * p)
    case let .studentT(nu): return nu > 2 ? nu / (nu - 2) : (nu > 1 ? .infinity : .nan)
    case let .chiSquared(k): return 2 * k
    }
  }

  /// The standard deviation, `sqrt(variance)`.
  public var standardDeviation: Double { variance.squareRoot() }

  // MARK: - CDF and quantile

  /// The cumulative distribution function `P(X <= x)`.
  public func cdf(_ x: Double) -> Double {
    GSLRuntime.prepare()
    switch family {
    case let .uniform(a, b): return gsl_cdf_flat_P(x, a, b)
    case let .normal(mu, sigma): return gsl_cdf_gaussian_P(x - mu, sigma)
    case let .lognormal(mu, sigma): return x <= 0 ? 0 : gsl_cdf_lognormal_P(x, mu, sigma)
    case let .exponential(mu): return x <= 0 ? 0 : gsl_cdf_exponential_P(x, mu)
    case let .gamma(k, theta): return x <= 0 ? 0 : gsl_cdf_gamma_P(x, k, theta)
    case let .beta(a, b): return gsl_cdf_beta_P(x, a, b)
    case let .triangular(a, c, b):
      if x <= a { return 0 }
      if x >= b { return 1 }
      if x <= c { return (x - a) * (x - a) / ((b - a) * (c - a)) }
      return 1 - (b - x) * (b - x) / ((b - a) * (b - c))
    case let .pert(a, c, b):
      if a == b { return x < a ? 0 : 1 }
      let (alpha, beta) = Self.pertShapes(minimum: a, mode: c, maximum: b)
      return gsl_cdf_beta_P((x - a) / (b - a), alpha, beta)
    case let .bernoulli(p):
      return x < 0 ? 0 : (x < 1 ? 1 - p : 1)
    case let .geometric(p):
      return x < 1 ? 0 : gsl_cdf_geometric_P(UInt32(Swift.min(x.rounded(.down), 4e9)), p)
    case let .studentT(nu): return gsl_cdf_tdist_P(x, nu)
    case let .chiSquared(k): return x <= 0 ? 0 : gsl_cdf_chisq_P(x, k)
    }
  }

  /// The quantile function: the `x` with `cdf(x) = p` (for the discrete families, the smallest
  /// `x` with `cdf(x) >= p`). `p = 0` and `p = 1` give the ends of the support, which may be
  /// infinite.
  ///
  /// - Throws: ``GSLError`` when `p` is outside [0, 1] or NaN.
  public func quantile(_ p: Double) throws -> Double {
    try Self.requireProbability("quantile", p)
    GSLRuntime.prepare()
    switch family {
    case let .uniform(a, b): return gsl_cdf_flat_Pinv(p, a, b)
    case let .normal(mu, sigma): return mu + gsl_cdf_gaussian_Pinv(p, sigma)
    case let .lognormal(mu, sigma): return gsl_cdf_lognormal_Pinv(p, mu, sigma)
    case let .exponential(mu): return gsl_cdf_exponential_Pinv(p, mu)
    case let .gamma(k, theta): return gsl_cdf_gamma_Pinv(p, k, theta)
    case let .beta(a, b): return gsl_cdf_beta_Pinv(p, a, b)
    case let .triangular(a, c, b):
      let split = (c - a) / (b - a)
      if p <= split { return a + ((b - a) * (c - a) * p).squareRoot() }
      return b - ((b - a) * (b - c) * (1 - p)).squareRoot()
    case let .pert(a, c, b):
      if a == b { return a }
      let (alpha, beta) = Self.pertShapes(minimum: a, mode: c, maximum: b)
      return a + (b - a) * gsl_cdf_beta_Pinv(p, alpha, beta)
    case let .bernoulli(q):
      return p <= 1 - q ? 0 : 1
    case let .geometric(q):
      if p == 0 { return 1 }
      if p == 1 { return q == 1 ? 1 : .infinity }
      if q == 1 { return 1 }
      // Smallest k >= 1 with 1 - (1 - q)^k >= p.
      var k = (log1p(-p) / log1p(-q)).rounded(.up)
      k = Swift.max(k, 1)
      while k > 1 && 1 - pow(1 - q, k - 1) >= p { k -= 1 }
      while 1 - pow(1 - q, k) < p { k += 1 }
      return k
    case let .studentT(nu): return gsl_cdf_tdist_Pinv(p, nu)
    case let .chiSquared(k): return gsl_cdf_chisq_Pinv(p, k)
    }
  }

  /// The beta shapes of a PERT distribution with shape 4:
  /// `alpha = 1 + 4 (mode - min) / (max - min)`, `beta = 1 + 4 (max - mode) / (max - min)`.
  public static func pertShapes(minimum: Double, mode: Double, maximum: Double) -> (
    alpha: Double, beta: Double
  ) {
    let range = maximum - minimum
    return (1 + 4 * (mode - minimum) / range, 1 + 4 * (maximum - mode) / range)
  }

  /// The family and its parameters.
  public var description: String { "\(family)" }

  // MARK: - Validation

  static func requireFinite(_ operation: String, _ values: KeyValuePairs<String, Double>) throws {
    for (name, value) in values where !value.isFinite {
      throw GSLError.invalidInput(operation, "\(name) must be a finite number, got \(value)")
    }
  }

  static func requirePositive(_ operation: String, _ name: String, _ value: Double) throws {
    guard value > 0 else {
      throw GSLError.invalidInput(operation, "\(name) must be positive, got \(value)")
    }
  }

  static func requireProbability(_ operation: String, _ p: Double) throws {
    guard p >= 0, p <= 1 else {
      throw GSLError.invalidInput(operation, "probability must be in [0, 1], got \(p)")
    }
  }
}
