// swift-tools-version:6.0
// Speed benchmarks for ipfin, kept out of the main package so that `make test` does not build
// them. Each benchmark executable prints its timings; the scripts next to it run the reference
// implementation in the same run and print the ratios. Run them all with `make bench`.
// SPDX-License-Identifier: GPL-3.0-or-later

import PackageDescription

let package = Package(
  name: "ipfin-benchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "ipfin", path: "..")],
  targets: [
    .executableTarget(
      name: "ProjectionBenchmark",
      dependencies: [
        .product(name: "IPStatistics", package: "ipfin"),
        .product(name: "GSLKit", package: "ipfin"),
      ]),
    .executableTarget(
      name: "EngineProfile",
      dependencies: [.product(name: "IPValuation", package: "ipfin")]),
    .executableTarget(
      name: "ValuationBenchmark",
      dependencies: [
        .product(name: "IPValuation", package: "ipfin"),
        .product(name: "GSLKit", package: "ipfin"),
      ]),
  ],
  swiftLanguageModes: [.v6]
)
