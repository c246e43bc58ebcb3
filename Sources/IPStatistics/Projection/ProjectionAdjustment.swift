// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon

/// A scenario adjustment of a projection. Adjustments act on every simulated path and on the
/// point forecast, in the order given, for the projected years only (the years after the last
/// observed year `T`), so they move the whole band. The saturation level is not an adjustment
/// but the request's ``ProjectionRequest/cap``.
public enum ProjectionAdjustment: Sendable, Equatable, CustomStringConvertible {
  /// Adds `rate` to every year's growth from `from` on (from `T + 1` if `from` is earlier):
  ///
  /// ```
  /// y'_t = y'_{t-1} max(y_t / y_{t-1} + rate, 0)     for t >= from,   y'_T = y_T observed
  /// ```
  case growthUplift(rate: Double, from: Int)
  /// Multiplies the level by `1 + shift` from `from` on: `y'_t = y_t (1 + shift)`.
  case levelShift(shift: Double, from: Int)
  /// Follows another series' compound growth `g` from the last observed point on: every path
  /// is scaled by the same factor so that the point forecast becomes `y_T (1 + g)^(t - T)`:
  ///
  /// ```
  /// y'_t = y_t  y_T (1 + g)^(t - T) / point_t
  /// ```
  case analog(AnalogSpec)

  /// `uplift RATE@YEAR`, `level-shift SHIFT@YEAR` or `analog SPEC`.
  public var description: String {
    switch self {
    case .growthUplift(let rate, let from): return "uplift \(NumberFormatting.exact(rate))@\(from)"
    case .levelShift(let shift, let from):
      return "level-shift \(NumberFormatting.exact(shift))@\(from)"
    case .analog(let spec): return "analog \(spec)"
    }
  }

  /// Parses `RATE@YEAR` (`0.03@2026` or `3%@2026`) as a growth uplift; the rate must be above
  /// -100% and at most 1000% (``ProjectionRequest/largestGrowth``).
  ///
  /// - Throws: ``StatisticsError`` (`badRequest`) saying what the form is.
  public static func growthUplift(parsing text: String) throws -> ProjectionAdjustment {
    let (rate, year) = try rateAtYear(
      text, what: "uplift", largest: ProjectionRequest.largestGrowth, largestText: "1000%")
    return .growthUplift(rate: rate, from: year)
  }

  /// Parses `SHIFT@YEAR` (`0.10@2027` or `10%@2027`) as a level shift; the shift must be above
  /// -100% and at most 10000% (``ProjectionRequest/largestLevelShift``).
  ///
  /// - Throws: ``StatisticsError`` (`badRequest`) saying what the form is.
  public static func levelShift(parsing text: String) throws -> ProjectionAdjustment {
    let (shift, year) = try rateAtYear(
      text, what: "level shift", largest: ProjectionRequest.largestLevelShift,
      largestText: "10000%")
    return .levelShift(shift: shift, from: year)
  }

  /// `RATE@YEAR` with the rate above -100% and at most `largest` (`largestText` in messages),
  /// refused with `text` as written.
  private static func rateAtYear(
    _ text: String, what: String, largest: Double, largestText: String
  ) throws -> (Double, Int) {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 2, let rate = ValueParsing.rate(parts[0]), rate > -1, rate <= largest,
      let year = ValueParsing.integer(parts[1]), (1...9999).contains(year)
    else {
      throw StatisticsError(
        .badRequest,
        "the \(what) \(InputError.quoted(text)) is not RATE@YEAR with a rate above -100% and at "
          + "most \(largestText) (for example 0.03@2026 or 3%@2026)")
    }
    return (rate, year)
  }
}

/// An adjustment with its analog growth looked up, ready to apply.
struct ResolvedAdjustment: Sendable {
  let adjustment: ProjectionAdjustment
  /// The analog's compound growth, for `.analog`.
  let analogGrowth: Double?

  init(_ adjustment: ProjectionAdjustment, dataset: FilingDataset) throws {
    self.adjustment = adjustment
    if case .analog(let spec) = adjustment {
      analogGrowth = try spec.growthRate(in: dataset)
    } else {
      analogGrowth = nil
    }
  }

  /// Applies the adjustment to one path of the years `lastYear + 1 ...` (level scale), given
  /// the observed value in `lastYear` and the current point forecast `point`.
  func apply(
    to path: UnsafeMutableBufferPointer<Double>, lastYear: Int, lastValue: Double,
    point: [Double]
  ) {
    switch adjustment {
    case .growthUplift(let rate, let from):
      var previousOld = lastValue
      var previousNew = lastValue
      for h in path.indices {
        let old = path[h]
        if lastYear + 1 + h >= from, previousOld > 0 {
          path[h] = previousNew * Swift.max(old / previousOld + rate, 0)
        }
        previousOld = old
        previousNew = path[h]
      }
    case .levelShift(let shift, let from):
      for h in path.indices where lastYear + 1 + h >= from { path[h] *= 1 + shift }
    case .analog:
      let growth = analogGrowth ?? 0
      for h in path.indices where point[h] > 0 {
        path[h] *= lastValue * pow(1 + growth, Double(h + 1)) / point[h]
      }
    }
  }
}
