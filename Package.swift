// swift-tools-version:6.0
// ipfin: a Swift toolkit for IP-backed finance on the GNU Scientific Library.
// SPDX-License-Identifier: GPL-3.0-or-later

import PackageDescription

let package = Package(
  name: "ipfin",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "ipfin", targets: ["ipfin"]),
    .library(name: "GSLKit", targets: ["GSLKit"]),
    .library(name: "IPCommon", targets: ["IPCommon"]),
    .library(name: "IPStatistics", targets: ["IPStatistics"]),
    .library(name: "IPValuation", targets: ["IPValuation"]),
    .library(name: "IPScenarios", targets: ["IPScenarios"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // The C bridge: GSL's headers plus static inline accessors for its global type pointers.
    .systemLibrary(
      name: "CGSL",
      pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
    ),
    // The only module that imports CGSL.
    .target(name: "GSLKit", dependencies: ["CGSL"]),
    // CSV with positions, atomic file output, rates and dates: shared by every module above GSLKit.
    .target(name: "IPCommon"),
    .target(
      name: "IPStatistics",
      dependencies: ["GSLKit", "IPCommon"],
      resources: [.copy("Resources/ip-filings.csv"), .copy("Resources/sources.csv")]
    ),
    .target(name: "IPValuation", dependencies: ["GSLKit", "IPCommon"]),
    .target(
      name: "IPScenarios",
      dependencies: [
        "IPStatistics", "IPValuation", "IPCommon", "GSLKit",
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    .executableTarget(
      name: "ipfin",
      dependencies: [
        "IPScenarios", "IPStatistics", "IPValuation", "IPCommon",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "GSLKitTests", dependencies: ["GSLKit"], exclude: ["Resources"]),
    .testTarget(name: "IPCommonTests", dependencies: ["IPCommon"]),
    .testTarget(
      name: "IPStatisticsTests", dependencies: ["IPStatistics", "GSLKit"], exclude: ["Models/Reference"]),
    .testTarget(name: "IPValuationTests", dependencies: ["IPValuation", "GSLKit"]),
    .testTarget(
      name: "IPScenariosTests",
      dependencies: ["IPScenarios", "IPStatistics", "IPValuation", "IPCommon"]),
    .testTarget(name: "ipfinTests", dependencies: ["ipfin", "IPCommon"], exclude: ["Expected"]),
  ],
  swiftLanguageModes: [.v6]
)
