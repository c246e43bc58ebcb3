// swift-tools-version:6.0
// Coverage-guided fuzz targets for ipfin's readers, kept out of the main package so that a plain
// `swift build` never meets them. `scripts/fuzz.sh` (run by `make fuzz` and, briefly, by
// `make test`) builds this package with libFuzzer and AddressSanitizer in `.build-fuzz` and runs
// each target; see docs/fuzzing.md.
// SPDX-License-Identifier: GPL-3.0-or-later

import PackageDescription

let package = Package(
  name: "ipfin-fuzz",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "ipfin", path: "..")],
  targets: [
    .executableTarget(
      name: "ipfin-fuzz",
      dependencies: [
        .product(name: "IPCommon", package: "ipfin"),
        .product(name: "IPStatistics", package: "ipfin"),
        .product(name: "IPValuation", package: "ipfin"),
        .product(name: "IPScenarios", package: "ipfin"),
      ])
  ],
  swiftLanguageModes: [.v6]
)
