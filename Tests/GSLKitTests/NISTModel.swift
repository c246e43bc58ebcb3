// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A NIST StRD model `f(x; b)` with its analytic gradient in `b`, written from the `Model:`
/// line of its `.dat` file (`b1` there is `b[0]` here).
struct NISTModel: Sendable {
  typealias Value = @Sendable (_ x: [Double], _ b: [Double]) -> Double
  typealias Gradient = @Sendable (_ x: [Double], _ b: [Double], _ g: inout [Double]) -> Void

  let name: String
  let value: Value
  let gradient: Gradient
  /// The response the model predicts from the file's `y`: `y` itself, or `ln y` for Nelson.
  let response: @Sendable (Double) -> Double

  init(
    _ name: String, _ form: (value: Value, gradient: Gradient),
    response: @escaping @Sendable (Double) -> Double = { $0 }
  ) {
    self.name = name
    self.value = form.value
    self.gradient = form.gradient
    self.response = response
  }

  /// The 27 problems of NIST's nonlinear regression collection, lower, average and higher
  /// difficulty, in NIST's order.
  static let all: [NISTModel] = [
    NISTModel("Misra1a", exponentialRise),
    NISTModel("Chwirut2", chwirut),
    NISTModel("Chwirut1", chwirut),
    NISTModel("Lanczos3", threeExponentials),
    NISTModel("Gauss1", twoGaussians),
    NISTModel("Gauss2", twoGaussians),
    NISTModel("DanWood", power),
    NISTModel("Misra1b", misra1b),
    NISTModel("Kirby2", quadraticOverQuadratic),
    NISTModel("Hahn1", cubicOverCubic),
    NISTModel("Nelson", nelson, response: { log($0) }),
    NISTModel("MGH17", mgh17),
    NISTModel("Lanczos1", threeExponentials),
    NISTModel("Lanczos2", threeExponentials),
    NISTModel("Gauss3", twoGaussians),
    NISTModel("Misra1c", misra1c),
    NISTModel("Misra1d", misra1d),
    NISTModel("Roszman1", roszman1),
    NISTModel("ENSO", enso),
    NISTModel("MGH09", mgh09),
    NISTModel("Thurber", cubicOverCubic),
    NISTModel("BoxBOD", exponentialRise),
    NISTModel("Rat42", rat42),
    NISTModel("MGH10", mgh10),
    NISTModel("Eckerle4", eckerle4),
    NISTModel("Rat43", rat43),
    NISTModel("Bennett5", bennett5),
  ]

  /// Misra1a, BoxBOD: `y = b1 (1 - exp(-b2 x))`.
  static let exponentialRise: (value: Value, gradient: Gradient) = (
    { x, b in b[0] * (1 - exp(-b[1] * x[0])) },
    { x, b, g in
      let e = exp(-b[1] * x[0])
      g[0] = 1 - e
      g[1] = b[0] * x[0] * e
    }
  )

  /// Chwirut1, Chwirut2: `y = exp(-b1 x) / (b2 + b3 x)`.
  static let chwirut: (value: Value, gradient: Gradient) = (
    { x, b in exp(-b[0] * x[0]) / (b[1] + b[2] * x[0]) },
    { x, b, g in
      let e = exp(-b[0] * x[0])
      let d = b[1] + b[2] * x[0]
      g[0] = -x[0] * e / d
      g[1] = -e / (d * d)
      g[2] = -x[0] * e / (d * d)
    }
  )

  /// Lanczos1-3: `y = b1 exp(-b2 x) + b3 exp(-b4 x) + b5 exp(-b6 x)`.
  static let threeExponentials: (value: Value, gradient: Gradient) = (
    { x, b in b[0] * exp(-b[1] * x[0]) + b[2] * exp(-b[3] * x[0]) + b[4] * exp(-b[5] * x[0]) },
    { x, b, g in
      for k in stride(from: 0, to: 6, by: 2) {
        let e = exp(-b[k + 1] * x[0])
        g[k] = e
        g[k + 1] = -b[k] * x[0] * e
      }
    }
  )

  /// Gauss1-3: `y = b1 exp(-b2 x) + b3 exp(-(x - b4)^2 / b5^2) + b6 exp(-(x - b7)^2 / b8^2)`.
  static let twoGaussians: (value: Value, gradient: Gradient) = (
    { x, b in
      let u = (x[0] - b[3]) / b[4]
      let v = (x[0] - b[6]) / b[7]
      return b[0] * exp(-b[1] * x[0]) + b[2] * exp(-u * u) + b[5] * exp(-v * v)
    },
    { x, b, g in
      let e = exp(-b[1] * x[0])
      g[0] = e
      g[1] = -b[0] * x[0] * e
      for (height, centre) in [(2, 3), (5, 6)] {
        let width = centre + 1
        let u = (x[0] - b[centre]) / b[width]
        let bump = exp(-u * u)
        g[height] = bump
        g[centre] = b[height] * bump * 2 * u / b[width]
        g[width] = b[height] * bump * 2 * u * u / b[width]
      }
    }
  )

