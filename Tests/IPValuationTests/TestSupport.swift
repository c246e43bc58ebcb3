// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import IPCommon
import IPValuation

/// A date from ISO text, for tests.
func date(_ text: String) -> CalendarDate {
  guard let date = CalendarDate(iso8601: text) else { fatalError("bad test date \(text)") }
  return date
}

/// `|actual - expected| <= tolerance * max(|expected|, 1e-300)`.
func relativelyClose(_ actual: Double, _ expected: Double, _ tolerance: Double) -> Bool {
  abs(actual - expected) <= tolerance * max(abs(expected), 1e-300)
}

/// Foundation's Gregorian calendar in UTC: an implementation of dates independent of
/// IPCommon's `CalendarDate`, for checking legal expiries and remaining lives.
enum FoundationCalendar {
  static let calendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    return calendar
  }()

  static func date(_ text: String) -> Date {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
      ?? Date.distantPast
  }

  /// `text` plus `years` calendar years (Foundation clamps 29 February to 28 February).
  static func adding(years: Int, to text: String) -> Date {
    calendar.date(byAdding: .year, value: years, to: date(text)) ?? Date.distantPast
  }

  static func days(from start: Date, to end: Date) -> Int {
    calendar.dateComponents([.day], from: start, to: end).day ?? 0
  }

  static func iso(_ date: Date) -> String {
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
  }
}

/// The relief-from-royalty value, written out from the formula of the issue, term by term:
///
/// ```
/// N = ceil(L), w_k = 1 (k < N), w_N = L - (N - 1)
/// CF_k = w_k * (R0 (1+g)^k * r * (1-delta)^k - m) * (1 - tau)
/// V    = p_grant * sum_{k=1..N} CF_k * (1-h)^k / (1+d)^(k-0.5)
/// ```
func formulaValue(
  revenue: Double, growth: Double = 0, royalty: Double, obsolescence: Double = 0,
  maintenance: Double = 0, tax: Double = 0.2, grant: Double = 1, hazard: Double = 0,
  discount: Double, life: Double
) -> Double {
  guard life > 0 else { return 0 }
  let n = Int(life.rounded(.up))
  var total = 0.0
  for k in 1...n {
    let weight = k < n ? 1.0 : life - Double(n - 1)
    let kd = Double(k)
    let cashFlow =
      weight * (revenue * pow(1 + growth, kd) * royalty * pow(1 - obsolescence, kd) - maintenance)
      * (1 - tax)
    total += cashFlow * pow(1 - hazard, kd) / pow(1 + discount, kd - 0.5)
  }
  return grant * total
}

/// A VN invention with simple inputs, to be adjusted by tests; `grant` `""` (the default) grants
/// it on its filing date, `nil` leaves it pending.
func sampleAsset(
  id: String = "A1", right: IPRight = .invention, office: IPOffice = .vn,
  filing: String = "2015-03-10", grant: String? = "", grantProbability: Double = 1,
  revenue: Double = 1_000_000, growth: Double = 0.05, volatility: Double = 0,
  royalty: Double = 0.05, low: Double? = nil, high: Double? = nil, discount: Double? = 0.12,
  tax: Double = 0.2, life: Double? = nil, obsolescence: Double = 0, hazard: Double = 0,
  maintenance: Double = 0
) -> Asset {
  Asset(
    id: id, right: right, office: office, filingDate: date(filing),
    grantDate: grant.map { date($0.isEmpty ? filing : $0) },
    grantProbability: grantProbability, revenue: revenue, revenueGrowth: growth,
    revenueVolatility: volatility, royaltyRate: royalty, royaltyLow: low, royaltyHigh: high,
    discountRate: discount, taxRate: tax, economicLife: life, obsolescence: obsolescence,
    invalidityHazard: hazard, maintenanceCost: maintenance)
}

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryFile(_ text: String, name: String = "portfolio.csv") throws -> String {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("ipvaluation-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  let url = directory.appendingPathComponent(name)
  try Data(text.utf8).write(to: url)
  return url.path
}

/// One right on a deterministic revenue path (no volatility), written out from the issue's
/// formulas, independently of IPValuation's `ContinuationValue`: brute force over every
/// horizon instead of an envelope of lines.
struct ReferenceRight {
  var revenue: Double
  var growth = 0.0
  var royalty: Double
  var obsolescence = 0.0
  var maintenance = 0.0
  var tax = 0.2
  var hazard = 0.0
  var discount: Double
  /// `L`, the remaining life in years.
  var life: Double

  var years: Int { life > 0 ? Int(life.rounded(.up)) : 0 }

  func weight(_ k: Int) -> Double { k < years ? 1 : life - Double(years - 1) }

  /// `X_j = R0 (1+g)^j r (1-delta)^j`.
  func income(_ j: Int) -> Double {
    revenue * pow(1 + growth, Double(j)) * royalty * pow(1 - obsolescence, Double(j))
  }

  /// `E_j[CF_k] D_jk` with `X_j = x`.
  func term(_ j: Int, _ x: Double, _ k: Int) -> Double {
    let ahead = Double(k - j)
    let expected =
      weight(k) * (x * pow((1 + growth) * (1 - obsolescence), ahead) - maintenance) * (1 - tax)
    return expected * pow(1 - hazard, ahead) / pow(1 + discount, ahead - 0.5)
  }

  /// `C_j(x)` and the smallest horizon `n*` that attains it, over every `n` in `j...N`.
  func continuation(_ j: Int, _ x: Double) -> (value: Double, horizon: Int) {
    var best = (value: 0.0, horizon: j)
    var sum = 0.0
    for n in stride(from: j + 1, through: years, by: 1) {
      sum += term(j, x, n)
      if sum > best.value { best = (sum, n) }
    }
    return best
  }

  /// `V_s(j) = (1+d)^s sum_{k: k - 0.5 > j + s, k <= n*} E_j[CF_k] D_jk`.
  func sale(_ j: Int, _ x: Double, timeToSell s: Double) -> Double {
    let horizon = continuation(j, x).horizon
    var sum = 0.0
    for k in stride(from: j + 1, through: horizon, by: 1) where Double(k) - 0.5 > Double(j) + s {
      sum += term(j, x, k)
    }
    return pow(1 + discount, s) * sum
  }

  /// Whether the owner still holds the right at the end of year `j` (before deciding there):
  /// it was kept at every earlier year end, `C_i(X_i) > 0` for `i < j`.
  func held(at j: Int) -> Bool {
    (0..<j).allSatisfy { continuation($0, income($0)).value > 0 }
  }

  /// The value today, `C_0(X_0)` (granted, no hazard on the path).
  var value: Double { continuation(0, income(0)).value }
}

/// Paths inside the repository, for tests that read its example files.
enum RepositoryPaths {
  /// The package's root folder.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `relative` resolved against the package's root.
  static func repository(_ relative: String) -> String {
    root.appendingPathComponent(relative).path
  }
}
