// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Gaussian log-likelihoods and the information criteria that compare models.
public enum InformationCriteria {
  /// The maximised Gaussian log-likelihood of `n` residuals with sum of squares `rss`, the
  /// variance concentrated out at its maximum-likelihood value `rss / n`:
  ///
  /// ```
  /// log L = -n/2 (ln(2 pi rss / n) + 1)
  /// ```
  /// (statsmodels' ETS and R's `logLik` for `nls` use the same expression.) `+infinity` when
  /// `rss` is 0.
  public static func gaussianLogLikelihood(rss: Double, n: Int) -> Double {
    let count = Double(n)
    return -count / 2 * (Foundation.log(2 * Double.pi * rss / count) + 1)
  }

  /// Akaike's criterion with the small-sample correction, for `k` estimated parameters (the
  /// error variance included) and `n` observations:
  ///
  /// ```
  /// AICc = -2 log L + 2 k + 2 k (k + 1) / (n - k - 1)
  /// ```
  /// `nil` when `n <= k + 1`, where the correction is undefined: a model needs
  /// `n >= k + 2` points to be compared.
  public static func aicc(logLikelihood: Double, k: Int, n: Int) -> Double? {
    guard n - k - 1 > 0 else { return nil }
    let kk = Double(k)
    return -2 * logLikelihood + 2 * kk + 2 * kk * (kk + 1) / Double(n - k - 1)
  }

  /// Schwarz's Bayesian criterion `BIC = -2 log L + k ln n`.
  public static func bic(logLikelihood: Double, k: Int, n: Int) -> Double {
    -2 * logLikelihood + Double(k) * Foundation.log(Double(n))
  }
}