  /// DanWood: `y = b1 x^b2`.
  static let power: (value: Value, gradient: Gradient) = (
    { x, b in b[0] * pow(x[0], b[1]) },
    { x, b, g in
      let p = pow(x[0], b[1])
      g[0] = p
      g[1] = b[0] * p * log(x[0])
    }
  )

  /// Misra1b: `y = b1 (1 - (1 + b2 x / 2)^-2)`.
  static let misra1b: (value: Value, gradient: Gradient) = (
    { x, b in
      let d = 1 + b[1] * x[0] / 2
      return b[0] * (1 - 1 / (d * d))
    },
    { x, b, g in
      let d = 1 + b[1] * x[0] / 2
      g[0] = 1 - 1 / (d * d)
      g[1] = b[0] * x[0] / (d * d * d)
    }
  )

  /// Kirby2: `y = (b1 + b2 x + b3 x^2) / (1 + b4 x + b5 x^2)`.
  static let quadraticOverQuadratic: (value: Value, gradient: Gradient) = (
    { x, b in
      let t = x[0]
      return (b[0] + b[1] * t + b[2] * t * t) / (1 + b[3] * t + b[4] * t * t)
    },
    { x, b, g in
      let t = x[0]
      let numerator = b[0] + b[1] * t + b[2] * t * t
      let denominator = 1 + b[3] * t + b[4] * t * t
      g[0] = 1 / denominator
      g[1] = t / denominator
      g[2] = t * t / denominator
      g[3] = -t * numerator / (denominator * denominator)
      g[4] = -t * t * numerator / (denominator * denominator)
    }
  )

  /// Hahn1, Thurber: `y = (b1 + b2 x + b3 x^2 + b4 x^3) / (1 + b5 x + b6 x^2 + b7 x^3)`.
  static let cubicOverCubic: (value: Value, gradient: Gradient) = (
    { x, b in
      let t = x[0]
      return (b[0] + t * (b[1] + t * (b[2] + t * b[3]))) / (1 + t * (b[4] + t * (b[5] + t * b[6])))
    },
    { x, b, g in
      let t = x[0]
      let numerator = b[0] + t * (b[1] + t * (b[2] + t * b[3]))
      let denominator = 1 + t * (b[4] + t * (b[5] + t * b[6]))
      var power = 1.0
      for k in 0..<4 {
        g[k] = power / denominator
        power *= t
      }
      power = t
      for k in 4..<7 {
        g[k] = -power * numerator / (denominator * denominator)
        power *= t
      }
    }
  )

  /// Nelson: `ln y = b1 - b2 x1 exp(-b3 x2)`.
  static let nelson: (value: Value, gradient: Gradient) = (
    { x, b in b[0] - b[1] * x[0] * exp(-b[2] * x[1]) },
    { x, b, g in
      let e = exp(-b[2] * x[1])
      g[0] = 1
      g[1] = -x[0] * e
      g[2] = b[1] * x[0] * x[1] * e
    }
  )

  /// MGH17: `y = b1 + b2 exp(-x b4) + b3 exp(-x b5)`.
  static let mgh17: (value: Value, gradient: Gradient) = (
    { x, b in b[0] + b[1] * exp(-x[0] * b[3]) + b[2] * exp(-x[0] * b[4]) },
    { x, b, g in
      let e4 = exp(-x[0] * b[3])
      let e5 = exp(-x[0] * b[4])
      g[0] = 1
      g[1] = e4
      g[2] = e5
      g[3] = -x[0] * b[1] * e4
      g[4] = -x[0] * b[2] * e5
    }
  )

  /// Misra1c: `y = b1 (1 - (1 + 2 b2 x)^-1/2)`.
  static let misra1c: (value: Value, gradient: Gradient) = (
    { x, b in b[0] * (1 - 1 / (1 + 2 * b[1] * x[0]).squareRoot()) },
    { x, b, g in
      let d = 1 + 2 * b[1] * x[0]
      let s = 1 / d.squareRoot()
      g[0] = 1 - s
      g[1] = b[0] * x[0] * s / d
    }
  )

  /// Misra1d: `y = b1 b2 x / (1 + b2 x)`.
  static let misra1d: (value: Value, gradient: Gradient) = (
    { x, b in b[0] * b[1] * x[0] / (1 + b[1] * x[0]) },
    { x, b, g in
      let d = 1 + b[1] * x[0]
      g[0] = b[1] * x[0] / d
      g[1] = b[0] * x[0] / (d * d)
    }
  )

  /// Roszman1: `y = b1 - b2 x - arctan(b3 / (x - b4)) / pi`.
  static let roszman1: (value: Value, gradient: Gradient) = (
    { x, b in b[0] - b[1] * x[0] - atan(b[2] / (x[0] - b[3])) / Double.pi },
    { x, b, g in
      let d = x[0] - b[3]
      let q = 1 / (d * d + b[2] * b[2])
      g[0] = 1
      g[1] = -x[0]
      g[2] = -d * q / Double.pi
      g[3] = -b[2] * q / Double.pi
    }
  )

  /// ENSO: `y = b1 + b2 cos(2 pi x / 12) + b3 sin(2 pi x / 12) + b5 cos(2 pi x / b4)
  /// + b6 sin(2 pi x / b4) + b8 cos(2 pi x / b7) + b9 sin(2 pi x / b7)`.
  static let enso: (value: Value, gradient: Gradient) = (
    { x, b in
      let t = 2 * Double.pi * x[0]
      return b[0] + b[1] * cos(t / 12) + b[2] * sin(t / 12) + b[4] * cos(t / b[3])
        + b[5] * sin(t / b[3]) + b[7] * cos(t / b[6]) + b[8] * sin(t / b[6])
    },
    { x, b, g in
      let t = 2 * Double.pi * x[0]
      g[0] = 1
      g[1] = cos(t / 12)
      g[2] = sin(t / 12)
      for period in [3, 6] {
        let c = cos(t / b[period])
        let s = sin(t / b[period])
        g[period + 1] = c
        g[period + 2] = s
        g[period] = (b[period + 1] * s - b[period + 2] * c) * t / (b[period] * b[period])
      }
    }
  )

  /// MGH09: `y = b1 (x^2 + x b2) / (x^2 + x b3 + b4)`.
  static let mgh09: (value: Value, gradient: Gradient) = (
    { x, b in
      let t = x[0]
      return b[0] * (t * t + t * b[1]) / (t * t + t * b[2] + b[3])
    },
    { x, b, g in
      let t = x[0]
      let numerator = t * t + t * b[1]
      let denominator = t * t + t * b[2] + b[3]
      g[0] = numerator / denominator
      g[1] = b[0] * t / denominator
      g[2] = -b[0] * numerator * t / (denominator * denominator)
      g[3] = -b[0] * numerator / (denominator * denominator)
    }
  )

  /// Rat42: `y = b1 / (1 + exp(b2 - b3 x))`.
  static let rat42: (value: Value, gradient: Gradient) = (
    { x, b in b[0] / (1 + exp(b[1] - b[2] * x[0])) },
    { x, b, g in
      let e = exp(b[1] - b[2] * x[0])
      let d = 1 + e
      g[0] = 1 / d
      g[1] = -b[0] * e / (d * d)
      g[2] = b[0] * e * x[0] / (d * d)
    }
  )

  /// MGH10: `y = b1 exp(b2 / (x + b3))`.
  static let mgh10: (value: Value, gradient: Gradient) = (
    { x, b in b[0] * exp(b[1] / (x[0] + b[2])) },
    { x, b, g in
      let d = x[0] + b[2]
      let e = exp(b[1] / d)
      g[0] = e
      g[1] = b[0] * e / d
      g[2] = -b[0] * e * b[1] / (d * d)
    }
  )

  /// Eckerle4: `y = (b1 / b2) exp(-((x - b3) / b2)^2 / 2)`.
  static let eckerle4: (value: Value, gradient: Gradient) = (
    { x, b in
      let u = (x[0] - b[2]) / b[1]
      return b[0] / b[1] * exp(-0.5 * u * u)
    },
    { x, b, g in
      let u = (x[0] - b[2]) / b[1]
      let e = exp(-0.5 * u * u)
      g[0] = e / b[1]
      g[1] = b[0] * e * (u * u - 1) / (b[1] * b[1])
      g[2] = b[0] * e * u / (b[1] * b[1])
    }
  )

  /// Rat43: `y = b1 / (1 + exp(b2 - b3 x))^(1 / b4)`.
  static let rat43: (value: Value, gradient: Gradient) = (
    { x, b in b[0] / pow(1 + exp(b[1] - b[2] * x[0]), 1 / b[3]) },
    { x, b, g in
      let e = exp(b[1] - b[2] * x[0])
      let d = 1 + e
      let p = pow(d, -1 / b[3])
      g[0] = p
      g[1] = -b[0] * p * e / (d * b[3])
      g[2] = b[0] * p * e * x[0] / (d * b[3])
      g[3] = b[0] * p * log(d) / (b[3] * b[3])
    }
  )

  /// Bennett5: `y = b1 (b2 + x)^(-1 / b3)`.
  static let bennett5: (value: Value, gradient: Gradient) = (
    { x, b in b[0] * pow(b[1] + x[0], -1 / b[2]) },
    { x, b, g in
      let d = b[1] + x[0]
      let p = pow(d, -1 / b[2])
      g[0] = p
      g[1] = -b[0] * p / (b[2] * d)
      g[2] = b[0] * p * log(d) / (b[2] * b[2])
    }
  )
}
